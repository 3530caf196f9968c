"""Choose the content of one brief: which items, at which text layer, and the data the template sees.

A ``Plan`` is the choice; ``initial_plan`` is the fullest plan a layout allows, and ``shrink``
yields ever smaller plans in the order content should go: the lowest-priority item steps down a
layer at a time to the layout's ``min_layer`` and is then dropped, then the next; once only
``min_items`` remain, the timeline keeps fewer (most recent) events and the "what changed" and
"what to watch" lists shorten. A timeline of more than 12 events shrinks to 12 before any item. The fit loop
(``brief.make_brief``) walks this sequence until the rendered brief meets its budget.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

from .acronyms import Expander
from ..content.captures import quotable, reposted_by
from .catalog import LAYERS, Audience, Layout, Length
from ..content.model import Dossier, Item, Source
from ..text import display_date, display_when, when_key


@dataclass(frozen=True)
class Plan:
    """Item ids with their layers (in reading order), and how many changes and watch points show."""

    items: tuple[tuple[str, str], ...]
    changes: int
    watch: int
    events: int | None = None  # timeline events shown (the most recent); None: all


EVENTS_COMFORTABLE = 12  # a timeline longer than this shrinks before any key point does
EVENTS_FLOOR = 6  # a timeline figure keeps at least this many events (the most recent)


def ranked(dossier: Dossier, layer: str | None = None) -> list[Item]:
    """Items most important first; ties keep the authors' order. For a brief that shows ``layer``
    "headline" or "plain", the items that have that text come first, whatever their priority:
    a point a person (or the drafter) wrote a headline or plain version for never loses its place
    to one that would show a long report sentence, or nothing, in its stead."""
    order = {item.id: n for n, item in enumerate(dossier.items)}
    if layer == "headline":
        return sorted(dossier.items, key=lambda it: (not it.headline, it.priority, order[it.id]))
    if layer == "plain":
        return sorted(dossier.items, key=lambda it: (not layer_text(dossier, it, "plain"), it.priority,
                                                     order[it.id]))
    return sorted(dossier.items, key=lambda it: (it.priority, order[it.id]))


def _layers_for(audience: Audience, layout: Layout) -> list[str]:
    """Layers from the fullest allowed down to the thinnest, e.g. detail, summary, headline."""
    if audience.plain or layout.layer == "plain":
        return ["plain", "headline"] if (layout.min_layer == "headline") else ["plain"]
    top = LAYERS.index(layout.layer)
    bottom = LAYERS.index(layout.min_layer or layout.layer)
    return [LAYERS[i] for i in range(top, bottom - 1, -1)]


def initial_plan(dossier: Dossier, audience: Audience, layout: Layout) -> Plan:
    """The fullest plan the layout allows."""
    layers = _layers_for(audience, layout)
    layer = layers[0]
    # a brief that shows (or may cut down to) headlines or plain versions puts the items that
    # have them first
    items = ranked(dossier, "plain" if "plain" in layers else "headline" if "headline" in layers else None)
    if layout.max_items is not None:
        items = items[: layout.max_items]
    current = dossier.current_changes
    changes = len(current) if layout.max_changes is None else min(layout.max_changes, len(current))
    watch = len(dossier.what_to_watch) if layout.max_watch is None else min(layout.max_watch, len(dossier.what_to_watch))
    if "what_changed" not in layout.sections:
        changes = 0
    if "what_to_watch" not in layout.sections:
        watch = 0
    events = len(dossier.timeline) if "timeline" in layout.sections else 0
    if layout.max_events is not None:
        events = min(events, layout.max_events)
    return Plan(tuple((it.id, layer) for it in items), changes, watch, events)


def shrink(plan: Plan, audience: Audience, layout: Layout, draft: bool = False) -> Iterator[Plan]:
    """Every smaller plan, one step at a time, least valuable content first. A draft (whose
    items may stand in with whole source sentences) may go down to a single item."""
    layers = _layers_for(audience, layout)
    # A long timeline (a distilled draft dates every statement) first gives way to key points.
    while (plan.events or 0) > EVENTS_COMFORTABLE:
        plan = replace(plan, events=plan.events - 1)
        yield plan
    items = list(plan.items)
    floor = 1 if draft else layout.min_items
    while len(items) > floor:
        item_id, layer = items[-1]
        position = layers.index(layer)
        if position + 1 < len(layers):
            items[-1] = (item_id, layers[position + 1])
        else:
            items.pop()
        plan = replace(plan, items=tuple(items))
        yield plan
    for field, least in (("events", EVENTS_FLOOR), ("changes", 2), ("watch", 2)):
        while (getattr(plan, field) or 0) > least:
            plan = replace(plan, **{field: getattr(plan, field) - 1})
            yield plan


# --- template context ---------------------------------------------------------------------


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def layer_text(dossier: Dossier, item: Item, layer: str) -> str:
    """An item's text at ``layer``. A draft may lack a layer: a headline falls back to the summary
    (the report's sentence); the plain layer to the summary when it already reads plainly (grade
    and sentence length within the dossier's limits), else to a note saying what to write."""
    text = getattr(item, layer)
    if text:
        return text
    if layer == "plain":
        from .readability import reading

        limits = dossier.meta.readability
        measured = reading(item.summary)
        if measured.grade <= limits.plain_max_grade and measured.words_per_sentence < limits.plain_max_sentence_words:
            return item.summary
        return ""  # nothing plain to show yet: context() leaves the item out
    return item.summary


def has_drafts(dossier: Dossier) -> bool:
    """Whether any field is still a machine draft (briefs then say "Draft, not reviewed")."""
    owners = [dossier.bottom_line, dossier.why_it_matters, *dossier.what_to_watch, *dossier.items]
    return any(o is not None and any(o.is_drafted(layer) for layer in o.drafted) for o in owners)


def glossary_terms(dossier: Dossier) -> dict[str, str]:
    """Short form -> long form: the glossary, and the publisher's short name."""
    terms = {t.term: t.expansion for t in dossier.glossary}
    product = dossier.meta.product
    if product.publisher_short and product.publisher_short not in terms:
        terms[product.publisher_short] = product.publisher
    return terms


FIGURE_LABEL_MAX = 64  # characters of a timeline label (model.Event.short)


def figure_label(dossier: Dossier, event, spell_out: bool) -> str:
    """A timeline label as the figure shows it. Briefs that spell every acronym out do so in
    the figure too (its SVG text and alt text are not touched after rendering)."""
    spell = Expander(glossary_terms(dossier), "spell-out") if spell_out else (lambda text: text)
    if event.short:
        return spell(event.short)
    return _clip(spell(event.text), FIGURE_LABEL_MAX)  # a draft's stand-in label: cut after spelling out


PLAIN_TODO = "[Draft: no point has a plain-language version yet; write “plain:” for the items in the dossier.]"


def _edition_text(dossier: Dossier, edition_id: str) -> str:
    edition = dossier.edition(edition_id)
    return edition.label or display_date(edition.date)


def product_name(dossier: Dossier) -> str:
    """``CRS In Focus IF12100``."""
    p = dossier.meta.product
    return " ".join(x for x in (p.publisher_short or p.publisher, p.series, p.code) if x)


def _unclosed(text: str) -> bool:
    """Does ``text`` open a quotation it does not close?"""
    return text.count("“") > text.count("”")


def note_text(dossier: Dossier, sources: list[Source], quotes: bool) -> str:
    """A numbered source note: product code, title and edition dates (and the quote, if asked).

    A passage known only from a reworded capture is never quoted as the report's words; an
    edition cited only through such passages says how it is known ("as re-posted by …")."""
    editions = sorted({s.edition for s in sources}, key=lambda e: dossier.edition(e).order)
    title = dossier.edition(editions[-1]).title
    cited = []
    for e in editions:
        own = [s for s in sources if s.edition == e]
        caveat = reposted_by(dossier, dossier.edition(e)) if not any(quotable(dossier, s) for s in own) else ""
        cited.append(_edition_text(dossier, e) + (f" ({caveat})" if caveat else ""))
    dates = " and ".join(cited)
    text = f"{product_name(dossier)}, “{title},” {dates}."
    if quotes:
        passages = []
        shown = [s for s in sources if quotable(dossier, s)]
        for s in shown[:2]:
            words = s.quote.split()
            kept = words[:28]
            while len(words) > 28 and len(kept) > 1 and _unclosed(" ".join(kept)):
                kept.pop()  # a cut inside the passage's own quotation: cut before it opens
            passage = " ".join(kept) + (" …" if len(words) > len(kept) else "")
            passages.append(f"“{passage}”")
        if passages:
            text = text[:-1] + ": " + "; ".join(passages)
            if len(shown) > 2:
                text += f"; and {len(shown) - 2} more passage{'s' * (len(shown) > 3)}"
            if not text.endswith((".”", "?”", "!”")):
                text += "."
    return text


def context(dossier: Dossier, audience_id: str, audience: Audience, length_id: str, length: Length,
            layout: Layout, plan: Plan) -> dict:
    """Everything a brief template may use, as plain data (no model objects reach templates)."""
    meta = dossier.meta
    numbered = audience.notes == "numbered"
    plain = audience.plain

    def cite(sources: list[Source]) -> str:
        return note_text(dossier, sources, layout.note_quotes) if numbered else ""

    def point(p):
        if p is None:
            return None
        layer = "plain" if plain and p.plain else "text"
        return {"text": getattr(p, layer), "cite": cite(p.sources), "drafted": p.is_drafted(layer)}

    by_id = {it.id: it for it in dossier.items}
    items = []
    for item_id, layer in plan.items:
        it = by_id[item_id]
        if not layer_text(dossier, it, layer):
            continue
        items.append({
            "id": it.id,
            "topic": it.topic,
            "priority": it.priority,
            "layer": layer,
            "headline": it.headline or "",
            "text": layer_text(dossier, it, layer),
            "cite": cite(it.sources),
            "drafted": it.is_drafted(layer),  # machine-drafted, not reviewed (the preview shows it apart)
            "headline_drafted": it.is_drafted("headline"),
        })
    missing = len(plan.items) - len(items)
    if items and missing and plain and dossier.meta.draft:  # say what is left out, and what to write
        items.append({"id": "draft-plain", "topic": "", "priority": 99, "layer": "plain", "headline": "",
                      "text": f"[Draft: {missing} more point{'s' * (missing != 1)} of the report have no "
                              "plain-language version yet; write “plain:” for them in the dossier.]", "cite": "",
                      "drafted": False, "headline_drafted": False})
    if plan.items and not items:  # a draft without any plain text: say exactly what to write
        items.append({"id": "draft-plain", "topic": "", "priority": 99, "layer": "plain", "headline": "",
                      "text": PLAIN_TODO, "cite": "", "drafted": False, "headline_drafted": False})
    editions = sorted(meta.editions, key=lambda e: e.order)
    # "What changed" needs two editions and a change; a one-edition dossier shows no box.
    changes = sorted(dossier.current_changes, key=lambda c: c.priority)[: plan.changes]
    timeline = sorted(dossier.timeline, key=lambda e: when_key(e.when))
    if plan.events is not None and plan.events < len(timeline):
        timeline = timeline[len(timeline) - plan.events:] if plan.events else []
    latest = editions[-1]
    earliest = editions[0]
    previous = editions[-2] if len(editions) > 1 else earliest
    return {
        "dossier": {
            "id": dossier.id,
            "title": meta.title,
            "subtitle": meta.subtitle or "",
            "topic": meta.topic or "",
            "language": meta.language,
            "author": meta.author or "",
            "draft": meta.draft or has_drafts(dossier),
            "keywords": list(meta.keywords),
            "as_of": display_date(meta.as_of),
            "as_of_iso": meta.as_of.isoformat(),
            "product": product_name(dossier),
            "product_code": meta.product.code,
            "publisher": meta.product.publisher,
            "editions": [
                {"id": e.id, "date": display_date(e.date), "label": e.label or display_date(e.date),
                 "title": e.title,
                 "cited": (e.label or display_date(e.date))
                 + (f" ({caveat})" if (caveat := reposted_by(dossier, e)) else "")}
                for e in editions
            ],
            "previous": {"id": previous.id, "date": display_date(previous.date),
                         "label": previous.label or display_date(previous.date)},
            "latest": {"id": latest.id, "date": display_date(latest.date), "label": latest.label or display_date(latest.date)},
            "earliest": {"id": earliest.id, "date": display_date(earliest.date),
                         "label": earliest.label or display_date(earliest.date),
                         "month": f"{display_date(earliest.date).split(' ')[0]} {earliest.date.year}"},
        },
        "audience": {"id": audience_id, "label": audience.label, "reader": audience.reader,
                     "notes": audience.notes, "plain": plain},
        "length": {"id": length_id, "label": length.label, "max_pages": length.max_pages,
                   "max_words": length.max_words},
        "show": list(layout.sections),
        "bottom_line": point(dossier.bottom_line),
        "why_it_matters": point(dossier.why_it_matters),
        "what_to_watch": [point(p) for p in dossier.what_to_watch[: plan.watch]],
        "items": items,
        "timeline_total": len(dossier.timeline),
        "timeline": [
            {"when": e.when, "date": display_when(e.when), "text": e.text,
             "short": figure_label(dossier, e, audience.acronyms == "spell-out"),
             "cite": cite(e.sources)}
            for e in timeline
        ],
        "changes": [{"kind": c.kind, "text": c.text, "cite": cite(c.sources), "unverified": c.unverified}
                    for c in changes],
        "source_line": f"Source: {product_name(dossier)}, {latest.label or display_date(latest.date)}.",
    }
