"""One brief: choose content, render it, and fit it to its page and word budgets.

The fit loop (``fit.search``): the fullest plan within the word budget, then the fullest that
meets the page budget, found in a number of layout renders that grows with the logarithm of the
plans. A brief that cannot fit fails naming the brief and by how much.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone

from .catalog import Catalog
from ..errors import FitError, Problem
from ..content.model import Dossier
from .render import Templates
from .fit import PlanSpace, Probe, first_within_words, search, word_guess
from .fitmodel import FitModel
from .fitproof import growth_at_least
from .select import Plan, context, glossary_terms
from .vocab import Finished, finish


CERTAIN = 0.002  # of a page: how far past the limit a lower bound must reach to skip a render
COVERAGE = 0.85  # share of a brief's text the model must know the blocks of for its estimate to lead


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
               length: str, start: Plan | None = None, known: bool = False,
               model: FitModel | None = None) -> Brief:
    """Fit one brief to its budgets. ``pdf`` is a ``write_pdf.PdfWriter``. ``start``: a plan to
    try first (the previous build's); ``known``: nothing it depends on changed since it was found
    to be the fit, so one render (to produce the PDF) is enough. ``model``: what earlier renders
    of these templates taught (``fitmodel``): it estimates each plan's pages before layout, so
    the search starts where the answer is likely; it learns from this brief's renders too."""
    aud = catalog.audiences[audience]
    layout = aud.layouts[length]
    budget = catalog.lengths[length]
    label = f"{dossier.id}-{audience}-{length}"
    space = PlanSpace(dossier, aud, layout)
    composed: dict[int, Finished] = {}

    def composed_at(index: int) -> Finished:
        if index not in composed:
            composed[index] = compose(dossier, catalog, templates, audience, length, space[index])
        return composed[index]

    first = 0
    if budget.max_words:  # the word budget first: it needs no layout
        found = first_within_words(space, lambda i: composed_at(i).body_words, budget.max_words)
        if found is None:
            words = composed_at(len(space) - 1).body_words
            raise FitError([Problem(label, 0, "", f"cannot fit {budget.max_words} words of body: "
                                    f"{words} words at the smallest plan "
                                    f"({words - budget.max_words} over)")])
        first = found

    limit = budget.max_pages - catalog.fit_slack

    def measure(index: int) -> Probe:
        finished = composed_at(index)
        rendered = pdf.render(finished.html, aud.stylesheet, label)
        used = rendered.pages - 1 + rendered.last_page_fill
        fits = rendered.pages <= budget.max_pages and used <= limit
        return Probe(index, fits, used, (finished, rendered), sum(rendered.fills or [used]))

    begin = space.index(start) if start is not None else None
    if begin is not None and begin < first:
        begin, known = None, False
    estimates: dict[int, float] = {}

    def estimate(index: int) -> float:
        if index not in estimates:
            estimates[index] = model.estimate(composed_at(index).html)
        return estimates[index]

    def cannot_fit(index: int, anchor: Probe) -> bool:
        finished, rendered = anchor.result
        grows = growth_at_least(finished.html, rendered, composed_at(index).html)
        return grows is not None and anchor.used + grows > limit + CERTAIN

    try:
        # (checked on the word model's guess: a plan near the budget, cheap to compose; not
        # needed when the previous build's plan is known to fit)
        trusted = model is not None and model and not (known and begin is not None) and model.coverage(
            composed_at(word_guess(space, first, len(space) - 1, budget.max_pages)).html) >= COVERAGE
        best, probes = search(space, first, limit, measure, begin, known, budget.max_pages,
                              estimate if trusted else None, cannot_fit)
    except LookupError as exc:
        probes = exc.args[0]
        used = probes[len(space) - 1].used
        raise FitError([Problem(label, 0, "", f"cannot fit {budget.max_pages} page"
                                f"{'s' * (budget.max_pages > 1)}: the smallest plan needs "
                                f"{used:.2f} pages ({used - limit:.2f} of a page over)")]) from None
    if model is not None:
        for p in probes.values():
            model.learn(p.result[1].blocks, p.result[1].page_content_height)
        for p in probes.values():
            model.learn_breaks(p.result[0].html, p.used, p.result[1].pages)
    finished, rendered = best.result
    return Brief(dossier.id, audience, length, space[best.index], finished, rendered, len(probes))
