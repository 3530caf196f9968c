"""What a drafter may cut from a parsed clause: its units, least informative first.

A unit is a word of the parse with everything that hangs off it (``component``), found from the
link that ties it to its head, and ranked (``RANKS``): relative clauses, appositives and clauses
joined to nothing of the main one go first, then adverbs, a noun's prepositional phrases, the
verb's adjuncts, articles, the tail of a list ("X and Y" -> "X"), "of" phrases. The subject, the
main verb, its auxiliaries and its object stay (``backbone``), and so does every unit that holds
a hedge, attribution or negation (``clauses.markers``) or cuts into a quotation. Ranges are
character offsets of the quote (``Unit.ranges``), for ``clauses.Cut``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .parse import Parse

RANKS = {0: "relative clauses, appositives and joined clauses", 1: "adverbs", 2: "a noun's phrases",
         3: "the verb's adjuncts", 4: "articles", 5: "list tails", 6: "“of” phrases"}
ARTICLES = {"the", "a", "an"}
_QUANTITY = {"one", "some", "many", "most", "all", "none", "each", "both", "part", "parts", "portion",
             "portions", "number", "share", "percentage", "amount", "half", "majority", "any", "several",
             "range", "variety", "series", "set", "kind", "kinds", "type", "types", "sort", "group", "total", "lot"}
_NUMBERS = ("hundreds", "thousands", "millions", "billions", "trillions", "dozens", "tens")
_PAIRED = {"between", "both", "either", "neither", "among", "whether"}  # "between X and Y" keeps its Y

# Links whose dependent (with everything hanging off it) may go, by rank: the dependent is on the
# right of the link (a post-modifier) or on its left (a pre-modifier).
_RIGHT = (("R", 0), ("MX", 0), ("MVs", 0), ("MVg", 0), ("MVa", 1), ("M", 2), ("MV", 3))
_LEFT = (("E", 1), ("D", 4))  # adjectives stay: "unilateral sanctions" are not "sanctions"
_CONJUNCT = ("SJr", "VJr", "MJr", "AJr", "RJr", "MVJr")
_COORDINATION = ("SJ", "VJ", "MJ", "AJ", "RJ", "MVJ")
_BACKBONE = ("S", "VJ", "SJ", "PP", "I", "Pv", "Pg", "Pa", "TO", "O", "RS", "B")


@dataclass
class Unit:
    ranges: list[tuple[int, int]]  # character ranges of the quote
    rank: int
    words: set[int]  # leaves of the parse
    relink: tuple[int, int] | None = None  # a list tail: (the conjunction, its first conjunct)


def _rank(label: str, left_word: str, right_word: str) -> tuple[int, str] | None:
    base = label.rstrip("*")
    if base[:1] == "M" and not base.startswith("MV") and right_word.lower() == "of":
        if left_word.lower() in _QUANTITY or left_word[:1].isupper() or left_word.lower().endswith(_NUMBERS):
            return None  # "some of …", "thousands of …", a name ("Corps of Engineers")
        return 6, "right"
    if base.startswith("MV") and right_word.lower() == "of":
        return None
    for prefix, rank in _RIGHT:
        if base.startswith(prefix) and not (prefix == "M" and base[:2] in ("MV", "MX")):
            return rank, "right"
    if base.startswith(("EA", "EE", "EN", "EZ", "EB")):
        return None
    for prefix, rank in _LEFT:
        if base.startswith(prefix) and not (prefix == "D" and base.startswith("DD")):
            if prefix == "D" and left_word.lower() not in ARTICLES:
                return None
            return rank, "left"
    return None


def component(links, head: int, dep: int) -> set[int]:
    """The dependent's words: those reached from it without passing through its head. A phrase
    that modifies two words at once ("concerns about X", linked to both "concerns" and
    "expressed") is cut from both; a relative clause's links back to its noun (Link Grammar's
    R and B) all go through the head."""
    heads = {head} | {b if a == dep else a for a, b, label in links
                      if dep in (a, b) and label.startswith("M") and (b if a == dep else a) < dep}
    seen, todo = {dep}, [dep]
    while todo:
        w = todo.pop()
        for a, b, _ in links:
            other = b if a == w else a if b == w else None
            if other is None or other in seen or other in heads:
                continue
            seen.add(other)
            todo.append(other)
    return seen


def backbone(p: Parse) -> set[int]:
    """The subject, the main verb, its auxiliaries, its object and their coordinations: what no
    pruning removes."""
    keep = {p.verb} | ({p.subject} if p.subject is not None else set())
    grown = True
    while grown:
        grown = False
        for a, b, label in p.links:
            if label.startswith(_BACKBONE) and (a in keep) != (b in keep):
                if label.startswith("O") and not (a == p.verb or p.leaves[a].pos == "v"):
                    continue
                if label.startswith(("B", "RS")) and p.leaves[a if a in keep else b].pos != "v":
                    continue  # a relative clause on the object is no part of the clause's backbone
                keep |= {a, b}
                grown = True
    return keep


def _subject_side(p: Parse) -> set[int]:
    """The subject and its coordination (never cut to its first conjunct: "X and Y are …")."""
    if p.subject is None:
        return set()
    side, todo = {p.subject}, [p.subject]
    while todo:
        w = todo.pop()
        for a, b, label in p.links:
            if label.startswith("SJ") and (a == w or b == w):
                other = b if a == w else a
                if other not in side:
                    side.add(other)
                    todo.append(other)
    return side


def overlaps(span: tuple[int, int], marks) -> bool:
    return any(a < span[1] and span[0] < b for a, b in marks)


def whole_words(quote: str, a: int, b: int) -> tuple[int, int]:
    """A deletion widened to whole words as written ("U.S" of "U.S." takes its period)."""
    while a > 0 and not quote[a - 1].isspace() and quote[a - 1] not in "(—–“\"":
        a -= 1
    while b < len(quote) and not quote[b].isspace() and quote[b] not in ",;:)—–”\"":
        b += 1
    return a, b


def quoted(quote: str) -> list[tuple[int, int]]:
    """The quote's quotations: (start of “, end of ”)."""
    out, start = [], None
    for i, ch in enumerate(quote):
        if ch == "“" or (ch == '"' and start is None):
            start = i
        elif (ch == "”" or ch == '"') and start is not None:
            out.append((start, i + 1))
            start = None
    return out


def _whole_quotations(quote: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """``ranges`` with each quotation they empty taken whole (its marks too); None when they cut
    into one: a quotation is kept whole or not at all."""
    out = list(ranges)
    for qa, qb in quoted(quote):
        inner = [i for i in range(qa + 1, qb - 1) if quote[i].isalnum()]
        gone = [i for i in inner if any(a <= i < b for a, b in ranges)]
        if gone and len(gone) < len(inner):
            return None
        if inner and len(gone) == len(inner):
            out.append((qa, qb))
    return out


def units(quote: str, p: Parse, index: list[int], marks, keep_facts: bool = False) -> list[Unit] | None:
    """The units of the parsed clause that may go, in the order they go (by rank, right to left);
    with ``keep_facts``, none that holds a number or a name (a plain draft keeps them all)."""
    if p.verb is None:
        return None
    keep = backbone(p)
    subject = _subject_side(p)
    found = []

    spans = [(index[leaf.start], index[leaf.end - 1] + 1) for leaf in p.leaves]

    def add(rank: int, words: set[int], relink=None):
        ranges = [whole_words(quote, *spans[w]) for w in sorted(words)]
        if any(overlaps(r, marks) for r in ranges):
            return
        others = [spans[w] for w in range(len(spans)) if w not in words and any(c.isalnum() for c in p.leaves[w].text)]
        if relink is None and any(label.startswith(_COORDINATION) and (a in words) != (b in words) for a, b, label in p.links):
            return  # half a coordination ("… ties between Xi Jinping" without "and Vladimir Putin")
        if any(overlaps(r, others) for r in ranges):
            return  # part of a word as written ("%" of "50%")
        ranges = _whole_quotations(quote, ranges)
        if ranges is None:
            return
        # a number goes last: "the requested total of $26.1 billion" keeps its figure while anything else can go
        numbered = any(any(ch.isdigit() for ch in p.leaves[w].text) for w in words)
        if keep_facts and (numbered or any(p.leaves[w].text[:1].isupper() and w > 0 for w in words)):
            return
        found.append((rank + 10 * numbered, -min(words), Unit(ranges, rank, words, relink)))

    for a, b, label in p.links:
        ranked = _rank(label, p.leaves[a].text, p.leaves[b].text)
        if ranked is not None:
            rank, side = ranked
            head, dep = (a, b) if side == "right" else (b, a)
            if rank == 3 and any(y == head and lab.startswith("M") and not lab.startswith("MV") for x, y, lab in p.links):
                continue  # the phrase of a participle on a noun ("provisions contained within X") goes with it
            words = component(p.links, head, dep)
            if not words & keep:
                add(rank, words)
        if label.startswith(_CONJUNCT) and p.leaves[a].pos == "j" and a not in subject:
            before = p.leaves[a - 1].text.lower() if a else ""
            if any(p.leaves[w].text.lower() in _PAIRED for w in range(max(0, a - 6), a)) or before == "not":
                continue
            words = component(p.links, a, b)
            left = next(c for c in _CONJUNCT if label.startswith(c))[:-1] + "l"
            first = next((x for x, y, lab in p.links if y == a and x < a and lab.startswith(left)), None)
            if first is not None and p.verb not in words and first not in words:
                add(5, words | {a}, (a, first))
    joined = _detached(p)
    if joined:
        add(0, joined)
    # a phrase linked both to a noun and to the verb ("express opposition to X") is the verb's: the
    # higher rank of the two, one unit
    best: dict[frozenset, tuple] = {}
    for entry in found:
        key = frozenset(entry[2].words)
        if key not in best or entry[2].rank > best[key][2].rank:
            best[key] = entry
    found = sorted(best.values(), key=lambda f: (f[0], f[1]))
    return [unit for _, _, unit in found]


def _detached(p: Parse) -> set[int]:
    """Words the parse ties to nothing of the main verb's (a clause joined to the wall: ", and …")."""
    seen, todo = {p.verb}, [p.verb]
    while todo:
        w = todo.pop()
        for a, b, _ in p.links:
            other = b if a == w else a if b == w else None
            if other is not None and other not in seen:
                seen.add(other)
                todo.append(other)
    return {i for i in range(len(p.leaves)) if i not in seen and any(ch.isalnum() for ch in p.leaves[i].text)}


def connected(p: Parse, gone: set[int], links=None) -> bool:
    """Whether the words left still hang together (no word orphaned by a cut)."""
    links = p.links if links is None else links
    left = {i for i in range(len(p.leaves)) if i not in gone and any(ch.isalnum() for ch in p.leaves[i].text)}
    if not left:
        return False
    start = p.verb if p.verb in left else next(iter(left))
    seen, todo = {start}, [start]
    while todo:
        w = todo.pop()
        for a, b, _ in links:
            other = b if a == w else a if b == w else None
            if other is not None and other not in gone and other not in seen:
                seen.add(other)
                todo.append(other)
    return left <= seen


def relinked(links, unit: Unit) -> list:
    """The links once a list tail goes: its first conjunct takes the conjunction's place."""
    if unit.relink is None:
        return links
    conj, first = unit.relink
    out = [(a, b, lab) for a, b, lab in links if conj not in (a, b)]
    for a, b, lab in links:
        other = b if a == conj else a if b == conj else None
        if other is not None and other != first and other not in unit.words:
            out.append((min(first, other), max(first, other), lab))
    return out


__all__ = ["ARTICLES", "RANKS", "Unit", "backbone", "component", "connected", "overlaps", "quoted", "relinked",
           "units", "whole_words"]
