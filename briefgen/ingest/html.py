"""Reader for ``.html``/``.htm``: the page's main text by trafilatura, a maintained main-content
extractor, so navigation, breadcrumbs, bylines, "Related" lists and footers go without hand-written
markers. Headings keep their levels; list items become paragraphs. The page's own date (when it was
posted) is *not* the report's date and is never used as one.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReportError
from .chrome import Spanned, split
from .document import HEADING, PARAGRAPH, TITLE, Block, Captured, to_text
from .guard import check_html, check_text_size
from .rules import rules


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def read(path: Path, data: bytes, shown: str) -> Captured:
    import trafilatura
    from lxml import etree

    tree = check_html(data, shown)  # parsed once its elements are known to be few enough
    if tree is None:
        raise ReportError(f"{shown}: not a readable HTML page")
    options = dict(output_format="xml", include_comments=False, include_tables=False,
                   include_images=False, include_links=False, with_metadata=True, deduplicate=False)
    xml = trafilatura.extract(tree, favor_precision=True, **options)
    if xml is None:
        xml = trafilatura.extract(trafilatura.load_html(data), favor_recall=True, **options)
    if xml is None:
        raise ReportError(f"{shown}: no report text found in the page")
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    blocks: list[Spanned] = []
    for el in (main.iter() if main is not None else []):
        tag = el.tag
        if tag == "head":
            text = _text(el)
            if not text:
                continue
            rend = el.get("rend") or "h2"
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            is_title = level == 1 and not any(b.block.kind in (TITLE, PARAGRAPH) for b in blocks)
            blocks.append(Spanned(Block(TITLE if is_title else HEADING, text, 1 if is_title else max(level, 2))))
        elif tag in ("p", "item", "quote"):
            if tag == "p" and el.getparent() is not None and el.getparent().tag in ("item", "quote"):
                continue
            text = _text(el)
            if text:
                blocks.append(Spanned(Block(PARAGRAPH, text)))
    check_text_size(shown, sum(len(b.block.text.encode("utf-8")) + 2 for b in blocks), early=True)
    report = split(blocks, rules())
    body = [b.block for b in report.body]
    hints = {k: v for k in ("title", "sitename", "author", "hostname") if (v := doc.get(k))}
    if doc.get("date"):
        hints["page_date"] = doc.get("date")  # when the page was posted: provenance, not the report date
    version = getattr(trafilatura, "__version__", "")
    return Captured(path=path, format="html", reader=f"trafilatura {version}".strip(), data=data,
                    text=to_text(body), blocks=body, furniture=report.furniture, hints=hints)
