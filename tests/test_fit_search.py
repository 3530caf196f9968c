"""The fit search: it finds the fullest plan that fits, as the one-by-one search would, in a
number of renders that grows with the logarithm of the items; a known fit takes one render; and
a one-page brief that leaves items out fills its page."""

from __future__ import annotations

import math

import pytest
from bigdossier import make_big_dossier
from conftest import CONTENT

import briefgen.compose.brief as brief_module
from briefgen.compose.brief import compose, make_brief
from briefgen.compose.catalog import load_catalog
from briefgen.compose.fit import PlanSpace
from briefgen.compose.render import Templates
from briefgen.compose.select import initial_plan, ranked as ranked_items, shrink
from briefgen.content.load import load_one
from briefgen.write.pdf import PdfWriter


@pytest.fixture(scope="module")
def writers():
    tpl = Templates()
    return tpl, load_catalog(tpl.find("catalog.yaml")), load_one(CONTENT / "china-russia"), PdfWriter(tpl)


# --- the search ---------------------------------------------------------------------------------


def test_plan_space_is_the_shrink_sequence_computed_on_demand(writers):
    _, catalog, dossier, _ = writers
    for aud in catalog.audiences.values():
        for layout in aud.layouts.values():
            full = initial_plan(dossier, aud, layout)
            expected = [full, *shrink(full, aud, layout)]
            space = PlanSpace(dossier, aud, layout)
            assert [space[i] for i in range(len(space))] == expected
            assert [space.index(p) for p in expected] == list(range(len(expected)))


def _linear(dossier, catalog, tpl, pdf, audience, length):
    """The one-by-one search: the first plan, fullest first, that meets both budgets."""
    aud = catalog.audiences[audience]
    layout, budget = aud.layouts[length], catalog.lengths[length]
    plans = [initial_plan(dossier, aud, layout)]
    plans += list(shrink(plans[0], aud, layout))
    i = 0
    if budget.max_words:
        while compose(dossier, catalog, tpl, audience, length, plans[i]).body_words > budget.max_words:
            i += 1
    while True:
        r = pdf.render(compose(dossier, catalog, tpl, audience, length, plans[i]).html, aud.stylesheet, "x")
        if r.pages <= budget.max_pages and r.pages - 1 + r.last_page_fill <= budget.max_pages - catalog.fit_slack:
            return plans[i], i + 1
        i += 1


@pytest.mark.parametrize("audience,length", [("principal", "one-page"), ("staff", "one-page"),
                                             ("staff", "two-page"), ("public", "flash")])
def test_fit_search_finds_what_the_one_by_one_search_finds(writers, audience, length):
    tpl, catalog, dossier, pdf = writers
    expected, _ = _linear(dossier, catalog, tpl, pdf, audience, length)
    assert make_brief(dossier, catalog, tpl, pdf, audience, length).plan == expected


def test_fit_renders_grow_with_the_logarithm_of_the_items(tmp_path, writers):
    tpl, catalog, _, pdf = writers
    big = load_one(make_big_dossier(tmp_path / "content", 150))
    brief = make_brief(big, catalog, tpl, pdf, "staff", "one-page")
    plans = len(PlanSpace(big, catalog.audiences["staff"], catalog.layout("staff", "one-page")))
    assert plans > 140  # the one-by-one search would make well over a hundred renders
    assert brief.renders <= 2 * math.ceil(math.log2(plans)) + 2, brief.renders
    # what the one-by-one search would stop at: this plan fits, the next fuller one does not
    space = PlanSpace(big, catalog.audiences["staff"], catalog.layout("staff", "one-page"))
    k = space.index(brief.plan)
    assert k > 0
    r = pdf.render(compose(big, catalog, tpl, "staff", "one-page", space[k - 1]).html, "brief.css", "x")
    assert r.pages > 1 or r.last_page_fill > 1 - catalog.fit_slack


def test_a_known_fit_takes_one_render_and_a_changed_one_is_searched(writers, monkeypatch):
    tpl, catalog, dossier, pdf = writers
    first = make_brief(dossier, catalog, tpl, pdf, "staff", "two-page")
    again = make_brief(dossier, catalog, tpl, pdf, "staff", "two-page", start=first.plan, known=True)
    assert again.renders == 1 and again.plan == first.plan
    searched = make_brief(dossier, catalog, tpl, pdf, "staff", "two-page", start=first.plan, known=False)
    assert searched.plan == first.plan  # the fuller plan was checked: proven too full from this layout
    # (issue 23.24: what it adds at least passes the limit), or else laid out
    monkeypatch.setattr(brief_module, "growth_at_least", lambda *args: None)
    searched = make_brief(dossier, catalog, tpl, pdf, "staff", "two-page", start=first.plan, known=False)
    assert searched.plan == first.plan and searched.renders >= 2


# --- the fit loop fills the page ----------------------------------------------------------------


@pytest.mark.parametrize("audience", ["principal", "staff", "public"])
def test_one_page_briefs_fill_the_page_while_items_remain(writers, audience):
    """If an item is left out, showing one more would not fit the page."""
    tpl, catalog, dossier, pdf = writers
    brief = make_brief(dossier, catalog, tpl, pdf, audience, "one-page")
    space = PlanSpace(dossier, catalog.audiences[audience], catalog.layout(audience, "one-page"))
    shown = len(brief.plan.items)
    if shown == len(dossier.items):
        return
    layer = brief.plan.items[0][1]
    ranked = [it.id for it in ranked_items(dossier)]
    more = brief.plan.__class__(tuple((i, layer) for i in ranked[: shown + 1]), brief.plan.changes, brief.plan.watch)
    r = pdf.render(compose(dossier, catalog, tpl, audience, "one-page", more).html, "brief.css", "x")
    limit = 1 - catalog.fit_slack
    assert r.pages > 1 or r.last_page_fill > limit, (audience, shown, r.last_page_fill, len(space))
