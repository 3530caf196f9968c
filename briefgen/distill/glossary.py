"""Glossary terms from the definitions a report gives, by the Schwartz–Hearst algorithm.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
biomedical text": for a short form in parentheses, the long form is the shortest run of words
before it in which the short form's characters appear in order, right to left, the first one
starting a word. Three patterns a report uses are read:

* ``Long Form (SF)`` — "the Group of 20 (G20)";
* ``Long Form (SF or Name)`` — "The People's Republic of China (PRC or China)";
* ``SF (Long Form)`` — "PRC (People's Republic of China)".

Only acronym-like short forms count (two capitals, or a capital and a digit, or dotted: PRC, G20,
U.N.); "(Russia)" after "Russian Federation" is a short name, not an abbreviation. Abbreviations
used but never defined (U.S., U.N.) are returned separately, for a person to expand — the tool
never supplies an expansion the report does not give. (The PyPI ``abbreviations`` package misses
the "(SF or Name)" form, hence this small implementation; tests in tests/test_distill.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHORT = re.compile(r"^(?:[A-Z][A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*|(?:[A-Z]\.){2,})$")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
_ACRONYM_USE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}|(?<![\w.])[A-Z][A-Z0-9&]*[A-Z0-9](?![\w])")
_WORD = re.compile(r"[\w’'&.-]+")
_APPOSITIVE = re.compile(r"^,\s+((?:an?|the)\s[^,;()]{5,120}?)(?=[.;,]|$)")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True)
class Definition:
    term: str
    expansion: str
    quote: str  # the passage that gives it, verbatim
    definition: str | None = None  # an appositive the report adds ("an intergovernmental group ...")


def is_short_form(token: str) -> bool:
    token = token.strip()
    return bool(SHORT.match(token)) and 2 <= len(token) <= 10


def _long_form(short: str, words: list[str]) -> int | None:
    """Index into ``words`` where the long form for ``short`` starts, or None (Schwartz–Hearst)."""
    chars = [c.lower() for c in short if c.isalnum()]
    text = " ".join(words)
    s_i = len(chars) - 1
    l_i = len(text) - 1
    while s_i >= 0:
        c = chars[s_i]
        while l_i >= 0:
            ch = text[l_i].lower()
            at_word_start = l_i == 0 or not text[l_i - 1].isalnum()
            if ch == c and (s_i > 0 or at_word_start):
                break
            l_i -= 1
        if l_i < 0:
            return None
        l_i -= 1
        s_i -= 1
    start_char = l_i + 1
    # the word that holds the first matched character
    count = 0
    for i, w in enumerate(words):
        end = count + len(w)
        if start_char < end:
            return i
        count = end + 1
    return None


_SKIP_FIRST = {"the", "a", "an", "its", "their", "of", "and", "or", "to", "in", "for"}


def _strip_edges(words: list[str]) -> list[str]:
    while words and words[0].lower() in _SKIP_FIRST:
        words = words[1:]
    return words


def find_definitions(sentences: list[str]) -> list[Definition]:
    """Every definition the sentences give, first occurrence of each term, in reading order."""
    out: dict[str, Definition] = {}
    for sentence in sentences:
        for m in _PAREN.finditer(sentence):
            inner = m.group(1).strip()
            before = sentence[: m.start()].rstrip()
            after = sentence[m.end():]
            first = _POSSESSIVE.sub("", re.split(r",?\s+or\s+|,\s*", inner)[0].strip())
            if _POSSESSIVE.search(inner.strip()):
                before = _POSSESSIVE.sub("", before)  # "the International Monetary Fund's (IMF's)"
            found: Definition | None = None
            if is_short_form(first):  # Long Form (SF) / (SF or Name)
                matches = list(_WORD.finditer(before))
                n = min(len(first) + 5, len(first) * 2)
                window = matches[-n:]
                start = _long_form(first, [w.group(0) for w in window])
                if start is not None and window[start].group(0)[:1].lower() == first[:1].lower():
                    at = window[start].start()
                    expansion = before[at:].rstrip(",;: ")
                    quote = sentence[_lead(before, at): m.end()]
                    if len(expansion) > len(first):
                        found = Definition(first, expansion, quote, _appositive(after))
            else:  # SF (Long Form)
                words_before = _WORD.findall(before)
                if words_before and is_short_form(words_before[-1]):
                    short = words_before[-1]
                    inner_words = inner.split()
                    if _long_form(short, inner_words) == 0:
                        at = before.rfind(short)
                        found = Definition(short, inner, sentence[at: m.end()], _appositive(after))
            if found and found.term not in out and len(found.quote) >= 12:
                out[found.term] = found
    return list(out.values())


def _lead(before: str, at: int) -> int:
    """Start the quote at a preceding article when there is one ("the Group of 20 (G20)")."""
    m = re.search(r"(?:^|\s)((?:the|an?)\s+)$", before[:at], re.IGNORECASE)
    return at - len(m.group(1)) if m else at


def _appositive(after: str) -> str | None:
    m = _APPOSITIVE.match(after)
    if not m:
        return None
    text = m.group(1).strip()
    return text[0].upper() + text[1:] + "."


def undefined(sentences: list[str], defined: set[str], known: set[str]) -> dict[str, int]:
    """Acronyms used but never defined, with how often they are used."""
    counts: dict[str, int] = {}
    for sentence in sentences:
        for m in _ACRONYM_USE.finditer(sentence):
            token = m.group(0)
            singular_or_plural = f"{token}s" in defined or (token.endswith("s") and token[:-1] in defined)
            if token in defined or singular_or_plural or token in known or any(c.isdigit() for c in token) and len(token) > 5:
                continue
            if not is_short_form(token):
                continue
            counts[token] = counts.get(token, 0) + 1
    return counts


def glossary_section(editions: list, short: str | None) -> tuple[list[dict], dict[str, int]]:
    """glossary.yaml's entries from the editions' definitions (the newest edition's wording
    first), and the acronyms the newest edition uses without defining them (with counts)."""
    definitions: dict[str, tuple[Definition, str]] = {}
    for e in reversed(editions):
        for d in find_definitions(e.sentences):
            definitions.setdefault(d.term, (d, e.id))
    known = {short} if short else set()
    missing = undefined(editions[-1].sentences, set(definitions), known)
    glossary = []
    for term, (d, edition_id) in sorted(definitions.items(), key=lambda kv: kv[0].lower()):
        entry = {"term": term, "expansion": d.expansion}
        if d.definition:
            entry["definition"] = d.definition
        entry["sources"] = [{"edition": edition_id, "quote": d.quote}]
        glossary.append(entry)
    return glossary, missing
