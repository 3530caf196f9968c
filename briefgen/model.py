"""The content schema: what a dossier holds, field by field (documented in docs/content.md).

A dossier is a folder of YAML files. Every file is a ``Part``: a mapping whose top-level keys are
sections (``dossier``, ``items``, ``timeline``, ...). Lists from several files are joined, so an
author may keep everything in one file or split it however reads best. ``load`` validates each
file against ``Part``, then joins the parts into a ``Dossier``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from .paths import ID_PATTERN
from .text import WHEN_PATTERN, bad_character, normalise, sentences, word_count


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

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""Identifiers: lower-case letters, digits and hyphens."""

When = Annotated[str, StringConstraints(pattern=WHEN_PATTERN)]
"""A date as the source gives it: ``1960s``, ``2021``, ``2021-11`` or ``2021-11-05``."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)
    _where: tuple = PrivateAttr(default=())  # (YamlDoc, loc) set by load


class Source(Strict):
    """Provenance: a verbatim passage of one edition that supports the claim."""

    edition: Id
    quote: Text = Field(min_length=12)


Sources = Annotated[list[Source], Field(min_length=1)]


class Product(Strict):
    series: Text  # e.g. CRS In Focus
    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
    publisher: Text  # e.g. Congressional Research Service
    publisher_short: Text | None = None  # e.g. CRS


class Edition(Strict):
    id: Id
    date: date
    title: Text
    file: str  # path under the dossier's sources/ folder
    label: Text | None = None  # how briefs name it, e.g. "updated Sept. 13, 2023"
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    # Web captures carry page chrome; quotes must come from between these markers.
    report_starts_after: Text | None = None
    report_ends_before: Text | None = None

    @field_validator("file")
    @classmethod
    def _under_sources(cls, value: str) -> str:
        p = Path(value)
        if p.is_absolute() or ".." in p.parts or not p.parts or p.parts[0] != "sources":
            raise ValueError(f"must be a path inside sources/ (got '{value}')")
        return value


class Readability(Strict):
    plain_max_grade: float = 8.0
    plain_max_sentence_words: float = 20.0


class Meta(Strict):
    """Dossier metadata (the ``dossier:`` section; exactly one file holds it)."""

    title: Text
    subtitle: Text
    topic: Text
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "en-US"
    author: Text
    keywords: list[Text] = []
    as_of: date
    product: Product
    editions: Annotated[list[Edition], Field(min_length=1)]
    readability: Readability = Readability()


class Item(Strict):
    """A key finding, in layers from shortest to longest, plus a plain-language layer."""

    id: Id
    topic: Id
    priority: Annotated[int, Field(ge=1, le=99)]  # 1 = most important, dropped last
    headline: Text
    summary: Text
    detail: Text
    plain: Text
    sources: Sources

    @field_validator("headline")
    @classmethod
    def _short_headline(cls, value: str) -> str:
        n = word_count(value)
        if n > 12:
            raise ValueError(f"at most 12 words (got {n})")
        return value

    @field_validator("summary")
    @classmethod
    def _one_sentence(cls, value: str) -> str:
        n = len(sentences(value))
        if n != 1:
            raise ValueError(f"must be one sentence (got {n})")
        return value


class Point(Strict):
    """A framing statement (bottom line, why it matters, a point to watch)."""

    text: Text
    plain: Text | None = None
    sources: Sources


class Event(Strict):
    """A dated timeline event."""

    when: When
    text: Text
    short: Annotated[Text, Field(max_length=64)]  # the label in the timeline figure
    sources: Sources


class Term(Strict):
    """A glossary entry: spelled out at first use, short form after."""

    term: Annotated[str, StringConstraints(pattern=r"^\S(.*\S)?$", max_length=40)]
    expansion: Text
    definition: Text | None = None
    sources: Sources


class Change(Strict):
    """What a later edition adds, drops or changes, with the quotes from each edition involved."""

    id: Id
    kind: Literal["added", "dropped", "changed"]
    priority: Annotated[int, Field(ge=1, le=99)] = 50
    text: Text
    sources: Sources


class Part(Strict):
    """One YAML file of a dossier: any subset of the sections."""

    dossier: Meta | None = None
    bottom_line: Point | None = None
    why_it_matters: Point | None = None
    what_to_watch: list[Point] = []
    items: list[Item] = []
    timeline: list[Event] = []
    glossary: list[Term] = []
    changes: list[Change] = []


SINGLE_SECTIONS = ("dossier", "bottom_line", "why_it_matters")
LIST_SECTIONS = ("what_to_watch", "items", "timeline", "glossary", "changes")


@dataclass
class Dossier:
    """A whole dossier, joined from its parts and cross-checked."""

    id: str
    folder: Path
    meta: Meta
    bottom_line: Point | None = None
    why_it_matters: Point | None = None
    what_to_watch: list[Point] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # edition id -> report text

    def edition(self, edition_id: str) -> Edition:
        return next(e for e in self.meta.editions if e.id == edition_id)

    @property
    def latest(self) -> Edition:
        return max(self.meta.editions, key=lambda e: e.date)

    @property
    def earliest(self) -> Edition:
        return min(self.meta.editions, key=lambda e: e.date)


# --- memos ------------------------------------------------------------------------------------


class BriefRef(Strict):
    """An attachment that is a briefgen brief."""

    dossier: Id
    audience: Id
    length: Id
    format: Literal["pdf", "docx"] = "pdf"


class MemoAttachment(Strict):
    """One attachment: a brief, or a file (path relative to the memo file)."""

    brief: BriefRef | None = None
    file: str | None = None
    title: Text | None = None  # defaults to the brief's dossier title or the file name

    @field_validator("file")
    @classmethod
    def _relative(cls, value: str | None) -> str | None:
        if value is not None and (Path(value).is_absolute() or ".." in Path(value).parts):
            raise ValueError(f"must be a path inside the memos folder (got '{value}')")
        return value

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.brief is None) == (self.file is None):
            raise ValueError("give either 'brief' or 'file'")
        return self


class MemoEmail(Strict):
    sender: Text = Field(alias="from")
    to: list[Text] = []
    cc: list[Text] = []


class Memo(Strict):
    """An info or action memo that carries briefs as tabs."""

    kind: Literal["info", "action"]
    date: date
    for_: Text | None = Field(default=None, alias="for")
    to: Text | None = None
    through: Text | None = None
    from_: Text = Field(alias="from")
    subject: Text
    bottom_line: Text
    body: Annotated[list[Text], Field(min_length=1)]
    recommendation: Text | None = None
    decision_by: date | None = None
    prepared_by: Text
    coordination: list[Text] = []
    attachments: Annotated[list[MemoAttachment], Field(min_length=1)]
    email: MemoEmail | None = None

    @field_validator("bottom_line")
    @classmethod
    def _short_bottom_line(cls, value: str) -> str:
        n = word_count(value)
        if n > 60:
            raise ValueError(f"at most 4 lines (about 60 words); got {n} words")
        return value

    @model_validator(mode="after")
    def _kind_rules(self):
        if (self.for_ is None) == (self.to is None):
            raise ValueError("give exactly one of 'for' and 'to'")
        if self.kind == "action" and (self.recommendation is None or self.decision_by is None):
            raise ValueError("an action memo needs 'recommendation' and 'decision_by'")
        if self.kind == "info" and (self.recommendation is not None or self.decision_by is not None):
            raise ValueError("an info memo has no 'recommendation' or 'decision_by'; make it an action memo")
        return self


class MemoFile(Strict):
    memo: Memo
