"""A plain sentence still too long, cut in two where its parse allows (``plain`` step 3).

Three cuts, each checked by parsing both halves (each must stand alone: a subject, a verb, every
word linked):

* coordinated verbs: "The JCPOA mandates restrictions on X and requires that Y" -> "The JCPOA
  mandates restrictions on X. It also requires that Y." (the subject as a pronoun, "it" or
  "they" as the parser reads it; "but" -> "But it …"; "or" is never cut);
* a relative clause on a noun introduced by "a" or "an": "X established a grant program that
  was designed to help states …" -> "X established a grant program. This program was designed to
  help states …" (a noun with "the" is not cut: "the funds that did not …" defines which funds);
* a phrase at the end that says when, where or how the main verb's event happened (a preposition
  the parser links to a verb): "… under the Department of the Air Force with the enactment of the
  Act" -> "… under the Department of the Air Force. This was with the enactment of the Act." ("This
  is" after a present verb; none after "would", "may" and the like).

The words written besides the quote's are data: ``briefgen/data/plainwords.yaml`` (``resplit:``).
"""

from __future__ import annotations

import re

from .clauses import Cut, asides, tidy
from .parse import Parse, parse
from .plainwords import data

_RELATIVES = {"that", "which", "who"}
_CAN = re.compile(r"\b(?:and|but|in|on|at|with|under|through|during|after|before|since|over|until|within|"
                  r"following|amid|starting|beginning)\b|\ban?\b.*\b(?:that|which|who)\b")  # where a cut may fall
MAX_WORDS = 40  # a longer sentence is not parsed to be cut: its halves would still be too long


def bare(text: str) -> tuple[str, list[int]]:
    """``text`` without its parentheticals (the parser reads the clause around them), and each
    kept character's offset in ``text``."""
    cut = Cut(text)
    for a, b in asides(text):
        cut.delete(a, b)
    return cut.kept()


def stands_alone(clause: str) -> bool:
    p = parse(bare(clause)[0])
    return p is not None and p.verb is not None and p.subject is not None and p.nulls == 0


def pronoun(p: Parse) -> str | None:
    """"it" or "they" for the subject of ``p`` (None when the parser does not say)."""
    if p is None or p.subject is None:
        return None
    for a, _, label in p.links:
        if a == p.subject and label.startswith("S"):
            return "it" if label.startswith("Ss") else "they" if label.startswith("Sp") else None
    return None


def _end(text: str) -> str:
    text = tidy(text).rstrip(" ,;:")
    return text if text.endswith((".", "?", "!", ".”")) else text + "."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _verbs(sentence: str, p: Parse, index: list[int]) -> list[str] | None:
    words = data()["resplit"]
    for conj in range(len(p.leaves)):
        if p.leaves[conj].pos != "j" or p.leaves[conj].text.lower() not in ("and", "but"):
            continue
        left = [a for a, b, label in p.links if b == conj and label.startswith("VJl")]
        right = [b for a, b, label in p.links if a == conj and label.startswith("VJr")]
        if not left or not right or p.verb not in (conj, left[0]) or p.subject is None:
            continue
        if not any(p.subject in (a, b) and {a, b} & {conj, left[0]} and label.startswith("S") for a, b, label in p.links):
            continue  # the verbs of the main clause, both said of its subject (not "before being reinstated and expanded")
        subject = pronoun(p)
        if subject is None:
            continue
        at, after = index[p.leaves[conj].start], index[p.leaves[right[0]].start]
        first = _end(sentence[:at])
        lead = words["but"] if p.leaves[conj].text.lower() == "but" else ""
        second = f"{lead} {subject} {words['also'] if not lead else ''} {sentence[after:]}"
        second = _end(_cap(" ".join(second.split())))
        if stands_alone(first) and stands_alone(second):
            return [first, second]
    return None


def _relative(sentence: str, p: Parse, index: list[int]) -> list[str] | None:
    words = data()["resplit"]
    for noun, rel, label in p.links:
        if not label.startswith("R") or label.startswith("RS") or p.leaves[rel].text.lower() not in _RELATIVES:
            continue
        if not any(b == noun and p.leaves[a].text.lower() in ("a", "an") for a, b, lab in p.links if lab.startswith("D")):
            continue
        if not any(a == rel and lab.startswith("RS") for a, b, lab in p.links):
            continue  # "that Iran has charged": the noun is its object, not its subject
        at, after = index[p.leaves[rel].start], index[p.leaves[rel].end - 1] + 1
        head = p.leaves[noun].text
        plural = head.endswith("s") and not head.endswith("ss")
        first = _end(sentence[:at])
        second = _end(f"{words['these'] if plural else words['this']} {head}{sentence[after:]}")
        if stands_alone(first) and stands_alone(second):
            return [first, second]
    return None


_SETTING = {"in", "on", "during", "after", "before", "since", "with", "under", "through", "over", "until", "within",
            "following", "amid", "at", "starting", "beginning"}  # prepositions of a phrase that says when, where or how
_PLACE_OR_TIME = {"in", "on", "at"}
_DATE = re.compile(r"\s+(?:the\s+)?(?:(?:early|late|mid)\s+)?(?:\d|(?:January|February|March|April|May|June|July|August|"
                   r"September|October|November|December)\b|(?:spring|summer|fall|autumn|winter)\b)")
_PAST = {"was", "were", "had", "did"}
_PRESENT = {"is", "are", "has", "have", "does", "do"}


def tense(p: Parse) -> str | None:
    """"past" or "present" for the main clause's verb (with its auxiliaries), None for a modal
    ("would reauthorize": no "This was" can follow it)."""
    verb = p.leaves[p.verb]
    chain = [verb] + [p.leaves[a] for a, b, label in p.links if b == p.verb and label.startswith(("PP", "Pv", "Pg", "I"))]
    words = {leaf.text.lower() for leaf in chain}
    if words & {"would", "could", "may", "might", "will", "shall", "should", "must", "can"}:
        return None
    if words & _PAST or (verb.pos == "v" and verb.text.lower().endswith("ed") and not words & _PRESENT):
        return "past"
    return "present"


def _phrase(sentence: str, p: Parse, index: list[int]) -> list[str] | None:
    """A phrase that ends the sentence and says when, where or how the main verb's event happened
    (a preposition linked to a verb, Link Grammar's MV): "X was set up under Y with the enactment
    of Z" -> "X was set up under Y. This was with the enactment of Z." The leftmost that leaves
    two sentences of ``fits``."""
    words = data()["resplit"]
    when = tense(p)
    if when is None:
        return None
    end = max(i for i, leaf in enumerate(p.leaves) if any(c.isalnum() for c in leaf.text))
    for prep in range(p.verb + 2, end):
        word = p.leaves[prep].text.lower()
        if word not in _SETTING:
            continue
        if word in _PLACE_OR_TIME and not _DATE.match(sentence[index[p.leaves[prep].end - 1] + 1:]):
            continue  # "in", "on", "at" often belong to a noun ("participation in X"): only a date goes ("in 2024")
        if not any(a == p.verb and b == prep and label.startswith("MV") for a, b, label in p.links):
            continue  # said of the main verb, not of a noun or a verb inside the clause
        if not any(a == prep and label.startswith("J") for a, b, label in p.links):
            continue
        before = p.leaves[prep - 1]
        if not (before.pos == "n" or before.text[:1].isupper() or any(c.isdigit() for c in before.text)):
            continue  # "… a swap line extended": the clause before must end on its noun
        at = index[p.leaves[prep].start]
        first = _end(sentence[:at])
        second = _end(f"{words['this was'] if when == 'past' else words['this is']} {sentence[at:]}")
        if len(first.split()) < 6 or not (stands_alone(first) and stands_alone(second)):
            continue
        return [first, second]
    return None


def stretches(text: str) -> list[int]:
    """The lengths in words of the stretches between the places a cut may fall: after a comma,
    semicolon or colon, before "and", "but", a relative pronoun or a preposition of a phrase
    that says when or how. No parse is needed: a sentence with a stretch longer than a limit
    cannot be cut to it."""
    out, n = [], 0
    for word in text.split():
        low = word.lower().strip("“”\"(")
        if n and (_CAN.fullmatch(low.strip(",;:.")) or low.strip(",;:.") in _RELATIVES):
            out.append(n)
            n = 0
        n += 1
        if word.endswith((",", ";", ":")):
            out.append(n)
            n = 0
    return out + ([n] if n else [])


def _hopeless(sentence: str, limit: int) -> bool:
    """Whether no cut can give parts of ``limit`` words (``stretches``)."""
    return max(stretches(sentence), default=0) > limit


def resplit(sentence: str, limit: int, depth: int = 2) -> list[str]:
    """``sentence`` as two or more sentences, each cut where the parse allows, while a part is
    longer than ``limit`` words; the sentence as it is when no cut is found."""
    if len(sentence.split()) <= limit or depth == 0 or len(sentence.split()) > MAX_WORDS \
            or not _CAN.search(sentence) or _hopeless(sentence, limit):
        return [sentence]
    text, index = bare(sentence)
    p = parse(text)
    if p is None or p.verb is None:
        return [sentence]
    for cut in (_verbs, _relative, _phrase):
        parts = cut(sentence, p, index)
        if parts:
            return [piece for part in parts for piece in resplit(part, limit, depth - 1)]
    return [sentence]


__all__ = ["bare", "pronoun", "resplit", "stands_alone", "stretches", "tense"]
