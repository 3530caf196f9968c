"""The timeline: the events a report states, each dated by what its sentence reports."""

from __future__ import annotations

from ..text import when_key
from .dates import clause_label, mentions
from .rank import ends_sentence
from .sentences import is_cross_reference


def timeline_section(edition, report_date=None) -> list[dict]:
    """timeline.yaml's events from an edition's sentences, oldest first. ``report_date`` (the
    edition's date) gives a bare month and day its year, and tells the future from the past."""
    events = []
    seen: set[tuple[str, str]] = set()
    for p in edition.paragraphs:
        for s in p.sentences:
            if is_cross_reference(s.text) or not ends_sentence(s.text):  # a dateline, a byline
                continue
            for m in mentions(s.text):
                if (m.when, s.text) in seen:
                    continue
                seen.add((m.when, s.text))
                events.append((when_key(m.when), s.index, {
                    "when": m.when,
                    "text": s.text,
                    "short": clause_label(s.text, m),
                    "sources": [{"edition": edition.id, "quote": s.text}],
                }))
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events]
