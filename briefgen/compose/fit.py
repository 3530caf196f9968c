"""The fit search: which plan of a brief is the fullest that meets its page budget.

The candidate plans form a sequence, fullest first (``PlanSpace``, the same order as
``select.shrink``): the lowest-priority item steps down a layer at a time and is then dropped,
then the "what changed" and "what to watch" lists shorten. Fitting a brief means finding the
first plan of that sequence whose layout meets the budget (a longer plan never fits where a
shorter one does not, up to page-break effects).

A one-by-one walk makes one layout render per step, which grows with the number of items. This
search keeps a bracket (the fullest plan known not to fit, the fullest known to fit) and probes
plans chosen by a size model: each item's words at its layer, scaled by the page space earlier
renders measured (``used = a + b * words``). A probe that does not halve the bracket is followed
by a bisection step, so the renders grow with the logarithm of the plans, and the search ends
only when the plan just fuller than the answer was seen not to fit: the result is the plan the
one-by-one walk finds. A previous build's plan is probed first; when nothing it depends on
changed (``known``) it is taken after the one render that produces the PDF.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable

from .catalog import Audience, Layout
from ..content.model import Dossier
from .select import EVENTS_COMFORTABLE, EVENTS_FLOOR, Plan, _layers_for, initial_plan, layer_text
from ..text import when_key, word_count

WORDS_PER_PAGE_GUESS = 600  # a prior for the first probe only; measurements replace it (the house
# templates set 650-780 words of body per page; 600 took the fewest renders: see the commit)
NOTE_WORDS = 25  # a numbered note's words (product, title, dates), for the size model
QUOTE_WORDS = 45  # with note_quotes: up to two quoted passages
EVENT_WORDS = 10  # a timeline row's height, in words of body text


class PlanSpace:
    """Every plan the fit loop may choose, fullest (index 0) to smallest, computed on demand.

    ``space[i]`` equals the i-th plan of ``[initial_plan(...), *shrink(initial_plan(...))]``,
    without building the whole list (quadratic in the items for a long dossier). The phases, in
    ``shrink``'s order: a long timeline down to ``EVENTS_COMFORTABLE`` events, then the items
    (to ``min_items``, or one item for a draft), then the timeline to ``EVENTS_FLOOR``, then the
    "what changed" and "what to watch" lists."""

    def __init__(self, dossier: Dossier, audience: Audience, layout: Layout):
        self.full = initial_plan(dossier, audience, layout)
        self.layers = _layers_for(audience, layout)
        self.ids = [item_id for item_id, _ in self.full.items]
        top = self.full.items[0][1] if self.full.items else self.layers[0]
        self.top = self.layers.index(top)
        self.step = len(self.layers) - self.top  # layer steps down plus the drop, per item
        n = len(self.ids)
        floor = 1 if dossier.meta.draft else layout.min_items
        events = self.full.events or 0
        self.events_early = max(0, events - EVENTS_COMFORTABLE)
        self.item_steps = (n - floor) * self.step if n > floor else 0
        self.events_late = max(0, min(events, EVENTS_COMFORTABLE) - EVENTS_FLOOR)
        self.change_steps = max(0, self.full.changes - 2)
        self.watch_steps = max(0, self.full.watch - 2)
        self._size = None
        self._dossier, self._audience, self._layout = dossier, audience, layout

    def __len__(self) -> int:
        return 1 + self.events_early + self.item_steps + self.events_late + self.change_steps + self.watch_steps

    def __getitem__(self, index: int) -> Plan:
        if not 0 <= index < len(self):
            raise IndexError(index)
        rest = index
        early = min(rest, self.events_early)
        rest -= early
        steps = min(rest, self.item_steps)
        rest -= steps
        dropped, down = divmod(steps, self.step)
        top = self.layers[self.top]
        items = [(item_id, top) for item_id in self.ids[: len(self.ids) - dropped]]
        if down:
            items[-1] = (items[-1][0], self.layers[self.top + down])
        late = min(rest, self.events_late)
        rest -= late
        changes = self.full.changes - min(rest, self.change_steps)
        rest = max(0, rest - self.change_steps)
        watch = self.full.watch - min(rest, self.watch_steps)
        events = None if self.full.events is None else self.full.events - early - late
        return Plan(tuple(items), changes, watch, events)

    def index(self, plan: Plan) -> int | None:
        """Where ``plan`` stands in this space (None if it is not one of its plans)."""
        n = len(plan.items)
        if n == 0 or [i for i, _ in plan.items] != self.ids[:n] or plan.items[-1][1] not in self.layers:
            return None
        if (plan.events is None) != (self.full.events is None):
            return None
        dropped = len(self.ids) - n
        down = self.layers.index(plan.items[-1][1]) - self.top
        if down < 0:
            return None
        steps = dropped * self.step + down
        if steps > self.item_steps:
            return None
        events_gone = (self.full.events - plan.events) if plan.events is not None else 0
        index = steps + events_gone + (self.full.changes - plan.changes) + (self.full.watch - plan.watch)
        if 0 <= index < len(self) and self[index] == plan:
            return index
        return None

    # --- the size model: words of each plan, in O(1) per plan after one pass over the items ---

    def size(self, index: int) -> float:
        """Words a plan shows (items at their layers, notes, changes, watch points): a monotone
        stand-in for the page space it takes."""
        if self._size is None:
            self._size = self._measure_words()
        prefix, layer_words, change_prefix, watch_prefix, event_prefix = self._size
        plan = self[index]
        n = len(plan.items)
        words = prefix[n]
        if n:
            last_layer = plan.items[-1][1]
            words += layer_words[n - 1][self.layers.index(last_layer) - self.top] - layer_words[n - 1][0]
        return words + change_prefix[plan.changes] + watch_prefix[plan.watch] + event_prefix[plan.events or 0]

    def _measure_words(self):
        dossier, audience, layout = self._dossier, self._audience, self._layout
        by_id = {it.id: it for it in dossier.items}
        note = (NOTE_WORDS + (QUOTE_WORDS if layout.note_quotes else 0)) if audience.notes == "numbered" else 0
        layer_words = []
        for item_id in self.ids:
            item = by_id[item_id]
            row = []
            for layer in self.layers[self.top:]:
                text = layer_text(dossier, item, layer)
                row.append(word_count(text) + word_count(item.headline or "") + note if text else 0)
            layer_words.append(row)
        prefix = [0.0]
        for row in layer_words:
            prefix.append(prefix[-1] + row[0])
        changes = sorted(dossier.current_changes, key=lambda c: c.priority)
        change_prefix = [0.0]
        for c in changes[: self.full.changes]:
            change_prefix.append(change_prefix[-1] + word_count(c.text) + note)
        watch_prefix = [0.0]
        for p in dossier.what_to_watch[: self.full.watch]:
            watch_prefix.append(watch_prefix[-1] + word_count(p.text) + note)
        # a timeline row takes about a line: its label's words, at least a line's worth
        recent = sorted(dossier.timeline, key=lambda e: when_key(e.when), reverse=True)
        event_prefix = [0.0]
        for e in recent[: self.full.events or 0]:
            event_prefix.append(event_prefix[-1] + max(EVENT_WORDS, word_count(e.short or e.text[:64])))
        return prefix, layer_words, change_prefix, watch_prefix, event_prefix

    def fullest_within(self, words: float, lo: int, hi: int) -> int:
        """The fullest plan in [lo, hi] whose size is at most ``words`` (hi if none is)."""
        # size() is non-increasing in the index: bisect on its negation
        keys = _Negated(self)
        return min(hi, max(lo, bisect_left(keys, -words, lo, hi)))


class _Negated:
    def __init__(self, space: PlanSpace):
        self.space = space

    def __getitem__(self, index: int) -> float:
        return -self.space.size(index)

    def __len__(self) -> int:
        return len(self.space)


@dataclass
class Probe:
    """One layout render of one plan."""

    index: int
    fits: bool
    used: float  # pages used: full pages before the last, plus the last page's fill
    result: object  # whatever ``measure`` returned with it (final HTML, rendering)
    content: float | None = None  # pages of content (the sum of every page's fill): smoother
    # than ``used`` when breaks push a little content onto a new page, so the model uses it


def first_within_words(space: PlanSpace, words: Callable[[int], int], budget: int) -> int | None:
    """The fullest plan whose body has at most ``budget`` words (None if none has): composes,
    no layout; the fullest plan is tried first, then a bisection."""
    if words(0) <= budget:
        return 0
    lo, hi = 0, len(space)  # lo is over budget; hi (if < len) is within
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if words(mid) <= budget:
            hi = mid
        else:
            lo = mid
    return hi if hi < len(space) else None


def search(space: PlanSpace, first: int, limit: float, measure: Callable[[int], Probe],
           start: int | None = None, known: bool = False, budget_pages: int = 1,
           estimate: Callable[[int], float] | None = None,
           cannot_fit: Callable[[int, Probe], bool] | None = None) -> tuple[Probe, dict[int, Probe]]:
    """The fullest plan at or after ``first`` that fits (``measure(i).fits``); returns its probe
    and every probe made. Raises ``LookupError`` (with the probes) when not even the smallest fits.

    ``estimate(i)``: the pages plan i is expected to take before any layout (``fitmodel``);
    with it the first probe goes where the estimate meets the limit, and later probes where
    the estimate, corrected by the nearest measured plan, does. ``cannot_fit(i, probe)``:
    plan i provably does not fit, given the layout of ``probe`` (a plan that fits and holds
    less): then it needs no render (the usual case: the plan one step fuller than the answer)."""
    last = len(space) - 1
    probes: dict[int, Probe] = {}
    lo, hi = first - 1, last + 1  # lo: fullest known not to fit (first-1: none fuller allowed)

    def probe(i: int) -> Probe:
        nonlocal lo, hi
        p = measure(i)
        probes[i] = p
        if p.fits:
            hi = min(hi, i)
        else:
            lo = max(lo, i)
        return p

    if start is not None and first <= start <= last:
        p = probe(start)
        if p.fits and known:
            return p, probes
    elif estimate is not None:
        probe(_fullest_near(word_guess(space, first, last, budget_pages), first - 1, last + 1, estimate, limit))
    elif space.size(first) <= 1.5 * budget_pages * WORDS_PER_PAGE_GUESS:
        probe(first)  # a small brief: its fullest plan is the likely answer
    else:
        probe(space.fullest_within(budget_pages * WORDS_PER_PAGE_GUESS, first, last))
    width = None  # the bracket's width once both of its ends are measured
    bisect_next = False
    while hi - lo > 1:
        if bisect_next:
            i = (lo + hi) // 2
        elif estimate is not None:
            i = _fullest_near(min(probes, key=lambda k: (abs(k - (lo + hi) / 2), k)), lo, hi,
                              _corrected(estimate, probes), limit)
        else:
            i = _estimate(space, probes, limit, lo, hi, last)
        if cannot_fit is not None and hi <= last and i < hi and cannot_fit(i, probes[hi]):
            lo = i  # proven without a render
            continue
        probe(i)
        if lo >= first and hi <= last:  # a model probe that did not halve the bracket: bisect next
            bisect_next = width is not None and not bisect_next and (hi - lo) > width / 2
            width = hi - lo
    if hi > last:
        raise LookupError(probes)
    return probes[hi], probes


def word_guess(space: PlanSpace, first: int, last: int, budget_pages: int) -> int:
    """Where to start looking: the word model's guess (cheap on a dossier of thousands of items)."""
    if space.size(first) <= 1.5 * budget_pages * WORDS_PER_PAGE_GUESS:
        return first
    return space.fullest_within(budget_pages * WORDS_PER_PAGE_GUESS, first, last)


def _corrected(estimate: Callable[[int], float], probes: dict[int, Probe]) -> Callable[[int], float]:
    """The estimate of plan i, shifted by what the nearest measured plan showed it to miss."""
    def pages(i: int) -> float:
        near = min(probes, key=lambda k: (abs(k - i), k))
        return estimate(i) + (probes[near].used - estimate(near))
    return pages


def _fullest_near(anchor: int, lo: int, hi: int, pages: Callable[[int], float], limit: float) -> int:
    """The fullest plan strictly inside (lo, hi) that ``pages`` puts within ``limit``, found by
    galloping from ``anchor`` and then bisecting, so the plans looked at (each composed, not
    laid out) stay near the anchor: a dossier of thousands of items composes none of them all."""
    lo_in, hi_in = lo + 1, hi - 1
    if lo_in > hi_in:
        return (lo + hi) // 2
    at = min(max(anchor, lo_in), hi_in)
    if pages(at) <= limit:  # fits: look fuller
        good, step = at, 1
        while good - step >= lo_in and pages(good - step) <= limit:
            good, step = good - step, step * 2
        bad = max(lo_in - 1, good - step)
    else:  # over: look smaller
        bad, step = at, 1
        while bad + step <= hi_in and pages(bad + step) > limit:
            bad, step = bad + step, step * 2
        good = min(hi_in + 1, bad + step)
        if good > hi_in:
            return hi_in
    while good - bad > 1:  # pages(bad) > limit (or bad is out of range), pages(good) <= limit
        mid = (good + bad) // 2
        if pages(mid) <= limit:
            good = mid
        else:
            bad = mid
    return good


def _estimate(space: PlanSpace, probes: dict[int, Probe], limit: float, lo: int, hi: int, last: int) -> int:
    """The plan the size model expects to be the fullest that fits, strictly inside (lo, hi)."""
    points = sorted({(space.size(i), p.used if p.fits or p.content is None else max(p.content, limit + 0.001))
                     for i, p in probes.items()})
    over = [pt for pt in points if pt[1] > limit]
    under = [pt for pt in points if pt[1] <= limit]
    if over and under:  # interpolate between the nearest points on both sides of the limit
        (s0, u0), (s1, u1) = max(under), min(over)
        slope = (u1 - u0) / (s1 - s0) if s1 > s0 else 0.0
        target = s0 + (limit - u0) / slope if slope > 0 else s0
    else:  # all measured plans on one side: extend the line through the two nearest the limit
        near = sorted(under or over, key=lambda pt: abs(pt[1] - limit))[:2]
        (s0, u0) = near[0]
        slope = u0 / s0 if s0 > 0 else 0.0  # one point: as if all the space were words
        if len(near) == 2 and near[1][0] != s0:
            secant = (near[1][1] - u0) / (near[1][0] - s0)
            if secant > 0:
                slope = secant
        target = s0 + (limit - u0) / slope if slope > 0 else (2 * s0 if under else s0 / 2)
        if under:  # aim at least one plan fuller
            target = max(target, s0 + 1)
    return space.fullest_within(target, lo + 1, min(hi - 1, last))
