"""The gates every machine draft passes before it is written: the checks a person's text gets.

``headline_gate`` and ``plain_gate`` return None when the draft passes, else ``Failure(gate,
detail)``, naming the first gate it fails:

* ``deletion``: a headline is the quote with words deleted: every word is a word of the quote, in
  the quote's order; only the first letter's case and the final period may differ.
* ``facts``: every number and every capitalised name in the draft appears in its quote (or, for
  a spelled-out abbreviation, in the glossary's expansion of a term the quote uses).
* ``wording``: the wording lint (``briefgen.wording.lint_text``) finds nothing: no hedge,
  attribution or negation dropped, none added, nothing said more surely.
* ``keeps``: a plain draft keeps every number, date and name of its quote (but a citation or an
  abbreviation's definition in brackets; an abbreviation spelled out counts as kept).
* ``length``: a headline has at most 12 words; a plain sentence at most 15.
* ``grade``: a plain draft reads at most ``limits.draft_grade_over`` grades above the dossier's
  ``plain_max_grade`` (Flesch-Kincaid, as ``briefgen check`` measures the plain layer), and the
  public layer with it at ``plain_max_grade`` or below (``drafting.layer_gate``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..compose.readability import reading
from ..text import sentences, word_count
from .clauses import words

HEADLINE_WORDS = 12
PLAIN_SENTENCE_WORDS = 15
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'.-]*")


@dataclass(frozen=True)
class Failure:
    gate: str  # deletion | facts | wording | length | grade | parse
    detail: str

    def __str__(self) -> str:
        return f"{self.gate}: {self.detail}"


def deletion_only(draft: str, quote: str) -> str | None:
    """None when ``draft`` is ``quote`` with words deleted, else the first word that is not."""
    want = words(quote)
    i = 0
    for n, w in enumerate(words(draft)):
        while i < len(want):
            q = want[i]
            i += 1
            same = w == q or ((n == 0 or i == 1) and w[:1].lower() == q[:1].lower() and w[1:] == q[1:])
            if same:
                break
        else:
            return w
    return None


def _numbers(text: str) -> set[str]:
    return {m.group(0).rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}


def facts(draft: str, quote: str, expansions: dict[str, str] | None = None) -> str | None:
    """None when every number and name of ``draft`` is in ``quote``, else the first that is not.

    ``expansions``: glossary term -> expansion; the expansion of a term the quote uses counts as
    in the quote (a plain draft spells abbreviations out)."""
    allowed = quote
    for term, expansion in (expansions or {}).items():
        if re.search(rf"(?<![\w.]){re.escape(term)}(?![\w])", quote):
            allowed += " " + expansion
    for n in _numbers(draft):
        if n not in _numbers(allowed):
            return n
    known = {w.strip(".’'") for w in re.findall(r"[\w’'.-]+", allowed)}
    known |= {re.sub(r"[’']s$", "", w) for w in known}
    known |= {part for w in known for part in w.split("-")}  # "XM" of "XM-30", "PRC" of "PRC-controlled"
    for sentence in sentences(draft):
        for m in _NAME.finditer(sentence):
            if m.start() == 0:
                continue  # a sentence's first word is capitalised anyway
            name = re.sub(r"[’']s$", "", m.group(0).strip(".’'"))
            for part in name.split("-"):
                if part and part not in known and part.strip(".") not in known:
                    return part
    return None


def keeps(draft: str, quote: str, expansions: dict[str, str] | None = None) -> str | None:
    """None when the plain ``draft`` keeps every number, date and name of ``quote`` (all but a
    citation or an abbreviation's definition in brackets, which a plain draft leaves out:
    ``plain.prepared``), else the first it lost. An abbreviation is kept when its expansion is."""
    from .plain import prepared

    kept = prepared(quote).text()
    mine = _numbers(draft)
    for n in sorted(_numbers(kept)):
        if n not in mine:
            return n
    expansions = expansions or {}
    words_of = {w.strip(".’'") for w in re.findall(r"[\w’'.-]+", draft)}
    words_of |= {re.sub(r"[’']s$", "", w) for w in words_of} | {part for w in words_of for part in w.split("-")}
    for m in _NAME.finditer(kept):
        if m.start() == 0:
            continue  # the quote's first word is capitalised anyway
        name = re.sub(r"[’']s$", "", m.group(0).strip(".’'"))
        for part in [name] if name in expansions else name.split("-"):
            part = part.strip(".’'")
            if not part[:1].isupper() or part in words_of or part.strip(".") in words_of:
                continue
            if part in expansions and expansions[part] in draft:
                continue
            return part
    return None


def wording(draft: str, quote: str) -> str | None:
    from ..wording import lint_text

    findings = lint_text(draft, [quote])
    return findings[0].message() if findings else None


def headline_gate(draft: str, quote: str) -> Failure | None:
    n = word_count(draft)
    if n > HEADLINE_WORDS:
        return Failure("length", f"{n} words; a headline has at most {HEADLINE_WORDS}")
    word = deletion_only(draft, quote)
    if word is not None:
        return Failure("deletion", f"'{word}' is not the quote's next word")
    fact = facts(draft, quote)
    if fact is not None:
        return Failure("facts", f"'{fact}' is not in the quote")
    lint = wording(draft, quote)
    if lint is not None:
        return Failure("wording", lint)
    return None


def plain_gate(draft: str, quote: str, expansions: dict[str, str] | None = None,
               max_grade: float = 8.0) -> Failure | None:
    """The gates of a plain draft; ``max_grade``: the grade a single draft may read at
    (``plain.ceiling`` of the layer's limit; the layer's own grade is ``drafting.layer_gate``'s)."""
    for s in sentences(draft):
        n = word_count(s)
        if n > PLAIN_SENTENCE_WORDS:
            return Failure("length", f"a sentence of {n} words; at most {PLAIN_SENTENCE_WORDS}")
    fact = facts(draft, quote, expansions)
    if fact is not None:
        return Failure("facts", f"'{fact}' is not in the quote")
    lost = keeps(draft, quote, expansions)
    if lost is not None:
        return Failure("keeps", f"'{lost}' of the quote is not in the draft")
    lint = wording(draft, quote)
    if lint is not None:
        return Failure("wording", lint)
    grade = reading(draft).grade
    if grade > max_grade:
        return Failure("grade", f"reads at grade {grade:.1f}; the limit is {max_grade:g}")
    return None


__all__ = ["Failure", "HEADLINE_WORDS", "PLAIN_SENTENCE_WORDS", "deletion_only", "facts", "headline_gate", "keeps",
           "plain_gate", "wording"]
