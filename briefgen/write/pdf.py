"""PDF writer: vocabulary HTML + print CSS -> tagged PDF (PDF/UA-1) with WeasyPrint.

One ``PdfWriter`` per process keeps one FontConfiguration and the parsed stylesheets. Every
resource goes through ``GuardedFetcher``: only files inside the template folders and ``data:``
URLs are served; anything else stops the build.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.formatting_structure.boxes import (BlockLevelBox, BlockReplacedBox, LineBox, MarginBox,
                                                  ParentBox, TableRowBox, TextBox)
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..errors import FetchError, Problem, TemplateError, display_path
from ..compose.render import Templates

PDF_VARIANT = "pdf/ua-1"
_ALLOWED_TYPES = {
    ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml", ".gif": "image/gif", ".woff": "font/woff", ".woff2": "font/woff2",
    ".ttf": "font/ttf", ".otf": "font/otf",
}


class GuardedFetcher(URLFetcher):
    """Serves ``data:`` URLs and files inside the template folders; refuses everything else.

    Refusals are fatal (``fail_on_errors``), so a stylesheet ``@import``, ``@font-face``, image
    or ``<link>`` pointing elsewhere fails the build instead of silently falling back.
    """

    def __init__(self, templates: Templates):
        super().__init__(fail_on_errors=True, allowed_protocols={"data", "file"}, timeout=1)
        self.templates = templates
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path))
            for folder in self.templates.dirs:
                if path.resolve().is_relative_to(folder):
                    relative = path.resolve().relative_to(folder)
                    try:
                        found = self.templates.find(str(relative))
                    except TemplateError:
                        self.refused.append(url)
                        raise FileNotFoundError(f"{relative} is not in the templates folder") from None
                    kind = _ALLOWED_TYPES.get(found.suffix.lower())
                    if kind is None:
                        break
                    return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": kind})
        self.refused.append(url)
        raise PermissionError(f"{url} is outside the templates folder (only template files and data: URLs are allowed)")


@dataclass
class Rendered:
    """A laid-out PDF document and its measurements."""

    document: object
    pages: int
    last_page_fill: float  # 0..1: how far down the last page's content area the content reaches
    heights: dict[str, float]  # data-fit key -> height in CSS px across pages
    page_content_height: float  # CSS px
    fills: list[float] = None  # per page: how far down its content area the content reaches
    blocks: list[dict] = None  # what the fit model learns from (``fitmodel``): every block of text,
    # table row and picture in reading order, with its lines, characters and the height it took
    ends: list[float] = None  # per page: where its last block ends (CSS px below the content's top)


class PdfWriter:
    """Lays out and writes PDFs, reusing fonts and stylesheets between documents."""

    def __init__(self, templates: Templates):
        self.templates = templates
        self.font_config = FontConfiguration()
        self._css: dict[str, weasyprint.CSS] = {}
        logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def _stylesheet(self, name: str, fetcher: GuardedFetcher) -> weasyprint.CSS:
        if name not in self._css:
            path = self.templates.find(name)
            check_fonts(path.read_text(encoding="utf-8"), display_path(path))
            self._css[name] = weasyprint.CSS(
                string=path.read_text(encoding="utf-8"), base_url=path.parent.as_uri() + "/",
                url_fetcher=fetcher, font_config=self.font_config,
            )
        return self._css[name]

    def render(self, html: str, stylesheet: str | list[str], label: str) -> Rendered:
        """Lay out ``html``; measure pages, last-page fill and the height of each data-fit block."""
        fetcher = GuardedFetcher(self.templates)
        names = [stylesheet] if isinstance(stylesheet, str) else stylesheet
        try:
            css = [self._stylesheet(name, fetcher) for name in names]
            doc = weasyprint.HTML(
                string=html, base_url=self.templates.dirs[0].as_uri() + "/", url_fetcher=fetcher
            ).render(font_config=self.font_config, stylesheets=css, pdf_variant=PDF_VARIANT)
        except FatalURLFetchingError as exc:
            cause = exc.__cause__ or exc
            url = fetcher.refused[0] if fetcher.refused else ""
            file, line = self.locate(url, label) if url else (label, 0)
            raise FetchError([Problem(file, line, "", f"refused to fetch a resource (brief {label}): {cause}")]) from None
        if fetcher.refused:  # refused but swallowed somewhere inside WeasyPrint
            file, line = self.locate(fetcher.refused[0], label)
            raise FetchError([Problem(file, line, "", f"refused to fetch {fetcher.refused[0]} (brief {label})")])
        return _measure(doc)

    def locate(self, url: str, label: str) -> tuple[str, int]:
        """The template or stylesheet file and line that asks for ``url`` (as written there:
        the full URL, its path, or its last two or one path parts), else the brief's name."""
        parts = urlsplit(url)
        path = unquote(parts.path)
        needles = [url, unquote(url), path, "/".join(path.split("/")[-2:]), path.rsplit("/", 1)[-1]]
        if parts.netloc:
            needles.insert(2, parts.netloc)
        needles = [n for n in dict.fromkeys(needles) if len(n) >= 3]
        files = [f for folder in self.templates.dirs
                 for f in sorted(folder.iterdir()) if f.suffix in (".css", ".j2") and f.is_file()]
        for needle in needles:
            for f in files:
                try:
                    lines = f.read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError):
                    continue
                for number, text in enumerate(lines, 1):
                    if needle in text:
                        return display_path(f), number
        return label, 0

    def write(self, rendered: Rendered, attachments: list[tuple[str, bytes, str]] | None = None,
              when: datetime | None = None) -> bytes:
        """PDF bytes. ``attachments``: (file name, data, description) embedded as associated
        files (AFRelationship /Supplement), dated ``when`` so the output is reproducible."""
        return write_document(rendered.document, attachments, when)


def write_document(document, attachments=None, when: datetime | None = None) -> bytes:
    """Write a WeasyPrint document (or a ``copy`` of several documents' pages) as tagged PDF."""
    out = io.BytesIO()
    files = []
    for name, data, description in attachments or []:
        files.append(weasyprint.Attachment(
            string=data, name=name, description=description, created=when, modified=when,
            relationship="Supplement"))
    document.write_pdf(out, pdf_variant=PDF_VARIANT, pdf_identifier=True, attachments=files or None,
                       finisher=_associate_files if files else None)
    return out.getvalue()


def _associate_files(document, pdf) -> None:
    """Mark embedded files as associated files of the document (PDF 2.0 / PDF/A-3 style)."""
    import pydyf

    specs = []
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") == "/Filespec":
            obj["AFRelationship"] = "/Supplement"
            specs.append(obj.reference)
    if specs:
        pdf.catalog["AF"] = pydyf.Array(specs)


_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit",
            "initial", "unset", "math", "emoji", "fangsong", "ui-serif", "ui-sans-serif",
            "ui-monospace", "none"}
_PACKAGES = {"carlito": "fonts-crosextra-carlito", "caladea": "fonts-crosextra-caladea",
             "liberation sans": "fonts-liberation2", "liberation serif": "fonts-liberation2"}
_installed: set[str] | None = None


def installed_families() -> set[str] | None:
    """Font families fontconfig knows, lower-cased (None when fc-list is unavailable)."""
    global _installed
    if _installed is None:
        import subprocess

        try:
            out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        _installed = {f.strip().lower() for line in out.splitlines() for f in line.split(",") if f.strip()}
    return _installed


def check_fonts(css: str, name: str) -> None:
    """The first family of every font list in ``css`` must be installed or declared with
    @font-face: WeasyPrint would otherwise fall back to another font without a word."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    declared = {m.strip(" '\"").lower() for m in re.findall(r"@font-face\s*{[^}]*font-family\s*:\s*([^;}]+)", css)}
    lists = re.findall(r"(?<![-\w])font-family\s*:\s*([^;}{]+)", css)
    for value in re.findall(r"(?<![-\w])font\s*:\s*([^;}{]+)", css):
        match = re.search(r"\d[\w.%]*(?:/[\d.]+\w*)?\s+(.+)$", value.strip())
        if match:
            lists.append(match.group(1))
    installed = installed_families()
    if installed is None:
        return
    for family_list in lists:
        first = family_list.split(",")[0].strip().strip("'\"").lower()
        if not first or first in _GENERIC or first in declared or first in installed:
            continue
        hint = f" (Debian: apt-get install {_PACKAGES[first]})" if first in _PACKAGES else ""
        raise FetchError([Problem(name, 0, "", f"font '{family_list.split(',')[0].strip()}' is not "
                                  f"installed; it would be silently replaced{hint}")])


def _blocks(page_box) -> tuple[list[dict], float]:
    """The page's blocks of text (boxes holding lines), table rows and block pictures, in
    reading order: ``kind`` (the element's tag and classes under those of its ancestors, below
    <body>: what the stylesheet's selectors see), ``lines``, the characters of each line,
    the line height, and ``took``: from the previous block's bottom (the page's top for the
    first) to this one's, so margins, paddings and headings' space are counted once. Also where
    the last block ends (a container's box may reach the page's foot when a block it holds went
    on to the next page, so ``fills`` cannot tell the space left there)."""
    out: list[dict] = []
    top = page_box.content_box_y()
    bottom = [top]

    def kind_of(box, chain):
        classes = ".".join(sorted((box.element.get("class") or "").split()))
        return chain + (f"{box.element_tag}.{classes}" if classes else box.element_tag,)

    def edge(box) -> float:
        return box.position_y + box.margin_top + box.border_height()

    previous = {"keeps": frozenset(), "after": False}

    def add(record, box, keeps, lead):
        end = edge(box)
        record["took"] = end - bottom[0]
        # the stylesheet asks for no page break between this block and the one before it
        record["glued"] = bool(lead or _avoids(box, "break_before") or previous["after"] or keeps & previous["keeps"])
        previous.update(keeps=keeps, after=_avoids(box, "break_after"))
        bottom[0] = max(bottom[0], end)
        out.append(record)

    def walk(box, chain, keeps, lead):
        for n, child in enumerate(c for c in getattr(box, "children", ())
                                  if not isinstance(c, (LineBox, MarginBox)) and isinstance(c, (ParentBox, BlockReplacedBox))
                                  and not c.is_absolutely_positioned()):
            element = getattr(child, "element", None)
            own = chain if element is None or element is getattr(box, "element", None) else kind_of(child, chain)
            starts = lead and n == 0  # a container's break-before applies to its first block
            inside = keeps | {id(child)} if _avoids(child, "break_inside") else keeps
            lines = [c for c in getattr(child, "children", ()) if isinstance(c, LineBox)]
            if lines:
                add({"kind": ">".join(own[2:]), "id": id(element), "lines": len(lines),
                     "line_h": [ln.height for ln in lines], "chars": [_chars(ln) for ln in lines]}, child, inside, starts)
            elif isinstance(child, TableRowBox):
                cells = [c for c in child.children if hasattr(c, "children")]
                add({"kind": ">".join(own[2:]), "id": id(element), "row": [
                    {"lines": len([ln for ln in c.children if isinstance(ln, LineBox)]),
                     "chars": [_chars(ln) for ln in c.children if isinstance(ln, LineBox)],
                     "line_h": [ln.height for ln in c.children if isinstance(ln, LineBox)]} for c in cells]},
                    child, inside, starts)
            elif isinstance(child, BlockReplacedBox):
                add({"kind": ">".join(own[2:]), "id": id(element), "picture": child.border_height(),
                     "src": (element.get("src") or "")[:600] if element is not None else ""}, child, inside, starts)
            else:
                walk(child, own, inside, starts or _avoids(child, "break_before"))

    walk(page_box, (), frozenset(), False)
    return out, bottom[0] - top


def _avoids(box, prop: str) -> bool:
    try:
        return box.style[prop] in ("avoid", "avoid-page")
    except (KeyError, AttributeError, TypeError):
        return False


def _chars(line) -> int:
    return sum(len(box.text) for box in line.descendants() if isinstance(box, TextBox))


def _measure(doc) -> Rendered:
    heights: dict[str, float] = {}
    blocks: list[dict] = []
    ends: list[float] = []
    last_fill = 0.0
    content_height = 1.0
    fills: list[float] = []
    for index, page in enumerate(doc.pages):
        box = page._page_box  # WeasyPrint's layout tree: the only way to read block positions
        top = box.content_box_y()
        bottom = top + box.height
        content_height = box.height
        lowest = top
        for child in box.descendants():
            element = getattr(child, "element", None)
            if element is None or not hasattr(child, "margin_height"):
                continue
            key = element.get("data-fit")
            if key and child.element_tag == element.tag and isinstance(child, BlockLevelBox):
                heights[key] = heights.get(key, 0.0) + child.margin_height()
            if child is not box and getattr(child, "is_in_normal_flow", lambda: True)():
                y = child.position_y + child.margin_height()
                if element.tag not in ("html", "body") and y > lowest and y <= bottom + 1:
                    lowest = y
        found, end = _blocks(box)
        blocks.extend(dict(b, page=index) for b in found)
        ends.append(end)
        fill = (lowest - top) / (bottom - top) if bottom > top else 1.0
        fills.append(round(min(1.0, max(0.0, fill)), 4))
        if index == len(doc.pages) - 1:
            last_fill = fill
    return Rendered(doc, len(doc.pages), round(min(1.0, max(0.0, last_fill)), 4), heights,
                    content_height, fills, blocks, ends)
