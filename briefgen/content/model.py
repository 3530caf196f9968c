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
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .model_types import (  # noqa: F401 - the schema's types, used by content readers too
    _clean,
    Text,
    _required_unless_draft,
    DraftText,
    Short,
    ShortDraft,
    Id,
    When,
    Strict,
    draft_mark,
    WordingKind,
    Layered,
    Source,
    Sources,
)
from ..text import sentences, word_count


class Product(Strict):
    series: Short(100)  # e.g. CRS In Focus
    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
    publisher: Short(200)  # e.g. Congressional Research Service
    publisher_short: Short(40) | None = None  # e.g. CRS


Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


def _under_sources(value: str | None) -> str | None:
    if value is None:
        return value
    p = Path(value)
    if p.is_absolute() or ".." in p.parts or not p.parts or p.parts[0] != "sources":
        raise ValueError(f"must be a path inside sources/ (got '{value}')")
    return value


SourcePath = Annotated[str, AfterValidator(_under_sources)]


class ReadFrom(Strict):
    """The report file a capture was read from by ``briefgen distill``/``update``."""

    file: Text  # its name when it was read
    sha256: Sha256
    format: Literal["txt", "html", "pdf", "docx"]
    reader: Text  # the library that read it, with its version


class Capture(Strict):
    """One captured text of an edition: where it came from and how faithful it is."""

    file: SourcePath
    sha256: Sha256 | None = None
    # publisher: the publisher's own copy; library: a catalogue or library record quoting it;
    # repost: someone else's copy (a news site, a blog); unknown: not yet established
    origin: Literal["publisher", "library", "repost", "unknown"] = "unknown"
    by: Text | None = None  # who published the capture, e.g. "a news site"
    retrieved: date | None = None  # when that copy was posted or retrieved
    fidelity: Literal["verbatim", "reworded", "unknown"] = "unknown"
    partial: bool = False  # holds only part of the report (e.g. its opening paragraph)
    note: Text | None = None
    read_from: ReadFrom | None = None
    # Web captures carry page chrome; quotes must come from between these markers.
    report_starts_after: Text | None = None
    report_ends_before: Text | None = None


class Edition(Strict):
    id: Id
    date: date
    title: Short(300)
    label: Short(100) | None = None  # how briefs name it, e.g. "updated Sept. 13, 2023"
    # the publisher's version number, where two editions share a date (CRS re-issues a
    # version with corrections under the same date): it orders them
    version: int | None = None
    # One capture may be given inline (file, sha256, markers) or several under ``captures``.
    file: SourcePath | None = None
    sha256: Sha256 | None = None
    report_starts_after: Text | None = None
    report_ends_before: Text | None = None
    captures: list[Capture] = []

    @model_validator(mode="after")
    def _one_way(self):
        inline = self.file is not None
        if inline == bool(self.captures):
            raise ValueError("give either 'file' (one capture) or 'captures' (a list), not both or neither")
        if not inline and (self.sha256 or self.report_starts_after or self.report_ends_before):
            raise ValueError("with 'captures', give sha256 and markers on each capture")
        return self

    @property
    def order(self) -> tuple[date, int]:
        """Sort key: by date, then by version where dates tie."""
        return (self.date, self.version or 0)

    @property
    def all_captures(self) -> list[Capture]:
        """Every capture; an inline ``file`` is one capture of unknown origin."""
        if self.captures:
            return list(self.captures)
        cap = Capture(file=self.file, sha256=self.sha256, report_starts_after=self.report_starts_after,
                      report_ends_before=self.report_ends_before)
        cap._where = self._where
        return [cap]


class Readability(Strict):
    plain_max_grade: float = 8.0
    plain_max_sentence_words: float = 20.0


class Meta(Strict):
    """Dossier metadata (the ``dossier:`` section; exactly one file holds it)."""

    title: Short(200)
    draft: bool = False  # made by ``briefgen distill``: to-dos remain for a person
    subtitle: ShortDraft(300)
    topic: ShortDraft(1000)
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "en-US"
    author: ShortDraft(200)
    keywords: Annotated[list[Short(100)], Field(max_length=50)] = []
    as_of: date
    product: Product
    editions: Annotated[list[Edition], Field(min_length=1)]
    readability: Readability = Readability()

    _draft_fields = field_validator("subtitle", "topic", "author")(_required_unless_draft)


class Item(Layered):
    """A key finding, in layers from shortest to longest, plus a plain-language layer."""

    LAYERS: ClassVar[tuple[str, ...]] = ("headline", "summary", "detail", "plain")

    id: Id
    topic: Id
    priority: Annotated[int, Field(ge=1, le=99)]  # 1 = most important, dropped last
    headline: DraftText
    summary: Text
    detail: Text
    plain: DraftText
    sources: Sources

    _draft_fields = field_validator("headline", "plain")(_required_unless_draft)

    @field_validator("headline")
    @classmethod
    def _short_headline(cls, value: str | None) -> str | None:
        if value is None:
            return value
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


class Point(Layered):
    """A framing statement (bottom line, why it matters, a point to watch)."""

    LAYERS: ClassVar[tuple[str, ...]] = ("text", "plain")

    text: Text
    plain: Text | None = None
    sources: Sources


class Event(Layered):
    """A dated timeline event."""

    LAYERS: ClassVar[tuple[str, ...]] = ("text", "short")

    when: When
    text: Text
    short: Annotated[Text | None, Field(default=None, max_length=64, validate_default=True)]  # figure label
    sources: Sources

    _draft_fields = field_validator("short")(_required_unless_draft)


class Term(Strict):
    """A glossary entry: spelled out at first use, short form after."""

    term: Annotated[str, StringConstraints(pattern=r"^\S(.*\S)?$", max_length=40)]
    expansion: Text
    definition: Text | None = None
    sources: Sources


class Change(Layered):
    """What a later edition adds, drops or changes, with the quotes from each edition involved."""

    LAYERS: ClassVar[tuple[str, ...]] = ("text",)

    id: Id
    kind: Literal["added", "dropped", "changed"]
    priority: Annotated[int, Field(ge=1, le=99)] = 50
    text: Text
    # A change of wording that rests on a reworded capture proves nothing: keep it only as
    # unverified (briefs say so) or drop it.
    unverified: bool = False
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
    todo: list[Text] = []  # what a person still has to do (written by ``briefgen distill``)


SINGLE_SECTIONS = ("dossier", "bottom_line", "why_it_matters")
LIST_SECTIONS = ("what_to_watch", "items", "timeline", "glossary", "changes", "todo")


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
    todo: list[str] = field(default_factory=list)
    todo_at: list[tuple[str, int, str, str]] = field(default_factory=list)  # (file, line, field, text)
    declared: dict[str, tuple[str, int]] = field(default_factory=dict)  # section -> (file, line) of its key
    files: list[Path] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # edition id -> report text (main capture)
    captures: dict[str, list] = field(default_factory=dict)  # edition id -> [(Capture, SourceText)]
    reworded: set[str] = field(default_factory=set)  # capture files shown by comparison to be reworded

    def edition(self, edition_id: str) -> Edition:
        return next(e for e in self.meta.editions if e.id == edition_id)

    @property
    def latest(self) -> Edition:
        return max(self.meta.editions, key=lambda e: e.order)

    @property
    def earliest(self) -> Edition:
        return min(self.meta.editions, key=lambda e: e.order)

    @property
    def ordered(self) -> list[str]:
        """Edition ids, oldest first."""
        return [e.id for e in sorted(self.meta.editions, key=lambda e: e.order)]

    def span(self, change: Change) -> tuple[str, str] | None:
        """The two editions (older, newer) a change compares, from its quotes: an addition quotes
        the newer one (compared with the edition before it), a drop the older one (compared with
        the edition after it), a rewording both. None when the quotes fit no pair (``check``
        reports that)."""
        order = self.ordered
        index = {e: i for i, e in enumerate(order)}
        cited = sorted({index[s.edition] for s in change.sources if s.edition in index})
        if not cited:
            return None
        if change.kind == "added" and len(cited) == 1 and cited[0] > 0:
            return order[cited[0] - 1], order[cited[0]]
        if change.kind == "dropped" and len(cited) == 1 and cited[0] < len(order) - 1:
            return order[cited[0]], order[cited[0] + 1]
        if change.kind == "changed" and len(cited) == 2:
            return order[cited[0]], order[cited[1]]
        return None

    @property
    def current_changes(self) -> list[Change]:
        """Changes between the previous and the newest edition: what a brief's box reports.
        Changes between older editions stay in the file as history."""
        order = self.ordered
        if len(order) < 2:
            return []
        return [c for c in self.changes if self.span(c) == (order[-2], order[-1])]
