"""Distill: report files -> a draft dossier that ``briefgen check`` verifies and ``build`` renders.

``distill(options)`` reads each report file (one edition each) with the ingest readers, finds what
the captures state about themselves (date, title, publisher, series, code — options fill the
gaps, nothing is invented), and writes ``content/<dossier>/``: the captured texts in ``sources/``
pinned by sha256, and YAML whose every entry quotes the report verbatim (glossary from the
definitions the text gives, every dated statement, ranked candidate key points, the opening as a
stand-in bottom line). What needs a person is left as a to-do that ``briefgen check`` lists.

The draft is written to a staging folder, loaded and verified there, and only then moved into
place: a failure leaves ``content/`` as it was, and an existing dossier is replaced only with
``force``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..build.signals import INTERRUPT
from ..errors import BuildError, Collector, Problem, ReportError, display_path
from ..ingest import Captured, read_report
from ..ingest.meta import EditionMeta, describe
from ..paths import RESERVED_FOLDERS, changing, is_id, swap_in
from .draft import Draft, Edition, build_draft
from .drafting import DraftLog, persons_text
from .sentences import Paragraph, read_sentences


@dataclass
class DistillOptions:
    reports: list[Path]
    dossier: str
    content: Path = Path("content")
    force: bool = False
    dry_run: bool = False
    title: str | None = None
    dates: dict[str, date] = field(default_factory=dict)  # file name (or "*") -> report date
    publisher: str | None = None
    series: str | None = None
    code: str | None = None
    waiting: Callable[[], None] = lambda: None  # called when another command is changing the content


@dataclass
class DistillReport:
    folder: Path
    files: list[str]
    stats: dict[str, int]
    todo: list[str]
    editions: list[Edition]
    warnings: list[Problem]
    written: bool
    stand_in: bool = False  # the report's top-ranked sentence stands in for the bottom line
    drafts: DraftLog | None = None

    def summary(self) -> list[str]:
        s = self.stats
        lines = []
        for e in self.editions:
            lines.append(f"edition {e.id}: {display_path(e.captured.path)} ({e.captured.format}, "
                         f"{len(e.sentences)} sentences; date {e.meta.date_how})")
            lines.extend(f"  note: {note}" for note in read_notes(e.captured))
        n_items = s["items"]
        lines.append(
            f"read {s['editions']} edition{'s' * (s['editions'] != 1)}, {s['sentences']} sentences: "
            f"{s['glossary']} glossary terms, {s['events']} dated events, {n_items} candidate items")
        d = self.drafts
        heads = n_items - (d.count("headline") + len([k for k in d.kept if k[1] == "headline"]) if d else 0)
        plains = n_items - (d.count("plain") + len([k for k in d.kept if k[1] == "plain"]) if d else 0)
        bottom = ("the bottom line (the report's top-ranked sentence stands in) and its plain-language version"
                  if self.stand_in else "the bottom line")
        needs = [bottom, f"{heads} headlines", f"{plains} plain-language versions", "why it matters",
                 "what to watch", "subtitle, topic and author"]
        if s["undefined"]:
            needs.append(f"{s['undefined']} undefined abbreviation{'s' * (s['undefined'] != 1)} to expand")
        provenance = sum("came from" in t for t in self.todo)
        if provenance:
            needs.append(f"the origin of {provenance} capture{'s' * (provenance != 1)}")
        unconfirmed = sum(len(e.captured.notes) for e in self.editions)
        if unconfirmed:
            needs.append(f"{unconfirmed} passage{'s' * (unconfirmed != 1)} of the capture a second reading does not "
                         "confirm")
            lines.extend(f"capture note, {display_path(e.captured.path)}: {note}"
                         for e in self.editions for note in e.captured.notes)
        lines.append("needs a person: " + "; ".join(needs) + " (briefgen check lists every to-do)")
        if d is not None:
            lines.append(d.summary())
        return lines


def read_notes(captured) -> list[str]:
    """What a reader did that a person should know: a link followed, characters left out."""
    notes = []
    if captured.resolved is not None:
        notes.append(f"{display_path(captured.path)} is a symbolic link: read {captured.resolved} "
                     "(recorded in read_from)")
    if captured.dropped:
        notes.append(captured.dropped)
    return notes


def _sources_name(path: Path, used: set[str]) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "report"
    name, n = f"sources/{stem}.txt", 2
    while name in used:
        name = f"sources/{stem}-{n}.txt"
        n += 1
    used.add(name)
    return name


def shortest_quote() -> int:
    """The fewest characters a quote may have (``model.Source.quote``)."""
    from ..content.model import Source

    return next(m.min_length for m in Source.model_fields["quote"].metadata if hasattr(m, "min_length"))


def quotable(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` with only the sentences a draft can quote: "Short one.", a table's "2027."
    are shorter than a quote may be, so another sentence stands in for the bottom line and no
    entry quotes them."""
    least = shortest_quote()
    out, index = [], 0
    for p in paragraphs:
        kept = [s for s in p.sentences if len(s.text) >= least]
        out.append(replace(p, sentences=tuple(replace(s, index=index + i, position=i) for i, s in enumerate(kept))))
        index += len(kept)
    return out


def read_editions(reports: list[Path], options: DistillOptions) -> tuple[list[Edition], object]:
    """Read every report and describe it: the editions (oldest first) and the product."""
    captures = [read_report(p) for p in reports]
    by_hash: dict[str, Path] = {}
    for c in captures:
        if c.sha256 in by_hash:
            raise ReportError(f"{display_path(c.path)}: the same file as {display_path(by_hash[c.sha256])}; "
                              "give each edition once")
        by_hash[c.sha256] = c.path
    metas, product = describe(captures, {
        "title": options.title, "dates": options.dates, "publisher": options.publisher,
        "series": options.series, "code": options.code,
    })
    editions: list[Edition] = []
    used: set[str] = set()
    by_date: dict[str, list[tuple[Captured, EditionMeta]]] = {}
    for c, m in zip(captures, metas):
        by_date.setdefault(m.date.isoformat(), []).append((c, m))
    for day, tied in by_date.items():
        versions = [m.version for _, m in tied]
        if len(tied) > 1 and (None in versions or len(set(versions)) < len(versions)):
            (c1, m1), (c2, m2) = tied[:2]
            raise ReportError(f"{display_path(c2.path)}: dated {day} like {display_path(c1.path)}, and no "
                              "version number tells them apart; each report file is one edition (give --date "
                              "FILE=YYYY-MM-DD if a date is wrong)")
    for c, m in zip(captures, metas):
        day = m.date.isoformat()
        # same-date versions (CRS re-issues a version with corrections under the same date) are
        # named by version
        eid = f"{day}-v{m.version}" if len(by_date[day]) > 1 else day
        e = Edition(c, m, eid, _sources_name(c.path, used))
        e.paragraphs = quotable(read_sentences(c))
        editions.append(e)
    editions.sort(key=lambda e: (e.meta.date, e.meta.version or 0))
    return editions, product


def distill(options: DistillOptions) -> DistillReport:
    name = options.dossier
    if not is_id(name) or name in RESERVED_FOLDERS:
        raise ReportError(f"--dossier '{name}': a dossier name is lower-case letters, digits and hyphens "
                          f"(e.g. china-russia){' and not a reserved name' if name in RESERVED_FOLDERS else ''}")
    if not options.reports:
        raise ReportError("give at least one report file")
    content = options.content
    target = content / name
    if target.exists() and not options.force and not options.dry_run:
        raise ReportError(f"{display_path(target)}: already exists; briefgen distill never overwrites a "
                          "dossier (use --force to replace it, or choose another --dossier)")
    from . import workers

    with workers.warm():  # the drafting workers load the parser while the reports are read
        editions, product = read_editions(options.reports, options)
        previous = persons_text(target) if target.exists() and options.force else None
        draft = build_draft(editions, product, name, previous)
    _fits(draft, editions)
    files = sorted(draft.files) + sorted(draft.sources)

    content.mkdir(parents=True, exist_ok=True)
    staging = content / f".distill-{os.getpid()}"
    staged = staging / name
    # one distill or update of a content folder at a time; SIGTERM unwinds (the staging goes) like Ctrl-C
    with INTERRUPT, changing(content, options.waiting):
        shutil.rmtree(staging, ignore_errors=True)
        try:
            _write(staged, draft)
            warnings, loaded = _verify(staged, target, options.reports)
            if not options.dry_run:
                _commit(staged, target, options.force)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return DistillReport(target, files, draft.stats, draft.todo, editions, warnings, not options.dry_run,
                         stand_in=loaded is not None and loaded.bottom_line is not None, drafts=draft.drafts)


def _fits(draft: Draft, editions: list[Edition]) -> None:
    """Refuse a draft with a file over the size a content file may have: an item's detail is the
    rest of its paragraph, so a report run together into one huge paragraph makes huge items."""
    from ..content.yamlsafe import MAX_BYTES

    for rel, text in sorted(draft.files.items()):
        size = len(text.encode("utf-8"))
        if size > MAX_BYTES:
            newest = editions[-1]
            longest = max((len(p.text) for p in newest.paragraphs), default=0)
            raise ReportError(f"{display_path(newest.captured.path)}: its draft's {rel} would be {size:,} bytes, over "
                              f"the {MAX_BYTES:,} a content file may hold (its longest paragraph has {longest:,} "
                              "characters); break the report into paragraphs first")


def _write(folder: Path, draft: Draft) -> None:
    (folder / "sources").mkdir(parents=True)
    for rel, text in draft.files.items():
        (folder / rel).write_text(text, encoding="utf-8")
    for rel, data in draft.sources.items():
        (folder / rel).write_bytes(data)


def _verify(folder: Path, target: Path, reports: list[Path]):
    """Load the staged draft as ``check`` will: any error is a bug in distill, reported as such,
    naming the file the draft would have become (not the staging copy) and the reports.
    Returns the warnings and the loaded draft."""
    from ..content.load import load_dossier

    problems = Collector()
    loaded = load_dossier(folder, problems)
    staged, final = display_path(folder), display_path(target)

    def moved(p: Problem) -> Problem:
        file = final + p.file[len(staged):] if p.file.startswith(staged) else p.file
        return Problem(file, p.line, p.path, p.message.replace(staged, final), p.severity)

    if problems.errors:
        named = ", ".join(display_path(r) for r in reports)
        raise BuildError([moved(Problem(p.file, p.line, p.path, f"distill made a draft of {named} that does not "
                                        f"load (please report this): {p.message}")) for p in problems.errors])
    return [moved(p) for p in problems.warnings], loaded


def _commit(staged: Path, target: Path, force: bool) -> None:
    if target.exists() and not force:  # checked before reading; made meanwhile by another distill
        raise ReportError(f"{display_path(target)}: already exists (made by another briefgen command meanwhile); "
                          "briefgen distill never overwrites a dossier (use --force to replace it)")
    swap_in(staged, target)


__all__ = ["DistillOptions", "DistillReport", "distill", "quotable", "read_editions", "read_notes", "shortest_quote"]
