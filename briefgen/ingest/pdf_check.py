"""A capture's self-check: every paragraph read from a PDF is confirmed by a second, independent
reading of the same file before anything is drafted from it.

The first reading is pdfplumber's words laid out by ``pdf_layout``; the second is pypdfium2's
text in the order the file's content stream draws it (PDFium, another engine). Both are reduced
to letters and digits (so hyphenation, spacing, ligatures and note marks do not count). A
paragraph is confirmed when the second reading, over the pages the paragraph spans, holds its
text as pieces in the same order, each piece starting where one of its lines starts (what the
second reading has between two pieces is a running head, a note, a side box: text the first
reading put elsewhere). It is *suspect* when part of it is nowhere in the second reading or its
pieces come in another order: two regions interleaved, a table's column spliced into prose.

A suspect paragraph stays in the capture (quotes from it verify), located by page, and the
capture says so in its notes; distill drafts no claim, date or definition from it.
"""

from __future__ import annotations

import unicodedata

MIN_PIECE = 10  # reduced characters: a shorter piece proves nothing
MISSING = 0.03  # share of a paragraph the second reading may lack (a glyph either engine dropped)


def reduce(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def second_reading(data: bytes) -> list[str] | None:
    """Each page's text as PDFium reads it, reduced; None when PDFium cannot read the file."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
    except Exception:  # the first reading already said what is wrong with the file
        return None
    pages = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            pages.append(reduce(textpage.get_text_range()))
            textpage.close()
            page.close()
    except Exception:
        return None
    finally:
        doc.close()
    return pages


def confirm(lines: list[tuple[int, str]], pages: list[str]) -> str | None:
    """Why the paragraph made of ``lines`` ((page, text) in reading order) is not confirmed by
    ``pages`` (the second reading), or None when it is."""
    if not lines:
        return None
    first, last = min(p for p, _ in lines), max(p for p, _ in lines)
    hay = "".join(pages[first - 1:last]) if 0 < first <= last <= len(pages) else ""
    text = ""
    starts = set()  # where each line starts in the reduced paragraph
    for _, line in lines:
        starts.add(len(text))
        text += reduce(line)
    if len(text) < MIN_PIECE or not hay:
        return None
    i = missing = 0
    at = 0  # where in the second reading the previous piece ended
    while i < len(text):
        length, pos = _longest(text, i, hay, at)
        if length < MIN_PIECE:
            missing += 1
            i += 1
            continue
        if pos < at:
            return "its lines come in another order in a second reading (two regions interleaved?)"
        if i not in starts and pos > at and at and not hay[at:pos].isdigit():
            return "a line of it joins text that a second reading has apart (a splice?)"
        at = pos + length
        i += length
    if missing > MISSING * len(text):
        return f"{missing} of its {len(text)} letters and digits are not in a second reading"
    return None


def _longest(text: str, i: int, hay: str, at: int) -> tuple[int, int]:
    """The longest prefix of ``text[i:]`` found in ``hay``, preferring a place at or after
    ``at`` (reading order): (length, position), length 0 when even MIN_PIECE is not found."""
    best = (0, -1)
    for start in (at, 0):
        lo, hi = MIN_PIECE, len(text) - i
        if hi < lo:
            return best
        pos = hay.find(text[i:i + lo], start)
        if pos < 0:
            continue
        while lo < hi:
            mid = (lo + hi + 1) // 2
            p = hay.find(text[i:i + mid], start)
            if p >= 0:
                lo, pos = mid, p
            else:
                hi = mid - 1
        if lo > best[0]:
            best = (lo, pos)
        if start == at and best[0] == len(text) - i:
            break
    return best
