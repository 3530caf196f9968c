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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import BuildError, Collector, Problem, ReportError, display_path
from ..ingest import Captured, read_report
from ..ingest.meta import EditionMeta, describe
from ..paths import RESERVED_FOLDERS, is_id, swap_in
from .draft import Draft, Edition, build_draft
from .drafting import DraftLog, persons_text
from .sentences import read_sentences


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


@dataclass
class DistillReport:
    folder: Path
    files: list[str]
    stats: dict[str, int]
    todo: list[str]
    editions: list[Edition]
    warnings: list[Problem]
    written: bool
    stand_in: bool = False  # the report's opening sentence stands in for the bottom line
    drafts: DraftLog | None = None

    def summary(self) -> list[str]:
        s = self.stats
        lines = []
        for e in self.editions:
            lines.append(f"edition {e.id}: {display_path(e.captured.path)} ({e.captured.format}, "
                         f"{len(e.sentences)} sentences; date {e.meta.date_how})")
        n_items = s["items"]
        lines.append(
            f"read {s['editions']} edition{'s' * (s['editions'] != 1)}, {s['sentences']} sentences: "
            f"{s['glossary']} glossary terms, {s['events']} dated events, {n_items} candidate items")
        d = self.drafts
        heads = n_items - (d.count("headline") + len([k for k in d.kept if k[1] == "headline"]) if d else 0)
        plains = n_items - (d.count("plain") + len([k for k in d.kept if k[1] == "plain"]) if d else 0)
        bottom = ("the bottom line (the report's opening sentence stands in) and its plain-language version"
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


def _sources_name(path: Path, used: set[str]) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "report"
    name, n = f"sources/{stem}.txt", 2
    while name in used:
        name = f"sources/{stem}-{n}.txt"
        n += 1
    used.add(name)
    return name


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
        e.paragraphs = read_sentences(c)
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
    files = sorted(draft.files) + sorted(draft.sources)

    content.mkdir(parents=True, exist_ok=True)
    staging = content / f".distill-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staged = staging / name
    try:
        _write(staged, draft)
        warnings, loaded = _verify(staged)
        if not options.dry_run:
            _commit(staged, target, options.force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return DistillReport(target, files, draft.stats, draft.todo, editions, warnings, not options.dry_run,
                         stand_in=loaded is not None and loaded.bottom_line is not None, drafts=draft.drafts)


def _write(folder: Path, draft: Draft) -> None:
    (folder / "sources").mkdir(parents=True)
    for rel, text in draft.files.items():
        (folder / rel).write_text(text, encoding="utf-8")
    for rel, data in draft.sources.items():
        (folder / rel).write_bytes(data)


def _verify(folder: Path):
    """Load the staged draft as ``check`` will: any error is a bug in distill, reported as such.
    Returns the warnings and the loaded draft."""
    from ..load import load_dossier

    problems = Collector()
    loaded = load_dossier(folder, problems)
    if problems.errors:
        raise BuildError([Problem(p.file, p.line, p.path, f"distill made a draft that does not load "
                                  f"(please report this): {p.message}") for p in problems.errors])
    return problems.warnings, loaded


def _commit(staged: Path, target: Path, force: bool) -> None:
    if target.exists() and not force:  # pragma: no cover - checked before reading
        raise ReportError(f"{display_path(target)}: already exists")
    swap_in(staged, target)


__all__ = ["DistillOptions", "DistillReport", "distill", "read_editions"]
