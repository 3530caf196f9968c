"""Proposed "what changed" entries between two editions, ranked by substance.

The older edition is read in the publisher's words wherever a faithful capture covers it (a
library's copy of the opening paragraph), and from its complete capture elsewhere, each sentence
remembering which capture it came from. The two editions are aligned sentence by sentence
(``briefgen.content.align``): a sentence of the newer edition with no counterpart is *added*, one of the
older with none is *dropped*, a pair that differs in more than typography is *changed*.

Rank: whole sentences added or dropped first (they carry facts a rewording never adds), then
changes of numbers and dates, of named actors, of hedges and negations, and last of wording. A
change whose older side is known only from a reworded capture is *unverified* and ranks below
every verified one of its kind: a word swap proves nothing when one side is a paraphrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..content.align import align, report_sentences, typography, word_diff
from ..content.captures import effective_fidelity
from ..distill.dates import mentions
from ..distill.draft import slug
from ..content.model import Dossier
from ..text import display_date

# What makes a change substantive: hedges and negations are the wording lint's vocabulary
# (briefgen/data/wording.yaml): the words and phrases of its hedge and negation groups.
@lru_cache(maxsize=None)
def _markers(kind: str) -> tuple[str, ...]:
    from ..wording.vocabulary import GAP, vocabulary

    return tuple(" ".join(w) for g in vocabulary().groups if g.kind == kind for w in g.words if GAP not in w)


def _differs_in(kind: str, old: str, new: str) -> bool:
    """Does one side have a marker of ``kind`` ("may", "in part", "not") the other lacks?"""
    a, b = (" " + " ".join(re.findall(r"[\w-]+", typography(t))) + " " for t in (old, new))
    return any((f" {m} " in a) != (f" {m} " in b) for m in _markers(kind))


WEIGHT = {"sentence": 100, "number": 90, "date": 90, "actor": 80, "hedge": 70, "negation": 70, "wording": 30}


@dataclass
class Sentence:
    text: str
    capture: str  # file of the capture it was read from
    faithful: bool  # the publisher's words (not a reworded capture)


@dataclass
class Proposal:
    kind: str  # added | dropped | changed
    old: Sentence | None
    new: Sentence | None
    substance: list[str] = field(default_factory=list)
    diff: str = ""
    unverified: bool = False
    score: float = 0.0

    @property
    def label(self) -> str:
        return ", ".join(self.substance)


def edition_sentences(dossier: Dossier, edition_id: str) -> list[Sentence]:
    """An edition's sentences in the publisher's words where a faithful capture gives them."""
    captures = dossier.captures.get(edition_id, [])
    if not captures:
        return []
    complete = [c for c in captures if not c[0].partial] or captures
    # the most faithful complete capture is the spine
    rank = {"verbatim": 0, "unknown": 1, "reworded": 2}
    spine_cap, spine_text = min(complete, key=lambda c: rank[effective_fidelity(dossier, c[0])])
    spine_faithful = effective_fidelity(dossier, spine_cap) != "reworded"
    out = [Sentence(s, spine_cap.file, spine_faithful) for s in report_sentences(spine_text.report)]
    if spine_faithful:
        return out
    for cap, text in captures:
        if cap is spine_cap or effective_fidelity(dossier, cap) == "reworded":
            continue
        theirs = report_sentences(text.report)
        for p in align([s.text for s in out], theirs):
            if p.old_index is not None and p.new_index is not None:
                out[p.old_index] = Sentence(theirs[p.new_index], cap.file, True)
    return out


_NAME = re.compile(r"(?<![\w’'])(?:[A-Z][a-z’'-]+|[A-Z]{2,}|(?:[A-Z]\.){2,})")


def _squeeze(text: str) -> str:
    return re.sub(r"[\s'-]+", "", typography(text))


def _names(text: str, other: str) -> set[str]:
    """Names in ``text`` (not its first word) that ``other`` does not mention in any spelling."""
    there = _squeeze(other)
    return {m.group(0) for m in _NAME.finditer(text) if m.start() > 0 and _squeeze(m.group(0)).strip(".") not in there}


def substance(old: str, new: str) -> list[str]:
    """What a change of ``old`` into ``new`` touches, most substantive first."""
    kinds = []
    if set(re.findall(r"\d[\d,.]*", old)) != set(re.findall(r"\d[\d,.]*", new)):
        dates_old = {m.when for m in mentions(old)}
        dates_new = {m.when for m in mentions(new)}
        kinds.append("date" if dates_old != dates_new else "number")
    if _names(old, new) or _names(new, old):
        kinds.append("actor")
    if _differs_in("hedge", old, new):
        kinds.append("hedge")
    if _differs_in("negation", old, new):
        kinds.append("negation")
    return kinds or ["wording"]


def propose(old: list[Sentence], new: list[Sentence]) -> list[Proposal]:
    """Every change from ``old`` to ``new``, most substantive first (typography never counts)."""
    pairs = align([s.text for s in old], [s.text for s in new])
    out: list[Proposal] = []
    for p in pairs:
        kind = p.kind
        if kind == "same":
            continue
        o = old[p.old_index] if p.old_index is not None else None
        n = new[p.new_index] if p.new_index is not None else None
        if kind in ("added", "dropped"):
            s = (n or o).text
            facts = [k for k in ("date", "number", "actor") if k in substance("", s)]
            facts = [k for k in facts if k != "number" or "date" not in facts]
            prop = Proposal(kind, o, n, ["sentence", *facts])
            prop.score = WEIGHT["sentence"] + 3 * len(facts) + min(len(s.split()), 40) / 10
        else:
            kinds = substance(o.text, n.text)
            d = word_diff(o.text, n.text)
            prop = Proposal(kind, o, n, kinds, d.show(), unverified=not o.faithful)
            changed_words = sum(len(x.split()) for x in d.removed + d.inserted)
            prop.score = WEIGHT[kinds[0]] + min(changed_words, 10) - (40 if prop.unverified else 0)
        out.append(prop)
    return sorted(out, key=lambda p: -p.score)


def _clip_words(text: str, limit: int = 40) -> str:
    words = text.split()
    return text if len(words) <= limit else " ".join(words[:limit]) + " …"


def entries(proposals: list[Proposal], previous: str, newest: str, previous_label: str) -> list[dict]:
    """Proposals as ``changes`` entries (YAML-ready), ids unique, priorities in rank order."""
    out, used = [], set()
    for rank, p in enumerate(proposals, 1):
        text = _text(p, previous_label)
        sources = []
        if p.old is not None:
            sources.append({"edition": previous, "quote": p.old.text})
        if p.new is not None:
            sources.append({"edition": newest, "quote": p.new.text})
        base = f"{p.kind}-{slug((p.new or p.old).text, 3, 30)}"
        ident, k = base, 2
        while ident in used:
            ident, k = f"{base}-{k}", k + 1
        used.add(ident)
        entry = {"#": f"rank {rank}: {p.kind}; touches {p.label}" + (f"; {p.diff}" if p.diff else "")
                 + ("; the older wording is known only from a reworded capture" if p.unverified else ""),
                 "id": ident, "kind": p.kind, "priority": min(rank, 99), "text": text}
        if p.unverified:
            entry["unverified"] = True
        entry["sources"] = sources
        out.append(entry)
    return out


def _text(p: Proposal, previous_label: str) -> str:
    """The entry's text: quotation marks only around words of faithful captures."""
    if p.kind == "added":
        return f"Adds: “{_clip_words(p.new.text)}”" if p.new.faithful else "Adds a sentence (see its quote)."
    if p.kind == "dropped":
        if p.old.faithful:
            return f"Drops: “{_clip_words(p.old.text)}”"
        return f"Drops a sentence of the {previous_label} edition, known only from a reworded capture (see its quote)."
    d = word_diff(p.old.text, p.new.text)
    new_words = "; ".join(f"“{x}”" for x in d.inserted) or "nothing in its place"
    if p.old.faithful:
        old_words = "; ".join(f"“{x}”" for x in d.removed) or "nothing"
        return f"Now says {new_words} where the {previous_label} edition said {old_words}."
    return (f"Now says {new_words}; the {previous_label} wording is known only from a reworded capture "
            "(unverified).")


def previous_label(dossier: Dossier, edition_id: str) -> str:
    e = dossier.edition(edition_id)
    return e.label or display_date(e.date)
