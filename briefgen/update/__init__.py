"""Update: a new edition of a dossier's report, its stale claims and proposed "what changed".

``update(options)`` reads the new report with the same readers as ``distill``, adds it to the
dossier as an edition (its captured text in ``sources/``, pinned by sha256, and an entry in
``dossier.yaml``), re-verifies every claim against the newest edition (``stale``), and proposes
what-changed entries between the newest edition and the one before it (``propose``). The
proposals go to a review file, ``review/changes-<previous>-to-<newest>.yaml``, and the report to
``review/update-<newest>.md`` (the ``review/`` folder is not read as content); only ``write``
puts the proposals into ``changes.yaml``, replacing the hand-written changes.

Everything is done in a staging copy of the dossier, loaded and verified there, then swapped in:
a failure leaves the dossier as it was. Exit status: 0 when no claim is stale, 1 when some are.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..errors import BriefgenError, Collector, ContentError, Problem, ReportError, display_path
from ..ingest import read_report
from ..ingest.meta import EditionMeta, Found, ProductMeta, find_date, find_title, find_version
from ..paths import swap_in
from ..text import display_date
from .propose import Proposal, edition_sentences, entries, previous_label, propose
from .stale import CLOSE, Stale, find_stale


@dataclass
class UpdateOptions:
    dossier: str
    report: Path
    content: Path = Path("content")
    write: bool = False
    date: date | None = None
    title: str | None = None
    waiting: Callable[[], None] = lambda: None  # called when another command is changing the content


@dataclass
class UpdateReport:
    folder: Path
    edition: str
    previous: str
    stale: list[Stale]
    fresh: int
    proposals: list[Proposal]
    files: list[str]
    notes: list[str] = field(default_factory=list)
    wording: list[tuple[str, str]] = field(default_factory=list)  # (change id, wording lint message)
    added: str = ""  # the edition this update added (the newest, unless it is an older one)

    @property
    def exit_code(self) -> int:
        return 1 if self.stale else 0


def update(options: UpdateOptions) -> UpdateReport:
    """Add the edition (see the module's docstring); one ``update`` or ``distill`` of a content
    folder at a time: another waits, then adds its edition to what the first left."""
    from ..paths import RESERVED_FOLDERS, changing

    if options.dossier in RESERVED_FOLDERS:
        raise ReportError(f"'{options.dossier}' is not a dossier: {display_path(options.content / options.dossier)} "
                          "holds memos (briefgen memo builds them)")
    if not options.content.is_dir():
        raise ContentError(f"{display_path(options.content)}: no such folder")
    from ..build.signals import INTERRUPT

    with INTERRUPT, changing(options.content, options.waiting):  # SIGTERM unwinds, the staging copy goes
        return _update(options)


def _update(options: UpdateOptions) -> UpdateReport:
    from ..content.captures import compare
    from ..distill import read_notes, shortest_quote
    from ..distill.draft import Edition, edition_entry
    from ..distill.emit import _sequence, dump
    from ..content.load import load_one
    from ..paths import dossier_folders, is_id, no_dossier

    if not is_id(options.dossier):
        raise ReportError(f"'{options.dossier}': a dossier name is lower-case letters, digits and hyphens")
    folder = options.content / options.dossier
    if not (options.content.is_dir() and folder in dossier_folders(options.content)):
        raise ContentError(no_dossier(options.content, options.dossier))
    dossier = load_one(folder)  # a dossier with errors is refused: ContentError, exit 2
    captured = read_report(options.report)
    shown = display_path(options.report)

    # Refuse what would only duplicate what the dossier has.
    for e in dossier.meta.editions:
        for cap in e.all_captures:
            hashes = {cap.sha256, cap.read_from.sha256 if cap.read_from else None}
            if captured.sha256 in hashes or captured.text_sha256 in hashes:
                raise ReportError(f"{shown}: identical to {cap.file}, a capture of edition '{e.id}'; nothing to update")
    found = find_date(captured)
    if options.date is not None:
        found = (options.date, "given: --date", False)
    if found is None:
        raise ReportError(f"{shown}: no report date found (looked for “Updated <date>”, a dated title line and a "
                          "re-poster's lead-in); give it with --date YYYY-MM-DD")
    when, how, updated = found
    new_id = when.isoformat()
    version = find_version(captured)
    tied = [e for e in dossier.meta.editions if e.id == new_id or e.date == when]
    if tied:
        # a same-date version (CRS re-issues a version with corrections under the same date) is
        # an edition of its own, named by its version
        if version is None or any(e.version == version or e.id == f"{new_id}-v{version}" for e in tied):
            said = f" version {version}" if version is not None else ""
            raise ReportError(f"{shown}: the dossier already has an edition dated {new_id}{said}; to add another "
                              "capture of that edition, list it under the edition's captures in dossier.yaml")
        new_id = f"{new_id}-v{version}"
    notes = read_notes(captured)  # a link followed, characters left out
    latest = dossier.latest
    if when < latest.date:
        notes.append(f"{shown} is dated {display_date(when)}, before the newest edition ({display_date(latest.date)}): "
                     "it is added as an older edition; claims are checked against the newest")
    title = Found(options.title, "given: --title") if options.title else (find_title(captured) or Found(latest.title, "the dossier's title"))
    product = dossier.meta.product
    product_meta = ProductMeta(Found(product.publisher, "dossier"), product.publisher_short,
                               Found(product.series, "dossier"), Found(product.code, "dossier"))
    sources = folder / "sources"
    stem = "".join(ch if ch.isalnum() else "-" for ch in options.report.stem.lower()).strip("-") or "report"
    name, k = f"sources/{stem}.txt", 2
    while (folder / name).exists():
        name, k = f"sources/{stem}-{k}.txt", k + 1
    edition = Edition(captured, EditionMeta(when, how, updated, title, version), new_id, name)
    entry, _ = edition_entry(edition, product_meta)

    content = options.content
    staging = content / f".update-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staged = staging / folder.name
    try:
        shutil.copytree(folder, staged, symlinks=True)
        (staged / name).write_bytes(captured.text.encode("utf-8"))
        meta_file = _meta_file(dossier)
        rel = meta_file.relative_to(folder)
        text = meta_file.read_text(encoding="utf-8")
        (staged / rel).write_text(_add_edition(text, entry, when if when > latest.date else None, _sequence),
                                  encoding="utf-8")
        new = load_one(staged)
        compare(new, Collector())
        ordered = sorted(new.meta.editions, key=lambda e: e.order)
        newest, previous = ordered[-1].id, ordered[-2].id
        stale, fresh = find_stale(new, newest)
        least = shortest_quote()  # a shorter sentence cannot be a change's quote
        proposals = propose(*([s for s in edition_sentences(new, e) if len(s.text) >= least] for e in (previous, newest)))
        review = staged / "review"
        review.mkdir(exist_ok=True)
        changes = entries(proposals, previous, newest, previous_label(new, previous))
        wording = lint_proposals(changes)
        header = (f"Proposed what-changed entries, {previous} -> {newest}, most substantive first, by briefgen update.\n"
                  "Review them: keep, reword (keep the quotes), or delete; then move them to changes.yaml\n"
                  "(briefgen update --write does that, replacing the changes there).")
        proposal_file = f"review/changes-{previous}-to-{newest}.yaml"
        (staged / proposal_file).write_text(dump({"changes": changes}, header), encoding="utf-8")
        report = UpdateReport(folder, newest, previous, stale, fresh, proposals,
                              [name, str(rel), proposal_file, f"review/update-{newest}.md"], notes, wording,
                              added=new_id)
        (staged / f"review/update-{newest}.md").write_text(markdown(report, new), encoding="utf-8")
        if options.write:
            _write_changes(new, staged, changes, header)
            report.files.append("changes.yaml")
            load_one(staged)  # the new changes.yaml must load before it is swapped in
        swap_in(staged, folder)
    except BriefgenError as exc:  # name the dossier's own files, not the staging copy's
        shown, final = display_path(staged), display_path(folder)
        raise type(exc)([Problem(final + p.file[len(shown):] if p.file.startswith(shown) else p.file, p.line, p.path,
                                 p.message.replace(shown, final), p.severity) for p in exc.problems]) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _meta_file(dossier) -> Path:
    """The file that holds the ``dossier:`` section (load has refused aliases and tags already)."""
    for f in dossier.files:
        data = yaml.safe_load(f.read_text("utf-8"))
        if isinstance(data, dict) and "dossier" in data:
            return f
    raise ContentError(f"{display_path(dossier.folder)}: no file with a 'dossier:' section")


def _add_edition(text: str, entry: dict, as_of: date | None, sequence) -> str:
    """``text`` (the file holding ``dossier:``) with ``entry`` appended to ``editions`` and, when
    the new edition is the newest, ``as_of`` moved to its date. Comments and layout are kept."""
    root = yaml.compose(text)
    meta = next(v for k, v in root.value if k.value == "dossier")
    editions = next(v for k, v in meta.value if k.value == "editions")
    lines = text.splitlines(keepends=True)
    dash = editions.value[0].start_mark.column - 2
    out: list[str] = []
    sequence([entry], dash, out)
    at = min(editions.end_mark.line, len(lines))
    # back up over the blank lines before what follows
    while at > 0 and lines[at - 1].strip() == "":
        at -= 1
    block = "".join(line + "\n" for line in out)
    lines.insert(at, block)
    text = "".join(lines)
    if as_of is not None:
        root = yaml.compose(text)
        meta = next(v for k, v in root.value if k.value == "dossier")
        node = next((v for k, v in meta.value if k.value == "as_of"), None)
        if node is not None:
            text = text[: node.start_mark.index] + as_of.isoformat() + text[node.end_mark.index:]
    return text


def _write_changes(dossier, staged: Path, changes: list[dict], header: str) -> None:
    """Replace the dossier's changes with the proposals (only with --write)."""
    from ..distill.emit import dump

    for f in dossier.files:
        data = yaml.safe_load((staged / f.name).read_text("utf-8")) or {}
        if isinstance(data, dict) and "changes" in data and f.name != "changes.yaml":
            raise ReportError(f"{display_path(f)}: holds changes; --write only replaces changes.yaml")
    (staged / "changes.yaml").write_text(dump({"changes": changes}, header.split("\n")[0]), encoding="utf-8")


def lint_proposals(changes: list[dict]) -> list[tuple[str, str]]:
    """The wording lint (``briefgen.wording``) on each proposed entry's text against its quotes;
    a finding is added to the entry's comment and returned for the report."""
    from ..wording import lint_text

    found = []
    for entry in changes:
        for f in lint_text(entry["text"], [s["quote"] for s in entry["sources"]]):
            entry["#"] += f"; wording: {f.describe()}"
            found.append((entry["id"], f.message()))
    return found


def table(report: UpdateReport) -> list[str]:
    """The report as lines of a plain-text table for the terminal."""
    added = report.added or report.edition
    if added == report.edition:
        head = f"edition {added} added; {report.fresh} claims hold in it"
    else:
        head = f"edition {added} added (older than {report.edition}); {report.fresh} claims hold in {report.edition}"
    lines = [f"{head}, {len(report.stale)} stale; {len(report.proposals)} proposed changes since {report.previous}"]
    if report.stale:
        lines.append("")
        lines.append(f"{'stale claim':<44} {'where':<28} closest sentence in {report.edition} (score): diff")
        for s in report.stale:
            where = f"{Path(s.file).name}:{s.line}"
            best = s.closest[0] if s.closest else None
            if best is None or best.score < CLOSE:
                detail = "gone? nothing close" + (f" (best {best.score:.0f}: {best.sentence[:50]}…)" if best else "")
            else:
                detail = f"({best.score:.0f}) {best.diff or 'same words'} [{', '.join(best.touches)}]"
            lines.append(f"{s.label[:44]:<44} {where:<28} {detail}")
    if report.proposals:
        lines.append("")
        lines.append(f"{'rank':<5} {'kind':<8} {'touches':<28} sentence")
        for i, p in enumerate(report.proposals[:20], 1):
            text = (p.new or p.old).text
            flag = " (unverified)" if p.unverified else ""
            lines.append(f"{i:<5} {p.kind:<8} {p.label[:28]:<28} {text[:70]}{'…' if len(text) > 70 else ''}{flag}")
        if len(report.proposals) > 20:
            lines.append(f"… and {len(report.proposals) - 20} more in the review file")
    lines.append("")
    lines.append(f"wording lint on the proposals: {len(report.wording)} finding{'s' * (len(report.wording) != 1)}")
    lines.extend(f"  {cid}: {msg}" for cid, msg in report.wording)
    return lines


def markdown(report: UpdateReport, dossier) -> str:
    out = [f"# Update of {dossier.id}: edition {report.edition}", ""]
    out += [f"- {n}" for n in report.notes]
    out += [f"- Claims that hold in the newest edition: {report.fresh}", f"- Stale claims: {len(report.stale)}",
            f"- Proposed changes since {report.previous}: {len(report.proposals)} "
            f"(review/changes-{report.previous}-to-{report.edition}.yaml)", ""]
    if report.stale:
        out += ["## Stale claims", "",
                "Their quotes are found only in older editions. Closest sentences of the newest edition, "
                "changed numbers, dates and names first.", ""]
        for s in report.stale:
            out.append(f"### {s.label} ({s.file}:{s.line})")
            out.append("")
            if not s.closest or s.closest[0].score < CLOSE:
                out.append(f"Nothing in the newest edition comes close (score {CLOSE} or more): the passage may be gone.")
                out.append("")
            if not s.closest:
                continue
            out.append("| score | touches | closest sentence | diff |")
            out.append("|---|---|---|---|")
            for c in s.closest:
                out.append(f"| {c.score:.0f} | {', '.join(c.touches)} | {c.sentence} | {c.diff.replace('|', '/')} |")
            out.append("")
    if report.proposals:
        out += ["## Proposed changes, most substantive first", "", "| rank | kind | touches | sentence | diff |",
                "|---|---|---|---|---|"]
        for i, p in enumerate(report.proposals, 1):
            flag = " (unverified: the older wording is known only from a reworded capture)" if p.unverified else ""
            out.append(f"| {i} | {p.kind} | {p.label} | {(p.new or p.old).text}{flag} | {p.diff.replace('|', '/')} |")
        out += ["", "## Wording lint on the proposals", ""]
        out += [f"- `{cid}`: {msg}" for cid, msg in report.wording] or ["No finding: every proposal keeps the "
                                                                        "hedges, attributions and limits of its quotes."]
    return "\n".join(out) + "\n"


__all__ = ["UpdateOptions", "UpdateReport", "update", "lint_proposals", "table", "markdown"]
