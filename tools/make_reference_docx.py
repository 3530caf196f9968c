"""Generate templates/reference.docx: the Word styles the DOCX writer uses, by name only.

Users restyle Word output by editing reference.docx in Word (as with pandoc's reference.docx);
this script is how the built-in one was made, kept in step with templates/brief.css:
Calibri/Cambria (Carlito/Caladea in the PDF), 10.5 pt body at 13.1 pt lines, US Letter.

Run: .venv/bin/python tools/make_reference_docx.py [templates/reference.docx]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt, RGBColor

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x55, 0x55)
DARK = RGBColor(0x1A, 0x1A, 0x1A)
OCHRE = RGBColor(0x8A, 0x5A, 0x00)
RULE = "9FB3C8"
BOX_FILL = "EDF2F7"
BODY_FONT = "Calibri"
TITLE_FONT = "Cambria"
TEXT_WIDTH = Inches(8.5 - 0.9 - 0.9)
BOX_INDENT = 187  # twips (0.13 in): a box's text from its left rule, left and right alike
BOX_HANG = 230  # twips (0.16 in): a box bullet's text from the bullet
BOX_AFTER = 10  # pt before and after a box, as in brief.css (a box margin meeting a heading or paragraph)


def _font(style, name=BODY_FONT, size=10.5, bold=None, italic=None, color=DARK, caps=None):
    f = style.font
    f.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    f.size = Pt(size)
    f.bold = bold
    f.italic = italic
    f.color.rgb = color
    f.all_caps = caps


def _para(style, before=0, after=5, line=13.1, keep_next=None, left=None, hanging=None):
    pf = style.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    pf.line_spacing = Pt(line)
    pf.keep_with_next = keep_next
    pf.widow_control = True
    if left is not None:
        pf.left_indent = left
    if hanging is not None:
        pf.first_line_indent = -hanging


def _border(style, side, size_pt, color, space=4):
    ppr = style.element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(int(size_pt * 8)))
    el.set(qn("w:space"), str(space))
    el.set(qn("w:color"), color)
    borders.append(el)


def _shade(style, fill):
    ppr = style.element.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.append(shd)


def _spacing_chars(style, twentieths):
    rpr = style.element.get_or_add_rPr()
    el = OxmlElement("w:spacing")
    el.set(qn("w:val"), str(twentieths))
    rpr.append(el)


def _style(doc, name, kind=WD_STYLE_TYPE.PARAGRAPH, base="Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, kind)
    if base and kind != WD_STYLE_TYPE.TABLE:
        style.base_style = styles[base]
    style.hidden = False
    style.quick_style = True
    return style


def _reorder_ppr(style):
    """Word is strict about pPr child order; sort what we appended into schema order."""
    order = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
             "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
             "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
             "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
             "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]
    for tag in ("w:pPr", "w:rPr"):
        parent = style.element.find(qn(tag))
        if parent is None:
            continue
        if tag == "w:pPr":
            key = {qn("w:" + n): i for i, n in enumerate(order)}
        else:
            rorder = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
                      "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
                      "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
                      "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
                      "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]
            key = {qn("w:" + n): i for i, n in enumerate(rorder)}
        children = sorted(parent, key=lambda c: key.get(c.tag, 999))
        for c in children:
            parent.remove(c)
        for c in children:
            parent.append(c)


def _tabs(style, *stops):
    ppr = style.element.get_or_add_pPr()
    tabs = OxmlElement("w:tabs")
    for pos, align in stops:
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), align)
        tab.set(qn("w:pos"), str(int(pos.twips if hasattr(pos, "twips") else pos)))
        tabs.append(tab)
    ppr.append(tabs)


def _level_ind(lvl, left: int, hanging: int, bullet: bool) -> None:
    ppr = lvl.find(qn("w:pPr"))
    for el in list(ppr):
        ppr.remove(el)
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "num")
    tab.set(qn("w:pos"), str(left))
    tabs.append(tab)
    ppr.append(tabs)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(left))
    ind.set(qn("w:hanging"), str(hanging))
    ppr.append(ind)
    if bullet:
        lvl.find(qn("w:lvlText")).set(qn("w:val"), "\u2022")
        rpr = lvl.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts"))
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), BODY_FONT)
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "1F3A5F")
        rpr.append(color)


def _numbering(doc) -> int:
    """Bullets and numbers at the CSS indents; a second bullet list for boxes. Returns its numId."""
    import copy

    numbering = doc.part.numbering_part.element
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    bullet = abstracts["8"]  # List Bullet
    _level_ind(bullet.find(qn("w:lvl")), 360, 259, True)
    _level_ind(abstracts["7"].find(qn("w:lvl")), 360, 259, False)  # List Number
    box = copy.deepcopy(bullet)
    box.set(qn("w:abstractNumId"), "20")
    box.find(qn("w:nsid")).set(qn("w:val"), "0B0F0B0F")
    lvl = box.find(qn("w:lvl"))
    style_ref = lvl.find(qn("w:pStyle"))
    style_ref.set(qn("w:val"), "BoxBullet")
    # the bullet at the box's inner edge: a paragraph's border and shading start where its first
    # line does (hanging bullets included), so every paragraph of a box lines up (BOX_INDENT)
    _level_ind(lvl, BOX_INDENT + BOX_HANG, BOX_HANG, True)
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(box)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "20")
    abstract_id = OxmlElement("w:abstractNumId")
    abstract_id.set(qn("w:val"), "20")
    num.append(abstract_id)
    numbering.append(num)
    return 20


def build(target: Path) -> None:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

    # Page: US Letter, margins as in brief.css
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.top_margin, section.bottom_margin = Inches(0.85), Inches(0.8)
    section.left_margin = section.right_margin = Inches(0.9)
    section.header_distance, section.footer_distance = Inches(0.45), Inches(0.4)

    # Document defaults: language, no theme fonts
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    fonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), BODY_FONT)
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    if ppr_default is not None:
        styles_el.find(qn("w:docDefaults")).remove(ppr_default)

    s = doc.styles
    normal = s["Normal"]
    _font(normal)
    _para(normal, after=0)

    body_text = _style(doc, "Body Text")
    _font(body_text)
    _para(body_text, after=5)

    title = _style(doc, "Title")
    _font(title, TITLE_FONT, 22, bold=True, color=NAVY)
    _para(title, after=0, line=24.2)
    for el in title.element.get_or_add_pPr().findall(qn("w:pBdr")):
        title.element.get_or_add_pPr().remove(el)

    subtitle = _style(doc, "Subtitle")
    _font(subtitle, TITLE_FONT, 12, italic=True, color=RGBColor(0x44, 0x44, 0x44))
    _para(subtitle, before=2, after=9, line=15)
    _border(subtitle, "bottom", 1.5, "1F3A5F", space=6)

    kicker = _style(doc, "Kicker")
    _font(kicker, size=8.5, bold=True, color=OCHRE, caps=True)
    _spacing_chars(kicker, 14)
    _para(kicker, after=2, line=10.6, keep_next=True)

    for name, size, before in (("Heading 1", 11.5, 5), ("Heading 2", 10.5, 4), ("Heading 3", 10.5, 3)):
        h = _style(doc, name)
        _font(h, size=size, bold=True, color=NAVY)
        _para(h, before=before, after=3, line=size * 1.2, keep_next=True)
        h.paragraph_format.keep_together = True

    for name, numbered in (("List Bullet", False), ("List Number", True)):
        st = _style(doc, name)
        st.base_style = s["Normal"]
        _font(st)
        _para(st, after=3, left=Inches(0.25), hanging=Inches(0.18))
        ppr = st.element.get_or_add_pPr()
        for el in ppr.findall(qn("w:contextualSpacing")):
            ppr.remove(el)
    box_num = _numbering(doc)

    # Boxed callouts: shaded paragraphs with a navy rule on the left. Word and LibreOffice draw
    # consecutive paragraphs with the same borders and the same outer edges (first line or left
    # indent, whichever is further left, and right indent) as one box: every box style has its
    # first line BOX_INDENT from the rule and the same right indent. The space after a box's last
    # paragraph lies outside it; the writer gives that paragraph the "... End" style.
    box_specs = (
        ("Box Heading", None, dict(size=9, bold=True, color=NAVY, caps=True), dict(before=BOX_AFTER, after=2, line=10.8, keep_next=True)),
        ("Box Text", None, dict(size=10), dict(after=0, line=12.5)),
        ("Box Bullet", None, dict(size=10), dict(after=2, line=12.5)),
        ("Box Text End", "Box Text", dict(size=10), dict(after=BOX_AFTER, line=12.5)),
        ("Box Bullet End", "Box Bullet", dict(size=10), dict(after=BOX_AFTER, line=12.5)),
    )
    twips = 635  # EMU per twip
    for name, base, font_kw, para_kw in box_specs:
        st = _style(doc, name, base=base or "Normal")
        _font(st, **font_kw)
        _para(st, **para_kw)
        if name == "Box Heading":
            _spacing_chars(st, 12)
        _border(st, "left", 3, "1F3A5F", space=8)
        _border(st, "top", 0.5, BOX_FILL, space=3)
        _border(st, "bottom", 0.5, BOX_FILL, space=3)
        _border(st, "right", 0.5, BOX_FILL, space=8)
        _shade(st, BOX_FILL)
        if name.startswith("Box Bullet"):
            num_pr = OxmlElement("w:numPr")
            num_id = OxmlElement("w:numId")
            num_id.set(qn("w:val"), str(box_num))
            num_pr.append(num_id)
            st.element.get_or_add_pPr().append(num_pr)
            st.paragraph_format.left_indent = Emu((BOX_INDENT + BOX_HANG) * twips)
            st.paragraph_format.first_line_indent = Emu(-BOX_HANG * twips)
        else:
            st.paragraph_format.left_indent = Emu(BOX_INDENT * twips)
        st.paragraph_format.right_indent = Emu(BOX_INDENT * twips)
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.keep_together = True

    caption = _style(doc, "Caption")
    _font(caption, size=8.5, bold=False, color=RGBColor(0x44, 0x44, 0x44))
    _para(caption, before=3, after=8, line=10.5)

    source = _style(doc, "Source Line")
    _font(source, size=8.5, color=RGBColor(0x44, 0x44, 0x44))
    _para(source, before=8, after=0, line=10.5)
    _border(source, "top", 0.5, RULE, space=3)

    notes_heading = _style(doc, "Notes Heading")
    _font(notes_heading, size=9, bold=True, color=NAVY)
    _para(notes_heading, before=10, after=2, line=10.8, keep_next=True)
    _border(notes_heading, "top", 0.5, RULE, space=2)

    note = _style(doc, "Note Text")
    _font(note, size=8, color=RGBColor(0x33, 0x33, 0x33))
    _para(note, after=1.5, line=9.6, left=Inches(0.22), hanging=Inches(0.22))
    _tabs(note, (Inches(0.22), "left"))

    for name, size, bold in (("Table Heading", 9.5, True), ("Table Text", 9.5, None)):
        st = _style(doc, name)
        _font(st, size=size, bold=bold, color=NAVY if bold else DARK)
        _para(st, after=0, line=11.4)

    # Memos
    kind = _style(doc, "Memo Kind")
    _font(kind, size=14, bold=True)
    _spacing_chars(kind, 28)
    _para(kind, after=12, line=16.8, keep_next=True)
    kind.paragraph_format.alignment = 1  # centred
    field = _style(doc, "Memo Field")
    _font(field)
    _para(field, after=4, left=Inches(1.1), hanging=Inches(1.1), keep_next=True)
    _tabs(field, (Inches(1.1), "left"))
    _border(field, "bottom", 1, "1A1A1A", space=6)
    decision = _style(doc, "Decision Line")
    _font(decision)
    _para(decision, before=9, after=8)
    _tabs(decision, (Inches(2.2), "left"), (Inches(4.4), "left"))
    label = _style(doc, "Memo Label")
    _font(label, size=9.5)
    _para(label, before=3, after=2, line=12)
    attachment = _style(doc, "Memo Attachment")
    _font(attachment, size=9.5)
    _para(attachment, after=2, line=12, left=Inches(0.3))

    # Character styles
    strong = _style(doc, "Strong", WD_STYLE_TYPE.CHARACTER, base=None)
    strong.font.bold = True
    strong.font.color.rgb = NAVY
    emphasis = _style(doc, "Emphasis", WD_STYLE_TYPE.CHARACTER, base=None)
    emphasis.font.italic = True
    # Note markers: superscript, like Word's own "footnote reference", which word processors draw
    # smaller than the size set (LibreOffice at 58 %, Word at about two thirds). A 7 pt size on
    # top of that made markers about 4 pt, and even the surrounding 10 pt gave 5.8 pt in
    # LibreOffice; 11.5 pt draws at 6.7 pt there and about 7.7 pt in Word (the PDF shows 7 pt).
    # (A raised position with a plain size is no way out: LibreOffice imports it as superscript.)
    ref = _style(doc, "Note Reference", WD_STYLE_TYPE.CHARACTER, base=None)
    ref.font.superscript = True
    ref.font.size = Pt(11.5)

    # Table style: rules under rows, navy rule under the header row
    table = _style(doc, "Brief Table", WD_STYLE_TYPE.TABLE, base=None)
    tbl_pr = table.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        table.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        if side in ("bottom", "insideH"):
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), RULE)
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("left", 80), ("bottom", 40), ("right", 80)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(width))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)

    for name in ("Header", "Footer"):
        st = _style(doc, name)
        _font(st, size=8, color=GREY)
        _para(st, after=0, line=9.6)
        ppr = st.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:tabs")):
            ppr.remove(old)
        _tabs(st, (TEXT_WIDTH, "right"))
    _border(s["Header"], "bottom", 0.5, RULE, space=4)

    for st in doc.styles:
        if st.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            _reorder_ppr(st)

    props = doc.core_properties
    props.title = "briefgen reference document"
    props.author = "briefgen"
    props.comments = "Styles used by briefgen's DOCX writer. Edit the styles, keep the names."
    doc.save(target)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/reference.docx"))
