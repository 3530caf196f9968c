"""Reader for ``.pdf``: the text layer by pdfplumber (pdfminer.six), read column by column.

A naive extraction reads a two-column page line by line across both columns and splices them
("…and the Rus‐ The PRC and Russia also enjoy…"). Here, per page:

1. words with positions and fonts are grouped into rows;
2. the gutter is the widest vertical strip in the middle of the page that (almost) no word
   crosses; rows that a word crosses (titles, footers) are read whole;
3. a *column band* runs from the first to the last row whose text touches the gutter, between
   crossing rows; inside it the left column is read top to bottom, then the right column;
4. running heads, footers and page numbers — lines in the top or bottom margin that repeat on
   other pages, page numbers, URLs — become furniture (kept for metadata, never report text);
5. lines become headings (bold or larger type), notes (smaller type) or paragraph lines; a
   paragraph continues across a column or page break when its last line did not end it;
6. a word broken at a line end is joined (``decide_hyphen``): a soft hyphen goes, a real one stays
   ("de-dollarize", "China-Russia", "2021-2025").
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportError
from .chrome import Spanned, split
from .document import HEADING, PARAGRAPH, TITLE, Block, Captured, to_text
from .rules import rules

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_SOFT_HYPHENS = {"\u00ad", "\u2010", "\ufffe"}  # soft, typographic (auto-hyphenation), pdfium's marker
_HYPHENS = _SOFT_HYPHENS | {"-", "\u2011"}
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s+(of|/)\s+\d{1,4})?$", re.IGNORECASE)
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?:][\"”’)\]]*$")
OUTER = 0.2  # ... and where a footer block of bare URLs, codes and page numbers may stand
_CODE = re.compile(r"^[A-Z]{1,4}-?\d{3,6}(\s*·.*)?$")  # a bare product code (IN12669), maybe with "· VERSION 3"
MARGIN = 0.09  # share of the page height at top and bottom where running heads and footers live


@dataclass
class Line:
    page: int
    column: int  # 0 full width, 1 left, 2 right
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    bold: bool
    col_x0: float = 0.0
    col_x1: float = 0.0

    @property
    def key(self) -> str:
        return re.sub(r"\d+", "#", self.text.lower())


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line] = field(default_factory=list)


def _clean(text: str) -> str:
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
    return text.replace("\u00a0", " ")


def _open(data: bytes, shown: str):
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages  # parses the page tree: damage shows here
    except Exception as exc:  # pdfminer raises many types; classify by name, never leak a traceback
        name = type(exc).__name__
        cause = getattr(exc, "__cause__", None) or getattr(exc, "__context__", None)
        names = {name, type(cause).__name__ if cause else ""}
        text = f"{exc} {cause or ''}".lower()
        if any("Password" in n or "Encrypt" in n for n in names) or "password" in text or "encrypt" in text:
            raise ReportError(f"{shown}: encrypted PDF (it needs a password); decrypt it first, "
                              "e.g. qpdf --decrypt --password=… in.pdf out.pdf") from None
        raise ReportError(f"{shown}: not a readable PDF (corrupt or truncated?): {name}") from None
    return pdf, pages


def read(path: Path, data: bytes, shown: str) -> Captured:
    import pdfplumber

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReportError(f"{shown}: not a PDF file (it does not start with %PDF)")
    pdf, pdf_pages = _open(data, shown)
    limit = rules().max_pdf_pages
    with pdf:
        if len(pdf_pages) > limit:
            raise ReportError(f"{shown}: {len(pdf_pages)} pages; the limit is {limit} "
                              "(briefgen/data/ingest.yaml, limits.max_pdf_pages)")
        pages = []
        unmapped = chars = 0
        for number, page in enumerate(pdf_pages, 1):
            try:
                words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False,
                                           use_text_flow=False)
            except Exception as exc:
                raise ReportError(f"{shown}: page {number} cannot be read (corrupt or truncated?): "
                                  f"{type(exc).__name__}") from None
            for w in words:
                chars += len(w["text"])
                unmapped += w["text"].count("(cid:") * 6
            pages.append(_layout(number, float(page.width), float(page.height), words))
        hints = {k.lower(): str(v) for k, v in (pdf.metadata or {}).items()
                 if k in ("Title", "Author", "Subject") and isinstance(v, (str, bytes)) and str(v).strip()}
    if chars == 0:
        raise ReportError(f"{shown}: no text layer (a scanned PDF?); run OCR first, "
                          "e.g. ocrmypdf --sidecar out.txt in.pdf out.pdf, and distill the text")
    if unmapped > chars * 0.2:
        raise ReportError(f"{shown}: its fonts have no Unicode map, so its text cannot be read; "
                          "export it again as PDF or run OCR")
    furniture = _strip_furniture(pages)
    blocks, more = _blocks(pages)
    report = split(blocks, rules())
    body = [b.block for b in report.body]
    return Captured(path=path, format="pdf", reader=f"pdfplumber {pdfplumber.__version__}", data=data,
                    text=to_text(body), blocks=body, furniture=furniture + more + report.furniture,
                    hints=hints)


# --- layout: rows, gutter, columns -------------------------------------------------------------


def _rows(words: list[dict]) -> list[list[dict]]:
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        tol = max(2.0, 0.35 * float(w["size"]))
        for row in reversed(rows[-3:]):
            if abs(row[0]["top"] - w["top"]) <= tol or abs(row[0]["bottom"] - w["bottom"]) <= tol * 0.6:
                row.append(w)
                break
        else:
            rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    rows.sort(key=lambda r: min(w["top"] for w in r))
    return rows


def _gutter(words: list[dict], width: float) -> tuple[float, float] | None:
    """The widest strip in the middle of the page that almost no word crosses."""
    if len(words) < 40:
        return None
    lo, hi = int(width * 0.25), int(width * 0.75)
    cover = [0] * (hi - lo + 1)
    for w in words:
        a, b = max(lo, int(w["x0"])), min(hi, int(w["x1"]) + 1)
        for x in range(a, b):
            cover[x - lo] += 1
    threshold = max(2, len(words) // 50)
    best = None
    start = None
    for i, c in enumerate(cover + [threshold + 1]):
        if c <= threshold and start is None:
            start = i
        elif c > threshold and start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    if best is None or best[1] - best[0] < 5:
        return None
    a, b = best[0] + lo, best[1] + lo
    # The text on both sides must be columns: words on each side in many rows.
    left = sum(1 for w in words if w["x1"] <= a + 1)
    right = sum(1 for w in words if w["x0"] >= b - 1)
    if min(left, right) < len(words) * 0.15:
        return None
    return float(a), float(b)


def _line(page: int, column: int, words: list[dict]) -> Line:
    parts: list[str] = []
    for w in words:
        token = _clean(w["text"])
        if parts and token in _HYPHENS:  # a line-end hyphen set as its own glyph run
            parts[-1] += token
        else:
            parts.append(token)
    text = " ".join(parts)
    sizes = [float(w["size"]) for w in words]
    return Line(page, column, min(w["top"] for w in words), max(w["bottom"] for w in words),
                min(w["x0"] for w in words), max(w["x1"] for w in words), text,
                statistics.median(sizes), all(_BOLD.search(w["fontname"] or "") for w in words))


def _layout(number: int, width: float, height: float, words: list[dict]) -> Page:
    page = Page(number, height)
    if not words:
        return page
    rows = _rows(words)
    gutter = _gutter(words, width)
    if gutter is None:
        x0 = min(w["x0"] for w in words)
        x1 = max(w["x1"] for w in words)
        for row in rows:
            line = _line(number, 0, row)
            line.col_x0, line.col_x1 = x0, x1
            page.lines.append(line)
        return page
    ga, gb = gutter
    mid = (ga + gb) / 2
    left_x0 = min(w["x0"] for w in words if w["x1"] <= mid)
    right_x1 = max(w["x1"] for w in words if w["x0"] >= mid)
    tol = 0.12 * (ga - left_x0)

    def crossing(row):
        return any(w["x0"] < mid < w["x1"] for w in row)

    sizes = Counter()
    for w in words:
        sizes[round(float(w["size"]), 1)] += len(w["text"])
    body = sizes.most_common(1)[0][0]

    def touches(row):
        """A row of body text that reaches the gutter from either side (a title block does not)."""
        if abs(statistics.median(float(w["size"]) for w in row) - body) > body * 0.15:
            return False
        left = [w for w in row if w["x1"] <= mid]
        right = [w for w in row if w["x0"] >= mid]
        return (left and max(w["x1"] for w in left) >= ga - tol) or (right and min(w["x0"] for w in right) <= gb + tol)

    def full(row):
        line = _line(number, 0, row)
        line.col_x0, line.col_x1 = left_x0, right_x1
        return line

    i = 0
    while i < len(rows):
        if crossing(rows[i]):
            page.lines.append(full(rows[i]))
            i += 1
            continue
        j = i
        while j < len(rows) and not crossing(rows[j]):
            j += 1
        segment = rows[i:j]
        columnar = [k for k, row in enumerate(segment) if touches(row)]
        if len(columnar) < 2:
            page.lines.extend(full(row) for row in segment)
        else:
            a, b = columnar[0], columnar[-1]
            # A column's short last line ("tions.") reaches neither gutter: it still belongs to
            # its column when it sits on one side, a line's pitch below the column block.
            tops = [min(float(w["top"]) for w in row) for row in segment]
            steps = [y - x for x, y in zip(tops[a:b], tops[a + 1:b + 1]) if y > x]
            pitch = statistics.median(steps) if steps else 0.0
            while (b + 1 < len(segment) and pitch
                   and (all(w["x1"] <= mid for w in segment[b + 1]) or all(w["x0"] >= mid for w in segment[b + 1]))
                   and abs(statistics.median(float(w["size"]) for w in segment[b + 1]) - body) <= body * 0.15
                   and tops[b + 1] - tops[b] <= 2.5 * pitch):
                b += 1
            page.lines.extend(full(row) for row in segment[:a])
            lefts, rights = [], []
            for row in segment[a:b + 1]:
                left = [w for w in row if w["x1"] <= mid]
                right = [w for w in row if w["x0"] >= mid]
                if left:
                    line = _line(number, 1, left)
                    line.col_x0, line.col_x1 = left_x0, ga
                    lefts.append(line)
                if right:
                    line = _line(number, 2, right)
                    line.col_x0, line.col_x1 = gb, right_x1
                    rights.append(line)
            page.lines.extend(lefts + rights)
            page.lines.extend(full(row) for row in segment[b + 1:])
        i = j
    return page


# --- furniture ---------------------------------------------------------------------------------


def _strip_furniture(pages: list[Page]) -> list[str]:
    """Remove running heads, footers and page numbers from ``pages``; return their text."""
    in_margin = lambda ln, p: ln.top < p.height * MARGIN or ln.bottom > p.height * (1 - MARGIN)  # noqa: E731
    body = _body_size(pages)
    seen: Counter = Counter()
    for p in pages:
        for key in {ln.key for ln in p.lines if in_margin(ln, p)}:
            seen[key] += 1
    repeat = max(2, (len(pages) + 1) // 2)
    publishers = {p.name for p in rules().publishers}
    out = []
    for p in pages:
        kept = []
        for ln in p.lines:
            text = ln.text.strip()
            margin = in_margin(ln, p)
            # a first page's footer block may sit well above the margin: bare URLs, codes and
            # page numbers in the page's outer fifth are furniture wherever they stand
            outer = ln.top < p.height * OUTER or ln.bottom > p.height * (1 - OUTER)
            pattern = (_PAGE_NUMBER.match(text) or _URL.match(text) or _CODE.match(text) or _footer_like(text)
                       or text in publishers)
            if margin and (seen[ln.key] >= repeat and len(pages) > 1 or pattern or ln.size < body * 0.9) \
                    or outer and pattern:
                out.append(text)
            else:
                kept.append(ln)
        p.lines = kept
    return out


def _footer_like(text: str) -> bool:
    """A footer line: a URL plus a code or page number ("https://… 2 IF12100 · VERSION 3")."""
    return bool(re.search(r"https?://|www\.", text)) and len(text.split()) <= 12


# --- lines -> blocks -----------------------------------------------------------------------------


def _body_size(pages: list[Page]) -> float:
    sizes: Counter = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _blocks(pages: list[Page]) -> tuple[list[Spanned], list[str]]:
    lines = [ln for p in pages for ln in p.lines]
    if not lines:
        return [], []
    body = _body_size(pages)
    vocabulary = _vocabulary(lines)
    first_page = [ln for ln in lines if ln.page == pages[0].number]
    title_size = max((ln.size for ln in first_page), default=body)
    title_line = next((ln for ln in first_page if ln.size == title_size), None) if title_size > body * 1.3 else None
    heading_sizes = sorted({round(ln.size, 1) for ln in lines if ln.size > body * 1.1 and ln is not title_line}, reverse=True)

    furniture: list[str] = []
    blocks: list[Spanned] = []
    notes: list[str] = []
    current: list[Line] = []  # lines of the open paragraph
    pitch = _pitch(lines)

    def flush():
        if current:
            text = _join(current, vocabulary)
            blocks.append(Spanned(Block(PARAGRAPH, text)))
            current.clear()

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
        if current and _breaks(current[-1], ln, pitch):
            flush()
        current.append(ln)
    flush()
    if notes:
        blocks.append(Spanned(Block(HEADING, "Notes", 2)))
        blocks.extend(Spanned(Block(PARAGRAPH, n)) for n in _merge_notes(notes))
    return blocks, furniture


def _pitch(lines: list[Line]) -> float:
    steps = [b.top - a.top for a, b in zip(lines, lines[1:])
             if a.page == b.page and a.column == b.column and 0 < b.top - a.top < 40]
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


def _merge_notes(notes: list[str]) -> list[str]:
    """Footnote lines into notes: a line starting with a number starts a note."""
    out: list[str] = []
    for n in notes:
        if re.match(r"^\d{1,3}\s", n) or not out:
            out.append(n)
        else:
            out[-1] = f"{out[-1]} {n}"
    return out
