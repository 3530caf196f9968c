"""A plain sentence still too long, cut in two where its parse allows (``plain`` step 3).

Two cuts, each checked by parsing both halves (each must stand alone: a subject, a verb, every
word linked):

* coordinated verbs: "The JCPOA mandates restrictions on X and requires that Y" -> "The JCPOA
  mandates restrictions on X. It also requires that Y." (the subject as a pronoun, "it" or
  "they" as the parser reads it; "but" -> "But it …"; "or" is never cut);
* a relative clause on a noun introduced by "a" or "an": "X established a grant program that
  was designed to help states …" -> "X established a grant program. This program was designed to
  help states …" (a noun with "the" is not cut: "the funds that did not …" defines which funds).

The words written besides the quote's are data: ``briefgen/data/plainwords.yaml`` (``resplit:``).
"""

from __future__ import annotations

import re

from .clauses import Cut, asides, tidy
from .parse import Parse, parse
from .plainwords import data

_RELATIVES = {"that", "which", "who"}
_CAN = re.compile(r"\b(?:and|but)\b|\ban?\b.*\b(?:that|which|who)\b")  # no parse for a sentence neither cut fits
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


def resplit(sentence: str, fits, depth: int = 2) -> list[str]:
    """``sentence`` as two or more sentences, each cut where the parse allows, while a part does
    not ``fits``; the sentence as it is when no cut is found."""
    if fits(sentence) or depth == 0 or len(sentence.split()) > MAX_WORDS or not _CAN.search(sentence):
        return [sentence]
    text, index = bare(sentence)
    p = parse(text)
    if p is None or p.verb is None:
        return [sentence]
    for cut in (_verbs, _relative):
        parts = cut(sentence, p, index)
        if parts:
            return [piece for part in parts for piece in resplit(part, fits, depth - 1)]
    return [sentence]


__all__ = ["bare", "pronoun", "resplit", "stands_alone"]
