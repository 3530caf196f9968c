"""Headline drafts: a quoted sentence shortened to at most 12 words by deletion only.

The method is the "Hedge Trimmer" of headline generation (Dorr, Zajic and Schwartz, 2003) on a
Link Grammar parse (``parse``): keep the main clause, drop what hangs off it, then prune inside it
until the headline fits.

1. Drop parentheticals, bracketed words and dashed asides (``clauses.asides``).
2. Find the main clause (``_readings``), the cheapest reading first: the sentence cut at commas,
   semicolons and colons (``clauses.segments``), its first core segment with what continues it
   and its attribution ("according to CBO", "officials said"); when that does not parse, the same
   with up to ``parse.MAX_NULLS`` words the parser cannot link (they go); then the whole sentence,
   whose parse says what hangs off the main verb, the same two ways.
3. Inside the main clause, while it is longer than ``MAX_WORDS``, drop one unit at a time, least
   informative first (``prune.units``): relative clauses, appositives and joined clauses, adverbs,
   a noun's prepositional phrases (right to left), the verb's adjuncts (right to left), articles,
   list tails, "of" phrases; an opener ("In August 2022") goes when nothing else makes it fit.

Nothing that holds a hedge, an attribution or a negation of the wording lint's vocabulary is
pruned (``clauses.markers``); a quotation is kept whole or not at all. The result is the quote with
ranges deleted; only the first letter's case and the final period change; it must read as a clause
(re-parsed, every word linked). When no reading fits, there is no headline (``Attempt.reason``
says why), never a worse one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import sentences, word_count
from .clauses import Cut, Segment, asides, markers, segments
from .parse import MAX_NULLS, Parse, parse, parses
from .prune import ARTICLES, connected, overlaps, relinked, units

MAX_WORDS = 12
MAX_CORE_WORDS = 45  # a main clause longer than this is not parsed (no headline comes from it; time)
MAX_NULL_WORDS = 32  # a clause parsed with unlinked words is at most this long (such a parse costs more)
VERIFY = 4  # re-parses of cuts that fit, per reading, before the next reading is tried


_GLUE = {"and", "or", "the", "a", "an", "of", "to", "in", "on", "at", "for", "by", "with", "as", "that", "which",
         "also", "then", "so", "thus", "too", "both", "either"}


@dataclass
class Attempt:
    text: str | None  # the draft, or None
    reason: str = ""  # why there is none


@dataclass
class Reading:
    """One way to read the main clause: the quote cut to it, the parsed text's offsets in the
    quote, and its parse."""

    cut: Cut
    region: Segment
    index: list[int]
    parse: Parse
    openers: list[Segment]
    extended: bool = False  # the main clause took in list segments to parse ("The U.S., the EU, and others …")


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
    if text.split(" ", 1)[0] in ARTICLES:
        return False  # an appositive or a list item ("the SCO, an intergovernmental group mainly …"): a claim of its own
    return overlaps((seg.start, seg.end), marks) or text.startswith("to ")


def _reading(cut: Cut, region: Segment, drop: list[Segment], joins, nulls: int, marks) -> Reading | None:
    """``region`` of ``cut`` parsed, ``drop`` and ``joins`` deleted (None: no main verb found)."""
    trial = cut.copy()
    for a, b in joins:  # "appears, in part, to reflect" is parsed (and cut) as "appears in part to reflect"
        trial.delete(a, b)
    for s in drop:
        trial.delete(s.start, s.end)
    text, index = trial.kept(region.start, region.end)
    limit = MAX_NULL_WORDS if nulls else MAX_CORE_WORDS
    if not text or len(text.split()) > limit:
        return None
    p = parse(text, nulls)
    if p is None or p.verb is None:
        return None
    for a, b in p.unlinked:  # words the parser could not link go: punctuation and function words only
        span = (index[a], index[b - 1] + 1)
        word = text[a:b]
        if overlaps(span, marks) or (any(c.isalnum() for c in word) and word.lower() not in _GLUE):
            return None  # a content word the parser does not know in this use ("the redesign of"): no reading
        trial.delete(*span)
    return Reading(trial, Segment(region.start, region.end, "core", text), index, p, [])


def _core(cut: Cut, segs: list[Segment], marks, nulls: int):
    """The main clause read from the segments: the first segment that is not an opener or a
    dependent clause (or the first after a label and its colon), extended over the segments that
    continue it (``_continues``; other list segments are list tails), and over more list segments
    until it parses with a main verb ("The U.S., the EU, and others imposed sanctions"). Its
    attribution segments ("according to …") are parsed with it, what lies between them left out."""
    first = next((i for i, s in enumerate(segs) if s.kind == "core"), None)
    starts = [first] if first is not None else []
    if len(segs) > 1 and segs[0].sep == ":" and len(segs[0].text.split()) <= 5 and first != 1:
        starts.append(1)  # a label and its colon ("Civil Rights: The Eleventh Circuit held …")
    for start in starts:
        end = start
        while end + 1 < len(segs) and segs[end + 1].kind == "list" and _continues(segs[end + 1], marks):
            end += 1
        first_end = end
        joins = [(segs[i].end, segs[i + 1].start) for i in range(start, end) if segs[i].sep == ","]
        head = [s for s in segs[:start] if s.kind == "attribution"]  # "According to CBO, …" stays
        while True:
            tail = [s for s in segs[end + 1:] if s.kind == "attribution"]
            region = Segment((head or segs[start:])[0].start, (tail[-1] if tail else segs[end]).end, "core", "")
            drop = [s for s in segs if s.kind != "attribution" and region.start <= s.start and
                    not (segs[start].start <= s.start < segs[end].end)]
            found = _reading(cut, region, drop, joins, nulls, marks)
            if found is not None:
                used = head + segs[start:end + 1] + tail
                found.extended = end > first_end
                for s in segs:
                    if s not in used and s.end <= segs[start].start and s.kind == "opener":
                        found.openers.append(s)
                    elif s not in used:
                        found.cut.delete(s.start, s.end)
                return found
            if nulls or not (end + 1 < len(segs) and segs[end + 1].kind == "list"):
                break
            end += 1
    return None


def _readings(cut: Cut, segs: list[Segment], marks, whole_only: bool = False):
    """The ways to read the main clause, surest first (see the module's step 2); ``whole_only``:
    the whole sentence only, strictly parsed (a plain draft drops no segment)."""
    if whole_only:
        found = _reading(cut, Segment(segs[0].start, segs[-1].end, "core", ""), [], [], 0, marks) if segs else None
        if found is not None:
            yield found
        return
    whole = Segment(segs[0].start, segs[-1].end, "core", "") if segs else None
    openers = []
    for s in segs:
        if s.kind != "opener":
            break
        openers.append(s)
    seen, parsed = set(), set()
    for nulls in (0, MAX_NULLS):
        for kind in ("core", "whole"):
            if kind in parsed:
                continue  # it parses: a parse with words left out would read no better
            found = _core(cut, segs, marks, nulls) if kind == "core" else \
                _reading(cut, whole, [], [], nulls, marks) if whole else None
            if found is not None and not found.extended:
                parsed.add(kind)
            if found is not None and found.region.text not in seen:
                seen.add(found.region.text)
                if not found.openers and found.region.start == whole.start:
                    found.openers = openers
                yield found


def headline(quote: str, limit: int = MAX_WORDS) -> Attempt:
    """A headline of at most ``limit`` words cut from ``quote`` (one sentence)."""
    return shorten(quote, lambda text: word_count(text) <= limit, f"longer than {limit} words after every cut")


def shorten(quote: str, fits, too_long: str, ranks=range(7), end: str = "", keep_facts: bool = False) -> Attempt:
    """The main clause of ``quote`` with the fewest cuts after which ``fits(text)`` holds;
    ``ranks``: the kinds of cut allowed (``prune.RANKS``; a headline makes all, articles
    included); ``end``: the final punctuation; ``keep_facts``: the whole sentence is the clause (no
    segment, aside or opener goes) and no cut takes a number or a name (a plain draft's cuts)."""
    cut = Cut(quote)
    marks = markers(quote)
    for a, b in asides(quote):
        if not keep_facts:
            cut.delete(a, b)
    segs = segments(cut)
    reason = ""
    for reading in _readings(cut, segs, marks, whole_only=keep_facts):
        if keep_facts:
            reading.openers = []
        attempt = _fit(quote, reading, marks, fits, ranks, end, keep_facts)
        if attempt.text is not None:
            return attempt
        reason = reason or attempt.reason
    if reason == "too long":
        return Attempt(None, too_long)
    return Attempt(None, reason or ("the sentence does not parse" if segs else "no main clause found"))


def _fit(quote: str, reading: Reading, marks, fits, ranks, end: str, keep_facts: bool = False) -> Attempt:
    p, cut, openers = reading.parse, reading.cut, reading.openers
    steps = units(quote, p, reading.index, marks, keep_facts)
    if steps is None:
        return Attempt(None, "no main verb found")
    gone: set[int] = set()
    links = p.links
    usable = []
    for unit in steps:  # a cut that would orphan a word is not made
        if unit.rank not in ranks or unit.words & gone:
            continue
        after = relinked(links, unit)
        if connected(p, gone | unit.words, after):
            gone |= unit.words
            links = after
            usable.append(unit)
    verified = 0
    failed = ""
    for level in range(len(usable) + 1):
        for keep_openers in (True, False):
            if not keep_openers and not openers:
                continue
            trial, grammar = cut.copy(), cut.copy()  # grammar: the same cut with its articles
            for unit in usable[:level]:
                for a, b in unit.ranges:
                    trial.delete(a, b)
                    if unit.rank != 4:
                        grammar.delete(a, b)
            if not keep_openers:
                for s in openers:
                    trial.delete(s.start, s.end)
                    grammar.delete(s.start, s.end)
            text = finish(trial.text()) + end
            if not fits(text) or _dangles(text):
                continue
            if len(sentences(text)) == 1 and _same_clause(grammar, reading):
                return Attempt(text)
            failed = failed or text
            verified += 1
            if verified >= VERIFY:
                return Attempt(None, f"no cut that fits reads as a phrase (e.g. “{failed}”)")
    if failed:
        return Attempt(None, f"no cut that fits reads as a phrase (e.g. “{failed}”)")
    return Attempt(None, "too long")


_DANGLING = {"in", "on", "at", "of", "to", "for", "with", "by", "from", "that", "which", "who", "whether", "how",
             "and", "or", "but", "nor", "the", "a", "an", "as", "than", "into", "about", "between", "its", "their",
             "his", "her", "our", "such", "including", "while", "although", "because", "if", "when", "where"}


def _dangles(text: str) -> bool:
    """A cut that ends on a word that needs another ("… joined the Fifth Circuit in")."""
    last = re.findall(r"[\w’']+", text)
    return not last or last[-1].lower() in _DANGLING


def _at(text: str, word: str, nth: int) -> int | None:
    found = [m.start() for m in re.finditer(rf"(?<![\w’']){re.escape(word)}(?![\w’'])", text, re.IGNORECASE)]
    return found[nth] if nth < len(found) else None


def _same_clause(grammar: Cut, reading: Reading) -> bool:
    """Whether the cut reads as a clause with every word linked, its main verb and subject those
    of the quote's main clause (a cut that leaves "Recent has often taken …" is read with another
    subject)."""
    text = finish(grammar.text())
    p, quote = reading.parse, grammar.quote
    where = []
    for leaf in (p.verb, p.subject):
        if leaf is None:
            where.append(None)
            continue
        start, stop = reading.index[p.leaves[leaf].start], reading.index[p.leaves[leaf].end - 1] + 1
        word = quote[start:stop]
        if start in grammar.deleted:
            return False
        before = grammar.kept(0, start)[0]
        nth = len(re.findall(rf"(?<![\w’']){re.escape(word)}(?![\w’'])", before, re.IGNORECASE))
        where.append(_at(text, word, nth))
    return parses(text, *where)


__all__ = ["Attempt", "MAX_WORDS", "finish", "headline", "shorten"]
