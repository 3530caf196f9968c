"""PDF furniture: what stands around a page's text and is not the report's prose.

Running heads, footers and page numbers (lines in the top or bottom margin that repeat on other
pages, page numbers, URLs, and a first page's footer block of URL, code and publisher), and
contents pages (three or more dot-leader lines) are furniture: kept for metadata, never report
text. Footnotes at a page foot are the report's words, web addresses and all: they are kept, and
``merge_notes`` joins their lines into notes, a note cut by "(continued...)" included.
``body_size`` finds the size of the running text that the other rules compare with.
"""

from __future__ import annotations

import re
from collections import Counter

from .pdf_lines import Page
from .rules import rules

_PAGE_NUMBER = re.compile(r"^(page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s+(of|/)\s+\d{1,4})?$", re.IGNORECASE)
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
OUTER = 0.2  # ... and where a footer block of bare URLs, codes and page numbers may stand
_CODE = re.compile(r"^[A-Z]{1,4}-?\d{3,6}(\s*·.*)?$")  # a bare product code (IN12669), maybe with "· VERSION 3"
MARGIN = 0.09  # share of the page height at top and bottom where running heads and footers live

_CONTINUED = re.compile(r"\s*\(continued(?:\.\.\.|…)\)\s*$", re.IGNORECASE)
_CONTINUES = re.compile(r"^\((?:\.\.\.|…)continued\)\s*", re.IGNORECASE)



_PROSE_WORD = re.compile(r"^[a-z][a-z’'\-]*[,.;:]?$")


def body_size(pages: list[Page]) -> float:
    """The size of the report's running text. Not simply the commonest size: a Report's tables
    and footnotes, set smaller, can hold more characters than its prose (CRS Report RL34498,
    50 pages of tables). Among lines that read as prose (six words or more, most of them
    lower-case words), the largest size that carries a fair share of them is the body's."""
    prose: Counter = Counter()
    every: Counter = Counter()
    for p in pages:
        for ln in p.lines:
            size = round(ln.size, 1)
            every[size] += len(ln.text)
            tokens = ln.text.split()
            if len(tokens) >= 6 and sum(bool(_PROSE_WORD.match(t)) for t in tokens) >= 0.7 * len(tokens):
                prose[size] += len(ln.text)
    if not prose:
        return every.most_common(1)[0][0] if every else 10.0
    most = max(prose.values())
    return max(size for size, n in prose.items() if n >= 0.3 * most)


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def _title_letters(pages: list[Page]) -> str:
    """The letters of the first page's largest lines: the report's title, as far as a running
    head may repeat it."""
    first = pages[0].lines if pages else []
    if not first:
        return ""
    size = max(ln.size for ln in first)
    return "".join(_letters(ln.text) for ln in first if abs(ln.size - size) < 0.5)


def strip_furniture(pages: list[Page]) -> list[str]:
    """Remove running heads, footers and page numbers from ``pages``; return their text."""
    in_margin = lambda ln, p: ln.top < p.height * MARGIN or ln.bottom > p.height * (1 - MARGIN)  # noqa: E731
    body = body_size(pages)
    seen: Counter = Counter()
    for p in pages:
        for key in {ln.key for ln in p.lines if in_margin(ln, p)}:
            seen[key] += 1
    repeat = max(2, (len(pages) + 1) // 2)
    publishers = {p.name for p in rules().publishers}
    title = _title_letters(pages)
    out = []
    for p in pages:
        if sum(bool(_LEADER.search(ln.text)) for ln in p.lines) >= 3:
            # a contents page ("Bridge Inspection ........ 3"): the report's furniture, whole
            out.extend(ln.text.strip() for ln in p.lines)
            p.lines = []
            continue
        kept = []
        notes_from = _footnotes_start(p, body)
        for n, ln in enumerate(p.lines):
            text = ln.text.strip()
            margin = in_margin(ln, p)
            if n >= notes_from and not (seen[ln.key] >= repeat and len(pages) > 1) \
                    and not (_PAGE_NUMBER.match(text) or _CODE.match(text) or text in publishers):
                kept.append(ln)  # a footnote's line, web address and all: the report's words
                continue
            # a first page's footer block may sit well above the margin: bare URLs, codes and
            # page numbers in the page's outer fifth are furniture wherever they stand
            outer = ln.top < p.height * OUTER or ln.bottom > p.height * (1 - OUTER)
            pattern = (_PAGE_NUMBER.match(text) or _URL.match(text) or _CODE.match(text) or _footer_like(text)
                       or text in publishers)
            # a running head that repeats the title, on a later page of a short report, stands
            # on one page only ("Election Security: Federal Funding for …" atop page 2)
            head = p.number > 1 and title and len(text.split()) >= 3 and _letters(text) in title
            if margin and (seen[ln.key] >= repeat and len(pages) > 1 or pattern or ln.size < body * 0.9 or head) \
                    or outer and pattern:
                out.append(text)
            else:
                kept.append(ln)
        p.lines = kept
    return out


_NOTE_START = re.compile(r"^\d{1,3}\s+\S")
_LEADER = re.compile(r"(?:\.\s?){6,}\s*(?:\d{1,3}|[ivxl]{1,5})\s*$")  # a contents line's dot leader and page


def _footnotes_start(page: Page, body: float) -> int:
    """Index of the first line of the footnotes at the foot of ``page`` (a line in smaller type
    in the lower half that starts with a note number, followed by smaller lines to the foot),
    or the number of lines when it has none. Their lines are the report's words even where
    they sit in the footer margin or carry a web address, which alone would make them
    furniture ("Ticketmaster Help Center, https://…")."""
    lines = page.lines
    for i, ln in enumerate(lines):
        if ln.top > page.height * 0.5 and ln.size < body * 0.95 \
                and all(x.size < body * 0.95 for x in lines[i:]) \
                and any(_NOTE_START.match(x.text.strip()) or _CONTINUED.search(x.text) for x in lines[i:]):
            # (the run may start with the rest of a note from the page before)
            return i
    return len(lines)


def _footer_like(text: str) -> bool:
    """A footer line: a URL plus a code or page number ("https://… 2 IF12100 · VERSION 3")."""
    return bool(re.search(r"https?://|www\.", text)) and len(text.split()) <= 12


def merge_notes(notes: list[str]) -> list[str]:
    """Footnote lines into notes: a line starting with a number starts a note. A note cut at a
    page foot ends "(continued...)" and goes on at the next page's foot after "(...continued)"
    (CRS Reports): one note again, without the two marks."""
    out: list[str] = []
    current = -1  # the note that takes a line that starts no note
    carry: int | None = None  # the note that said it continues
    for n in notes:
        if _CONTINUES.match(n) and carry is not None:
            current, carry = carry, None
            n = _CONTINUES.sub("", n)
        elif (re.match(r"^\d{1,3}(?:\s|$)", n) and not (current >= 0 and out[current].isdigit())) or current < 0:
            # (a note's number on a line of its own takes the next line, even one that starts
            # with a number: "81" then "30 U.S.C. §1419(d).")
            out.append(n)
            current = len(out) - 1
            n = ""
        if n:
            out[current] = f"{out[current]} {n}"
        if _CONTINUED.search(out[current]):
            out[current] = _CONTINUED.sub("", out[current])
            carry = current
    return out
