"""PDF exhibits: a table's lines as rows of cells.

A table set without ruling lines reads, line by line, as words; its rows keep their cells apart
here ("April 3, 1952 | Queen Juliana | Kingdom of the Netherlands"), a wrapped cell whole, so a
person can read the capture and distill can take a chronology from it.
"""

from __future__ import annotations

import re
import statistics

from .pdf_lines import Line

_EXHIBIT_NOTE = re.compile(r"^(Sources?|Notes?)\s*:")
_UNFINISHED = {"to", "of", "and", "the", "for", "in", "on", "with", "by", "a", "an", "or", "from", "at", "as"}


def table_rows(exhibit: list[Line]) -> list[str]:
    """An exhibit's lines as text, a table's row with its cells apart ("April 3, 1952 | Queen
    Juliana | Kingdom of the Netherlands"). The columns are where the first line of cells (the
    head) starts its cells. A line whose first cell is in the first column starts a row, unless
    it goes on from the line above (it starts in lower case or with "("): a wrapped cell
    ("Commerce Secretary initiates" then "investigation") is joined to its row's cell in the
    same column, and a line with no first cell fills the other cells of the open row."""
    out: list[str] = []
    row: list[list[str]] | None = None  # the open table row's cells
    widest = max((len(x.cells) for x in exhibit), default=0)
    full = [x.cell_x for x in exhibit if len(x.cells) == widest and widest > 1]
    # each column starts where most rows of cells start it (a head may be centred)
    columns = [statistics.median(xs[k] for xs in full) for k in range(widest)] if full else []
    seen_cells = notes_begun = False
    head: list[str] | None = None
    for x in exhibit:
        text = " ".join(x.text.split())
        cells = [" ".join(c.split()) for c in x.cells] if len(x.cells) > 1 else [text]
        starts = list(x.cell_x) if len(x.cells) > 1 else [x.x0]
        if not columns or (not seen_cells and len(cells) == 1):  # the caption, and anything not a table
            out.append(text)
            continue
        if _EXHIBIT_NOTE.match(text) or notes_begun:  # "Source:", "Notes:" and what follows them
            notes_begun = True
            row = None
            out.append(text)
            continue
        if head is not None and cells == head:  # the head again, atop the next page
            row = None
            out.append(" | ".join(cells))
            continue
        if len(cells) > 1 and not seen_cells:  # the head
            seen_cells = True
            head = cells
            row = [[] for _ in columns]
            for cell, at in zip(cells, starts):
                row[min(range(len(columns)), key=lambda j, at=at: abs(columns[j] - at))].append(cell)
            out.append(" | ".join(" ".join(c) for c in row))
            continue
        slots = [min(range(len(columns)), key=lambda j, at=at: abs(columns[j] - at)) for at in starts]
        reach = min(12.0, (columns[1] - columns[0]) / 2) if len(columns) > 1 else 12.0
        in_first = slots[0] == 0 and abs(starts[0] - columns[0]) <= reach
        # a line goes on from the row above: it starts in lower case or with "(", or the row's
        # first cell stops at a word that cannot end it ("… submits report to" / "President")
        last = row[0][-1].split()[-1].lower() if row is not None and row[0] else ""
        goes_on = text[:1].islower() or text[:1] in "(–—-" or last in _UNFINISHED
        if row is not None and (not in_first or goes_on):
            for cell, k in zip(cells, slots):
                row[k].append(cell)
            out[-1] = " | ".join(" ".join(c) for c in row)
            continue
        if not in_first and len(cells) == 1:  # a source or note line under the table
            row = None
            out.append(text)
            continue
        row = [[] for _ in columns]
        for cell, k in zip(cells, slots):
            row[k].append(cell)
        out.append(" | ".join(" ".join(c) for c in row))
    return out
