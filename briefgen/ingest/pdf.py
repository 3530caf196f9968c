"""Reader for ``.pdf``: the text layer by PDFium (pypdfium2), read as a layout, not lines.

A naive extraction reads a two-column page line by line across both columns and splices them
("…and the Rus‐ The PRC and Russia also enjoy…"). Here, per page:

0. PDFium's characters become words with their positions and fonts (``pdf_chars``: the words
   pdfplumber's ``extract_words`` gives, read about ten times faster);
1. words become lines in reading order (``pdf_layout``): columns, a side column beside the text
   (a Report's summary-page box), superscripts and subscripts with their word, note marks left
   out;
2. furniture (``pdf_furniture``): running heads, footers, page numbers and contents pages are
   kept apart for metadata, never report text; footnotes at a page foot are kept as notes;
3. lines become headings (bold or larger type), notes (smaller type) or paragraph lines; a
   paragraph continues across a column or page break when its last line did not end it;
   a caption ("Table 2. …", "Figure 1. …") opens an exhibit that takes the table's cells or the
   chart's labels (smaller or bold type, one line each) and its "Source:"/"Note:" lines, so a
   table without rules is neither a heading, a paragraph nor a footnote;
4. a word broken at a line end is joined (``decide_hyphen``): a soft hyphen goes, a real one stays
   ("de-dollarize", "China-Russia", "2021-2025").

Bylines and the publisher's boilerplate are told apart from the report in ``chrome``.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from pathlib import Path

from ..errors import ReportError
from .chrome import Spanned, split
from .document import EXHIBIT, HEADING, NOTE, PARAGRAPH, TITLE, Block, Captured, to_text
from .pdf_furniture import body_size, merge_notes, strip_furniture
from .guard import PageBudget, check_pdf_streams
from .pdf_layout import _HYPHENS, _SOFT_HYPHENS, SIDE, Line, Page, _layout
from .pdf_tables import table_rows
from .rules import rules

_ENDS_SENTENCE = re.compile(r"[.!?:][\"”’)\]]*$")
_CAPTION = re.compile(r"^(Table|Figure|Exhibit|Chart|Map)\s+(?:[A-Z]-?)?\d{1,3}[a-z]?\s*[.:](\s|$)")
_EXHIBIT_NOTE = re.compile(r"^(Sources?|Notes?)\s*:")
_BULLET = re.compile(r"^[•▪◦●‣∙·]\s")


def _open(data: bytes, shown: str):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ReportError(f"{shown}: encrypted PDF (it needs a password); decrypt it first, "
                              "e.g. qpdf --decrypt --password=… in.pdf out.pdf") from None
        reason = str(exc).removeprefix("Failed to load document ").strip("(). ") or type(exc).__name__
        raise ReportError(f"{shown}: not a readable PDF (corrupt or truncated?): {reason}") from None


def read(path: Path, data: bytes, shown: str) -> Captured:
    from importlib.metadata import version

    from .pdf_chars import page_words

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReportError(f"{shown}: not a PDF file (it does not start with %PDF)")
    check_pdf_streams(data, shown)  # inflated sizes, before anything is inflated whole
    pdf = _open(data, shown)
    limit = rules().max_pdf_pages
    try:
        count = len(pdf)
        if count > limit:
            raise ReportError(f"{shown}: {count} pages; the limit is {limit} "
                              "(briefgen/data/ingest.yaml, limits.max_pdf_pages)")
        pages = []
        rotated: list[int] = []  # pages with text set sideways, left out
        unmapped = chars = 0
        budget = PageBudget(shown)
        for number in range(1, count + 1):
            try:
                page = pdf[number - 1]
                try:
                    budget.objects(page, number)  # objects per page, before its text is read
                    got = page_words(page)
                finally:
                    page.close()
            except ReportError:
                raise
            except Exception as exc:  # PDFium raises PdfiumError; never leak a traceback
                raise ReportError(f"{shown}: page {number} cannot be read (corrupt or truncated?): "
                                  f"{type(exc).__name__}") from None
            words = got.words
            text = "".join(w["text"] for w in words)
            budget.characters(len(text), number)  # per page and in the whole document
            chars += len(text)
            unmapped += text.count("(cid:") * 6
            # text set sideways (a table's rotated column heads) has no place in lines of prose:
            # it read as letters one per row ("y t b g o m o V …")
            sideways = [w for w in words if not w["upright"]]
            if sideways:
                words = [w for w in words if w["upright"]]
                rotated.append(number)
            pages.append(_layout(number, got.width, got.height, words))
        info = pdf.get_metadata_dict(skip_empty=True)
        hints = {k.lower(): v for k, v in info.items() if k in ("Title", "Author", "Subject") and v.strip()}
    finally:
        pdf.close()
    if chars == 0:
        raise ReportError(f"{shown}: no text layer (a scanned PDF?); run OCR first, "
                          "e.g. ocrmypdf --sidecar out.txt in.pdf out.pdf, and distill the text")
    if unmapped > chars * 0.2:
        raise ReportError(f"{shown}: its fonts have no Unicode map, so its text cannot be read; "
                          "export it again as PDF or run OCR")
    furniture = strip_furniture(pages)
    blocks, more = _blocks(pages)
    report = split(blocks, rules())
    body, notes = _self_check(data, report.body)
    if rotated:
        pages_ = ", ".join(map(str, rotated))
        notes.append(f"page{'s' * (len(rotated) > 1)} {pages_}: text set sideways (rotated table heads or "
                     "labels) is left out of the capture")
    return Captured(path=path, format="pdf", reader=f"pypdfium2 {version('pypdfium2')}",
                    data=data, text=to_text(body), blocks=body, furniture=furniture + more + report.furniture,
                    hints=hints, notes=notes)


def _self_check(data: bytes, spans: list[Spanned]) -> tuple[list[Block], list[str]]:
    """The blocks, each paragraph confirmed by a second reading (``pdf_check``) or marked
    suspect, and a note for a person about each suspect one."""
    from dataclasses import replace

    from .pdf_check import confirm, second_reading

    pages = second_reading(data)
    if pages is None:
        return [s.block for s in spans], ["a second reading of the file (PDFium) failed: its paragraphs "
                                          "are not confirmed"]
    out, notes = [], []
    for s in spans:
        why = confirm(s.lines, pages) if s.block.kind == PARAGRAPH else None
        if why:
            where = f"page {s.lines[0][0]}"
            out.append(replace(s.block, suspect=f"{where}: {why}"))
            words = s.block.text.split()
            notes.append(f"{where}: the paragraph “{' '.join(words[:8])}…” is not confirmed: {why}; nothing "
                         "is drafted from it")
        else:
            out.append(s.block)
    return out, notes


# --- lines -> blocks -----------------------------------------------------------------------------


def _blocks(pages: list[Page]) -> tuple[list[Spanned], list[str]]:
    lines = [ln for p in pages for ln in p.lines]
    if not lines:
        return [], []
    body = body_size(pages)
    vocabulary = _vocabulary(lines)
    first_page = [ln for ln in lines if ln.page == pages[0].number]
    title_size = max((ln.size for ln in first_page), default=body)
    title_line = next((ln for ln in first_page if ln.size == title_size), None) if title_size > body * 1.3 else None
    heading_sizes = sorted({round(ln.size, 1) for ln in lines if ln.size > body * 1.1 and ln is not title_line}, reverse=True)

    furniture: list[str] = []
    blocks: list[Spanned] = []
    notes: list[str] = []
    current: list[Line] = []  # lines of the open paragraph
    pitch = _pitch(lines, body)

    def flush():
        if current:
            text = _join(current, vocabulary)
            blocks.append(Spanned(Block(PARAGRAPH, text), lines=[(x.page, x.text) for x in current]))
            current.clear()

    exhibit: list[Line] = []  # the open table or figure: caption, cells, source lines

    def close_exhibit():
        if exhibit:
            lines_ = table_rows(exhibit)
            blocks.append(Spanned(Block(EXHIBIT, unicodedata.normalize("NFC", "\n".join(lines_)))))
            exhibit.clear()

    def in_exhibit(ln: Line, text: str) -> bool:
        """Does ``ln`` belong to the open exhibit? Cells and labels are set smaller than the
        body or bold; its source and note lines, and their continuations, come last."""
        if _EXHIBIT_NOTE.match(text):
            return True
        noted = any(_EXHIBIT_NOTE.match(x.text.strip()) for x in exhibit)
        small = ln.size < body * 0.95
        if noted:  # only the wrapped rest of a source or note line, not a footnote below it
            prev = exhibit[-1]
            return small and not re.match(r"^\d{1,3}\s", text) and ln.page == prev.page \
                and 0 <= ln.top - prev.bottom < (prev.bottom - prev.top) * 0.8
        return small or (ln.bold and ln.size <= body * 1.1)

    seen_title = False
    for idx, ln in enumerate(lines):
        text = ln.text.strip()
        if title_line is not None and not seen_title:
            if ln is title_line:
                seen_title = True
                blocks.append(Spanned(Block(TITLE, text, 1)))
                # a title on two lines
                continue
            furniture.append(text)  # kicker, series mark and date above the title
            continue
        if blocks and blocks[-1].block.kind == TITLE and not current and ln.size == title_size and len(blocks) == 1:
            blocks[-1] = Spanned(Block(TITLE, blocks[-1].block.text + " " + text, 1))
            continue
        if _CAPTION.match(text) and ln.size <= body * 1.1:
            flush()
            close_exhibit()
            exhibit.append(ln)
            continue
        if exhibit:
            if in_exhibit(ln, text):
                exhibit.append(ln)
                continue
            close_exhibit()
        if _EXHIBIT_NOTE.match(text) and ln.size < body * 0.95:  # a figure's source under its picture
            flush()
            exhibit.append(ln)
            continue
        if ln.column == SIDE:  # a side column's lines (a date, an author) make their own paragraph
            if current and current[-1].column != SIDE:
                flush()
            current.append(ln)
            continue
        if current and current[-1].column == SIDE:
            flush()
        is_heading = (ln.size > body * 1.1 or (ln.bold and ln.size >= body * 0.8)) and len(text.split()) <= 20 \
            and not text.endswith(".")
        if ln.size < body * 0.85 and not is_heading:
            notes.append(text)
            continue
        if is_heading:
            flush()
            level = 2 + (heading_sizes.index(round(ln.size, 1)) if round(ln.size, 1) in heading_sizes else len(heading_sizes))
            prev = blocks[-1].block if blocks else None
            prev_line = lines[idx - 1] if idx else None
            if prev and prev.kind == HEADING and prev_line is not None and prev_line.bold == ln.bold \
                    and abs(prev_line.size - ln.size) < 0.5 and 0 <= ln.top - prev_line.bottom < pitch:
                blocks[-1] = Spanned(Block(HEADING, f"{prev.text} {text}", prev.level))
            else:
                blocks.append(Spanned(Block(HEADING, text, level)))
            continue
        if current and (_breaks(current[-1], ln, pitch) or _BULLET.match(text)):
            flush()  # a list item is a paragraph of its own
        current.append(ln)
    flush()
    close_exhibit()
    if notes:
        blocks.append(Spanned(Block(HEADING, "Notes", 2)))
        blocks.extend(Spanned(Block(NOTE, n)) for n in merge_notes(notes))
    return blocks, furniture


def _pitch(lines: list[Line], body: float) -> float:
    """The running text's line pitch: steps between lines of body size (a table's or a
    chart's small labels do not count)."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:])
             if a.page == b.page and a.column == b.column and 0 < b.top - a.top < 40
             and abs(a.size - body) < 0.1 * body and abs(b.size - body) < 0.1 * body]
    return statistics.median(steps) if steps else 14.0


def _breaks(prev: Line, ln: Line, pitch: float) -> bool:
    """Does ``ln`` start a new paragraph after ``prev``?"""
    ended = bool(_ENDS_SENTENCE.search(prev.text))
    if prev.page != ln.page or prev.column != ln.column or ln.top < prev.top:
        # A new column or page: the paragraph goes on unless its last line ended it.
        full_line = prev.x1 >= prev.col_x1 - 0.06 * (prev.col_x1 - prev.col_x0)
        return ended and not full_line
    gap = ln.top - prev.top
    if gap > pitch * 1.35:
        return True
    indent = ln.x0 - ln.col_x0
    if ended and indent > 8 and prev.x0 - prev.col_x0 < 4:
        return True
    return False


def _vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    """Words of the document (lower case), and hyphenated compounds written inside a line."""
    words: set[str] = set()
    compounds: set[str] = set()
    for ln in lines:
        for token in re.findall(r"[\w’'\-‑]+", ln.text):
            token = token.strip("-‑’'")
            if not token:
                continue
            low = token.lower()
            words.add(low)
            if "-" in low:
                compounds.add(low)
                words.update(low.split("-"))
    return words, compounds


def decide_hyphen(left: str, right: str, hyphen: str, vocabulary: tuple[set[str], set[str]]) -> bool:
    """Keep the hyphen between ``left-`` (line end) and ``right`` (next line)? False joins the word."""
    words, compounds = vocabulary
    lw = re.sub(r"^.*[^\w’'\-]", "", left).lower()
    rw = re.sub(r"[^\w’'\-].*$", "", right).lower()
    if not lw or not rw:
        return True
    if (lw + rw) in words:  # the word is written whole elsewhere in the document
        return False
    if f"{lw}-{rw}" in compounds:  # ... or with its hyphen inside a line
        return True
    if hyphen in _SOFT_HYPHENS:  # a soft or typographic hyphen: set by hyphenation, not by the author
        return right[:1].isdigit()
    if right[:1].isupper() or right[:1].isdigit() or lw[-1:].isdigit():
        return True
    if lw.split("-")[-1] in rules().hyphen_prefixes:
        return True
    heads = {c.split("-")[0] for c in compounds}
    if lw in heads and lw in words and rw in words:  # "nuclear-" heads compounds here (nuclear-capable)
        return True
    try:
        import pyphen

        positions = pyphen.Pyphen(lang="en_US").positions(lw + rw)
        return len(lw) not in positions
    except Exception:  # pragma: no cover - pyphen ships with WeasyPrint
        return True


def _join(lines: list[Line], vocabulary) -> str:
    text = ""
    for ln in lines:
        part = ln.text.strip()
        if not text:
            text = part
            continue
        last = text[-1]
        if last in _HYPHENS and len(text) > 1 and text[-2].isalnum():
            left = text[:-1].rsplit(" ", 1)[-1]
            if decide_hyphen(left, part, last, vocabulary):
                text = text[:-1] + "-" + part
            else:
                text = text[:-1] + part
        elif last in "—–" and len(text) > 1 and not text[-2].isspace():
            text = f"{text}{part}"  # an unspaced dash at a line end binds to the next word
        else:
            text = f"{text} {part}"
    return unicodedata.normalize("NFC", " ".join(text.split()))
