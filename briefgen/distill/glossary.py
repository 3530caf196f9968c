"""Glossary terms from the definitions a report gives, by the Schwartz–Hearst algorithm.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
biomedical text": for a short form in parentheses, the long form is the shortest run of words
right before it in which the short form's characters appear in order, right to left, the first
one starting a word. The forms a report uses:

* ``Long Form (SF)`` — "the Group of 20 (G20)"; also in square brackets ("[HPF]");
* ``Long Form (SF or Name)`` — "The People's Republic of China (PRC or China)";
* ``Long Form (SF; citation)`` — "… Act of 2020 (GAOA; P.L. 116-152)", and ``(SF, for short)``;
* ``SF (Long Form)`` — "PRC (People's Republic of China)".

A short form has 2–10 characters and at least two capitals, or a capital and a digit: PRC, G20,
U.N., mixed case (eSLR, PhD, mRNA), plurals (G-SIBs), chemical and unit formulas (CO2, CH4,
MMTCO2e: their digits are not letters of the long form), and a short name ending in a word ("the
HSR Act", "Ex-Im Bank"). "(Russia)" after "Russian Federation" is a short name, not an
abbreviation.

A long form never starts with a function word ("of the Director of National Intelligence" is the
end of "Office of the Director of National Intelligence"), never holds a quotation mark or bracket,
and is not cut inside a name: capitalised words right before it that run into it belong to it
("U.S. Department of Education (ED)", "National Parks and Public Land Legacy Restoration Fund
(LRF)"). An expansion a person would not accept is worse than none: a definition that breaks a
rule is not made, and the term stays a to-do for a person (with the candidate shown).
Abbreviations used but never defined (U.S., U.N.) are returned separately, for a person to
expand: the tool never supplies an expansion the report does not give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SHORT_TOKEN = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9&\-]*|(?:[A-Z]\.){2,})$")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
_BRACKET = re.compile(r"\[([^\[\]]{1,20})\]")
_OR_SHORT = re.compile(r",\s+or\s+([A-Za-z0-9][\w&-]{1,9})\b")  # "carbon dioxide, or CO2"
_ACRONYM_USE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}|(?<![\w.])[A-Z][A-Z0-9&]*[A-Z0-9](?![\w])")
_WORD = re.compile(r"[\w’'&.-]+")
_APPOSITIVE = re.compile(r"^,\s+((?:an?|the)\s[^,;()]{5,120}?)(?=[.;,]|$)")
_POSSESSIVE = re.compile(r"[’']s$")
_ROMAN = re.compile(r"(?=[IVXL])(XL|L?X{0,3})(IX|IV|V?I{0,3})")
_FUNCTION = {"the", "a", "an", "its", "their", "his", "her", "of", "and", "or", "to", "in", "for", "on", "at",
             "by", "with", "from", "as", "that", "this", "these", "those", "which", "who"}
_QUOTES = re.compile(r"[\"“”\[\]()]|(?<!\w)[‘’']|[‘’'](?!\w)")  # an apostrophe inside a word is no quote


@dataclass(frozen=True)
class Definition:
    term: str
    expansion: str
    quote: str  # the passage that gives it, verbatim
    definition: str | None = None  # an appositive the report adds ("an intergovernmental group ...")


def is_short_form(token: str) -> bool:
    """An acronym-like short form: 2–10 characters, two capitals or a capital and a digit (PRC,
    G20, eSLR, CO2, G-SIBs, U.N.), or a short form and a capitalised word ("HSR Act")."""
    token = token.strip()
    if " " in token:
        head, _, tail = token.partition(" ")
        return len(token) <= 10 and " " not in tail and tail[:1].isupper() and tail[1:].islower() \
            and is_short_form(head)
    if not (2 <= len(token) <= 10) or not _SHORT_TOKEN.match(token):
        return False
    capitals = sum(c.isupper() for c in token)
    return capitals >= 2 or (capitals >= 1 and any(c.isdigit() for c in token))


def _letters(short: str) -> list[str]:
    """The characters of ``short`` a long form spells: not its digits when it is a formula
    (CO2 -> "co"), not a plural's s (G-SIBs -> "gsib"), not its dots or hyphens."""
    core = short.split(" ")[0] if " " in short and not short.split(" ")[1][:1].isupper() else short
    core = re.sub(r"(?<=[A-Z])s$", "", core)
    chars = [c.lower() for c in core if c.isalpha()] if re.search(r"[A-Za-z]\d", core) else \
        [c.lower() for c in core if c.isalnum()]
    return chars


def _long_form(short: str, words: list[str]) -> int | None:
    """Index into ``words`` where the long form for ``short`` starts, or None (Schwartz–Hearst)."""
    chars = _letters(short)
    if not chars:
        return None
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
    count = 0
    for i, w in enumerate(words):  # the word that holds the first matched character
        end = count + len(w)
        if start_char < end:
            return i
        count = end + 1
    return None


def _name_start(words: list[str], gaps: list[str], start: int, first: str) -> int | None:
    """Where the long form starting at ``words[start]`` really starts: past a function word to
    the word whose first letter is the short form's ("of the Director …" -> "Office of the
    Director …"), and, for a name (capitalised), back over the capitalised words of the same
    name ("U.S. Department of Education", "National Parks and Public Land Legacy Restoration
    Fund"). ``gaps[i]`` is what stands between ``words[i - 1]`` and ``words[i]``: a comma, a
    dash, a quotation mark or a bracket ends a name. None when no start is acceptable."""
    first = first.lower()
    k = start
    while k >= 0 and (words[k].lower() in _FUNCTION or words[k][:1].lower() != first):
        k -= 1
    if k < 0:
        return None
    if not words[k][:1].isupper():
        return k  # a description ("global systemically important banks"), not a name

    def joined(i: int) -> bool:  # words[i - 1] and words[i] stand in one run of words
        return i > 0 and gaps[i].strip() == ""

    j = k
    while joined(j):
        prev = words[j - 1]
        if prev[:1].isupper() and prev.lower() not in ("the", "a", "an") and not _POSSESSIVE.search(prev) \
                and not re.search(r"-[a-z]", prev) \
                and (j - 1 > 0 or prev not in ("The", "A", "An", "In", "On", "For", "Under", "By", "As")):
            j -= 1
        elif prev.lower() in ("of", "and", "for", "on") and joined(j - 1) and words[j - 2][:1].isupper() \
                and words[j - 2].lower() not in ("the", "a", "an"):
            j -= 2
        else:
            break
    return j


def find_definitions(sentences: list[str]) -> list[Definition]:
    """Every definition the sentences give, first occurrence of each term, in reading order."""
    out: dict[str, Definition] = {}
    for sentence in sentences:
        spans = [(m, m.group(1), True) for m in _PAREN.finditer(sentence)]
        spans += [(m, m.group(1), False) for m in _BRACKET.finditer(sentence)]
        spans += [(m, m.group(1), False) for m in _OR_SHORT.finditer(sentence)]
        for m, inner, parenthesis in sorted(spans, key=lambda t: t[0].start()):
            found = _definition(sentence, m, inner.strip(), parenthesis)
            if found and found.term not in out and len(found.quote) >= 12:
                out[found.term] = found
    return list(out.values())


def _definition(sentence: str, m: re.Match, inner: str, parenthesis: bool) -> Definition | None:
    before = sentence[: m.start()].rstrip()
    after = sentence[m.end():]
    first = re.split(r"\s*;\s*|,?\s+or\s+|,\s*", inner)[0].strip()
    first = re.sub(r"^the\s+", "", first)
    first = _POSSESSIVE.sub("", first)
    if _POSSESSIVE.search(inner):
        before = _POSSESSIVE.sub("", before)  # "the International Monetary Fund's (IMF's)"
    before = before.rstrip("”\"’'")  # "the “Inflation Reduction Act of 2022” (IRA)": the name, not its quote
    if is_short_form(first):  # Long Form (SF) / (SF or Name) / (SF; citation) / Long Form [SF]
        matches = list(_WORD.finditer(before))
        n = min(len(first) + 5, len(first) * 2) + 4
        window = matches[-n:]
        words = [w.group(0) for w in window]
        gaps = [""] + [before[a.end():b.start()] for a, b in zip(window, window[1:])]
        start = _long_form(first, words) if words else None
        if start is not None:
            start = _name_start(words, gaps, start, _letters(first)[0] if _letters(first) else first[0])
        else:
            start = _formula(first, words)
        if start is None:
            return None
        at = window[start].start()
        expansion = before[at:].rstrip(",;: —–")
        if not _acceptable(first, expansion):
            return None
        return Definition(first, expansion, sentence[_lead(before, at): m.end()], _appositive(after))
    if not parenthesis:
        return None
    words_before = _WORD.findall(before)  # SF (Long Form)
    if words_before and is_short_form(words_before[-1]):
        short = words_before[-1]
        if _long_form(short, inner.split()) == 0 and _acceptable(short, inner):
            at = before.rfind(short)
            return Definition(short, inner, sentence[at: m.end()], _appositive(after))
    return None


def _formula(short: str, words: list[str]) -> int | None:
    """A chemical formula's long form is its name ("methane (CH4)"), which need not spell it
    (data: briefgen/data/acronyms.yaml, formulas). Index of the name's first word, or None."""
    name = _formulas().get(short)
    if not name:
        return None
    n = len(name.split())
    if len(words) >= n and " ".join(words[-n:]).lower() == name.lower():
        return len(words) - n
    return None


@lru_cache(maxsize=1)
def _data() -> dict:
    """briefgen/data/acronyms.yaml: the chemical formulas (``formulas``) and the capitalised
    tokens that are names, not abbreviations to expand (``not_acronyms``)."""
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("briefgen").joinpath("data/acronyms.yaml").read_text("utf-8")) or {}
    return {"formulas": {str(k): str(v) for k, v in (raw.get("formulas") or {}).items()},
            "not_acronyms": frozenset(str(t) for t in raw.get("not_acronyms") or ())}


def _formulas() -> dict[str, str]:
    return _data()["formulas"]
def _acceptable(short: str, expansion: str) -> bool:
    """Would a person accept ``expansion`` for ``short``? Longer than it, at most twelve words,
    no quotation mark or bracket, not starting with a function word, and starting with the short
    form's first letter unless a name's words run before it."""
    words = expansion.split()
    if len(expansion) <= len(short) or not words or len(words) > 12 or _QUOTES.search(expansion):
        return False
    if words[0].lower() in _FUNCTION:
        return False
    if _formulas().get(short, "").lower() == expansion.lower():
        return True
    return not expansion[:1].islower() or expansion[:1] == _letters(short)[0]


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
            if not is_short_form(token) or token in _data()["not_acronyms"]:
                continue
            if _ROMAN.fullmatch(token) and re.search(r"[A-Z][\w’'-]*\s+$", sentence[:m.start()]):
                continue  # "World War II", "King Charles III": a numeral, not an abbreviation
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
