"""Accessibility rules for a Word document, read straight from its XML parts.

Each rule yields ``(element, rule, message)``; docs/accessibility.md describes them one by one.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator

from lxml import etree

Finding = tuple[str, str, str]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"w": W, "wp": WP, "dc": DC}
# run properties that change how text looks: on their own they carry meaning a screen reader
# and a restyle cannot see (a "heading" that is only big bold text)
_DIRECT = ("b", "bCs", "i", "iCs", "u", "sz", "szCs", "color", "rFonts", "caps", "smallCaps",
           "strike", "highlight", "shd", "vertAlign")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def check_docx(data: bytes) -> list[Finding]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        document = etree.fromstring(z.read("word/document.xml"), _PARSER)
        styles = etree.fromstring(z.read("word/styles.xml"), _PARSER) if "word/styles.xml" in names else None
        core = etree.fromstring(z.read("docProps/core.xml"), _PARSER) if "docProps/core.xml" in names else None
        parts = [("body", document)] + [
            (name.split("/")[-1].split(".")[0], etree.fromstring(z.read(name), _PARSER))
            for name in sorted(names) if re.fullmatch(r"word/(header|footer)\d*\.xml", name)]
    out: list[Finding] = []
    out.extend(_language(styles, core))
    names_by_id = _style_names(styles)
    out.extend(_headings(document, names_by_id))
    out.extend(_pictures(document))
    out.extend(_tables(document))
    for where, part in parts:
        out.extend(_direct(part, where, names_by_id))
    return out


def _style_names(styles) -> dict[str, str]:
    if styles is None:
        return {}
    return {s.get(_q("w:styleId")): (s.find(_q("w:name")).get(_q("w:val")) if s.find(_q("w:name")) is not None else "")
            for s in styles.iter(_q("w:style"))}


def _language(styles, core) -> Iterator[Finding]:
    lang = None
    if styles is not None:
        node = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
        lang = node.get(_q("w:val")) if node is not None else None
    if not (lang or "").strip():
        yield ("styles: default run properties", "docx-lang", "no document language (w:lang)")
    core_lang = core.find("dc:language", NS) if core is not None else None
    if core_lang is None or not (core_lang.text or "").strip():
        yield ("core properties", "docx-lang", "no document language (dc:language)")


def _text(el) -> str:
    return " ".join("".join(t.text or "" for t in el.iter(_q("w:t"))).split())


def _paragraph_style(p, names) -> str:
    node = p.find("w:pPr/w:pStyle", NS)
    return names.get(node.get(_q("w:val")), node.get(_q("w:val"))) if node is not None else "Normal"


def _headings(document, names) -> Iterator[Finding]:
    level = 0
    for number, p in enumerate(document.iter(_q("w:p")), 1):
        style = _paragraph_style(p, names)
        if style.lower() == "title":
            n = 0  # the title stands above Heading 1
        else:
            match = re.fullmatch(r"heading (\d)", style.lower())
            if not match:
                continue
            n = int(match.group(1))
        if n > level + 1:
            shown = "Title" if level == 0 else f"Heading {level}"
            yield (f"paragraph {number} '{_text(p)[:40]}'", "docx-heading-order",
                   f"{style} follows {shown}: a level is skipped")
        level = n


def _pictures(document) -> Iterator[Finding]:
    for number, pr in enumerate(document.iter(_q("wp:docPr")), 1):
        if not (pr.get("descr") or "").strip() and not (pr.get("title") or "").strip():
            yield (f"picture {number} '{pr.get('name', '')}'", "docx-picture-alt",
                   "picture has no alternative text (descr)")


def _tables(document) -> Iterator[Finding]:
    for number, tbl in enumerate(document.iter(_q("w:tbl")), 1):
        first = tbl.find("w:tr", NS)
        if first is None:
            continue
        if first.find("w:trPr/w:tblHeader", NS) is None:
            yield (f"table {number}", "docx-header-rows",
                   "first row is not marked as a header row that repeats (w:tblHeader)")


def _direct(part, where: str, names) -> Iterator[Finding]:
    """Text whose look comes from direct formatting alone: a run that is bold, italic, sized,
    coloured, ... by its own properties instead of by a named character style."""
    for number, p in enumerate(part.iter(_q("w:p")), 1):
        for r in p.iter(_q("w:r")):
            if not _text(r):
                continue
            rpr = r.find("w:rPr", NS)
            direct = [c for c in (rpr if rpr is not None else []) if etree.QName(c).localname in _DIRECT
                      and c.get(_q("w:val")) not in ("0", "false", "none")]
            if direct and rpr.find("w:rStyle", NS) is None:
                names_ = ", ".join(sorted({etree.QName(c).localname for c in direct}))
                yield (f"{where} paragraph {number} '{_text(p)[:40]}'", "docx-direct-formatting",
                       f"text formatted directly ({names_}) instead of with a named style")
                break
