"""Accessibility rules for a tagged PDF (PDF/UA-1 essentials), read with pikepdf.

Each rule yields ``(element, rule, message)``; docs/accessibility.md describes them one by one.
"""

from __future__ import annotations

import io
from typing import Iterator

import pikepdf

Finding = tuple[str, str, str]
_HEADING = {f"/H{n}": n for n in range(1, 7)}


def check_pdf(data: bytes) -> list[Finding]:
    """Every finding in a PDF, in rule order."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out: list[Finding] = []
        root = pdf.Root
        tree = root.get("/StructTreeRoot")
        marked = root.get("/MarkInfo", {}).get("/Marked", False)
        if tree is None or not bool(marked):
            out.append(("document", "pdf-tagged", "no structure tree (the PDF is not tagged)"))
        if not str(root.get("/Lang", "")).strip():
            out.append(("document", "pdf-lang", "no document language (/Lang)"))
        prefs = root.get("/ViewerPreferences", {})
        title = str(pdf.docinfo.get("/Title", "")).strip() if pdf.docinfo is not None else ""
        if not title:
            out.append(("document", "pdf-title", "no document title"))
        elif not bool(prefs.get("/DisplayDocTitle", False)):
            out.append(("document", "pdf-title", "the window shows the file name, not the title "
                        "(/DisplayDocTitle is not true)"))
        if tree is not None:
            elements = list(_walk(tree, pdf))
            out.extend(_headings(elements))
            out.extend(_figures(elements))
            out.extend(_tables(elements))
            out.extend(_reading_order(elements, pdf))
        out.extend(_fonts(pdf))
        return out


def _kids(node) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _walk(node, pdf, page=None) -> Iterator[tuple[str, object, object]]:
    """Structure elements in tag order: (type, element, page) -- page = nearest /Pg."""
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            pg = kid.get("/Pg", page)
            yield str(kid.S), kid, pg
            yield from _walk(kid, pdf, pg)


def _page_number(pdf, page) -> str:
    if page is None:
        return ""
    for index, p in enumerate(pdf.pages, 1):
        if p.obj.objgen == page.objgen:
            return f" on page {index}"
    return ""


def _text_of(el, limit=40) -> str:
    alt = el.get("/Alt") or el.get("/T") or el.get("/ActualText")
    return str(alt)[:limit] if alt is not None else ""


def _headings(elements) -> Iterator[Finding]:
    level = 0
    count = 0
    for kind, el, _ in elements:
        n = _HEADING.get(kind)
        if n is None:
            continue
        count += 1
        if n > level + 1:
            yield (f"{kind[1:]} (heading {count})", "pdf-heading-order",
                   f"heading level {n} follows level {level}: a level is skipped")
        level = n


def _numbered(elements, kind: str):
    """``(number, element)`` of each structure element of ``kind``, counted from 1 in tag order."""
    return enumerate((el for k, el, _ in elements if k == kind), 1)


def _figures(elements) -> Iterator[Finding]:
    for number, el in _numbered(elements, "/Figure"):
        if not str(el.get("/Alt", "")).strip() and not str(el.get("/ActualText", "")).strip():
            yield (f"Figure {number}", "pdf-figure-alt", "figure has no alternate text (/Alt)")


def _tables(elements) -> Iterator[Finding]:
    for number, el in _numbered(elements, "/Table"):
        if not any(str(k) == "/TH" for k, _, _ in _walk_one(el)):
            yield (f"Table {number}", "pdf-table-headers", "table has no header cells (TH)")


def _walk_one(el):
    for kid in _kids(el):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield str(kid.S), kid, None
            yield from _walk_one(kid)


def _fonts(pdf) -> Iterator[Finding]:
    seen: set = set()
    for index, page in enumerate(pdf.pages, 1):
        for name, font in _page_fonts(page.obj.get("/Resources"), set()):
            if font.objgen in seen and font.objgen != (0, 0):
                continue
            seen.add(font.objgen)
            base = str(font.get("/BaseFont", name)).lstrip("/")
            subtype = str(font.get("/Subtype", ""))
            if subtype == "/Type3":
                descriptor = None
                embedded = True  # glyphs are content streams inside the font
            else:
                target = font.DescendantFonts[0] if subtype == "/Type0" and "/DescendantFonts" in font else font
                descriptor = target.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            if not embedded:
                yield (f"font {base} (page {index})", "pdf-fonts", "font is not embedded")
            if "/ToUnicode" not in font:
                yield (f"font {base} (page {index})", "pdf-fonts", "font has no Unicode map (/ToUnicode)")


def _page_fonts(resources, visited) -> Iterator[tuple[str, object]]:
    if resources is None or resources.objgen in visited and resources.objgen != (0, 0):
        return
    visited.add(resources.objgen)
    for name, font in resources.get("/Font", {}).items():
        yield name, font
    for _, xobject in resources.get("/XObject", {}).items():
        if xobject.get("/Subtype") == "/Form":
            yield from _page_fonts(xobject.get("/Resources"), visited)


_BLOCKS = {"/P", "/LBody", "/Caption", "/TD", "/TH"} | set(_HEADING)  # text; images may be drawn in another pass


def _reading_order(elements, pdf) -> Iterator[Finding]:
    """On each page, the text blocks (paragraphs, headings, list bodies, captions, cells)
    must come in the structure tree in the order they are drawn on the page: the
    order a screen reader reads is then the order the page shows. Marked content of margin
    boxes (running head, footer, page number) stays outside the tree, as WeasyPrint makes it."""
    drawn = {page.obj.objgen: {m: i for i, m in enumerate(_drawn_mcids(page))} for page in pdf.pages}
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages, 1)}
    last: dict[tuple, tuple[int, str]] = {}
    for kind, el, page in elements:
        if kind not in _BLOCKS:
            continue
        firsts: dict[tuple, int] = {}
        for mcid, pg in _mcids(el, page):
            position = drawn.get(pg, {}).get(mcid)
            if position is not None and position < firsts.get(pg, 1 << 30):
                firsts[pg] = position
        for pg, position in firsts.items():
            previous = last.get(pg)
            if previous is not None and position < previous[0]:
                yield (f"{kind[1:]} on page {pages.get(pg, '?')}", "pdf-reading-order",
                       f"tagged after {previous[1]} but drawn before it")
            last[pg] = (position, kind[1:])


def _mcids(el, page):
    """(mcid, page objgen) of the marked content inside a structure element."""
    pg = el.get("/Pg", page)
    for kid in _kids(el):
        if isinstance(kid, pikepdf.Dictionary):
            if kid.get("/Type") == "/MCR":
                yield int(kid.MCID), kid.get("/Pg", pg).objgen
            elif "/S" in kid:
                yield from _mcids(kid, pg)
        elif not isinstance(kid, pikepdf.Object) or kid._type_code == pikepdf.ObjectType.integer:
            if pg is not None:
                yield int(kid), pg.objgen


def _drawn_mcids(page) -> list[int]:
    out = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None:
                out.append(int(mcid))
    return out
