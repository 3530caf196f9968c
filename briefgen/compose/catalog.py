"""Audiences and lengths, read from ``catalog.yaml`` beside the templates.

Adding an audience or a length, or pointing an audience at another template, is an edit to that
file (plus a template); no code changes. A user templates folder may carry its own
``catalog.yaml``, which replaces the built-in one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ..errors import Collector, ContentError
from ..content.model import Id, Strict, Text
from ..content.schema_errors import validate
from ..content.yamlsafe import read_yaml

LAYERS = ("headline", "summary", "detail", "plain")
Layer = Literal["headline", "summary", "detail", "plain"]
TemplateName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.j2$")]
Switch = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,40}$")]
CssName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.css$")]


class Length(Strict):
    """A length: a hard page budget (both formats) and optionally a word budget for the body."""

    label: Text
    description: Text = ""
    max_pages: Annotated[int, Field(ge=1, le=50)]
    max_words: Annotated[int, Field(ge=20)] | None = None


class Layout(Strict):
    """What an audience's template shows at one length."""

    layer: Layer  # the fullest item layer; the fit loop steps down from it
    min_layer: Layer | None = None  # how far the fit loop may step down before dropping items
    min_items: Annotated[int, Field(ge=1)] = 3
    max_items: Annotated[int, Field(ge=1)] | None = None
    sections: list[Switch] = []  # switches the template reads, e.g. timeline, what_changed
    max_changes: Annotated[int, Field(ge=0)] | None = None
    max_watch: Annotated[int, Field(ge=0)] | None = None
    max_events: Annotated[int, Field(ge=0)] | None = 12  # timeline events shown (the most recent); none: all
    note_quotes: bool = False  # numbered notes quote the source passage

    @model_validator(mode="after")
    def _layers_in_order(self):
        if self.min_layer and LAYERS.index(self.min_layer) > LAYERS.index(self.layer):
            raise ValueError(f"min_layer '{self.min_layer}' is fuller than layer '{self.layer}'")
        return self


class Audience(Strict):
    label: Text
    reader: Text  # who this brief is for, one line
    template: TemplateName
    stylesheet: CssName = "brief.css"
    acronyms: Literal["first-use", "spell-out"] = "first-use"
    notes: Literal["none", "source-line", "numbered"] = "source-line"
    plain: bool = False  # use the plain-language layer
    layouts: dict[Id, Layout]


class CatalogFile(Strict):
    lengths: dict[Id, Length]
    audiences: dict[Id, Audience]
    fit_slack: Annotated[float, Field(ge=0, le=0.5)] = 0.04  # room kept free for Word/LibreOffice


@dataclass
class Catalog:
    """The validated catalog plus where it came from."""

    path: Path
    lengths: dict[str, Length]
    audiences: dict[str, Audience]
    fit_slack: float

    def layout(self, audience: str, length: str) -> Layout:
        return self.audiences[audience].layouts[length]


def load_catalog(path: Path, exists=None) -> Catalog:
    """Read and validate ``catalog.yaml``; every audience must lay out every length. With
    ``exists(name)``, every template and stylesheet the catalog names must exist too."""
    problems = Collector()
    doc = read_yaml(path, str(path), problems)
    parsed = validate(CatalogFile, doc, problems) if doc else None
    if parsed is not None:
        for name, audience in parsed.audiences.items():
            for key in ("template", "stylesheet"):
                wanted = getattr(audience, key)
                if exists is not None and not exists(wanted):
                    problems.error(doc.file, doc.line(("audiences", name, key)), f"audiences.{name}.{key}",
                                   f"no {key} '{wanted}' in the templates folders")
            for length in parsed.lengths:
                if length not in audience.layouts:
                    problems.error(
                        doc.file, doc.line(("audiences", name, "layouts")), f"audiences.{name}.layouts",
                        f"no layout for length '{length}'",
                    )
            for length in audience.layouts:
                if length not in parsed.lengths:
                    problems.error(
                        doc.file, doc.line(("audiences", name, "layouts", length)),
                        f"audiences.{name}.layouts.{length}",
                        f"unknown length '{length}' (known: {', '.join(parsed.lengths)})",
                    )
    problems.raise_if_errors(ContentError)
    assert parsed is not None
    return Catalog(path, parsed.lengths, parsed.audiences, parsed.fit_slack)
