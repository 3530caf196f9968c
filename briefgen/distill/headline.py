"""Headline drafts: a quoted sentence shortened to at most 12 words by deletion only.

The method is the "Hedge Trimmer" of headline generation (Dorr, Zajic and Schwartz, 2003) on a
Link Grammar parse (``parse``): keep the main clause, drop what hangs off it, then prune inside it
until the headline fits.

1. Drop parentheticals, bracketed words and dashed asides (``clauses.asides``).
2. Find the main clause (``_readings``): the sentence cut at commas, semicolons and colons
   (``clauses.segments``), its first core segment with what continues it and its attribution
   ("according to CBO", "officials said"); then the whole sentence, whose parse says what hangs
   off the main verb. A reading whose parse takes a later verb for the main one, past a verb of
   the subject's, is a misreading and is not used (``_another_verb``); so is a parse that leaves
   a word unlinked (the drafts such parses gave read worse than none).
3. Inside the main clause, drop units (``prune.units``): relative clauses, appositives and joined
   clauses, adverbs, a noun's prepositional phrases, the verb's adjuncts, articles, list tails,
   "of" phrases, and the opener ("In August 2022"). Every set of up to ``COMBINE`` units is
   tried, and every run of them least informative first, the cheapest first (each word deleted
   costs its kind's ``WEIGHTS``: "as tools of policy" goes whole before "of policy" alone).

Nothing that holds a hedge, an attribution or a negation of the wording lint's vocabulary is
pruned (``clauses.markers``); a quotation is kept whole or not at all. The result is the quote with
ranges deleted; only the first letter's case and the final period change; it must read as a clause
with the quote's main verb and subject (re-parsed, every word linked: ``_same_clause``), and not
end on a word that needs another or on a list it cut short (``_dangles``). When no reading fits,
there is no headline (``Attempt.reason`` says why), never a worse one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from ..text import sentences, word_count
from .clauses import Cut, Segment, asides, markers, segments
from .faithful import AUXILIARY, COMPLEMENTS, PREPOSITIONS, Reading, kept_links, says_more
from .parse import Parse, linkages, parse, same_clause
from .prune import ARTICLES, connected, overlaps, relinked, units

MAX_WORDS = 12
MAX_CORE_WORDS = 45  # a main clause longer than this is not parsed (no headline comes from it; time)
VERIFY = 4  # re-parses of cuts that fit, per reading, before the next reading is tried
# what a word deleted costs, by kind of cut (``prune.RANKS``): a clause hanging off the main one or an
# adverb least, an "of" phrase most ("as tools of policy" goes whole before "of policy" alone)
WEIGHTS = {0: 1.0, 1: 1.0, 2: 1.5, 3: 1.5, 4: 1.5, 5: 2.0, 6: 4.0, "opener": 2.0}
COMBINE = 3  # units cut together in every way (more are cut in their order only: least informative first)
MAX_UNITS = 12  # units combined in every way (the first, least informative ones)



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
    if text.split(" ", 1)[0] in ARTICLES:
        return False  # an appositive or a list item ("the SCO, an intergovernmental group mainly …"): a claim of its own
    return overlaps((seg.start, seg.end), marks) or text.startswith("to ")


def _reading(cut: Cut, region: Segment, drop: list[Segment], joins, marks) -> Reading | None:
    """``region`` of ``cut`` parsed, ``drop`` and ``joins`` deleted (None: no parse, or no main
    verb read as the quote has it)."""
    trial = cut.copy()
    for a, b in joins:  # "appears, in part, to reflect" is parsed (and cut) as "appears in part to reflect"
        trial.delete(a, b)
    for s in drop:
        trial.delete(s.start, s.end)
    text, index = trial.kept(region.start, region.end)
    if not text or len(text.split()) > MAX_CORE_WORDS:
        return None
    p = parse(text)
    if p is None or p.verb is None or _another_verb(p):
        return None
    return Reading(trial, Segment(region.start, region.end, "core", text), index, p, [])


def _another_verb(p: Parse) -> bool:
    """Whether the parse reads a later verb as the main one, past a verb of the subject's that
    takes an object or an adjunct ("Congress authorized the redesign …" read with "redesign" as
    the verb): a misreading, whose cuts would say something else. A verb that modifies a noun
    ("the time needed to …") is no such verb."""
    if p.subject is None:
        return False
    for i in range(p.subject + 1, p.verb):
        if p.leaves[i].pos != "v" or p.leaves[i].text.lower() in AUXILIARY:
            continue
        if any(b == i and label.startswith(("M", "A")) for a, b, label in p.links):
            after = p.leaves[i + 1].text.lower() if i + 1 < len(p.leaves) else ""
            if i == p.subject + 1 and p.leaves[i].text.lower().endswith("ed") and after[:1].isalpha() \
                    and after not in COMPLEMENTS | PREPOSITIONS:
                return True  # "Congress appropriated funding … after HAVA was enacted": the subject's own verb
            continue  # a participle on a noun ("the funds appropriated for …", "the time needed to …")
        if any(a == i and label.startswith(("O", "MV", "TH", "C")) for a, b, label in p.links):
            return True
    return False


def _core(cut: Cut, segs: list[Segment], marks):
    """The main clause read from the segments: the first segment that is not an opener or a
    dependent clause (or the first after a label and its colon), extended over the segments that
    continue it (``_continues``; other list segments are list tails), and over more list segments
    until it parses with a main verb ("The U.S., the EU, and others imposed sanctions"). Its
    attribution segments ("according to …") are parsed with it, what lies between them left out."""
    first = next((i for i, s in enumerate(segs) if s.kind == "core"), None)
    starts = [first] if first is not None else []
    if len(segs) > 1 and segs[0].sep == ":" and len(segs[0].text.split()) <= 5:
        # a label and its colon ("Civil Rights: The Eleventh Circuit held …"): the clause after it first
        starts = [1] + [i for i in starts if i != 1]
    for start in starts:
        end = start
        while end + 1 < len(segs) and segs[end + 1].kind == "list" and _continues(segs[end + 1], marks):
            end += 1
        joins = [(segs[i].end, segs[i + 1].start) for i in range(start, end) if segs[i].sep == ","]
        head = [s for s in segs[:start] if s.kind == "attribution"]  # "According to CBO, …" stays
        while True:
            tail = [s for s in segs[end + 1:] if s.kind == "attribution"]
            region = Segment((head or segs[start:])[0].start, (tail[-1] if tail else segs[end]).end, "core", "")
            drop = [s for s in segs if s.kind != "attribution" and region.start <= s.start and
                    not (segs[start].start <= s.start < segs[end].end)]
            found = _reading(cut, region, drop, joins, marks)
            if found is not None:
                used = head + segs[start:end + 1] + tail
                for s in segs:
                    if s not in used and s.end <= segs[start].start and s.kind == "opener":
                        found.openers.append(s)
                    elif s not in used:
                        found.cut.delete(s.start, s.end)
                return found
            if not (end + 1 < len(segs) and segs[end + 1].kind == "list"):
                break
            end += 1
    return None


def _readings(cut: Cut, segs: list[Segment], marks, whole_only: bool = False):
    """The ways to read the main clause, surest first (see the module's step 2); ``whole_only``:
    the whole sentence only, strictly parsed (a plain draft drops no segment)."""
    if whole_only:
        found = _reading(cut, Segment(segs[0].start, segs[-1].end, "core", ""), [], [], marks) if segs else None
        if found is not None:
            yield found
        return
    whole = Segment(segs[0].start, segs[-1].end, "core", "") if segs else None
    openers = []
    for s in segs:
        if s.kind != "opener":
            break
        openers.append(s)
    seen = set()
    for read in (lambda: _core(cut, segs, marks), lambda: _reading(cut, whole, [], [], marks) if whole else None):
        found = read()  # the whole sentence is parsed only when the first reading gave no headline
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


def _cut_sets(p, usable: list, openers: list) -> list[tuple]:
    """Sets of units (indexes into ``usable``; -1 is the openers) that may go together: every set
    of up to ``COMBINE`` units, and every prefix of ``usable`` (least informative first); the
    cheapest first: each word a set deletes costs the weight of its kind of cut (``WEIGHTS``),
    the rightmost of equal costs first. A set that would orphan a word is left out."""
    n = len(usable)
    sets = {combo for size in range(COMBINE + 1) for combo in combinations(range(min(n, MAX_UNITS)), size)}
    sets |= {tuple(range(level)) for level in range(n + 1)}
    if openers:
        sets |= {combo + (-1,) for combo in sets}
    out = []
    for combo in sets:
        units_ = [usable[i] for i in combo if i >= 0]
        words = set().union(*(u.words for u in units_)) if units_ else set()
        if sum(len(u.words) for u in units_) != len(words):
            continue  # two units that overlap
        links = p.links
        for unit in units_:
            links = relinked(links, unit)
        if units_ and not connected(p, words, links):
            continue
        opener_words = sum(len(s.text.split()) for s in openers) if -1 in combo else 0
        cost = sum(len(u.words) * WEIGHTS[u.rank] for u in units_) + opener_words * WEIGHTS["opener"]
        out.append((cost, -min((min(u.words) for u in units_), default=0), combo))
    out.sort()
    return [combo for *_, combo in out]


def _fit(quote: str, reading: Reading, marks, fits, ranks, end: str, keep_facts: bool = False) -> Attempt:
    """The first cut of ``reading`` (``_cut_sets``) that fits and reads as a clause with the
    quote's verb and subject."""
    p, cut, openers = reading.parse, reading.cut, reading.openers
    steps = units(quote, p, reading.index, marks, keep_facts)
    if steps is None:
        return Attempt(None, "no main verb found")
    usable = [u for u in steps if u.rank in ranks]
    verified = 0
    failed = ""
    for combo in _cut_sets(p, usable, openers):
        trial, grammar = cut.copy(), cut.copy()  # grammar: the same cut with its articles
        for i in combo:
            for a, b in ([(s.start, s.end) for s in openers] if i < 0 else usable[i].ranges):
                trial.delete(a, b)
                if i < 0 or usable[i].rank != 4:
                    grammar.delete(a, b)
        text = finish(trial.text()) + end
        if not fits(text) or _dangles(text):
            continue
        if len(sentences(text)) == 1 and _same_clause(grammar, reading):
            return Attempt(text)
        failed = failed or text
        verified += 1
        if verified >= VERIFY:
            break
    if failed:
        return Attempt(None, f"no cut that fits reads as a phrase (e.g. “{failed}”)")
    return Attempt(None, "too long")


_DANGLING = {"in", "on", "at", "of", "to", "for", "with", "by", "from", "that", "which", "who", "whether", "how",
             "and", "or", "but", "nor", "the", "a", "an", "as", "than", "into", "about", "between", "its", "their",
             "his", "her", "our", "such", "including", "while", "although", "because", "if", "when", "where"}


def _dangles(text: str) -> bool:
    """A cut that ends on a word that needs another ("… joined the Fifth Circuit in", "… procedures
    may"), or on a list it cut short ("… a wide range of administrative, management")."""
    last = re.findall(r"[\w’']+", text)
    tail = text.rsplit(", ", 1)[-1] if ", " in text else None
    return not last or last[-1].lower() in _DANGLING or last[-1].lower() in AUXILIARY \
        or (tail is not None and len(tail.split()) <= 2)


def _at(text: str, word: str, nth: int) -> int | None:
    found = [m.start() for m in re.finditer(rf"(?<![\w’']){re.escape(word)}(?![\w’'])", text, re.IGNORECASE)]
    return found[nth] if nth < len(found) else None


def _same_clause(grammar: Cut, reading: Reading) -> bool:
    """Whether the cut reads as a clause with every word linked, its main verb and subject those
    of the quote's main clause (a cut that leaves "Recent has often taken …" is read with another
    subject), and says nothing the quote's parse does not (``faithful``)."""
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
    for whole in (reading, _whole(quote)):  # a segment's cut read in the whole sentence too
        if whole is not None and says_more(grammar, whole):
            return False
    return any(same_clause(found, *where) and kept_links(found, grammar, reading) for found in linkages(text))


@lru_cache(maxsize=64)
def _whole(quote: str) -> Reading | None:
    """The whole sentence read (asides left out): where a segment's cut ends, the sentence may go
    on with the phrase's head ("a P2P[, decentralized network]") or the verb's object ("might
    increase[, decrease, or maintain their markups]")."""
    cut = Cut(quote)
    for a, b in asides(quote):
        cut.delete(a, b)
    segs = segments(cut)
    if not segs:
        return None
    return _reading(cut, Segment(segs[0].start, segs[-1].end, "core", ""), [], [], markers(quote))


__all__ = ["Attempt", "MAX_WORDS", "finish", "headline", "shorten"]
