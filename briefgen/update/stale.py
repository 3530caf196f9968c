"""Stale claims: entries whose quotes the newest edition no longer holds.

Every item, timeline event, glossary term and framing point is re-verified against the newest
edition's captures. One whose quotes are found only in older editions is *stale*; for each quote
the report shows the closest sentences of the newest edition (rapidfuzz similarity, 0-100) and a
word-level diff, changed numbers, dates and names first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.align import report_sentences, similarity, word_diff
from ..content.model import Dossier
from ..content.provenance import squash, verbatim_in
from .propose import substance


@dataclass
class Closest:
    quote: str
    sentence: str
    score: float
    diff: str
    touches: list[str]


@dataclass
class Stale:
    label: str  # "item 'x'", "timeline event '2021: …'", ...
    file: str
    line: int
    field: str
    closest: list[Closest] = field(default_factory=list)


def claims(dossier: Dossier):
    """(owner, label) of every claim that must hold in the newest edition."""
    for item in dossier.items:
        yield item, f"item '{item.id}'"
    for event in dossier.timeline:
        yield event, f"timeline event '{event.when}: {event.short or event.text[:40]}'"
    for term in dossier.glossary:
        yield term, f"glossary term '{term.term}'"
    for name in ("bottom_line", "why_it_matters"):
        point = getattr(dossier, name)
        if point is not None:
            yield point, name
    for i, point in enumerate(dossier.what_to_watch):
        yield point, f"what_to_watch[{i}]"


# Below this similarity (0-100) a sentence is not the same passage reworded.
CLOSE = 60


def find_stale(dossier: Dossier, newest: str) -> tuple[list[Stale], int]:
    """Stale claims against edition ``newest``, and how many claims hold."""
    from ..content.load import where

    texts = [t for _, t in dossier.captures.get(newest, [])]
    sentences = [s for t in texts for s in report_sentences(t.report)]
    stale: list[Stale] = []
    fresh = 0
    for owner, label in claims(dossier):
        quotes = [s.quote for s in owner.sources]
        if any(verbatim_in(squash(q), t.normalised) for q in quotes for t in texts):
            fresh += 1
            continue
        file, line, path = where(owner, "sources")
        entry = Stale(label, file, line, path)
        for q in quotes:
            ranked = sorted(((similarity(q, s), s) for s in sentences), key=lambda x: -x[0])[:2]
            for score, s in ranked:
                if score < 30:
                    continue
                d = word_diff(q, s)
                entry.closest.append(Closest(q, s, round(score, 1), d.show(), substance(q, s)))
        order = {"date": 0, "number": 0, "actor": 1, "hedge": 2, "negation": 2, "wording": 3}
        entry.closest.sort(key=lambda c: (min(order[t] for t in c.touches), -c.score))
        stale.append(entry)
    return stale, fresh
