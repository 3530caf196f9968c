"""The proof that a plan cannot fit, from the layout of a smaller plan that does: no render.

The fit search (``fit.search``) has laid out the answer, a plan that fits; the plan one step
fuller differs from it by a few blocks (an item one layer fuller, one more item, a longer list).
``growth_at_least`` tells, from the answer's layout and the two composed briefs alone, how much
more page the fuller plan takes at least; when that passes the limit the fuller plan needs no
render. It is a lower bound, never an estimate, and depends on nothing a model has learnt: the
search's answer is the same whatever the model knows (tests/test_fit_model.py checks it against
layouts).
"""

from __future__ import annotations

import math

from lxml import etree

from .fitmodel import svg_ratio, text_of, walk_blocks, whole_blocks, wrapped_lines
from .vocab import reading_text

FULL_LINES = 5  # full lines of a kind the proof needs to have seen before it trusts their length


def growth_at_least(anchor_html: str, rendered, html: str) -> float | None:
    """Pages that the brief ``html`` takes at least beyond ``anchor_html``, whose layout is
    ``rendered`` (a ``write_pdf.Rendered``); None when that cannot be told.

    Blocks both briefs hold (same kind, same text) cancel out; a block only the anchor holds
    gives back what it took there (measured); a block only ``html`` holds takes at least its
    lines at the anchor's line height, its text wrapped word by word at two characters more
    than the longest full line of its kind in the anchor (no space around it counted). Space
    the anchor leaves at the foot of a page (a block kept whole, pushed to the next) may
    swallow growth: on pages from the first block that differs on, it is taken off, as
    measured below each page's last block. The result depends on the two briefs alone, never on what
    a model has learnt, so the search's answer does not depend on it either."""
    blocks = [b for b in whole_blocks(rendered.blocks or []) if b.get("took") is not None]
    page = rendered.page_content_height
    if not blocks or page <= 0:
        return None
    kinds = _anchor_kinds(blocks)
    old = list(walk_blocks(_body(anchor_html), kinds))
    if len(old) != len(blocks) or any(kind != b["kind"] for (_, kind), b in zip(old, blocks)):
        return None  # the layout does not map onto the HTML block for block
    new = list(walk_blocks(_body(html), kinds))
    remaining: dict[tuple, list[float]] = {}
    for (el, kind), b in zip(old, blocks):
        remaining.setdefault((kind, _key(el)), []).append(b["took"])
    added = 0.0
    for el, kind in new:
        took = remaining.get((kind, _key(el)))
        if took:
            took.pop()
        else:
            added += _at_least(el, kinds[kind])
    removed = sum(sum(v) for v in remaining.values())
    # the first block that differs: space left on pages before its page cannot take growth
    same = 0
    while same < min(len(old), len(new)) and (old[same][1], _key(old[same][0])) == (new[same][1], _key(new[same][0])):
        same += 1
    ends = rendered.ends or []
    first_page = _first_page_open(blocks, same)
    slack = sum(max(0.0, page - end) for end in ends[first_page:-1])
    return (added - removed - slack) / page


def _first_page_open(blocks: list[dict], same: int) -> int:
    """The first page whose space left at its foot a change at block ``same`` can use: the page
    what changes lands on (block same-1's: what is inserted after it may still go there), or the
    page before that when every block from that page's top to the change is glued to the one
    before it (``break-before/after/inside: avoid``): the break may then fall elsewhere."""
    if not blocks:
        return 0
    at = min(blocks[i]["page"] for i in (same - 1, same) if 0 <= i < len(blocks))
    top = next(i for i, b in enumerate(blocks) if b["page"] >= at)
    if at > 0 and all(blocks[i].get("glued", True) for i in range(top + 1, min(same, len(blocks)))):
        return at - 1  # (a block put in at ``same`` may be glued to the one before: it counts as so)
    return at


def _body(html: str) -> etree._Element:
    root = etree.fromstring(html, etree.HTMLParser())
    body = root.find(".//body")
    return body if body is not None else root


def _key(el: etree._Element) -> str:
    """A block's text without its note numbers (a fuller brief may number later notes anew)."""
    if el.tag == "img":
        return el.get("src") or ""
    return reading_text(el)


def _anchor_kinds(blocks: list[dict]) -> dict[str, dict]:
    """Per kind, from one layout: the shortest line, the longest full line (per column), the
    picture's height per unit of ratio."""
    kinds: dict[str, dict] = {}
    for b in blocks:
        k = kinds.setdefault(b["kind"], {"line_h": math.inf, "cap": 0, "caps": {}, "per_ratio": None})
        if "picture" in b:
            ratio = svg_ratio(b.get("src", ""))
            if ratio:
                k["per_ratio"] = b["picture"] / ratio
        elif "row" in b:
            for i, cell in enumerate(b["row"]):
                k["line_h"] = min([k["line_h"], *cell["line_h"]])
                k["caps"][i] = max([k["caps"].get(i, 0), *cell["chars"]])
        else:
            k["line_h"] = min([k["line_h"], *b["line_h"]])
            k["cap"] = max([k["cap"], *b["chars"][:-1]] or [0])
            k["full"] = k.get("full", 0) + len(b["chars"]) - 1
    for k in kinds.values():
        if k.get("full", 0) < FULL_LINES:
            k["cap"] = 0  # too few full lines to know how much one holds: count one line a block
    return kinds


def _at_least(el: etree._Element, spec: dict) -> float:
    if el.tag == "img":
        ratio = svg_ratio(el.get("src") or "")
        return 0.99 * spec["per_ratio"] * ratio if (ratio and spec["per_ratio"]) else 0.0
    if not math.isfinite(spec["line_h"]):
        return 0.0
    if spec["caps"]:
        cells = [c for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
        most = max((wrapped_lines(text_of(c), spec["caps"].get(i, 0)) for i, c in enumerate(cells)), default=0)
        return most * spec["line_h"]
    return wrapped_lines(text_of(el), spec["cap"]) * spec["line_h"]
