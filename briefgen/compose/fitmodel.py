"""How much of a page a composed brief takes, before it is laid out: the fit search's estimate.

A brief is laid out by its stylesheet, whose selectors see each block's tag and classes under
those of its ancestors (its *kind*: ``main>section.key-points>ul>li``). Every layout render
teaches a ``FitModel`` what each kind of block costs (``learn``, from ``write_pdf.Rendered.blocks``):

* a block of text: its line height, the characters of a full line, and the space around it
  (from the block before it: margins, paddings, a box's border; counted once);
* a table row: the same per column, its height being that of its tallest cell;
* a picture (the timeline's SVG): its height per unit of the image's height-to-width ratio.

``estimate(html)`` then walks a composed brief's HTML (no layout) and adds up its blocks (a
block's text wrapped word by word at the width its kind's full lines showed), and what page
breaks waste (``learn_breaks``). The model is a property of the template set, not of the
content, so one learnt on any brief estimates every other brief of the same templates; a build
keeps it in the user's cache (``build.calibration``) and every worker refines it as it renders.
Kinds it has not seen count nothing (a brief whose text they mostly hold is not estimated:
``coverage``); the search corrects the estimate by what each render measured (``fit.search``),
so the model only decides where to look first. Whether a plan fits is never taken from it:
``fitproof`` proves a plan too full from a layout, or the plan is laid out.
"""

from __future__ import annotations

import base64
import math
import re
from statistics import median
from urllib.parse import unquote

from lxml import etree


VERSION = 1  # of the stored form


class FitModel:
    """Per kind of block: ``text`` (line height, characters per full line, space), ``row``
    (the same per column) and ``picture`` (height per unit of the image's height/width ratio)."""

    def __init__(self, data: dict | None = None):
        data = data if isinstance(data, dict) and data.get("version") == VERSION else {}
        self.kinds: dict[str, dict] = {k: v for k, v in (data.get("kinds") or {}).items() if isinstance(v, dict)}
        self.page_height = float(data.get("page_height") or 0.0)
        breaks = data.get("breaks") if isinstance(data.get("breaks"), dict) else {}
        self.breaks = {"per_break": float(breaks.get("per_break") or 0.0), "n": int(breaks.get("n") or 0)}

    def to_json(self) -> dict:
        return {"version": VERSION, "page_height": self.page_height, "kinds": self.kinds, "breaks": self.breaks}

    def __bool__(self) -> bool:
        return bool(self.kinds) and self.page_height > 0

    # --- learning ---------------------------------------------------------------------------------

    def learn(self, blocks: list[dict], page_height: float) -> None:
        """Fold one render's blocks in (a running mean per kind, so every render counts alike)."""
        if not blocks or page_height <= 0:
            return
        self.page_height = page_height
        grouped: dict[str, list[dict]] = {}
        for block in whole_blocks(blocks):
            grouped.setdefault(block["kind"], []).append(block)
        for kind, found in grouped.items():
            self._learn_kind(kind, found)

    def _learn_kind(self, kind: str, found: list[dict]) -> None:
        old = self.kinds.get(kind) or {}
        if "picture" in found[0]:
            ratios = [(b["picture"] / r, b["took"] - b["picture"]) for b in found if (r := svg_ratio(b.get("src", "")))]
            if not ratios:
                return
            per, extra = median(r[0] for r in ratios), median(r[1] for r in ratios)
            new = {"type": "picture", "per_ratio": per, "extra": extra, "n": len(ratios)}
        elif "row" in found[0]:
            columns: dict[int, list[float]] = {}
            heights, extras = [], []
            for b in found:
                tallest = 0.0
                for i, cell in enumerate(b["row"]):
                    columns.setdefault(i, []).extend(cell["chars"][:-1])
                    heights.extend(cell["line_h"])
                    tallest = max(tallest, sum(cell["line_h"]))
                extras.append(b["took"] - tallest)
            if not heights:
                return
            new = {"type": "row", "line_h": median(heights), "extra": median(extras), "n": len(found),
                   "cpl": [_width(columns.get(i)) for i in range(max(columns) + 1)] if columns else []}
        else:
            heights = [h for b in found for h in b["line_h"]]
            full = [c for b in found for c in b["chars"][:-1]]  # a block's last line is seldom full
            if not heights:
                return
            new = {"type": "text", "line_h": median(heights), "n": len(found),
                   "extra": median(b["took"] - sum(b["line_h"]) for b in found),
                   "cpl": _width(full), "full_lines": len(full)}
        self.kinds[kind] = _blend(old, new)

    # --- estimating ---------------------------------------------------------------------------------

    def learn_breaks(self, html: str, used: float, pages: int) -> None:
        """What page breaks cost beyond the blocks themselves (a block kept whole and pushed to
        the next page, a margin dropped at a page's top), per break, from a render of ``html``
        that took ``used`` pages (``pages`` of them): a running mean."""
        if pages < 2 or not self:
            return
        per = (used - self.content(html)) / (pages - 1)
        n = self.breaks["n"]
        self.breaks = {"per_break": (self.breaks["per_break"] * n + per) / (n + 1), "n": n + 1}

    def estimate(self, html: str) -> float:
        """Pages the brief is expected to take: its blocks, and what its page breaks waste."""
        content = self.content(html)
        return content + self.breaks["per_break"] * math.floor(content)

    def content(self, html: str) -> float:
        """Pages of content the brief is expected to take (its blocks' heights / a page)."""
        root = etree.fromstring(html, etree.HTMLParser())
        body = root.find(".//body")
        if body is None or not self:
            return 0.0
        total = 0.0
        for el, kind in walk_blocks(body, self.kinds):
            total += self.block_height(el, kind)
        return total / self.page_height

    def coverage(self, html: str) -> float:
        """The share of the brief's text in blocks of kinds the model knows: an estimate of a
        brief whose kinds it has not seen (another template's) would count them as nothing."""
        root = etree.fromstring(html, etree.HTMLParser())
        body = root.find(".//body")
        if body is None or not self:
            return 0.0
        known = sum(len(text_of(el)) for el, _ in walk_blocks(body, self.kinds))
        unseen = [el for el in body.iter() if isinstance(el.tag, str) and (
            "data-fallback" in el.attrib or {"running-head", "running-foot"} & set((el.get("class") or "").split()))]
        total = len(text_of(body)) - sum(len(text_of(el)) for el in unseen)  # what no layout shows
        return min(1.0, known / total) if total > 0 else 0.0

    def block_height(self, el: etree._Element, kind: str) -> float:
        spec = self.kinds[kind]
        if spec["type"] == "picture":
            ratio = svg_ratio(el.get("src") or "")
            return spec["extra"] + (spec["per_ratio"] * ratio if ratio else 0.0)
        if spec["type"] == "row":
            cells = [c for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            tallest = 0
            for i, cell in enumerate(cells):
                cpl = spec["cpl"][i] if i < len(spec["cpl"]) and spec["cpl"][i] else None
                tallest = max(tallest, lines(text_of(cell), cpl))
            return spec["extra"] + spec["line_h"] * tallest
        return spec["extra"] + spec["line_h"] * lines(text_of(el), spec.get("cpl"))

    def merge(self, other: "FitModel") -> None:
        """Fold another process's model in (the kinds it knows better, by their counts)."""
        for kind, spec in other.kinds.items():
            mine = self.kinds.get(kind)
            if mine is None or spec.get("n", 0) > mine.get("n", 0):
                self.kinds[kind] = spec
        if other.page_height:
            self.page_height = other.page_height
        if other.breaks["n"] > self.breaks["n"]:
            self.breaks = dict(other.breaks)


def _width(full: list[int] | None) -> float | None:
    """The characters a line holds, for wrapping word by word: between the mean and the longest
    of the full lines seen (a line is full when the next word did not fit, so it holds less
    than the width; wrapping at the mean alone overestimated a block's lines one time in eight)."""
    if not full:
        return None
    return (sum(full) / len(full) + max(full)) / 2


def lines(text: str, cpl: float | None) -> int:
    """Lines ``text`` takes, wrapped word by word at ``cpl`` characters."""
    if not text:
        return 0
    if not cpl:
        return 1
    return wrapped_lines(text, int(cpl) - 2)


def text_of(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def kind_of(el: etree._Element, chain: str) -> str:
    classes = ".".join(sorted((el.get("class") or "").split()))
    own = f"{el.tag}.{classes}" if classes else el.tag
    return f"{chain}>{own}" if chain else own


def walk_blocks(body: etree._Element, kinds: dict[str, dict]):
    """(element, kind) of every block of a kind the model knows, in reading order."""
    stack = [(child, "") for child in reversed(body)]
    while stack:
        el, chain = stack.pop()
        if not isinstance(el.tag, str):
            continue
        kind = kind_of(el, chain)
        if kind in kinds:
            yield el, kind
        else:
            stack.extend((child, kind) for child in reversed(el))


def whole_blocks(blocks: list[dict]) -> list[dict]:
    """A block split over two pages is one block: its lines and heights added up."""
    out: dict[tuple, dict] = {}
    order = []
    for b in blocks:
        key = (b["kind"], b["id"])
        if key not in out:
            out[key] = dict(b, chars=list(b.get("chars", [])), line_h=list(b.get("line_h", [])))
            order.append(key)
            continue
        whole = out[key]
        whole["took"] += b["took"]
        if "lines" in b:
            whole["lines"] += b["lines"]
            whole["chars"] += b["chars"]
            whole["line_h"] += b["line_h"]
    return [out[k] for k in order]


def _blend(old: dict, new: dict) -> dict:
    """A running mean of two calibrations of one kind, weighted by their block counts."""
    if not old or old.get("type") != new["type"]:
        return new
    a, b = old.get("n", 1), new.get("n", 1)

    def mean(x, y):
        if x is None or y is None:
            return y if x is None else x
        return (x * a + y * b) / (a + b)

    out = {"type": new["type"], "n": a + b}
    for key in ("line_h", "extra", "per_ratio"):
        if key in new:
            out[key] = mean(old.get(key), new[key])
    if new["type"] == "text":
        out["cpl"] = mean(old.get("cpl"), new.get("cpl"))
    elif new["type"] == "row":
        width = max(len(old.get("cpl") or []), len(new.get("cpl") or []))
        pad = lambda v: (v or []) + [None] * (width - len(v or []))  # noqa: E731
        out["cpl"] = [mean(x, y) for x, y in zip(pad(old.get("cpl")), pad(new.get("cpl")))]
    return out


_SIZE = re.compile(r"""\b(width|height)\s*=\s*["']?\s*([\d.]+)""")
_VIEWBOX = re.compile(r"""viewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)""")


def svg_ratio(src: str) -> float | None:
    """Height / width of an SVG image given as a ``data:`` URI (None for anything else)."""
    if not src.startswith("data:image/svg+xml"):
        return None
    header, _, payload = src.partition(",")
    try:
        text = base64.b64decode(payload[:800] + "=" * (-len(payload[:800]) % 4)).decode("utf-8", "ignore") \
            if header.endswith(";base64") else unquote(payload[:800])
    except ValueError:
        return None
    head = text[: text.find(">", text.find("<svg")) + 1] if "<svg" in text else text
    box = _VIEWBOX.search(head)
    if box and float(box.group(1)) > 0:
        return float(box.group(2)) / float(box.group(1))
    sizes = dict(_SIZE.findall(head))
    if sizes.get("width") and sizes.get("height") and float(sizes["width"]) > 0:
        return float(sizes["height"]) / float(sizes["width"])
    return None


def wrapped_lines(text: str, cap: int) -> int:
    """Lines of ``text`` wrapped word by word at ``cap + 2`` characters (at least 1 if any text;
    a kind never seen on a full line gives 1)."""
    if not text:
        return 0
    if cap <= 0:
        return 1
    width, lines, used = cap + 2, 1, 0
    for word in text.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > width:
            lines, used = lines + 1, len(word)
        else:
            used += need
    return lines
