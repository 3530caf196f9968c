"""What a headline's cut may not do: say something its sentence does not.

A cut (``clauses.Cut``) of a ``Reading`` (the parsed clause, its offsets in the quote) is
checked against the sentence's parse: no word kept without the word it depends on, no verb left
without its complement at the end, no two words brought together into a phrase the sentence
does not have. ``headline._same_clause`` runs these on the reading it cut from and on the
whole sentence; ``kept_links`` checks the cut's own parse against the sentence's best parses.
"""

from __future__ import annotations

from dataclasses import dataclass

from .clauses import Cut, Segment
from .parse import Parse, linked_pairs
from .prune import ARTICLES


@dataclass
class Reading:
    """One way to read the main clause: the quote cut to it, the parsed text's offsets in the
    quote, and its parse."""

    cut: Cut
    region: Segment
    index: list[int]
    parse: Parse
    openers: list[Segment]

AUXILIARY = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "can",
              "could", "may", "might", "will", "would", "shall", "should", "must"}


def _kept(grammar: Cut, reading: Reading) -> list[int]:
    """The reading's leaves the cut keeps, in order."""
    return [i for i, leaf in enumerate(reading.parse.leaves) if reading.index[leaf.start] not in grammar.deleted]


def verb_left_short(grammar: Cut, reading: Reading) -> bool:
    """A cut that ends on a verb whose words to its right all went: "The credits were scheduled"
    (to expire …), "qualified immunity depends" (on …), "an initiative known" (as Golden Dome),
    "procedures may" (…, adjust)."""
    p = reading.parse
    kept = [i for i in _kept(grammar, reading) if p.leaves[i].text[:1].isalnum()]
    if not kept:
        return False
    last = kept[-1]
    word = p.leaves[last].text.lower()
    if last + 1 < len(p.leaves) and p.leaves[last + 1].text[:1].isalnum():
        after = p.leaves[last + 1].text.lower()
        if word in AUXILIARY or (word.endswith(("ed", "en", "wn")) and after in COMPLEMENTS):
            return True  # the quote goes on: "would be required, under …, to include", "warheads intended for"
    if p.leaves[last].pos != "v":
        return False
    return any((a == last and b > last) for a, b, _ in p.links)


PREPOSITIONS = {"under", "during", "since", "after", "before", "through", "over", "between", "among", "within",
                 "without", "against", "per", "across", "until", "about", "above", "below", "beyond", "via"}
COMPLEMENTS = {"to", "as", "for", "by", "on", "in", "into", "that", "with", "from", "of", "at"}


def joins_nouns(grammar: Cut, reading: Reading) -> bool:
    """A deletion that leaves a noun (or number) right before another noun or an adjective, which
    then read as one phrase: "some discussions [of federal elections] grant programs", "a credit
    of up to $2,000 [for installations of … heat] pumps", "a new fund [— … to address] deferred
    maintenance needs". What a deletion may leave after a noun is a verb, a preposition, a
    conjunction or the end; and a phrase whose verb went goes with it ("an initiative [known] as
    Golden Dome")."""
    p = reading.parse
    kept = set(_kept(grammar, reading))
    words = [i for i, leaf in enumerate(p.leaves) if leaf.text[:1].isalnum() or leaf.text[:1] in "$“\""]
    for left, right in zip(words, words[1:]):
        if left not in kept:
            continue
        nxt = next((w for w in words if w > left and w in kept), None)
        gone = [w for w in words if left < w < (nxt if nxt is not None else len(p.leaves))
                and p.leaves[w].text.lower() not in ARTICLES]
        if nxt is None or not gone:
            continue
        between = range(reading.index[p.leaves[left].end - 1] + 1, reading.index[p.leaves[nxt].start])
        if any(grammar.quote[c] in ",;:—–" for c in between if c not in grammar.deleted):
            continue  # "In the enacted FY2026 appropriations[, as in prior years], Congress …": a comma parts them
        if _nominal(p.leaves[left]) and (_nominal(p.leaves[nxt]) or p.leaves[nxt].pos == "a"):
            return True
        if p.leaves[left].pos == "v" and p.leaves[left].text.lower() not in AUXILIARY \
                and p.leaves[nxt].text.lower() in AUXILIARY:
            return True  # "Congress appropriated [funding … after HAVA] was enacted"
        last_gone = p.leaves[gone[-1]]
        if p.leaves[nxt].text.lower() in COMPLEMENTS and gone[-1] == nxt - 1 \
                and (last_gone.pos == "v" or last_gone.text.lower().endswith(("ed", "en", "wn"))):
            return True  # "an initiative [known] as Golden Dome": the phrase was the verb's
    return False


def _nominal(leaf) -> bool:
    """A noun, a name or a number, by the parse's reading of it."""
    word = leaf.text.strip("“”\"")
    return leaf.pos in ("n", "s", "p", "m", "g", "b", "f") or (leaf.pos == "" and word[:1].isupper()) \
        or word[:1].isdigit() or word[:1] == "$"


def orphaned(grammar: Cut, reading: Reading) -> bool:
    """A cut that keeps a word and deletes the word it depends on: a modifier without its noun
    ("an index fund of U.S. [stocks]"), a preposition's object without the preposition
    ("92% requested [in the President’s FY2026] budget")."""
    p = reading.parse
    kept = set(_kept(grammar, reading))
    for a, b, label in p.links:
        if (a in kept) == (b in kept):
            continue
        if label.startswith(_MODIFIES_RIGHT) and a in kept:
            return True  # the modifier stays, its noun or verb goes
        if label.startswith(_DEPENDS_LEFT) and b in kept and p.leaves[b].text[:1].isalnum():
            return True  # the object stays, its preposition or verb goes
    return False


_MODIFIES_RIGHT = ("A", "AN", "D", "E", "G")  # the left word modifies the right one
_DEPENDS_LEFT = ("J", "O", "TO", "I", "M")  # the right word is the left one's object, complement or modifier


def kept_links(found: Parse, grammar: Cut, reading: Reading) -> bool:
    """Whether every link the cut's parse makes between two words of the quote is one that some
    good parse of the quote makes (``linked_pairs``), or makes through a conjunction whose other
    conjuncts went: a deletion may not bring two words together into a new phrase ("some
    discussions [of federal elections] grant programs", "global finance [and e-commerce and
    diversify from U.S. dollar] financing")."""
    p = reading.parse
    original = set(linked_pairs(p.text))
    for a, b, label in p.links:  # "X, Y and Z" cut to "X": X takes the conjunction's links
        if label.startswith(_COORDINATION):
            conj, member = (b, a) if p.leaves[b].text.lower() in _CONJUNCTIONS else (a, b)
            original |= {frozenset((p.leaves[member].start, p.leaves[c if d == conj else d].start))
                         for c, d, _ in p.links if conj in (c, d)}
    mapped: dict[int, int] = {}
    kept = _kept(grammar, reading)
    at = 0
    for i, leaf in enumerate(found.leaves):
        word = leaf.text.lower()
        for j in range(at, len(kept)):
            if p.leaves[kept[j]].text.lower() == word:
                mapped[i] = p.leaves[kept[j]].start
                at = j + 1
                break
    for a, b, label in found.links:
        if a not in mapped or b not in mapped or not label.startswith(_JOINING):
            continue
        if not (found.leaves[a].text[:1].isalnum() and found.leaves[b].text[:1].isalnum()):
            continue  # punctuation
        if frozenset((mapped[a], mapped[b])) not in original:
            return False
    return True


# the links that make two words one phrase: a noun's modifier noun or adjective, a name's
# parts, a subject and its verb, a verb and its object, a preposition and its object (where a
# phrase hangs, M and MV, Link Grammar reads one way in a sentence and another in its cut)
_JOINING = ("AN", "A", "G", "NM", "S", "O", "J")
_COORDINATION = ("SJ", "VJ", "MJ", "AJ", "RJ", "MVJ", "JJ", "CJ", "IJ", "OJ", "EJ", "DJ")
_CONJUNCTIONS = {"and", "or", "nor", "but", ","}


def says_more(grammar: Cut, reading) -> bool:
    """Whether the cut, read against ``reading``'s parse, says what the sentence does not."""
    return verb_left_short(grammar, reading) or orphaned(grammar, reading) or joins_nouns(grammar, reading)


__all__ = ["AUXILIARY", "COMPLEMENTS", "PREPOSITIONS", "Reading", "kept_links", "says_more"]
