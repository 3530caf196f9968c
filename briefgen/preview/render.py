"""What the preview shows: one brief rendered in memory, as pages, with its budgets and fit.

``Renderer.render()`` loads the dossier and the templates afresh (they may have just been
saved), fits the brief exactly as ``briefgen build`` does, writes the PDF in memory and rasterises
its pages. Nothing is written to disk. A failure keeps the last good ``Snapshot`` and adds the
located problems (``file:line: field: message``) to it.
"""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import BriefgenError, Problem

PAGE_DPI = 110


@dataclass(frozen=True)
class Snapshot:
    """One state of the preview: the last good render and the latest problems."""

    version: int = 0  # every render, good or failed: the page reloads when it grows
    number: int = 0  # the good renders: "render N" names the pages shown
    name: str = ""
    label: str = ""
    pages: tuple[bytes, ...] = ()  # PNG per page
    pdf: bytes = b""
    html: str = ""  # the brief's final vocabulary HTML (input of the DOCX writer)
    budget_pages: int = 0
    budget_words: int | None = None
    used_pages: float = 0.0
    words: int = 0
    renders: int = 0
    seconds: float = 0.0
    dropped: tuple[str, ...] = ()
    shortened: tuple[str, ...] = ()
    trimmed: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()  # accessibility findings in the PDF
    problems: tuple[str, ...] = ()  # why the latest render failed (the pages are older)
    rendered_ok: bool = False
    finished: bool = False  # the tagged PDF and its checks are there


@dataclass
class PreviewOptions:
    content: Path = Path("content")
    templates: Path | None = None
    dossier: str | None = None
    audience: str | None = None
    length: str | None = None
    port: int = 0
    host: str = "127.0.0.1"


class Renderer:
    """Renders the chosen brief; keeps one PdfWriter so fonts and stylesheets stay loaded."""

    def __init__(self, options: PreviewOptions):
        from ..compose.render import Templates
        from ..write.pdf import PdfWriter

        self.options = options
        self.templates = Templates(options.templates)
        self.pdf = PdfWriter(self.templates)
        self.snapshot = Snapshot()
        self.lock = threading.Lock()
        self.done = threading.Condition(self.lock)
        self._docx: dict[int, bytes] = {}
        self.folder = resolve_dossier(options)

    def watched(self) -> list[Path]:
        """The folders whose files this brief depends on."""
        return [self.folder] + list(self.templates.dirs)

    def render(self, on_publish=lambda: None) -> Snapshot:
        """Render again and return the new snapshot (never raises a ``BriefgenError``).

        The pages are published (``on_publish()``) as soon as they are drawn, from a PDF written
        without tags; the tagged PDF that the PDF link serves and the accessibility checks come
        right after, in the same snapshot (``finished``)."""
        start = time.perf_counter()
        try:
            fresh, document = self._render()
        except BriefgenError as exc:
            problems = tuple(str(p).lstrip(": ") for p in exc.problems)
            with self.lock:
                self.snapshot = replace(self.snapshot, version=self.snapshot.version + 1, problems=problems)
                self.done.notify_all()
            on_publish()
            return self.snapshot
        with self.lock:
            self.snapshot = replace(fresh, version=self.snapshot.version + 1, number=self.snapshot.number + 1,
                                    seconds=round(time.perf_counter() - start, 3))
            version = self.snapshot.version
        on_publish()
        from ..a11y.pdf import check_pdf

        data = self.pdf.write(document)
        checks = tuple(f"{element}: {rule}: {message}" for element, rule, message in check_pdf(data))
        with self.lock:
            if self.snapshot.version == version:
                self.snapshot = replace(self.snapshot, pdf=data, checks=checks, finished=True)
            self.done.notify_all()
        return self.snapshot

    def finished(self, timeout: float = 60.0) -> Snapshot:
        """The current snapshot once its tagged PDF and checks exist (or after ``timeout``)."""
        with self.lock:
            self.done.wait_for(lambda: self.snapshot.finished or not self.snapshot.rendered_ok
                               or bool(self.snapshot.problems), timeout=timeout)
            return self.snapshot

    def _render(self):
        from ..compose.brief import make_brief
        from ..compose.catalog import load_catalog
        from ..content.load import load_one
        from ..compose.render import Templates
        from ..compose.select import initial_plan
        from ..write.pdf import PdfWriter

        # templates and stylesheets may have changed: fresh Jinja environment and parsed CSS
        self.templates = Templates(self.options.templates)
        self.pdf = PdfWriter(self.templates) if self.pdf is None else _refresh(self.pdf, self.templates)
        catalog = load_catalog(self.templates.find("catalog.yaml"))
        audience, length = pick(catalog, self.options)
        dossier = load_one(self.folder)
        brief = make_brief(dossier, catalog, self.templates, self.pdf, audience, length)
        aud = catalog.audiences[audience]
        first = initial_plan(dossier, aud, aud.layouts[length])
        final = dict(brief.plan.items)
        dropped = tuple(i for i, _ in first.items if i not in final)
        shortened = tuple(f"{i} ({layer} → {final[i]})" for i, layer in first.items if i in final and final[i] != layer)
        trimmed = tuple(f"{what}: {b} of {a}" for what, a, b in (
            ("what changed", first.changes, brief.plan.changes), ("what to watch", first.watch, brief.plan.watch))
            if b < a)
        budget = catalog.lengths[length]
        rendered = brief.rendered
        quick = io.BytesIO()  # the same pages without tags: quicker to write, drawn identically
        rendered.document.write_pdf(quick)
        snap = Snapshot(
            name=f"{dossier.id}-{audience}-{length}",
            label=f"{dossier.meta.title} · {aud.label} · {budget.label}",
            pages=tuple(rasterise(quick.getvalue())), html=brief.finished.html,
            budget_pages=budget.max_pages, budget_words=budget.max_words,
            used_pages=round(rendered.pages - 1 + rendered.last_page_fill, 2),
            words=brief.finished.body_words, renders=brief.renders,
            dropped=dropped, shortened=shortened, trimmed=trimmed, rendered_ok=True,
        )
        return snap, rendered

    def docx(self, snapshot: Snapshot) -> bytes:
        """The DOCX of a snapshot, made on first request."""
        from ..write.docx import DocxWriter

        with self.lock:
            if snapshot.version not in self._docx:
                self._docx = {snapshot.version: DocxWriter(self.templates.find("reference.docx")).write(snapshot.html)}
            return self._docx[snapshot.version]


def _refresh(writer, templates):
    """The PdfWriter with its parsed stylesheets dropped (they may have been edited); fonts stay."""
    writer.templates = templates
    writer._css.clear()
    return writer


def rasterise(pdf: bytes, dpi: int = PAGE_DPI) -> list[bytes]:
    """PNG images of a PDF's pages (pdfium, as a viewer shows them)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    out = []
    try:
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, "PNG", compress_level=1)
            out.append(buffer.getvalue())
            page.close()
    finally:
        document.close()
    return out


def resolve_dossier(options: PreviewOptions) -> Path:
    from ..errors import BuildError
    from ..paths import dossier_folders, no_dossier

    folders = dossier_folders(options.content) if options.content.is_dir() else []
    if options.dossier:
        for folder in folders:
            if folder.name == options.dossier:
                return folder
        raise BuildError(no_dossier(options.content, options.dossier))
    if len(folders) == 1:
        return folders[0]
    if not folders:
        raise BuildError(f"{options.content}: no dossiers to preview")
    raise BuildError(f"several dossiers in {options.content}: choose one with --dossier "
                     f"({', '.join(f.name for f in folders)})")


def pick(catalog, options: PreviewOptions) -> tuple[str, str]:
    """The audience and length to show: as asked, else the first audience and the two-page
    length (or the first length)."""
    from ..errors import BuildError

    audience = options.audience or next(iter(catalog.audiences))
    length = options.length or ("two-page" if "two-page" in catalog.lengths else next(iter(catalog.lengths)))
    if audience not in catalog.audiences:
        raise BuildError(f"unknown audience '{audience}' (known: {', '.join(catalog.audiences)})")
    if length not in catalog.lengths:
        raise BuildError(f"unknown length '{length}' (known: {', '.join(catalog.lengths)})")
    return audience, length


__all__ = ["Renderer", "Snapshot", "PreviewOptions", "rasterise", "Problem"]
