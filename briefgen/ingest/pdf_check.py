"""A capture's self-check: every paragraph read from a PDF is confirmed by a second, independent
reading of the same file before anything is drafted from it.

The first reading is PDFium's words (``pdf_chars``) laid out by ``pdf_layout``; the second is
poppler's ``pdftotext`` (another engine, with its own reading order) where installed, else
PDFium's text in the order the file's content stream draws it (the same engine's characters,
so then only the order is checked, not the characters). Both are reduced
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

import re
import unicodedata
from functools import lru_cache

MIN_PIECE = 10  # reduced characters: a shorter piece proves nothing



def reduce(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def second_reading(data: bytes) -> list[str] | None:
    """Each page's text as another engine reads it, reduced: poppler's ``pdftotext`` (its own
    reading order, column by column) where installed, else PDFium's text in content-stream
    order; None when neither can read the file."""
    pages = _pdftotext(data)
    return pages if pages is not None else _pdfium(data)


def _pdftotext(data: bytes) -> list[str] | None:
    import shutil
    import subprocess

    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    try:
        proc = subprocess.run([exe, "-q", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                              timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    pages = proc.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return [reduce(p) for p in pages]


def _pdfium(data: bytes) -> list[str] | None:
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


@lru_cache(maxsize=8)
def _page_letters(reduced: str) -> tuple[str, list[int]]:
    """``_letters`` of the pages a paragraph spans: the same pages serve many paragraphs."""
    return _letters(reduced)


def _letters(reduced: str) -> tuple[str, list[int]]:
    """The letters of a reduced text, and where each stands in it."""
    where = [k for k, ch in enumerate(reduced) if not ch.isdigit()]
    return "".join(reduced[k] for k in where), where


def confirm(lines: list[tuple[int, str]], pages: list[str], trace: list | None = None) -> str | None:
    """Why the paragraph made of ``lines`` ((page, text) in reading order) is not confirmed by
    ``pages`` (the second reading), or None when it is.

    Each line of the paragraph (long enough to tell) must stand whole in the second reading,
    over the pages the paragraph spans, and the lines in the same order: a line that is not
    there joins text of two places (a table's column spliced into prose), lines in another
    order come from two regions read as one. Lines are matched on their letters, then each of
    their numbers must stand in the matched stretch: one reading keeps a note mark the other
    leaves out ("Administration⁵⁴ and"), but a year spliced into a line ("managed 1992
    jointly") is caught."""
    if not lines:
        return None
    first, last = min(p for p, _ in lines), max(p for p, _ in lines)
    reduced = "".join(pages[first - 1:last]) if 0 < first <= last <= len(pages) else ""
    hay, where = _page_letters(reduced)
    if not hay:
        return None
    at = 0  # where the previous line ended in the second reading's letters
    back = 0  # lines found only before the line above them
    for page, line in lines:
        own = reduce(line)
        text, _ = _letters(own)
        if len(text) < MIN_PIECE:
            continue
        pos = _find(text, own, hay, where, reduced, at)
        if pos < 0:
            pos = _find(text, own, hay, where, reduced, 0)
            if pos >= 0:
                back += 1
        if trace is not None:
            trace.append((page, text[:40], pos, at))
        if pos < 0:
            return f"a line of it is not in a second reading (a splice?): “{line}”"
        if back > 1:
            # (one jump is a block the second reading places elsewhere, a quotation, a box;
            # lines that go back and forth are two regions read line by line as one)
            return f"its lines come in another order in a second reading (two regions interleaved?): “{line}”"
        at = pos + len(text)
    return None


def _find(text: str, own: str, hay: str, where: list[int], reduced: str, start: int) -> int:
    """Where the line whose letters are ``text`` (reduced: ``own``) stands in the second
    reading's letters at or after ``start``, its numbers too; -1 when it does not."""
    pos = hay.find(text, start)
    lead = len(own) - len(own.lstrip("0123456789"))  # a line may start or end with a number
    trail = len(own) - len(own.rstrip("0123456789"))
    numbers = re.findall(r"\d+", own)
    while pos >= 0:
        stretch = reduced[max(0, where[pos] - lead - 4):where[pos + len(text) - 1] + 1 + trail + 4]
        if all(n in stretch for n in numbers):
            return pos
        pos = hay.find(text, pos + 1)  # the same words with other numbers: the next place
    return -1
