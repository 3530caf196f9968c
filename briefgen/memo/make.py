"""Memos that carry briefs: ``content/memos/*.yaml`` -> output/memos/<memo>.{pdf,docx,eml} and
<memo>-packet.{pdf,docx}.

A memo names its attachments (briefs by dossier/audience/length/format, or files); they are
lettered Tab A, Tab B, ... in the order the memo lists them, which must be the order of first
mention. The briefs are built first (reusing up-to-date ones). Every file of every memo is
staged, then renamed into place: a memo with a problem writes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import string
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..build import BuildOptions, build, cached_html
from ..build.outdir import safe_folder
from ..compose.catalog import load_catalog
from ..errors import BuildError, Collector, ContentError, FitError, Problem, display_path
from ..content.load import load_one, where
from .model import Memo, MemoFile
from ..paths import no_dossier
from ..compose.render import Templates
from ..content.schema_errors import validate
from ..text import ACRONYM, display_date
from ..compose.vocab import finish, parse, serialise
from ..content.yamlsafe import read_yaml

MEMO_TEMPLATE = "memo.html.j2"
MEMO_CSS = "memo.css"
PACKET_CSS = "packet.css"
MAX_MEMO_PAGES = 2
_TAB = re.compile(r"\bTab ([A-Z])\b")


@dataclass
class Attachment:
    letter: str
    title: str
    detail: str  # "principal, one-page" for briefs
    brief: tuple[str, str, str] | None = None  # (dossier, audience, length)
    format: str = "pdf"
    file: Path | None = None
    stylesheet: str = ""  # the brief audience's stylesheet, for the packet

    @property
    def label(self) -> str:
        return f"Tab {self.letter} – {self.title}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class MemoJob:
    path: Path
    name: str
    memo: Memo
    attachments: list[Attachment] = field(default_factory=list)
    terms: dict[str, str] = field(default_factory=dict)  # glossaries of the attached dossiers


@dataclass
class MemoReport:
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def memo_files(content: Path, files: list[Path]) -> list[Path]:
    if files:
        return [Path(f) for f in files]
    folder = content / "memos"
    if not folder.is_dir():
        raise BuildError(f"{display_path(folder)}: no memos folder")
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_memos(paths: list[Path], content: Path, templates: Templates) -> list[MemoJob]:
    """Read and check every memo; raise ``ContentError`` with every problem found."""
    from ..compose.brief import glossary_terms

    catalog = load_catalog(templates.find("catalog.yaml"), templates.exists)
    problems = Collector()
    jobs = []
    dossiers: dict[Path, object] = {}  # each attached dossier is loaded once (None if invalid)

    def dossier_at(folder: Path):
        if folder not in dossiers:
            try:
                dossiers[folder] = load_one(folder)
            except ContentError:
                dossiers[folder] = None  # reported when the brief is built
        return dossiers[folder]

    for path in paths:
        doc = read_yaml(path, display_path(path), problems)
        if doc is None:
            continue
        parsed = validate(MemoFile, doc, problems)
        if parsed is None:
            continue
        memo = parsed.memo
        from ..content.load import _locate

        _locate(parsed, doc)
        job = MemoJob(path, path.stem, memo)
        _check_subject(memo, problems)
        _check_tabs(memo, problems)
        for i, att in enumerate(memo.attachments):
            letter = string.ascii_uppercase[i] if i < 26 else "?"
            if att.brief is not None:
                ref = att.brief
                folder = content / ref.dossier
                if not (folder.is_dir() and ref.dossier != "memos"):
                    problems.error(*where(att, "brief", "dossier"), no_dossier(content, ref.dossier))
                    continue
                if ref.audience not in catalog.audiences:
                    problems.error(*where(att, "brief", "audience"),
                                   f"unknown audience '{ref.audience}' (known: {', '.join(catalog.audiences)})")
                    continue
                if ref.length not in catalog.lengths:
                    problems.error(*where(att, "brief", "length"),
                                   f"unknown length '{ref.length}' (known: {', '.join(catalog.lengths)})")
                    continue
                dossier = dossier_at(folder)
                title = att.title or (dossier.meta.title if dossier else ref.dossier)
                job.attachments.append(Attachment(letter, title, f"{ref.audience}, {ref.length}",
                                                  (ref.dossier, ref.audience, ref.length), ref.format,
                                                  stylesheet=catalog.audiences[ref.audience].stylesheet))
            else:
                file = (path.parent / att.file).resolve()
                if not file.is_relative_to(path.parent.resolve()):
                    problems.error(*where(att, "file"), "attachment links outside the memos folder")
                    continue
                if not file.is_file():
                    problems.error(*where(att, "file"), f"attachment not found: {display_path(file)}")
                    continue
                job.attachments.append(Attachment(letter, att.title or file.name, "", file=file,
                                                  format=file.suffix.lstrip(".").lower()))
        for name in sorted({a.brief[0] for a in job.attachments if a.brief}):
            if dossier_at(content / name) is not None:
                job.terms.update(glossary_terms(dossier_at(content / name)))
        jobs.append(job)
    problems.raise_if_errors(ContentError)
    return jobs


def _check_subject(memo: Memo, problems: Collector) -> None:
    from ..compose.acronyms import is_name

    found = [m.group(0) for m in ACRONYM.finditer(memo.subject)
             if not is_name(m.group(0), memo.subject[: m.start()])]
    if found:
        problems.error(*where(memo, "subject"),
                       f"the subject must use plain words, not acronyms: {', '.join(repr(f) for f in found)}")


def _check_tabs(memo: Memo, problems: Collector) -> None:
    """Every Tab mentioned exists, every attachment is mentioned, letters follow first mention."""
    letters = string.ascii_uppercase[: len(memo.attachments)]
    texts = [("bottom_line", memo.bottom_line)]
    texts += [(("body", i), t) for i, t in enumerate(memo.body)]
    if memo.recommendation:
        texts.append(("recommendation", memo.recommendation))
    first: list[str] = []
    for loc, text in texts:
        parts = loc if isinstance(loc, tuple) else (loc,)
        for letter in _TAB.findall(text):
            if letter not in letters:
                problems.error(*where(memo, *parts), f"Tab {letter} is mentioned but the memo has "
                               f"{len(letters)} attachment{'s' * (len(letters) != 1)}")
                continue
            if letter not in first:
                expected = letters[len(first)]
                if letter != expected:
                    problems.error(*where(memo, *parts), f"Tab {letter} is mentioned before Tab {expected}: "
                                   "tabs are lettered in order of first mention; reorder the attachments")
                first.append(letter)
    for i, letter in enumerate(letters):
        if letter not in first:
            problems.error(*where(memo, "attachments", i),
                           f"attachment Tab {letter} is never mentioned in the memo")


# --- building ---------------------------------------------------------------------------------


def build_memos(content: Path, files: list[Path], output: Path, templates_dir: Path | None = None,
                progress=lambda line: None) -> MemoReport:
    """Build the briefs the memos need, then every memo file; nothing is written on error."""
    templates = Templates(templates_dir)
    jobs = load_memos(memo_files(content, files), content, templates)
    briefs = sorted({a.brief for j in jobs for a in j.attachments if a.brief})
    for dossier, audience, length in briefs:
        build(BuildOptions(content=content, templates=templates_dir, output=output, dossier=dossier,
                           audience=audience, length=length), progress)
        cache = cached_html(output, dossier, audience, length)
        if not cache.is_file():  # built by an older briefgen: render once more to get its HTML
            build(BuildOptions(content=content, templates=templates_dir, output=output, dossier=dossier,
                               audience=audience, length=length, force=True), progress)

    from ..write.docx import DocxWriter
    from ..write.pdf import PdfWriter

    pdf = PdfWriter(templates)
    docx_writer = DocxWriter(templates.find("reference.docx"), templates.locator(MEMO_TEMPLATE))
    target = safe_folder(output, "memos")  # a link planted at output/memos is refused
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target))
    from ..write.overrides import ignored_overrides

    report = MemoReport(warnings=ignored_overrides(templates_dir))
    try:
        staged = []
        for job in jobs:
            staged.extend(_build_one(job, content, output, templates, pdf, docx_writer, staging))
            progress(f"built       memo {job.name} ({len(job.attachments)} attachment"
                     f"{'s' * (len(job.attachments) != 1)})")
        for name in staged:
            os.replace(staging / name, target / name)
            report.written.append(target / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def memo_context(job: MemoJob) -> dict:
    memo = job.memo
    heading = f"{memo.kind.upper()} MEMO"
    fields = [("FOR" if memo.for_ else "TO", memo.for_ or memo.to)]
    if memo.through:
        fields.append(("THROUGH", memo.through))
    fields += [("FROM", memo.from_), ("SUBJECT", memo.subject), ("DATE", display_date(memo.date))]
    return {"memo": {
        "kind": memo.kind, "heading": heading, "language": "en-US",
        "subject": memo.subject, "from": memo.from_, "date": display_date(memo.date),
        "date_iso": memo.date.isoformat(), "fields": fields, "bottom_line": memo.bottom_line,
        "body": list(memo.body), "recommendation": memo.recommendation,
        "decision_by": display_date(memo.decision_by) if memo.decision_by else None,
        "prepared_by": memo.prepared_by, "coordination": list(memo.coordination),
        "attachments": [{"letter": a.letter, "title": a.title, "detail": a.detail} for a in job.attachments],
    }}


def _build_one(job, content, output, templates, pdf, docx_writer, staging) -> list[str]:
    from ..write.pdf import write_document

    memo = job.memo
    html = templates.render(MEMO_TEMPLATE, memo_context(job))
    finished = finish(html, MEMO_TEMPLATE, job.terms, "first-use", templates.locator(MEMO_TEMPLATE))
    label = display_path(job.path)
    rendered = pdf.render(finished.html, MEMO_CSS, label)
    if rendered.pages > MAX_MEMO_PAGES:
        raise FitError([Problem(label, 1, "memo", f"the memo is {rendered.pages} pages; "
                                f"a memo is at most {MAX_MEMO_PAGES}")])
    when = datetime(memo.date.year, memo.date.month, memo.date.day, 9, 0, tzinfo=timezone.utc)

    # Each attachment in the format the memo asks for (the .eml carries it as such); the PDF
    # memo can embed only a PDF brief, so it always carries the brief's PDF.
    files: list[tuple[Attachment, str, bytes]] = []  # (attachment, file name, bytes as asked)
    embedded: list[tuple[str, bytes, str]] = []  # (file name, bytes, description) in the PDF memo
    for att in job.attachments:
        if att.brief:
            dossier, audience, length = att.brief
            stem = output / dossier / f"{dossier}-{audience}-{length}"
            asked = stem.with_suffix(f".{att.format}")
            files.append((att, asked.name, asked.read_bytes()))
            pdf_file = stem.with_suffix(".pdf")
            embedded.append((pdf_file.name, pdf_file.read_bytes(), att.label))
        else:
            data = att.file.read_bytes()
            files.append((att, att.file.name, data))
            embedded.append((att.file.name, data, att.label))
    written = {}
    written[f"{job.name}.pdf"] = pdf.write(rendered, embedded, when)
    written[f"{job.name}.docx"] = docx_writer.write(finished.html)

    # Packet (PDF): the memo, then each attached brief rendered again with its tab stamp, as one
    # WeasyPrint document, so tags, titles, links and bookmarks are made for the whole packet.
    memo_packet = pdf.render(_mark_memo(finished.html, memo), [MEMO_CSS, PACKET_CSS], label)
    pages = list(memo_packet.document.pages)
    section_pages = [len(pages)]  # for the DOCX packet's footers
    appended_files = []
    for att in job.attachments:
        if att.brief:
            stamped = _stamp(_brief_html(output, att), att)
            doc = pdf.render(stamped, [att.stylesheet, PACKET_CSS], att.label)
            pages.extend(doc.document.pages)
            section_pages.append(len(doc.document.pages))
        elif att.format == "pdf":
            appended_files.append(att)
    packet = write_document(memo_packet.document.copy(pages), None, when)
    if appended_files:
        packet = _append_pdf_files(packet, appended_files)
    written[f"{job.name}-packet.pdf"] = packet

    # Packet (DOCX): the memo, then each attached brief in its own section.
    htmls = [finished.html]
    for att in job.attachments:
        if att.brief:
            htmls.append(_docx_tab(_brief_html(output, att), att))
    written[f"{job.name}-packet.docx"] = docx_writer.write_many(htmls, section_pages)

    from .eml import memo_message

    written[f"{job.name}.eml"] = memo_message(job, finished.html, [(n, d) for _, n, d in files], when)
    for name, data in written.items():
        (staging / name).write_bytes(data)
    return list(written)


def _brief_html(output: Path, att: Attachment) -> str:
    dossier, audience, length = att.brief
    return cached_html(output, dossier, audience, length).read_text(encoding="utf-8")


def _mark_memo(html: str, memo: Memo) -> str:
    root = parse(html)
    h1 = root.find(".//h1")
    if h1 is not None:
        h1.set("data-bookmark", f"{memo.kind.capitalize()} memo: {memo.subject}")
    return serialise(root)


def _stamp(html: str, att: Attachment) -> str:
    """The brief with a "Tab X" stamp (and bookmark) on its first page; ids made unique."""
    root = parse(html)
    prefix = f"tab{att.letter.lower()}-"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("id"):
            el.set("id", prefix + el.get("id"))
        href = el.get("href")
        if href and href.startswith("#"):
            el.set("href", "#" + prefix + href[1:])
    main = root.find(".//main")
    from lxml import etree

    stamp = etree.Element("div", {"class": "tab-stamp", "data-bookmark": att.label})
    stamp.text = f"Tab {att.letter}"
    main.insert(0, stamp)
    return serialise(root)


def _docx_tab(html: str, att: Attachment) -> str:
    """For the Word packet: the tab letter leads the attachment's running header."""
    root = parse(html)
    for el in root.iter("div"):
        if "running-head" in (el.get("class") or "").split():
            el.text = f"Tab {att.letter} · " + (el.text or "")
    return serialise(root)


def _append_pdf_files(packet: bytes, atts: list[Attachment]) -> bytes:
    """Append attached PDF files (not briefs) to the packet with a bookmark each. Their own tag
    trees are not merged into the packet's."""
    import io

    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(packet)) as pdf:
        with pdf.open_outline() as outline:
            for att in atts:
                src = pikepdf.open(att.file)
                first = len(pdf.pages)
                pdf.pages.extend(src.pages)
                outline.root.append(pikepdf.OutlineItem(att.label, first))
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
