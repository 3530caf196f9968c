"""One brief: choose content, render it, and fit it to its page and word budgets.

The fit loop: render the fullest plan; if it is over budget, use the measured height of every
block to estimate how many shrink steps free enough room, jump there and render again; then step
one at a time until it fits. A brief that cannot fit fails naming the brief and by how much.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone

from .catalog import Catalog
from .errors import FitError, Problem
from .model import Dossier
from .render import Templates
from .select import Plan, context, glossary_terms, initial_plan, shrink
from .vocab import Finished, finish


@dataclass
class Brief:
    """A fitted brief: its final HTML (the input of both writers) and what was measured."""

    dossier: str
    audience: str
    length: str
    plan: Plan
    finished: Finished
    rendered: object  # write_pdf.Rendered
    renders: int


def build_date(dossier: Dossier) -> date:
    """Document dates: SOURCE_DATE_EPOCH when set, else the dossier's as-of date (reproducible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return dossier.meta.as_of


def compose(dossier: Dossier, catalog: Catalog, templates: Templates, audience: str, length: str,
            plan: Plan) -> Finished:
    """Template + plan -> final vocabulary HTML."""
    aud = catalog.audiences[audience]
    layout = aud.layouts[length]
    ctx = context(dossier, audience, aud, length, catalog.lengths[length], layout, plan)
    ctx["build"] = {"date": build_date(dossier).isoformat()}
    ctx["glossary"] = [
        {"term": t.term, "expansion": t.expansion, "definition": t.definition}
        for t in sorted(dossier.glossary, key=lambda t: t.term.lower())
    ]
    html = templates.render(aud.template, ctx)
    return finish(html, aud.template, glossary_terms(dossier), aud.acronyms, templates.locator(aud.template))


def make_brief(dossier: Dossier, catalog: Catalog, templates: Templates, pdf, audience: str,
               length: str) -> Brief:
    """Fit one brief to its budgets. ``pdf`` is a ``write_pdf.PdfWriter``."""
    aud = catalog.audiences[audience]
    layout = aud.layouts[length]
    budget = catalog.lengths[length]
    label = f"{dossier.id}-{audience}-{length}"
    plans = [initial_plan(dossier, aud, layout)]
    plans.extend(shrink(plans[0], aud, layout, draft=dossier.meta.draft))
    index = 0

    # Word budget first: it needs no layout.
    if budget.max_words:
        while True:
            finished = compose(dossier, catalog, templates, audience, length, plans[index])
            if finished.body_words <= budget.max_words:
                break
            if index + 1 >= len(plans):
                raise FitError([Problem(label, 0, "", f"cannot fit {budget.max_words} words of body: "
                                        f"{finished.body_words} words at the smallest plan "
                                        f"({finished.body_words - budget.max_words} over)")])
            index += 1

    first = index  # the fullest plan within the word budget
    limit = budget.max_pages - catalog.fit_slack
    renders = 0
    tried: dict[int, float] = {}
    heights: dict[str, float] = {}  # every block measured in any render of this brief
    best = None
    while True:
        finished = compose(dossier, catalog, templates, audience, length, plans[index])
        rendered = pdf.render(finished.html, aud.stylesheet, label)
        renders += 1
        heights.update(rendered.heights)
        used = rendered.pages - 1 + rendered.last_page_fill
        tried[index] = used
        if rendered.pages <= budget.max_pages and used <= limit:
            best = (index, finished, rendered)
            # A jump may overshoot: take the next bigger plan back once if the measured height
            # of what it adds fits in the room left.
            back = index - 1
            if back >= first and back not in tried:
                room = (limit - used) * rendered.page_content_height
                if _freed(plans[back], plans[index], heights) <= room:
                    index = back
                    continue
            break
        if best is not None:  # the bigger plan tried after a fit did not fit: keep the fit
            index, finished, rendered = best
            break
        if index + 1 >= len(plans):
            over = used - limit
            raise FitError([Problem(label, 0, "", f"cannot fit {budget.max_pages} page"
                                    f"{'s' * (budget.max_pages > 1)}: the smallest plan needs "
                                    f"{used:.2f} pages ({over:.2f} of a page over)")])
        # content to remove if it flowed freely: everything past the budget's fill; page-break
        # gaps left by unbreakable blocks close up as content moves back
        content = sum(rendered.fills) if rendered.fills else used
        index = _estimate_next(plans, index, rendered, max(content - limit, used - limit - 1, 0.01), tried)
    return Brief(dossier.id, audience, length, plans[index], finished, rendered, renders)


BREAK_ALLOWANCE_PX = 28.0  # about two lines: orphans/widows and unbreakable blocks move in steps


def _estimate_next(plans: list[Plan], index: int, rendered, overflow_pages: float, tried) -> int:
    """Jump to the first smaller plan whose removed blocks free at least the overflow (plus an
    allowance for page-break rules, growing with each attempt that did not fit)."""
    page_height = rendered.page_content_height
    attempts = len(tried)
    need = overflow_pages * page_height * (1 + 0.5 * (attempts - 1)) + BREAK_ALLOWANCE_PX * attempts
    current = plans[index]
    heights = rendered.heights
    for j in range(index + 1, len(plans)):
        if j in tried:
            continue
        freed = _freed(current, plans[j], heights)
        if freed >= need:
            return j
    return next(j for j in range(index + 1, len(plans)) if j not in tried)


def _freed(a: Plan, b: Plan, heights: dict[str, float]) -> float:
    """Estimated height freed going from plan ``a`` to plan ``b``."""
    freed = 0.0
    layers_b = dict(b.items)
    for item_id, layer in a.items:
        h = heights.get(f"item:{item_id}", 0.0)
        if item_id not in layers_b:
            freed += h
        elif layers_b[item_id] != layer:
            freed += h * 0.4  # a thinner layer takes well under half the lines
    if b.changes < a.changes and a.changes:
        freed += heights.get("what_changed", 0.0) * (a.changes - b.changes) / (a.changes + 1)
    if (b.events or 0) < (a.events or 0):
        freed += heights.get("timeline", 0.0) * (a.events - (b.events or 0)) / (a.events + 1)
    if b.watch < a.watch and a.watch:
        freed += heights.get("what_to_watch", 0.0) * (a.watch - b.watch) / (a.watch + 1)
    return freed
