"""DOCX writer: walk vocabulary HTML into python-docx using only named styles from reference.docx.

No direct formatting: every paragraph, run and table gets a style name, so a user restyles Word
output by editing reference.docx. The styles the writer needs are listed in ``STYLES``; a
reference.docx that lacks one is an error naming it. Output is byte-reproducible: the zip has
fixed timestamps and order (``docx_zip``), and document dates come from the HTML.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from lxml import etree

from .docx_figures import Picture, svg_picture
from .docx_props import meta_from_html, set_properties
from .docx_zip import package_members, zip_members
from ..errors import BuildError, Problem
from ..compose.vocab import parse

STYLES = {
    "title": "Title", "subtitle": "Subtitle", "kicker": "Kicker",
    "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3",
    "p": "Body Text", "li_ul": "List Bullet", "li_ol": "List Number",
    "box_h": "Box Heading", "box_p": "Box Text", "box_li": "Box Bullet",
    "caption": "Caption", "source": "Source Line", "notes_h": "Notes Heading", "note": "Note Text",
    "th": "Table Heading", "td": "Table Text", "table": "Brief Table",
    "header": "Header", "footer": "Footer",
    "strong": "Strong", "em": "Emphasis", "ref": "Note Reference",
}
# A box's last paragraph, when reference.docx has these styles: the same look, and the space
# after the box (which Word and LibreOffice leave outside the box's shading). A reference.docx
# made before they existed still works: the box just ends without that space.
BOX_END = {"Box Text": "Box Text End", "Box Bullet": "Box Bullet End"}
_SPACE = re.compile(r"\s+")


class DocxWriter:
    """Turns one vocabulary HTML document into DOCX bytes."""

    def __init__(self, reference: Path, locate=None):
        """``locate(needle)`` may return (file, line) of template text (``Templates.locator``),
        so a template asking for a style reference.docx lacks is named with its line."""
        self.reference = Path(reference)
        self.locate = locate
        self._seen: tuple[int, int] | None = None
        self._load()

    def _load(self) -> None:
        """Read reference.docx (again, when it changed since: a preview session outlives edits)
        and map its style names to ids once."""
        stat = self.reference.stat()
        if self._seen == (stat.st_mtime_ns, stat.st_size):
            return
        data = self.reference.read_bytes()
        probe = docx.Document(io.BytesIO(data))
        style_ids = {s.name: s.style_id for s in probe.styles}
        missing = sorted(set(STYLES.values()) - set(style_ids))
        if missing:
            raise BuildError([Problem(str(self.reference), 0, "", "reference.docx lacks the style"
                                      f"{'s' * (len(missing) > 1)} {', '.join(repr(m) for m in missing)}")])
        self._data, self.style_ids, self._seen = data, style_ids, (stat.st_mtime_ns, stat.st_size)

    def write(self, html: str) -> bytes:
        return self.write_many([html])

    def write_many(self, htmls: list[str], pages: list[int] | None = None) -> bytes:
        """One DOCX of several vocabulary documents, each in its own section starting on a new
        page with its own header, footer and page numbering (a memo packet). Properties come
        from the first document. ``pages``: each document's page count as laid out for its PDF,
        the shown value of its footer's "of N" (a SECTIONPAGES field: Word counts again when it
        lays the file out; LibreOffice 7 cannot and shows this value)."""
        roots = [parse(html) for html in htmls]
        self._load()
        document = docx.Document(io.BytesIO(self._data))
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        for n, root in enumerate(roots):
            if n:
                section = document.add_section(WD_SECTION.NEW_PAGE)
                _restart_numbering(section)
            walker = _Walker(document, self.style_ids, packet=len(roots) > 1, locate=self.locate)
            walker.pages = str(pages[n]) if pages and n < len(pages) else "1"
            walker.walk(root.find("body"))
        set_properties(document, meta_from_html(roots[0]))
        return zip_members(package_members(document))


class _Walker:
    def __init__(self, document, style_ids: dict[str, str], packet: bool = False, locate=None):
        self.doc = document
        self.locate = locate
        self.box = False
        self.last = None  # the paragraph written last
        self.section = document.sections[-1]
        self.packet = packet
        self.pages = "1"  # shown "of N" until a word processor counts the pages
        # python-docx looks a style up by name with a linear XPath scan each time; map names to
        # ids once per reference.docx and set pStyle/rStyle directly (the same XML python-docx
        # would write).
        self.ids = style_ids
        self.names = set(self.ids)

    def style_for(self, el: etree._Element, default: str) -> str:
        """A template may name any Word style with data-style; it must exist in reference.docx."""
        name = el.get("data-style")
        if not name:
            return default
        if name not in self.names:
            where = self.locate(f'data-style="{name}"') if self.locate else None
            raise BuildError([Problem(*(where or ("", 0)), "", f"reference.docx has no style {name!r} "
                                      f"(asked for by data-style on <{el.tag}>)")])
        return name

    # --- blocks -------------------------------------------------------------------------------
    def walk(self, el: etree._Element) -> None:
        for child in el:
            if isinstance(child.tag, str):
                self.block(child)

    def block(self, el: etree._Element) -> None:
        tag = el.tag
        classes = set((el.get("class") or "").split())
        if "running-head" in classes:
            self._header(el)
        elif "running-foot" in classes:
            self._footer(el)
        elif tag in ("header", "main", "section", "div", "footer", "aside"):
            was = self.box
            self.box = self.box or "box" in classes
            before = self.last
            self.walk(el)
            self.box = was
            if "box" in classes and not was and self.last is not before:
                self._end_box(self.last)
        elif tag == "h1":
            self.paragraph(el, self.style_for(el, STYLES["title"]))
        elif tag in ("h2", "h3", "h4"):
            parent_classes = set((el.getparent().get("class") or "").split())
            if self.box:
                style = STYLES["box_h"]
            elif "notes" in parent_classes:
                style = STYLES["notes_h"]
            else:
                style = STYLES[tag]
            self.paragraph(el, self.style_for(el, style))
        elif tag == "p":
            if "kicker" in classes:
                style = STYLES["kicker"]
            elif "subtitle" in classes:
                style = STYLES["subtitle"]
            elif "source-line" in classes:
                style = STYLES["source"]
            else:
                style = STYLES["box_p"] if self.box else STYLES["p"]
            self.paragraph(el, self.style_for(el, style))
        elif tag in ("ul", "ol"):
            notes = tag == "ol" and "notes" in classes
            for n, li in enumerate(el.findall("li"), start=1):
                if notes:
                    self.paragraph(li, STYLES["note"], prefix=f"{li.get('value') or n}.\t")
                elif self.box:
                    self.paragraph(li, STYLES["box_li"])
                else:
                    self.paragraph(li, STYLES["li_ul" if tag == "ul" else "li_ol"])
        elif tag == "figure":
            self._figure(el)
        elif tag == "table":
            self._table(el)
        elif tag == "figcaption":
            self.paragraph(el, STYLES["caption"])
        # anything else in the vocabulary (img outside a figure, br between blocks) has no block form

    def _end_box(self, para) -> None:
        """The box's last paragraph takes its style's "End" twin (see ``BOX_END``)."""
        if para._p.getnext() is not None and para._p.getnext().tag != qn("w:sectPr"):
            return  # the box ends with something else (a table): no paragraph to space it
        name = next((n for n, i in self.ids.items() if i == para._p.style), None)
        end = BOX_END.get(name or "")
        if end in self.names:
            para._p.style = self.ids[end]

    def paragraph(self, el: etree._Element, style: str, prefix: str = ""):
        para = self.doc.add_paragraph()
        self.last = para
        para._p.style = self.ids[style]
        state = {"space": True}
        if prefix:
            para.add_run(prefix)
        self.inline(el, para, None, state, top=True)
        _trim(para)
        return para

    # --- inline -------------------------------------------------------------------------------
    def inline(self, el, para, char_style, state, top=False):
        if el.text:
            self._text(para, el.text, char_style, state)
        for child in el:
            if isinstance(child.tag, str):
                style = char_style
                if child.tag in ("strong", "b"):
                    style = STYLES["strong"]
                elif child.tag in ("em", "i"):
                    style = STYLES["em"]
                elif child.tag == "sup" and "note-ref" in (child.get("class") or ""):
                    style = STYLES["ref"]
                if child.tag == "br":
                    para.add_run().add_break()
                    state["space"] = True
                elif child.tag == "span" and "tab" in (child.get("class") or "").split():
                    para.add_run("\t")
                    state["space"] = True
                elif child.tag in ("ul", "ol", "p", "table", "figure"):
                    pass  # nested blocks are not part of the vocabulary inside inline content
                else:
                    self.inline(child, para, style, state)
            if child.tail:
                self._text(para, child.tail, char_style, state)

    def _text(self, para, text, style, state):
        text = _SPACE.sub(" ", text)
        if state["space"] and text.startswith(" "):
            text = text[1:]
        if not text:
            return
        state["space"] = text.endswith(" ")
        run = para.add_run(text)
        if style:
            run._r.style = self.ids[style]

    # --- figures, tables, header and footer -----------------------------------------------------
    def _figure(self, el):
        """A figure whose image is an SVG (the timeline) becomes the same picture, drawn from the
        same SVG, with the image's alt text; its data table is then the picture's text
        alternative already (the alt text) and is not repeated. Other images need the table."""
        img = el.find(".//img")
        alt = (img.get("alt") if img is not None else "") or el.get("aria-label") or ""
        table = el.find(".//table")
        picture = svg_picture(img.get("src") or "") if img is not None else None
        for child in el:
            if child.tag == "img" and picture is not None:
                self._picture(picture, alt)
            elif child.tag == "table" and picture is None:
                self._table(child, alt=alt)
            elif child.tag == "figcaption":
                self.paragraph(child, STYLES["caption"])
            elif child.tag == "img" and table is None:
                raise BuildError(f"<figure> with an image needs a data table for DOCX ({alt[:40]!r})")

    def _picture(self, picture: "Picture", alt: str) -> None:
        """The picture in its own paragraph, as wide as in the PDF (at most the text width)."""
        para = self.doc.add_paragraph()
        para._p.style = self.ids[STYLES["p"]]
        section = self.section
        text_width = section.page_width - section.left_margin - section.right_margin
        width = min(Emu(int(picture.width_pt * 12700)), text_width)
        shape = para.add_run().add_picture(io.BytesIO(picture.png), width=width)
        doc_pr = shape._inline.docPr
        doc_pr.set("name", "Timeline" if alt.startswith("Timeline") else "Figure")
        doc_pr.set("descr", alt)

    def _table(self, el, alt: str = ""):
        rows = el.findall(".//tr")
        if not rows:
            return
        width = max(sum(int(c.get("colspan") or 1) for c in r if c.tag in ("td", "th")) for r in rows)
        table = self.doc.add_table(rows=0, cols=width)
        table._tbl.tblPr.style = self.ids[STYLES["table"]]
        for r in rows:
            cells = table.add_row().cells
            for i, cell_el in enumerate([c for c in r if c.tag in ("td", "th")][:width]):
                cell = cells[i]
                para = cell.paragraphs[0]
                para._p.style = self.ids[STYLES["th" if cell_el.tag == "th" else "td"]]
                self.inline(cell_el, para, None, {"space": True})
                _trim(para)
            if r.getparent().tag == "thead":
                tr_pr = table.rows[-1]._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                tr_pr.append(header)
        _column_widths(table, el, self.section)
        tbl_pr = table._tbl.tblPr
        if alt:
            for tag, value in (("w:tblCaption", alt[:250]), ("w:tblDescription", alt)):
                node = OxmlElement(tag)
                node.set(qn("w:val"), value)
                tbl_pr.append(node)
        # keep the rows of short tables together: a property of the table, not of text
        if len(rows) <= 20:
            for row in table.rows:
                tr_pr = row._tr.get_or_add_trPr()
                cant = OxmlElement("w:cantSplit")
                tr_pr.insert(0, cant)

    def _margin_paragraph(self, part, el, style: str):
        """The first paragraph of a page header or footer, unlinked from the previous section."""
        part.is_linked_to_previous = False
        para = part.paragraphs[0]
        para._p.style = self.ids[style]
        self.inline(el, para, None, {"space": True})
        _trim(para)
        return para

    def _header(self, el):
        self._margin_paragraph(self.section.header, el, STYLES["header"])

    def _footer(self, el):
        para = self._margin_paragraph(self.section.footer, el, STYLES["footer"])
        para.add_run("\tPage ")
        _field(para, "PAGE", "1")
        para.add_run(" of ")
        _field(para, "SECTIONPAGES" if self.packet else "NUMPAGES", self.pages)


def _restart_numbering(section) -> None:
    """Page numbers of a new section start at 1 (a section property, not text formatting)."""
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:start"), "1")
    later = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
             "rtlGutter", "docGrid", "printerSettings", "sectPrChange")
    anchor = next((c for c in sect_pr if c.tag in {qn("w:" + n) for n in later}), None)
    if anchor is not None:
        anchor.addprevious(num)
    else:
        sect_pr.append(num)


def _trim(para) -> None:
    runs = para.runs
    if runs and runs[-1].text.endswith(" "):
        runs[-1].text = runs[-1].text.rstrip(" ")


def _field(para, instruction: str, placeholder: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice update when laying out."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} \\* MERGEFORMAT ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    fld.append(run)
    para._p.append(fld)


def _column_widths(table, el, section) -> None:
    """Share the text width between columns: a narrow first column for date/term tables."""
    total = section.page_width - section.left_margin - section.right_margin
    n = len(table.columns)
    if n == 2:
        first = int(total * 0.18)
        widths = [first, total - first]
    else:
        widths = [total // n] * n
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w.twips if hasattr(w, "twips") else w / 635)))
