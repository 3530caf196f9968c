"""A quoted sentence cut into its parts, for the drafters: asides, segments, markers.

Everything here points into the quote by character offsets, so that a headline made from it is
the quote with ranges deleted (``Cut``) and nothing else. The words that introduce each kind of
segment (openers, subordinators, relative pronouns, example markers) are data:
``briefgen/data/plainwords.yaml`` (``clauses:``), documented in docs/drafts.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .plainwords import data

_ASIDE = re.compile(r"\s*\([^()]*\)|\s*\[[^\[\]]*\]")
_DASH_PAIR = re.compile(r"\s*[—–]\s*[^—–]{1,160}?\s*[—–]\s*|\s+--\s+[^-]{1,160}?\s+--\s+")
_DASH_TAIL = re.compile(r"\s*[—–]\s*[^—–]+?(?=[.!?]?$)")
_BOUNDARY = re.compile(r"\s*[,;:](?=\s)\s*")
_DATE_COMMA = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}$")
_WORD = re.compile(r"[\w$%][\w’'.$%/-]*[\w%]|[\w$%]")


@dataclass
class Cut:
    """The quote with character ranges deleted."""

    quote: str
    deleted: set[int] = field(default_factory=set)

    def delete(self, start: int, end: int) -> None:
        self.deleted.update(range(start, end))

    def copy(self) -> Cut:
        return Cut(self.quote, set(self.deleted))

    def kept(self, start: int = 0, end: int | None = None) -> tuple[str, list[int]]:
        """The kept characters of ``quote[start:end]`` and each one's offset in the quote; a space
        stands where a deletion joined two words ("programs—such as …—have")."""
        end = len(self.quote) if end is None else end
        chars: list[str] = []
        index: list[int] = []
        for i in range(start, end):
            if i in self.deleted:
                continue
            if index and i - index[-1] > 1 and not chars[-1].isspace() and not self.quote[i].isspace():
                chars.append(" ")
                index.append(index[-1] + 1)
            chars.append(self.quote[i])
            index.append(i)
        return "".join(chars), index

    def text(self) -> str:
        return tidy(self.kept()[0])


def tidy(text: str) -> str:
    """Whitespace and punctuation left over by deletions: doubled or dangling commas, a space
    before a comma, an opening comma."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([,;:.!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"([(\[])\s*[,;:]\s*", r"\1", text)  # "(, 2022 law)": a part cut from a bracket
    text = re.sub(r"\s*[,;:]\s*([)\]])", r"\1", text)
    text = re.sub(r"\s*[(\[]\s*[)\]]", "", text)
    text = re.sub(r"^[\s,;:—–-]+", "", text)
    text = re.sub(r"[\s,;:—–-]+([.!?]?)$", r"\1", text)
    return text


def words(text: str) -> list[str]:
    return _WORD.findall(text)


_CITATION = re.compile(r"^(?:see\b|cf\.|e\.g\.|P\.\s?L\.|Pub\.\s?L\.|H\.\s?R\.|H\.\s?Res\.|S\.\s?\d|S\.\s?Res\.|"
                       r"\d+\s+U\.S\.C\.|\d+\s+C\.F\.R\.|\d+\s+FR\b|§|Section\s+\d|Sec\.|Figure\s|Table\s|"
                       r"CRS\s|Division\s|Title\s+[IVXLC\d]+\b|Executive Order\s+\d|E\.O\.\s|not pictured|emphasis)",
                       re.IGNORECASE)
_ABBREVIATION = re.compile(r"^(?:or\s+)?[A-Z][A-Za-z0-9&.\-/]*[A-Z0-9.]s?$")


def aside_kind(text: str) -> str:
    """What a parenthetical or bracket says: "citation" (a law, bill, figure or cross-reference:
    "P.L. 107-252", "see Figure 1"), "definition" (an abbreviation: "HAVA", "PRC or China") or
    "content" (anything else: "1876 and 1976", "not NIH")."""
    kinds = {kind for _, _, kind in aside_parts(text)}
    if not kinds:
        return "citation"
    if "content" in kinds:
        return "content"
    return "definition" if "definition" in kinds else "citation"


def aside_parts(text: str) -> list[tuple[int, int, str]]:
    """The parts of a parenthetical (cut at semicolons, commas and "or"), each with its kind
    (``aside_kind``) and its span in ``text``."""
    out = []
    for m in re.finditer(r"[^;,]+", text):
        for n in re.finditer(r"(?:(?<=\s)or\s+)?(?:(?!\s+or\s).)+", m.group(0)):
            a, b = m.start() + n.start(), m.start() + n.end()
            part = text[a:b].strip(" ()[]—–-")
            if part.startswith("or "):
                part = part[3:]
            if part:
                out.append((a, b, _part_kind(part)))
    if any(kind == "definition" for _, _, kind in out):  # "(PRC or China)": a name beside an abbreviation
        out = [(a, b, "definition" if kind == "content" and re.fullmatch(r"(?:or\s+)?[A-Z][\w’'.-]*",
                                                                         text[a:b].strip(" ()[]—–-")) else kind)
               for a, b, kind in out]
    return out


def _part_kind(part: str) -> str:
    if _CITATION.match(part):
        return "citation"
    if part in ("i.e.", "e.g.") or (_ABBREVIATION.match(part) and (not re.search(r"\d", part) or
                                                                  (len(part) <= 5 and "-" not in part))):
        return "definition"
    tokens = part.split()
    if len(tokens) > 1 and all(_ABBREVIATION.match(t) and "-" not in t for t in tokens) \
            and any(not re.search(r"\d", t) for t in tokens):
        return "definition"  # "FY2020 NDAA"
    return "content"


def asides(quote: str) -> list[tuple[int, int]]:
    """Parentheticals, bracketed words and dashed asides: ranges every drafter may drop."""
    out: list[tuple[int, int]] = []
    text = quote
    for pattern in (_ASIDE, _DASH_PAIR):
        for _ in range(3):  # nested parentheses, from the inside out
            found = [(m.start(), m.end()) for m in pattern.finditer(text)]
            if not found:
                break
            for a, b in found:
                out.append((a, b))
                text = text[:a] + "\0" * (b - a) + text[b:]
    for m in _DASH_TAIL.finditer(text):
        out.append((m.start(), m.end()))
    return out


@dataclass
class Segment:
    start: int
    end: int
    kind: str  # opener | core | attribution | dependent | conjunct | list
    text: str
    sep: str = ""  # the punctuation that ends it: "," ";" ":" or "" (the sentence's end)


_ADVERBS = {"more", "most", "less", "least", "still", "also", "thereby", "further", "thus", "so", "even"}


def _first_words(text: str, n: int = 3) -> str:
    return " ".join(w.lower() for w in re.findall(r"[\w’']+", text)[:n])


def _starts(text: str, phrases) -> bool:
    head = _first_words(text, 4) + " "
    return any(head.startswith(p + " ") for p in phrases)


def classify(text: str, first: bool) -> str:
    c = data()["clauses"]
    head = re.findall(r"[\w’']+", text)
    if not head:
        return "list"
    if _starts(text, c["attribution"]) or re.search(c["attribution_tail"], text):
        return "attribution"
    if _starts(text, c["examples"]):
        return "dependent"
    if _starts(text, c["relative"]):
        return "dependent"
    if _starts(text, c["subordinate"]):
        # "Since the 1980s", "After 2014": a short phrase, not a clause, opens the sentence
        return "opener" if first and len(head) <= 4 and head[0].lower() in c["prepositions"] else "dependent"
    if _starts(text, c["conjunctions"]):
        return "conjunct"
    lead = 0
    while lead < len(head) - 1 and (head[lead].lower() in _ADVERBS or head[lead].lower().endswith("ly")):
        lead += 1
    if head[lead].lower().endswith("ing") and head[0][0].islower():
        return "dependent"  # a participial tail: ", increasing China's advantage", ", more closely resembling …"
    if first and (_starts(text, c["openers"]) or head[0].lower() in c["prepositions"]):
        return "opener"
    return "core" if first else "list"


def _enclosed(text: str) -> list[tuple[int, int]]:
    """Spans in brackets or quotation marks: no segment boundary falls inside them."""
    out, opened = [], {}
    for i, ch in enumerate(text):
        if ch in "([“":
            opened.setdefault(ch, i)
        elif ch in ")]”":
            start = opened.pop({")": "(", "]": "[", "”": "“"}[ch], None)
            if start is not None:
                out.append((start, i + 1))
    return out


def segments(cut: Cut) -> list[Segment]:
    """The kept text cut at commas, semicolons and colons (not inside brackets or quotation
    marks), each part classified."""
    text, index = cut.kept()
    out: list[Segment] = []
    pos = 0
    pieces = []
    enclosed = _enclosed(text)
    for m in _BOUNDARY.finditer(text):
        if any(a < m.start() < b for a, b in enclosed):
            continue
        if m.group(0).strip() == "," and _DATE_COMMA.search(text[:m.start()]) and re.match(r"\d{4}\b", text[m.end():]):
            continue  # "February 5, 2026" is one date
        pieces.append((pos, m.start(), m.group(0).strip()))
        pos = m.end()
    pieces.append((pos, len(text), ""))
    seen_core = False
    for a, b, sep in pieces:
        piece = text[a:b].strip()
        if not piece or a >= len(index):
            continue
        kind = classify(piece, not seen_core)
        if kind == "core":
            seen_core = True
        out.append(Segment(index[a], index[min(b, len(index)) - 1] + 1, kind, piece, sep))
    return out


@lru_cache(maxsize=1)
def _marker_phrases() -> dict[str, list[tuple[str, ...]]]:
    """The wording lint's hedges, attributions, negations and source nouns, by first word."""
    from ..wording import vocabulary

    voc = vocabulary()
    phrases = [w for g in voc.groups if g.kind in ("hedge", "attribution", "negation") for w in g.words]
    phrases += list(voc.sources)
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        out.setdefault(phrase[0], []).append(phrase)
    return out


_TOKEN = re.compile(r"\w+")


def markers(quote: str) -> list[tuple[int, int]]:
    """Where the quote has a hedge, attribution or negation of the wording lint's vocabulary
    (``briefgen/data/wording.yaml``): spans a drafter never cuts into. Words are matched as the
    lint reads them ("non-binding" is "non binding"); "…" in a phrase stands for up to 4 words."""
    from ..wording import vocabulary

    never = [(m.start(), m.end()) for p in vocabulary().never for m in p.finditer(quote)]
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(quote)]
    table = _marker_phrases()
    out = []
    for i, (word, start, _) in enumerate(tokens):
        if any(a <= start < b for a, b in never) or (word == "may" and quote[start].isupper()):
            continue  # "May 2021", "not only …"
        for phrase in table.get(word, ()):
            end = _match(tokens, i, phrase)
            if end is not None:
                out.append((start, tokens[end][2]))
    return out


def _match(tokens, i: int, phrase: tuple[str, ...]) -> int | None:
    """The index of the last token of ``phrase`` matched from token ``i``, or None."""
    j = i
    k = 0
    while k < len(phrase):
        if phrase[k] == "…":
            rest = phrase[k + 1:]
            for skip in range(0, 5):
                found = _match(tokens, j + skip, rest) if rest else j - 1
                if found is not None:
                    return found
            return None
        if j >= len(tokens) or tokens[j][0] != phrase[k]:
            return None
        j += 1
        k += 1
    return j - 1


__all__ = ["Cut", "Segment", "aside_kind", "aside_parts", "asides", "classify", "markers", "segments", "tidy", "words"]
