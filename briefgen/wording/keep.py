"""Sentence by sentence: which of a quote's markers a layer sentence must keep, and does it?

A layer sentence is held to the markers of the quote sentences it restates (``required``). Each
marker it must keep needs a word of its own in that sentence (``unkept``: a one-to-one match of
markers to the sentence's keeping words): a hedge kept in one sentence does not excuse a hedge
dropped in another, and one "some" does not keep both "apparent" and "some".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .read import (Marker, Sentence, _content, _find, clause_scope, explained, names, phrase_scope, restates,
                   scope_sides, stem)
from .vocabulary import NEXT, Group, vocabulary

COMPOUND = "negated-compound"  # the group of "non-X" markers (read.negated_compounds)


@dataclass(frozen=True)
class Demand:
    """A marker of quote sentence ``quote`` that a layer sentence must keep."""

    quote: Sentence
    marker: Marker


def required(quote: Sentence, marker: Marker, sentence: Sentence, aligned: bool, top: bool = False,
             own=()) -> bool:
    """Must layer ``sentence`` keep ``marker`` of ``quote``? A framing marker: when the sentence
    names the phrase it frames (aligned or not); any marker: when the sentence is aligned with the
    quote and restates the words around the marker -- or, when the quote is the one the sentence
    restates most (``top``), a word right after the marker. An attribution to ``own`` (the
    publisher's names, as token tuples: "according to a CRS review") is the report's own voice:
    never."""
    voc = vocabulary()
    if own and marker.group.kind == "attribution" and _names_own(quote, marker, own):
        return False
    if marker.group.scope == "phrase" and names(phrase_scope(quote, marker), sentence):
        return True
    if not aligned:
        return False
    start, end = _cut(quote, sentence)
    if marker.start >= end:
        return False  # "A 2022 assessment stated that…" stops before the "probably" it reported
    if marker.start < start and all(i < start for i in scope_sides(quote, marker, voc.near)[1]):
        return False  # "…under the 2015 Act" starts after "would trigger review requirements"
    left, right = scope_sides(quote, marker)
    near = None if marker.group.scope == "sentence" else clause_scope(quote, marker, voc.near)
    stems = sentence.stems
    if marker.group.scope != "sentence":
        stems = stems - explained(quote, left + right, stems)
    right_near = [stem(quote.tokens[i].text) for i in scope_sides(quote, marker, voc.near)[1]]
    if marker.group.scope == "after":
        right_near = right_near[:1]  # "would suspend" -> "suspend"; not "tried to harmonize overlapping ventures" -> "overlap"
    if top and marker.group.scope != "sentence" and set(right_near) & stems:
        return True  # "often cooperate and coordinate in ..., including the U.N." -> "They coordinate in the U.N."
    if not restates([stem(quote.tokens[i].text) for i in left + right], stems, near):
        return False
    # what a marker qualifies follows it ("may arise", "reportedly cost"): a sentence that shares
    # only the words before it ("A 2022 assessment stated that…") does not restate the claim
    # ("according to X" qualifies its whole sentence; the words after it name the source)
    return marker.group.scope == "sentence" or not right or any(stem(quote.tokens[i].text) in stems for i in right)


def _names_own(quote: Sentence, marker: Marker, own) -> bool:
    """Does the source beside an attribution marker (4 words either side) name the publisher?"""
    words = [t.text for t in quote.tokens[max(0, marker.start - 4):marker.end + 4]]
    return any(words[i:i + len(name)] == list(name) for name in own for i in range(len(words)))


def _cut(quote: Sentence, sentence: Sentence) -> tuple[int, int]:
    """The token span of the quote that a layer sentence cut with an ellipsis ("…under the
    2015 Act", "An assessment stated that…") restates; the whole quote when it is not cut."""
    start, end = 0, len(quote.tokens)
    words = [t.text for t in sentence.tokens if not t.boundary]
    text = sentence.text.strip()
    if len(words) < 2:
        return start, end
    if text.startswith(("…", "...")):
        at = _locate(quote, words[:2])
        start = at if at is not None else start
    if text.rstrip("”\"’'").endswith(("…", "...")):
        at = _locate(quote, words[-2:])
        end = at + 2 if at is not None else end
    return start, end


def _locate(quote: Sentence, words: list[str]) -> int | None:
    """Token index in the quote where ``words`` (two words, punctuation between them ignored) start."""
    toks = [i for i, t in enumerate(quote.tokens) if not t.boundary]
    for n in range(len(toks) - 1):
        if [quote.tokens[toks[n]].text, quote.tokens[toks[n + 1]].text] == words:
            return toks[n]
    return None


def _next_stem(quote: Sentence, marker: Marker) -> str:
    """Stem of the first content word after the marker ("would have tightened" -> "tighten")."""
    for t in quote.tokens[marker.end:]:
        if t.boundary:
            return ""
        if _content(t):
            return stem(t.text)
    return ""


def _resolve(phrase: tuple[str, ...], demand: Demand) -> tuple[str, ...]:
    """``{next}`` made the stem it stands for, as "=prefix|stem"."""
    if not any(w.endswith(NEXT) for w in phrase):
        return phrase
    after = _next_stem(demand.quote, demand.marker)
    return tuple(f"={w[:-len(NEXT)]}|{after}" if w.endswith(NEXT) else w for w in phrase)


def _same(word: str, wanted: str) -> bool:
    if not wanted.startswith("="):
        return word == wanted
    prefix, after = wanted[1:].split("|")
    return bool(after) and word.startswith(prefix) and stem(word[len(prefix):]) == after


def _spans(sentence: Sentence, phrase: tuple[str, ...]) -> list[tuple[int, int]]:
    if not any(w.startswith("=") for w in phrase):
        return _find(sentence.tokens, phrase, sentence._never, sentence._index)
    toks = list(enumerate(sentence.tokens))
    out = []
    for k in range(len(toks) - len(phrase) + 1):
        window = toks[k:k + len(phrase)]
        if all(not t.boundary and _same(t.text, w) for (_, t), w in zip(window, phrase)):
            out.append((window[0][0], window[-1][0] + 1))
    return out


def _pools(demands: list[Demand]) -> list[set[tuple[str, ...]]]:
    pools = []
    for d in demands:
        fixed, placeholders = _pool(d.marker.group)
        pools.append(fixed | {_resolve(p, d) for p in placeholders} if placeholders else fixed)
    return pools


@lru_cache(maxsize=256)
def _pool(group: Group) -> tuple[frozenset[tuple[str, ...]], tuple[tuple[str, ...], ...]]:
    """The phrases that keep ``group``: those fixed, and those with ``{next}`` to resolve."""
    phrases = vocabulary().pool(group)
    fixed = {p for p in phrases if not any(w.endswith(NEXT) for w in p)}
    if group.kind == "negation" and group.kept_by == "kind":
        fixed.add((COMPOUND,))  # "non-binding" keeps "not", and the other way round
    return frozenset(fixed), tuple(p for p in phrases if p not in fixed)


def _keepers(sentence: Sentence, pools: list[set[tuple[str, ...]]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Spans of the sentence that could keep a demanded marker: (start, end, phrase)."""
    found = set()
    for p in set().union(*pools):
        if p[0] not in sentence._index and not p[0].startswith("=") and p != (COMPOUND,):
            continue  # its first word is not in the sentence
        if p == (COMPOUND,):
            found.update((m.start, m.end, p) for m in sentence.markers if m.group.name == COMPOUND)
            continue
        found.update((s, e, p) for s, e in _spans(sentence, p))
    return sorted(found)


def unkept(sentence: Sentence, demands: list[Demand]) -> list[Demand]:
    """The demands a one-to-one match of markers to keeping words leaves without a word.

    Markers are matched first to words of their own group ("some" to "some"), then to any word
    that keeps them, so the marker left over is the one the sentence lost. A word that only keeps
    (an equivalent, such as "still") may keep markers that stand together in the quote: "has not
    fully overcome" -> "still distrust". A marker kept keeps those of the kinds its group lists in
    ``also_keeps`` beside it: "announced their intention to develop" -> "intention to develop"."""
    if not demands:
        return []
    voc = vocabulary()
    pools = _pools(demands)
    own = [_own_group(d) for d in demands]
    markers = {w for g in voc.groups for w in g.words} | set(voc.sources)
    keepers = _own_words_removed(_keepers(sentence, pools), {d.quote.text: d.quote for d in demands}, markers)
    match: dict[int, int] = {}  # keeper -> demand

    def augment(i: int, allowed, seen: set[int]) -> bool:
        for k, (_, _, phrase) in enumerate(keepers):
            if k in seen or not allowed(i, phrase):
                continue
            seen.add(k)
            if k not in match or augment(match[k], allowed, seen):
                match[k] = i
                return True
        return False

    for allowed in (lambda i, p: p in own[i] and p in pools[i], lambda i, p: p in pools[i]):
        for i in range(len(demands)):
            if i not in match.values():
                augment(i, allowed, set())
    kept_by = {i: keepers[k][2] for k, i in match.items()}
    out = []
    for i, d in enumerate(demands):
        if i in kept_by:
            continue
        shared = any(j in kept_by and _together(d, other)
                     and (kept_by[j] not in markers and kept_by[j] in pools[i]
                          or d.marker.group.kind in other.marker.group.also_keeps
                          and d.marker.group.scope != "phrase")
                     for j, other in enumerate(demands))
        if not shared:
            out.append(d)
    return out


def _own_words_removed(keepers, quotes: dict[str, Sentence], markers) -> list:
    """A word that only keeps ("remain", "still") and that the quotes say too is the quotes' own
    word, not one standing in for a marker: "Congress allowed the ESF to remain outside annual
    appropriations and imposed no size limit" keeps no "no" with its "remain"."""
    out, used = [], {}
    for k in keepers:
        phrase = k[2]
        if phrase not in markers and phrase != (COMPOUND,):
            said = sum(len(_spans(q, phrase)) for q in quotes.values())
            if used.get(phrase, 0) < said:
                used[phrase] = used.get(phrase, 0) + 1
                continue
        out.append(k)
    return out


def _own_group(d: Demand) -> set[tuple[str, ...]]:
    """The phrases of a demand's own group (its words and equivalents)."""
    fixed, placeholders = _own(d.marker.group)
    return fixed | {_resolve(p, d) for p in placeholders} if placeholders else fixed


@lru_cache(maxsize=256)
def _own(group: Group) -> tuple[frozenset[tuple[str, ...]], tuple[tuple[str, ...], ...]]:
    phrases = group.words + group.equivalents
    fixed = frozenset(p for p in phrases if not any(w.endswith(NEXT) for w in p))
    return fixed, tuple(p for p in phrases if p not in fixed)


def _together(a: Demand, b: Demand) -> bool:
    """Do two markers of one quote sentence stand together (no content word between them)?"""
    if a.quote is not b.quote:
        return False
    first, second = sorted((a.marker, b.marker), key=lambda m: m.start)
    return not any(_content(t) for t in a.quote.tokens[first.end:second.start])
