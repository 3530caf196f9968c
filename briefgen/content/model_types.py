"""The content schema's building blocks: text fields with their limits, ids, the strict base
model, layered text (summary, plain, headline and their drafted marks) and sources. ``model``
builds the dossier's sections from them."""

from __future__ import annotations

import hashlib
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ..paths import ID_PATTERN
from ..text import WHEN_PATTERN, bad_character, normalise


def _clean(value: str) -> str:
    problem = bad_character(value)
    if problem:
        raise ValueError(problem)
    value = normalise(value)
    if not value:
        raise ValueError("must not be empty")
    return value


Text = Annotated[str, AfterValidator(_clean)]
"""Prose: checked for forbidden characters, NFC-normalised, whitespace folded."""


def _required_unless_draft(value, info: ValidationInfo):
    """A field a finished dossier must have; a draft (``dossier.draft: true``) may leave it for a
    person, and ``briefgen check`` lists it as a to-do."""
    if value is None and not (info.context or {}).get("draft"):
        raise PydanticCustomError("missing", "Field required")
    return value


DraftText = Annotated[Text | None, Field(default=None, validate_default=True)]
"""Text a draft may still lack (a headline, the plain layer): required once the draft is done."""


def Short(limit: int):  # noqa: N802 - a type factory
    """Text of at most ``limit`` characters: names and titles that also become document
    metadata and running heads (a 5,000-character title fits no page)."""
    return Annotated[Text, Field(max_length=limit)]


def ShortDraft(limit: int):  # noqa: N802
    return Annotated[Text | None, Field(default=None, max_length=limit, validate_default=True)]

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""Identifiers: lower-case letters, digits and hyphens."""

When = Annotated[str, StringConstraints(pattern=WHEN_PATTERN)]
"""A date as the source gives it: ``1960s``, ``2021``, ``2021-11`` or ``2021-11-05``."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)
    _where: tuple = PrivateAttr(default=())  # (YamlDoc, loc) set by load


def draft_mark(text: str) -> str:
    """A machine draft's mark (``drafted: {layer: mark}``): an edit changes it, the text is a person's."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:8]


WordingKind = Literal["hedge", "attribution", "negation", "certainty"]
"""What the wording lint checks (briefgen/wording/, docs/wording.md)."""


class Layered(Strict):
    """An entry with authored layers the wording lint compares with its quotes.

    ``keeps`` is a reviewed exemption: the layer keeps the quote's meaning in other words.
    ``keeps: [hedge]`` exempts every layer of the entry from the hedge check;
    ``keeps: {plain: [hedge]}`` only the named layer. ``briefgen check`` lists each exemption."""

    LAYERS: ClassVar[tuple[str, ...]] = ()
    keeps: list[WordingKind] | dict[str, list[WordingKind]] = []
    # machine-drafted layers (``briefgen distill``, ``briefgen draft``): layer -> mark of the drafted text
    drafted: dict[str, Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]] = {}

    @field_validator("keeps", "drafted")
    @classmethod
    def _known_layers(cls, value):
        if isinstance(value, dict):
            unknown = [k for k in value if k not in cls.LAYERS]
            if unknown:
                raise ValueError(f"unknown layer '{unknown[0]}' (layers: {', '.join(cls.LAYERS)})")
        return value

    def is_drafted(self, layer: str) -> bool:
        """Whether ``layer`` is still the machine's draft (its text matches its mark)."""
        text = getattr(self, layer, None)
        return bool(text) and layer in self.drafted and self.drafted[layer] == draft_mark(text)

    def kept(self, layer: str) -> tuple[str, ...]:
        """Kinds the wording lint does not report for ``layer``."""
        if isinstance(self.keeps, dict):
            return tuple(self.keeps.get(layer, ()))
        return tuple(self.keeps)


class Source(Strict):
    """Provenance: a verbatim passage of one edition that supports the claim."""

    edition: Id
    quote: Text = Field(min_length=12)


Sources = Annotated[list[Source], Field(min_length=1)]
