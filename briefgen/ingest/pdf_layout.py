"""PDF layout: the words of a page, with positions and fonts, into lines in reading order.

Words are grouped into rows (``pdf_lines``); the gutter is the widest vertical strip in the middle of the page
that (almost) no word crosses; rows a word crosses (titles, footers) are read whole; a *column
band* runs from the first to the last row whose text touches the gutter (a column's short last
line, a line's pitch below, belongs to it too), and inside it the left column is read top to
bottom, then the right one. ``pdf`` turns the lines into text.
"""

from __future__ import annotations

import statistics
from collections import Counter

from .pdf_lines import _HYPHENS, _SOFT_HYPHENS, Line, Page, _attach_superscripts, _line, _page_notes, _rows

__all__ = ["_HYPHENS", "_SOFT_HYPHENS", "Line", "Page", "SIDE", "_layout"]

# --- layout: gutter, columns, side column ----------------------------------------------------


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

SIDE = 3  # Line.column of a side column's lines


def _side_column(rows: list[list[dict]], width: float) -> tuple[list[list[dict]], list[list[dict]]]:
    """Split off a narrow column set beside the text, which the text wraps around (a CRS
    Report's summary page: "SUMMARY", product code, date and authors at the right of the title
    and of the summary's first lines). Rows by position alone splice it into the text ("…are
    sold in the Clare Y. Cho primary market…", "…research and Coordinator development").

    Its mark: in three or more rows a group of words starts at one x in the outer part of the
    page, apart from any words to its left (a gap of over 1.5 em, or none there), and over the
    rows from its first to its last line no word crosses the strip just left of that x. Its
    lines stand alone in their row or sit off the text's baseline or in another size (their own
    line pitch). A table's right column also starts at one x, but its cells share their row's
    baseline and size: a table stays rows. Returns (rows, side rows)."""
    starts: dict[int, list[tuple[int, int]]] = {}  # x -> [(row index, index of the group's first word)]
    for k, row in enumerate(rows):
        for i, w in enumerate(row):
            x0 = float(w["x0"])
            if x0 <= 0.6 * width:
                continue
            size = float(w["size"])
            if i and float(row[i - 1]["x1"]) > x0 - 1.5 * size:
                continue
            starts.setdefault(round(x0), []).append((k, i))
            break
    best = None
    for x in sorted(starts):
        found = sorted({f for d in (-1, 0, 1) for f in starts.get(x + d, [])})
        if len(found) < 3 or (best is not None and len(found) <= len(best[1])):
            continue
        best = (x, found)
    if best is None:
        return rows, []
    x, found = best
    first, last = found[0][0], found[-1][0]
    # no word may cross the strip left of x within the band, and the band is one block
    strip = x - 4.0
    for k in range(first, last + 1):
        if any(float(w["x0"]) < strip < float(w["x1"]) or strip <= float(w["x0"]) < x - 1.5 for w in rows[k]):
            return rows, []
    tops = [min(float(w["top"]) for w in rows[k]) for k, _ in found]
    sizes = [float(rows[k][i]["size"]) for k, i in found]
    if any(b - a > 6 * max(sizes) for a, b in zip(tops, tops[1:])):
        return rows, []
    same = apart = 0
    for k, i in found:
        left, right = rows[k][:i], rows[k][i:]
        if not left:
            apart += 1
            continue
        base = statistics.median(float(w["bottom"]) for w in left)
        lsize = statistics.median(float(w["size"]) for w in left)
        if all(abs(float(w["bottom"]) - base) <= 1.0 and abs(float(w["size"]) - lsize) < 0.5 for w in right):
            same += 1
        else:
            apart += 1
    if same > 1 and same * 3 > apart:
        return rows, []  # a table's column
    if not any(rows[k][:i] for k, i in found) and not any(
            float(w["x1"]) < x - 4 for k in range(first, last + 1) for w in rows[k]):
        return rows, []  # nothing beside it: not a side column
    main, side = [], []
    for k, row in enumerate(rows):
        if first <= k <= last:
            left = [w for w in row if float(w["x0"]) < x - 1.5]
            right = [w for w in row if float(w["x0"]) >= x - 1.5]
            if left:
                main.append(left)
            if right:
                side.append(right)
        else:
            main.append(row)
    # the side column's head may stand above the text, right-aligned ("SUMMARY", the code)
    return main, side


def _layout(number: int, width: float, height: float, words: list[dict]) -> Page:
    page = Page(number, height)
    if not words:
        return page
    rows = _rows(words)
    notes = _page_notes(rows, height)
    gutter = _gutter(words, width)
    if gutter is None:
        x0 = min(w["x0"] for w in words)
        x1 = max(w["x1"] for w in words)
        rows, side = _side_column(rows, width)
        if side:  # a superscript that shared a row with the side column joins its own line now
            rows = _attach_superscripts(rows)
        for row in rows:
            line = _line(number, 0, row, notes)
            line.col_x0, line.col_x1 = x0, x1
            page.lines.append(line)
        for row in side:  # read after the page's text, not spliced into its lines
            line = _line(number, SIDE, row, notes)
            line.col_x0, line.col_x1 = min(w["x0"] for w in row), x1
            page.lines.append(line)
        return page
    ga, gb = gutter
    mid = (ga + gb) / 2
    left_x0 = min(w["x0"] for w in words if w["x1"] <= mid)
    right_x1 = max(w["x1"] for w in words if w["x0"] >= mid)
    tol = 0.12 * (ga - left_x0)

    def crossing(row):
        """A row read across the page (a title, a footer): a run of words with no more than a
        space between them reaches from the left of the gutter to its right. A column's word
        that only reaches into the gutter ("the" at the end of a left-column line) does not."""
        ws = sorted(row, key=lambda w: float(w["x0"]))
        start = float(ws[0]["x0"])
        for k, w in enumerate(ws):
            if k and float(w["x0"]) - float(ws[k - 1]["x1"]) > 0.6 * float(w["size"]):
                start = float(w["x0"])  # a wide gap: a new run
            if start < ga and float(w["x1"]) > gb:
                return True
        return False

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
        line = _line(number, 0, row, notes)
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
                   and (all(w["x1"] <= gb for w in segment[b + 1]) or all(w["x0"] >= ga for w in segment[b + 1]))
                   and abs(statistics.median(float(w["size"]) for w in segment[b + 1]) - body) <= body * 0.15
                   and tops[b + 1] - tops[b] <= 2.5 * pitch):
                b += 1
            page.lines.extend(full(row) for row in segment[:a])
            lefts, rights = [], []
            for row in segment[a:b + 1]:
                # a word that reaches into the gutter belongs to the column it starts in
                left = [w for w in row if w["x0"] < mid]
                right = [w for w in row if w["x0"] >= mid]
                if left:
                    line = _line(number, 1, left, notes)
                    line.col_x0, line.col_x1 = left_x0, ga
                    lefts.append(line)
                if right:
                    line = _line(number, 2, right, notes)
                    line.col_x0, line.col_x1 = gb, right_x1
                    rights.append(line)
            page.lines.extend(lefts + rights)
            page.lines.extend(full(row) for row in segment[b + 1:])
        i = j
    return page
