"""Glossary terms in running text: spelled out idiomatically, and what is not an acronym.

``Expander`` spells a dossier's glossary terms out in one brief, at first use (``first-use``:
"International Monetary Fund (IMF)", then "IMF") or everywhere (``spell-out``). It writes them
as an editor would:

* a possessive moves onto both forms: "International Monetary Fund's (IMF's) basket";
* a description keeps its article: "when SWIFT formed" -> "when the global bank messaging
  network (SWIFT) formed" (an expansion in lower case is a description; the words that already
  supply an article are data, ``briefgen/data/acronyms.yaml``);
* a term whose long form already stands in the same sentence is not spelled out again: the
  long form gets the short one in parentheses ("the Federal Reserve (Fed) ... the Fed's");
* "U.S.-led": a compound is spelled out without parentheses and introduces nothing;
* an initialism whose long form the reader has already met, in an earlier sentence or spelled
  out in a compound ("United States-led ... U.S. policymakers"), needs no parenthesis: it is
  left as written. Only an initialism (its letters are the initials of the long form's
  capitalised words: U.S., PRC, IMF); "Fed" or "SWIFT" is still introduced.

``is_name`` tells ``check`` which capitalised tokens are not acronyms (Roman numerals after a
capitalised word, names such as COVID listed in the same data file).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..text import sentence_spans

DATA = Path(__file__).resolve().parent.parent / "data" / "acronyms.yaml"
_ROMAN = re.compile(r"(?=[IVXL])(XL|L?X{0,3})(IX|IV|V?I{0,3})")
_CAPITALISED_WORD_BEFORE = re.compile(r"(?<![\w’'])[A-Z][\w’'-]*\s+$")
_POSSESSIVE = ("’s", "'s")


@lru_cache(maxsize=1)
def rules() -> dict:
    """The data file, read once (plain YAML lists)."""
    from ..errors import Collector, ContentError
    from ..content.yamlsafe import read_yaml

    problems = Collector()
    doc = read_yaml(DATA, str(DATA), problems)  # values stay text ("no" is not False)
    problems.raise_if_errors(ContentError)
    data = doc.data or {}
    return {"not_acronyms": frozenset(data.get("not_acronyms") or ()),
            "article_after": frozenset(w.lower() for w in data.get("article_after") or ()),
            "determiners": frozenset(w.lower() for w in data.get("determiners") or ())}


def is_name(token: str, before: str = "") -> bool:
    """``token`` (matched by ``text.ACRONYM``) is a name or numeral, not an acronym to define.

    ``before`` is the text before the token (for "World War II")."""
    if token in rules()["not_acronyms"]:
        return True
    return bool(_ROMAN.fullmatch(token)) and bool(_CAPITALISED_WORD_BEFORE.search(before))


_QUOTED = re.compile(r"“[^”]*”")  # a quotation: the publisher's exact words


def initialism(term: str, expansion: str) -> bool:
    """Is ``term`` made of the initials of ``expansion``'s capitalised words ("U.S." of "United
    States", "PRC" of "People's Republic of China")? A reader who has met the long form can then
    tell the short one without being told."""
    letters = [c for c in term if c.isalnum()]
    initials = [w[0] for w in re.findall(r"[\w’'-]+", expansion) if w[0].isupper()]
    return len(letters) > 1 and [c.upper() for c in letters] == initials


class Expander:
    """Spell glossary terms out: at first use only (``first-use``) or everywhere (``spell-out``)."""

    def __init__(self, terms: dict[str, str], mode: str):
        self.terms = terms
        self.mode = mode
        self.introduced: set[str] = set()
        self.met: set[str] = set()  # terms whose long form the reader has met in an earlier sentence
        names = sorted(terms, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(t) for t in names) + r")(?![\w])") if names else None
        self.long = {t: re.compile(r"(?<![\w])" + re.escape(e) + r"(?![\w])") for t, e in terms.items()}

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in order
        self.quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        for start, end in sentence_spans(text):
            edits.extend(self._sentence(text, start, end))
            if self.mode != "spell-out":
                sentence = text[start:end]
                self.met.update(t for t, long in self.long.items()
                                if t not in self.met and t not in self.introduced and long.search(sentence))
        out, at = [], 0
        for start, end, new in sorted(edits):
            if start < at:
                continue  # overlapping edits: keep the first
            out.append(text[at:start])
            out.append(new)
            at = end
        out.append(text[at:])
        return "".join(out)

    def _sentence(self, text: str, s0: int, s1: int) -> list[tuple[int, int, str]]:
        edits = []
        sentence = text[s0:s1]
        for match in self.pattern.finditer(sentence):
            term = match.group(1)
            start, end = s0 + match.start(), s0 + match.end()
            if self._in_quote(start):
                continue  # the publisher's words in quotation marks are never changed
            expansion = self.terms[term]
            if self.mode != "spell-out" and term in self.introduced:
                continue
            if text[end:end + 1] == "-":  # "U.S.-led": spelled out without parentheses, later introduced
                edits.append((start, end, self._with_article(text, s0, start, end, expansion)))
                if self.mode != "spell-out":
                    self.met.add(term)
                continue
            if self.mode == "spell-out":
                if text[start - 1:start] == "(" and text[end:end + 1] == ")" and \
                        text[:start - 1].rstrip().lower().endswith(expansion.lower()):
                    # "anti-satellite (ASAT) missiles": the long form stands already
                    gap = len(text[:start - 1]) - len(text[:start - 1].rstrip())
                    edits.append((start - 1 - gap, end + 1, ""))
                    continue
                edits.append((start, end, self._with_article(text, s0, start, end, expansion)))
                continue
            self.introduced.add(term)
            if term in self.met and initialism(term, expansion):
                continue  # the reader has met "United States" already: "U.S." needs no parenthesis
            long = self.long[term].search(sentence)
            if long is not None and self._in_quote(s0 + long.start()):
                long = None  # a long form inside a quotation cannot take the short form
            if long is not None:
                # the long form already stands in this sentence: give it the short form instead
                at = s0 + long.end()
                poss = text[at:at + 2] if text[at:at + 2] in _POSSESSIVE else ""
                if not text[at + len(poss):].lstrip().startswith(f"({term}"):
                    edits.append((at + len(poss), at + len(poss), f" ({term}{poss})"))
                continue
            poss = text[end:end + 2] if text[end:end + 2] in _POSSESSIVE else ""
            spelled = self._with_article(text, s0, start, end, expansion)
            edits.append((start, end + len(poss), f"{spelled}{poss} ({term}{poss})"))
        return edits

    def _in_quote(self, at: int) -> bool:
        return any(a < at < b for a, b in getattr(self, "quoted", ()))

    @staticmethod
    def _with_article(text: str, s0: int, start: int, end: int, expansion: str) -> str:
        """A description (lower-case expansion) keeps or gets its article (see the data file)."""
        if not expansion[:1].islower():
            return expansion
        before = text[s0:start]
        if not before.strip(" “\"‘'"):
            return "The " + expansion  # the sentence starts here
        prev = re.search(r"(\S+)\s+$", before)
        if prev is None:
            return expansion  # "(SWIFT)", "anti-SWIFT": no word before
        token = prev.group(1)
        if token[-1] in ",;:—–":
            return "the " + expansion  # a clause starts here
        if not (token.isalpha() and token.islower()):
            return expansion  # after a number, a name or a code: "FY2026 MILPERS request"
        words = rules()
        if token in words["determiners"]:
            return expansion
        if token in words["article_after"]:
            return "the " + expansion
        # after another lower-case word (perhaps a verb): an article unless a lower-case word
        # follows, where the term is more likely a modifier ("new SWIFT rules")
        follows = re.match(r"\s+[a-z]", text[end:])
        return expansion if follows else "the " + expansion
