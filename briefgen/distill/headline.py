"""Headline drafts: a quoted sentence shortened to at most 12 words by deletion only.

The method is the "Hedge Trimmer" of headline generation (Dorr, Zajic and Schwartz, 2003) on a
Link Grammar parse (``parse``): keep the main clause, drop what hangs off it, then prune inside it
until the headline fits.

1. Drop parentheticals, bracketed words and dashed asides (``clauses.asides``).
2. Cut the rest at commas, semicolons and colons and keep the main clause (``clauses.segments``):
   relative and subordinate clauses, participial tails, examples, list tails and joined clauses
   go; an opener ("In August 2022") stays only when it fits; an attribution ("according to
   CBO", "officials said") always stays.
3. Inside the main clause, while it is longer than ``MAX_WORDS``, drop one constituent at a time,
   least informative first: relative clauses, adverbs, a noun's prepositional phrases (right to
   left), the verb's adjuncts (right to left), articles, adjectives, "of" phrases.

Nothing that holds a hedge, an attribution or a negation of the wording lint's vocabulary is
pruned (``clauses.markers``); a clause is dropped whole or kept. The result is the quote with
ranges deleted; only the first letter's case and the final period change. When the sentence does
not parse, or nothing fits, there is no headline (``Attempt.reason`` says why), never a worse one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import sentences, word_count
from .clauses import Cut, Segment, asides, markers, segments
from .parse import Parse, parse, parses

MAX_WORDS = 12
MAX_CORE_WORDS = 45  # a main clause longer than this is not parsed (no headline comes from it; time)
_ARTICLES = {"the", "a", "an"}
_QUANTITY = {"one", "some", "many", "most", "all", "none", "each", "both", "part", "parts", "portion",
             "portions", "number", "share", "percentage", "amount", "half", "majority", "any", "several"}


@dataclass
class Attempt:
    text: str | None  # the draft, or None
    reason: str = ""  # why there is none


def finish(text: str) -> str:
    """Headline form: no final period, a capital first letter."""
    text = text.rstrip()
    if text.endswith(".") and not text.endswith(("U.S.", "U.N.", "Inc.", "Co.")):
        text = text[:-1].rstrip()
    return text[:1].upper() + text[1:]


def _continues(seg: Segment, marks: list[tuple[int, int]]) -> bool:
    """A list segment that continues the clause before it and may not be dropped: it holds a
    hedge, attribution or negation ("appears, in part, to …"), or it is the infinitive that
    completes the verb ("…, to reflect …")."""
    text = seg.text.lower()
    if text.split(" ", 1)[0] in _ARTICLES:
        return False  # an appositive or a list item ("the SCO, an intergovernmental group mainly …"): a claim of its own
    return _overlaps((seg.start, seg.end), marks) or text.startswith("to ")


def _core(cut: Cut, segs: list[Segment], marks: list[tuple[int, int]]):
    """The main clause and its parse: the first segment that is not an opener or a dependent
    clause (or the first after a label and its colon), extended over the segments that continue
    it (``_continues``; other list segments are list tails), and over more list segments until it
    parses with a main verb ("The U.S., the EU, and others imposed sanctions"). Its attribution
    segments ("according to …") are parsed with it, what lies between them left out."""
    first = next((i for i, s in enumerate(segs) if s.kind == "core"), None)
    starts = [first] if first is not None else []
    starts += [i + 1 for i, s in enumerate(segs[:-1]) if s.sep == ":" and i + 1 != first]
    p = None
    for start in starts:
        end = start
        while end + 1 < len(segs) and segs[end + 1].kind == "list" and _continues(segs[end + 1], marks):
            end += 1
        joins = [(segs[i].end, segs[i + 1].start) for i in range(start, end) if segs[i].sep == ","]
        while True:
            tail = [s for s in segs[end + 1:] if s.kind == "attribution"]
            region = Segment(segs[start].start, (tail[-1] if tail else segs[end]).end, "core", "")
            trial = cut.copy()
            for a, b in joins:  # "appears, in part, to reflect" is parsed (and cut) as "appears in part to reflect"
                trial.delete(a, b)
            for s in segs[end + 1:]:
                if s.kind != "attribution":
                    trial.delete(s.start, s.end)
            text, _ = trial.kept(region.start, region.end)
            p = parse(text) if len(text.split()) <= MAX_CORE_WORDS else None
            if p is not None and p.verb is not None:
                for a, b in joins:
                    cut.delete(a, b)
                return Segment(region.start, region.end, "core", text), p, segs[start:end + 1] + tail
            if end + 1 < len(segs) and segs[end + 1].kind == "list":
                end += 1
                continue
            break
    return None, p, []


def _overlaps(span: tuple[int, int], marks: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in marks)


def _whole_words(quote: str, a: int, b: int) -> tuple[int, int]:
    """A deletion widened to whole words as written ("U.S" of "U.S." takes its period)."""
    while a > 0 and not quote[a - 1].isspace() and quote[a - 1] not in "(—–“\"":
        a -= 1
    while b < len(quote) and not quote[b].isspace() and quote[b] not in ",;:)—–”\"":
        b += 1
    return a, b


RANKS = {0: "relative clauses and appositives", 1: "adverbs", 2: "a noun's phrases", 3: "the verb's adjuncts",
         4: "articles", 6: "“of” phrases"}

# Links whose dependent (with everything hanging off it) a headline may drop, by rank: the
# dependent is on the right of the link (a post-modifier) or on its left (a pre-modifier).
_RIGHT = (("R", 0), ("MX", 0), ("MVa", 1), ("M", 2), ("MV", 3))
_LEFT = (("E", 1), ("D", 4))  # adjectives stay: "unilateral sanctions" is not "sanctions"


def _rank(label: str, left_word: str, right_word: str) -> tuple[int, str] | None:
    base = label.rstrip("*")
    if base[:1] == "M" and not base.startswith("MV") and right_word.lower() == "of":
        return (6, "right") if left_word.lower() not in _QUANTITY else None
    if base.startswith("MV") and right_word.lower() == "of":
        return None
    for prefix, rank in _RIGHT:
        if base.startswith(prefix) and not (prefix == "M" and base[:2] in ("MV", "MX")):
            return rank, "right"
    if base.startswith(("EA", "EE", "EN", "EZ", "EB")):
        return None
    for prefix, rank in _LEFT:
        if prefix == "A" and base[:2] in ("AN", "AL", "AM", "AF", "AJ", "AA"):
            continue
        if base.startswith(prefix) and not (prefix == "D" and base.startswith("DD")):
            if prefix == "D" and left_word.lower() not in _ARTICLES:
                return None
            if prefix == "A" and (not left_word[:1].islower() or any(c.isdigit() for c in left_word)):
                return None
            return rank, "left"
    return None


def _component(p: Parse, head: int, dep: int) -> set[int] | None:
    """The dependent's words: those reached from it without the link to its head (None when the
    head is reached another way: a cycle, nothing hangs off on its own)."""
    seen, todo = {dep}, [dep]
    while todo:
        w = todo.pop()
        for a, b, _ in p.links:
            if {a, b} == {head, dep}:
                continue
            other = b if a == w else a if b == w else None
            if other is None or other in seen:
                continue
            if other == head:
                return None
            seen.add(other)
            todo.append(other)
    return seen


_BACKBONE = ("S", "VJ", "SJ", "PP", "I", "Pv", "Pg", "Pa", "TO", "O", "RS", "B")


def _backbone(p: Parse) -> set[int]:
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
                keep |= {a, b}
                grown = True
    return keep


def _candidates(quote: str, p: Parse, index: list[int], marks: list[tuple[int, int]]):
    """(start, end, is_article) ranges of the main clause that may go, in the order they go."""
    if p.verb is None:
        return None
    keep = _backbone(p)
    found = []
    for a, b, label in p.links:
        ranked = _rank(label, p.leaves[a].text, p.leaves[b].text)
        if ranked is None:
            continue
        rank, side = ranked
        head, dep = (a, b) if side == "right" else (b, a)
        words = _component(p, head, dep)
        if words is None or words & keep:
            continue
        ranges = [_whole_words(quote, index[p.leaves[w].start], index[p.leaves[w].end - 1] + 1) for w in sorted(words)]
        if any(_overlaps(r, marks) for r in ranges):
            continue
        # a number goes last: "the requested total of $26.1 billion" keeps its figure while anything else can go
        numbered = any(any(ch.isdigit() for ch in p.leaves[w].text) for w in words)
        found.append((rank + 10 * numbered, -min(words), ranges, words))
    found.sort(key=lambda f: (f[0], f[1]))  # by rank, right to left
    return [(ranges, rank % 10, words) for rank, _, ranges, words in found]


def connected(p: Parse, gone: set[int]) -> bool:
    """Whether the words left still hang together in the parse (no word orphaned by a cut)."""
    left = {i for i in range(len(p.leaves)) if i not in gone and any(ch.isalnum() for ch in p.leaves[i].text)}
    if not left:
        return False
    start = next(iter(left))
    seen, todo = {start}, [start]
    while todo:
        w = todo.pop()
        for a, b, _ in p.links:
            other = b if a == w else a if b == w else None
            if other is not None and other not in gone and other not in seen:
                seen.add(other)
                todo.append(other)
    return left <= seen


def headline(quote: str, limit: int = MAX_WORDS) -> Attempt:
    """A headline of at most ``limit`` words cut from ``quote`` (one sentence)."""
    return shorten(quote, lambda text: word_count(text) <= limit, f"longer than {limit} words after every cut")


def shorten(quote: str, fits, too_long: str, ranks=range(7), end: str = "") -> Attempt:
    """The main clause of ``quote`` with the fewest cuts after which ``fits(text)`` holds;
    ``ranks``: the kinds of cut allowed (``RANKS``; a headline makes all, articles included);
    ``end``: the final punctuation."""
    cut = Cut(quote)
    marks = markers(quote)
    for a, b in asides(quote):
        cut.delete(a, b)
    segs = segments(cut)
    core, p, used = _core(cut, segs, marks)
    if core is None:
        return Attempt(None, "no main clause found" if p is not None or not segs else "the sentence does not parse")
    openers = [s for s in segs if s.kind == "opener" and s.end <= core.start]
    for s in segs:
        if s in used or s in openers:
            continue
        cut.delete(s.start, s.end)
    _, index = cut.kept(core.start, core.end)
    steps = _candidates(quote, p, index, marks)
    if steps is None:
        return Attempt(None, "no main verb found")
    gone: set[int] = set()
    usable = []
    for ranges, rank, words in steps:  # a cut that would orphan a word is not made
        if rank not in ranks:
            continue
        article = rank == 4
        if connected(p, gone | words):
            gone |= words
            usable.append((ranges, article))
    steps = usable
    failed = ""
    for level in range(len(steps) + 1):
        for keep_openers in (True, False):
            if not keep_openers and not openers:
                continue
            trial, grammar = cut.copy(), cut.copy()  # grammar: the same cut with its articles
            for ranges, article in steps[:level]:
                for a, b in ranges:
                    trial.delete(a, b)
                    if not article:
                        grammar.delete(a, b)
            if not keep_openers:
                for s in openers:
                    trial.delete(s.start, s.end)
                    grammar.delete(s.start, s.end)
            text = finish(trial.text()) + end
            if fits(text):
                if len(sentences(text)) == 1 and parses(finish(grammar.text())):
                    return Attempt(text)
                failed = failed or text
    if failed:
        return Attempt(None, f"no cut that fits reads as a phrase (e.g. “{failed}”)")
    return Attempt(None, too_long)


__all__ = ["Attempt", "MAX_WORDS", "finish", "headline", "shorten"]
