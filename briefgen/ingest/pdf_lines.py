"""PDF lines: a page's words, with positions and fonts, into rows and lines of text.

Words that share a baseline make a row (grouped around the row's largest word, so a raised note
number or a lowered subscript does not start a row of its own); a superscript or subscript row
joins the row it belongs to; a line's text joins words split only by a change of font ("119th",
"CO2", "(Figure 1).") and leaves out note marks (a raised number after punctuation, or after a
word when that note stands on the page). ``pdf_layout`` orders the lines into columns.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_SOFT_HYPHENS = {"\u00ad", "\u2010", "\ufffe"}  # soft, typographic (auto-hyphenation), pdfium's marker
_HYPHENS = _SOFT_HYPHENS | {"-", "\u2011"}
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class Line:
    page: int
    column: int  # 0 full width, 1 left, 2 right, 3 a side column beside the text (``_side_column``)
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    bold: bool
    col_x0: float = 0.0
    col_x1: float = 0.0
    cells: tuple[str, ...] = ()  # the text split where words stand an em or more apart (a table's cells)
    cell_x: tuple[float, ...] = ()  # where each cell starts

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



def _hosts(words: list[dict]) -> dict[int, dict]:
    """Small words (superscripts, subscripts, note marks) that touch the end of a larger word
    they overlap in height: id(small word) -> that word. They belong to its row, whatever row
    their own position would put them in (a superscript beside a heading of the other column)."""
    ends: dict[int, list[dict]] = {}
    for w in words:
        ends.setdefault(round(float(w["x1"])), []).append(w)
    out = {}
    for w in words:
        size = float(w["size"])
        x0 = float(w["x0"])
        for key in (round(x0) - 1, round(x0), round(x0) + 1):
            for h in ends.get(key, ()):
                if (float(h["size"]) * 0.85 > size and abs(float(h["x1"]) - x0) < 1.5
                        and float(w["top"]) < float(h["bottom"]) and float(w["bottom"]) > float(h["top"])):
                    out[id(w)] = h
                    break
            if id(w) in out:
                break
    return out


def _rows(words: list[dict]) -> list[list[dict]]:
    hosts = _hosts(words)
    attached = [w for w in words if id(w) in hosts]
    words = [w for w in words if id(w) not in hosts]
    rows: list[list[dict]] = []
    anchors: list[dict] = []  # each row's largest word: its text, not a raised note mark or a subscript
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        tol = max(2.0, 0.35 * float(w["size"]))
        for k in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            a = anchors[k]
            if abs(a["top"] - w["top"]) <= tol or abs(a["bottom"] - w["bottom"]) <= tol * 0.6:
                rows[k].append(w)
                if float(w["size"]) > float(a["size"]):
                    anchors[k] = w
                break
        else:
            rows.append([w])
            anchors.append(w)
    row_of = {id(w): k for k, row in enumerate(rows) for w in row}
    for w in attached:
        host = hosts[id(w)]
        while id(host) not in row_of and id(host) in hosts:  # a mark after a superscript
            host = hosts[id(host)]
        if id(host) in row_of:
            rows[row_of[id(host)]].append(w)
            row_of[id(w)] = row_of[id(host)]
        else:
            rows.append([w])
            row_of[id(w)] = len(rows) - 1
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    rows.sort(key=lambda r: min(w["top"] for w in r))
    return _attach_superscripts(rows)


def _attach_superscripts(rows: list[list[dict]]) -> list[list[dict]]:
    """A superscript set nearly as large as the text ("the 119th", a note number after
    "relations.") sits too high to join its line by position alone and would become a line of
    its own, read before the line it belongs to. A short row whose every word starts where a
    word of the next row ends, and which overlaps that row in height, is part of it. A
    subscript, set low, likewise belongs to the row above it."""
    out: list[list[dict]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        below = rows[i + 1] if i + 1 < len(rows) else None
        if below is not None and len(row) <= 3:
            top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
            b_top, b_bottom = min(w["top"] for w in below), max(w["bottom"] for w in below)
            overlap = min(bottom, b_bottom) - max(top, b_top)
            attached = all(any(abs(float(w["x0"]) - float(b["x1"])) < 1.5 for b in below) for w in row)
            if attached and overlap > 0.4 * (bottom - top) and top < b_top:
                rows[i + 1] = sorted(below + row, key=lambda w: w["x0"])
                i += 1
                continue
        above = out[-1] if out else None
        if above is not None and len(row) <= 6:
            # a subscript ("CO₂", "MTCO₂e") sits low: the same, with the row above
            top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
            a_top, a_bottom = min(w["top"] for w in above), max(w["bottom"] for w in above)
            overlap = min(bottom, a_bottom) - max(top, a_top)
            small = all(float(w["size"]) < 0.85 * max(float(a["size"]) for a in above) for w in row)
            attached = all(any(abs(float(w["x0"]) - float(a["x1"])) < 1.5 for a in above) for w in row)
            if attached and small and overlap > 0.3 * (bottom - top) and bottom > a_bottom:
                out[-1] = sorted(above + row, key=lambda w: w["x0"])
                i += 1
                continue
        out.append(row)
        i += 1
    return out

_MARKER = re.compile(r"^\d{1,3}(?:[,–-]\d{1,3})*$")
_AFTER_PUNCTUATION = re.compile(r"[.,;:!?”\"’)\]%]$")  # ("…by 95%⁵⁵")


def _note_marker(left: dict, right: dict, text: str, notes: frozenset[int] = frozenset()) -> bool:
    """A raised note number: the reference to a footnote, not a word of the sentence (the note
    itself is kept, under "Notes"). Left out, so a quoted sentence reads as printed without its
    marker. Right after punctuation ("wrongdoing.⁶⁴") it is always one; right after a letter
    ("the Obama Administration⁵⁴") only when a footnote of that number stands on the page
    (``notes``), else it is an exponent and stays ("4,000 m²"). A lowered digit is a subscript
    and stays with its word ("CO₂", "MTCO₂e")."""
    size = float(left["size"])
    raised = float(left["bottom"]) - float(right["bottom"]) > 0.2 * size  # its baseline is higher
    if not (raised and _MARKER.match(right["text"]) and float(right["x0"]) - float(left["x1"]) < 0.3 * size):
        return False
    if _AFTER_PUNCTUATION.search(text):
        return True
    numbers = [int(n) for n in re.split(r"[,–-]", right["text"]) if n]
    return bool(text[-1:].isalpha() and float(right["size"]) < 0.85 * size and numbers
                and all(n in notes for n in numbers))


_NOTE_NUMBER = re.compile(r"^\d{1,3}$")


def _page_notes(rows: list[list[dict]], height: float) -> frozenset[int]:
    """The numbers of the footnotes on a page: a row in the lower half, in type smaller than the
    page's text, that starts with a number and goes on in words ("54 See, for example, …")."""
    sizes: Counter = Counter()
    for row in rows:
        for w in row:
            sizes[round(float(w["size"]), 1)] += len(w["text"])
    if not sizes:
        return frozenset()
    text_size = sizes.most_common(1)[0][0]
    out = set()
    for row in rows:
        first = row[0]
        if len(row) >= 2 and _NOTE_NUMBER.match(first["text"]) and float(first["top"]) > height * 0.45 \
                and float(row[1]["size"]) < text_size * 0.95 or (
                    len(row) >= 2 and _NOTE_NUMBER.match(first["text"]) and float(first["top"]) > height * 0.45
                    and float(first["size"]) < float(row[1]["size"]) * 0.85):
            out.add(int(first["text"]))
    return frozenset(out)


def _touching(left: dict, right: dict) -> bool:
    """Two words split by a change of font (or a raised superscript), with no space between them. (Words of one font
    come apart only at a space character, however narrow it is set: "Table 2. Treatment".)"""
    size = float(right["size"])
    other_font = (left.get("fontname") != right.get("fontname") or abs(float(left["size"]) - size) > 0.2
                  or abs(float(left["bottom"]) - float(right["bottom"])) > 0.2 * size)  # raised: a superscript
    return other_font and float(right["x0"]) - float(left["x1"]) < 0.1 * size


def _line(page: int, column: int, words: list[dict], notes: frozenset[int] = frozenset()) -> Line:
    """One line of text from its words, left to right. Words come apart where the font changes
    as well as at spaces: pieces that touch ("(" + a linked "Figure 1", "119" + a superscript
    "th", "Register" + an italic ".") are joined without a space."""
    text = ""
    previous = None
    cuts = []  # where in ``text`` a new cell starts
    xs = [float(words[0]["x0"])] if words else []
    for w in words:
        token = _clean(w["text"])
        if previous is not None and _note_marker(previous, w, text, notes):
            continue
        if previous is not None and token in _HYPHENS:  # a line-end hyphen set as its own glyph run
            text += token
        elif previous is not None and _touching(previous, w):
            text += token
        else:
            if previous is not None and float(w["x0"]) - float(previous["x1"]) >= max(6.0, float(w["size"])):
                cuts.append(len(text) + 1)
                xs.append(float(w["x0"]))
            text += (" " if text else "") + token
        previous = w
    bounds = [0, *cuts, len(text) + 1]
    cells = tuple(text[a:b - 1].strip() for a, b in zip(bounds, bounds[1:])) if cuts else ()
    # the size of most of its characters: a short line's superscript ("performances.²") must not
    # make it a footnote's line
    sizes = [float(w["size"]) for w in words for _ in w["text"]]
    return Line(page, column, min(w["top"] for w in words), max(w["bottom"] for w in words),
                min(w["x0"] for w in words), max(w["x1"] for w in words), text,
                statistics.median(sizes), all(_BOLD.search(w["fontname"] or "") for w in words), cells=cells,
                cell_x=tuple(xs) if cuts else ())
