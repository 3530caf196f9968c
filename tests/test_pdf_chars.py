"""PDF words from PDFium (``briefgen.ingest.pdf_chars``): the words pdfplumber's ``extract_words``
gives, which the layout code was built on, read about ten times faster.

Compared with pdfplumber itself on the In Focus fixtures and on small PDFs made here for what
PDFium reads its own way: a space drawn as a text object of its own (PDFium leaves it out), a
font set at 1 pt and scaled by the text matrix, raised and lowered text, horizontal scaling,
character spacing and kerning, a hyphen at a line end (PDFium marks it U+0002), pages turned
by /Rotate. And what the reader makes of them: real hyphens kept, a font without a Unicode map
refused.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pikepdf
import pytest

from briefgen.errors import ReportError, display_path
from briefgen.ingest import read_report
from briefgen.ingest.pdf_chars import page_words

REPORTS = Path(__file__).parent / "data" / "reports"


def _pdf(path: Path, content: str, *, rotate: int = 0, box=(0, 0, 612, 792), encoding=None) -> Path:
    """A one-page PDF drawing ``content`` with Helvetica as /F1."""
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
                              Encoding=encoding if encoding is not None else pikepdf.Name.WinAnsiEncoding)
    if encoding is not None:
        font.FirstChar, font.LastChar, font.Widths = 1, 26, [600] * 26
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=list(box),
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pdf.make_indirect(font))),
                              Contents=pdf.make_stream(content.encode("latin-1")))
    if rotate:
        page.Rotate = rotate
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def _ours(path: Path) -> list[list[dict]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return [page_words(doc[i]).words for i in range(len(doc))]
    finally:
        doc.close()


def _pdfplumbers(path: Path) -> list[list[dict]]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [p.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
                for p in pdf.pages]


def _compare(path: Path) -> list[str]:
    """Where our upright words differ from pdfplumber's: their text, where each starts and ends,
    their size and font; ``top`` and ``bottom`` as far as the font's descent allows (PDFium
    takes it from the font where a descriptor says 0, or has none)."""
    problems = []
    for number, (ours, theirs) in enumerate(zip(_ours(path), _pdfplumbers(path), strict=True), 1):
        ours = [w for w in ours if w["upright"]]
        theirs = [w for w in theirs if w["upright"]]
        if sorted(w["text"] for w in ours) != sorted(w["text"] for w in theirs):
            problems.append(f"page {number}: words {sorted(w['text'] for w in ours)} != "
                            f"{sorted(w['text'] for w in theirs)}")
            continue
        by_text = defaultdict(list)
        for w in ours:
            by_text[w["text"]].append(w)
        for w in theirs:
            mine = min(by_text[w["text"]], key=lambda v: abs(v["x0"] - w["x0"]) + abs(v["top"] - w["top"]))
            size = float(w["size"])
            far = [k for k in ("x0", "x1", "size") if abs(float(mine[k]) - float(w[k])) > 0.05]
            far += [k for k in ("top", "bottom") if abs(float(mine[k]) - float(w[k])) > 0.35 * size]
            if abs((mine["bottom"] - mine["top"]) - (w["bottom"] - w["top"])) > 0.05:
                far.append("height")
            if mine["fontname"].split("+", 1)[-1] != w["fontname"].split("+", 1)[-1]:  # a subset's tag may go
                far.append("fontname")
            if far:
                problems.append(f"page {number}: {w['text']!r} {far}: {mine} != {w}")
    return problems


@pytest.mark.parametrize("fixture", ["if12100-infocus-weasyprint.pdf", "if12100-infocus-libreoffice.pdf",
                                     "if12672-infocus-weasyprint.pdf", "if12672-infocus-libreoffice.pdf"])
def test_the_words_are_pdfplumbers(fixture):
    problems = _compare(REPORTS / fixture)
    assert not problems, "\n".join(problems[:10])


HARD = """
BT /F1 10 Tf 72 700 Td (Independence) Tj ET
BT /F1 10 Tf 131.4 700 Td ( ) Tj ET
BT /F1 10 Tf 133.9 700 Td (with the) Tj ET
BT /F1 1 Tf 10 0 0 10 72 680 Tm (Scaled by the matrix) Tj ET
BT /F1 11 Tf 72 660 Td (CO) Tj /F1 7 Tf -2 Ts (2) Tj 0 Ts /F1 11 Tf ( emissions, the 119) Tj
   /F1 7 Tf 4 Ts (th) Tj 0 Ts /F1 11 Tf ( Congress.) Tj ET
BT /F1 11 Tf 72 640 Td (The PRC and Russia maintain relations between China-) Tj ET
BT /F1 11 Tf 72 627 Td (Russia and a plan to de-) Tj ET
BT /F1 11 Tf 72 614 Td (dollarize their trade with each other.) Tj ET
BT /F1 10 Tf 150 Tz 72 595 Td (Wide type) Tj 100 Tz 2 Tc 0 -14 Td (Spaced type) Tj 0 Tc ET
BT /F1 10 Tf 72 560 Td [(Ker) 120 (ning and) -250 (TJ)] TJ ET
BT /F1 9 Tf 0 1 -1 0 400 500 Tm (Sideways head) Tj ET
"""


def test_what_pdfium_reads_its_own_way_gives_pdfplumbers_words(tmp_path):
    """A space drawn as an object of its own still parts two words ("Independence with": PDFium
    leaves the object out, and the gap is narrower than a word gap); a font scaled by the text
    matrix is as large as it looks; raised and lowered text, scaled and spaced type and kerning
    are placed as pdfminer places them; text set sideways is not upright."""
    path = _pdf(tmp_path / "hard.pdf", HARD)
    assert not _compare(path)
    words = _ours(path)[0]
    assert [w["text"] for w in words if w["upright"]][:3] == ["Independence", "with", "the"]
    assert {w["size"] for w in words if w["text"] in ("Scaled", "matrix")} == {10.0}
    sideways = "".join(w["text"] for w in words if not w["upright"])
    assert sorted(sideways) == sorted("Sidewayshead")
    assert not {"Sideways", "head"} & {w["text"] for w in words if w["upright"]}


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_page_turned_by_rotate_reads_as_pdfplumber_reads_it(tmp_path, rotate):
    """Text set so that it reads upright once /Rotate turns the page is upright, where
    pdfplumber puts it; text set the ordinary way on that page is sideways (or upside down)."""
    matrix = {90: "0 1 -1 0 300 100", 180: "-1 0 0 -1 500 700", 270: "0 -1 1 0 300 700"}[rotate]
    box = (0, 0, 792, 612) if rotate in (90, 270) else (10, 20, 622, 812)
    path = _pdf(tmp_path / f"r{rotate}.pdf", f"BT /F1 10 Tf {matrix} Tm (Upright once turned) Tj ET "
                "BT /F1 10 Tf 300 300 Td (Sideways now) Tj ET", rotate=rotate, box=box)
    assert not _compare(path)
    assert {w["text"] for w in _ours(path)[0] if w["upright"]} >= {"Upright", "once", "turned"}


def test_a_hyphen_pdfium_marks_at_a_line_end_is_the_pdfs_own(tmp_path):
    """PDFium reports a hyphen that ends a line before a word goes on as U+0002, one mark for a
    hyphen and a soft hyphen. The word keeps "-", and the reader decides as for any hyphen at a
    line end: a compound keeps it ("China-Russia", "de-dollarize")."""
    import pypdfium2 as pdfium

    path = _pdf(tmp_path / "hyphens.pdf", HARD)
    doc = pdfium.PdfDocument(path)
    page = doc[0]
    textpage = page.get_textpage()
    raw = [pdfium.raw.FPDFText_GetUnicode(textpage.raw, i) for i in range(textpage.count_chars())]
    assert raw.count(0x2) == 2  # after "China" and after "de"
    textpage.close()
    page.close()
    doc.close()
    assert {"China-", "de-"} <= {w["text"] for w in _ours(path)[0]}
    text = " ".join(read_report(path).text.split())
    assert "relations between China-Russia and a plan to de-dollarize their trade" in text


def test_a_font_without_a_unicode_map_is_refused_in_one_line(tmp_path):
    """Its characters are "(cid:N)", as pdfminer writes them, and a file mostly made of them is
    refused, naming it."""
    differences = pikepdf.Dictionary(Type=pikepdf.Name.Encoding,
                                     Differences=[1] + [pikepdf.Name(f"/g{k}") for k in range(26)])
    path = _pdf(tmp_path / "unmapped.pdf", "BT /F1 10 Tf 72 700 Td (\001\002\003\004 \005\006\007\010\011 "
                "\013\014\015) Tj 0 -14 Td (\016\017\020 \021\022\023) Tj ET", encoding=differences)
    assert _ours(path)[0][0]["text"] == "(cid:1)(cid:2)(cid:3)(cid:4)"
    with pytest.raises(ReportError) as info:
        read_report(path)
    assert str(info.value) == (f"{display_path(path)}: its fonts have no Unicode map, so its text cannot be "
                               "read; export it again as PDF or run OCR")
