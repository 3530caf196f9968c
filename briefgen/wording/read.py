"""Reading a sentence for the wording lint: tokens, markers, content stems, and the scope of a marker."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..text import sentences
from .vocabulary import GAP, MAX_GAP, NUMBER, Group, vocabulary

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:'\w+)*|[,;:()\[\]—–.!?]|(?<=\s)-(?=\s)")
_BOUNDARY = set(",;:()[]—–.!?-")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_COUNTING = {"many", "some", "most", "several", "numerous", "other", "few"}


def stem(word: str, irregular: dict[str, str] | None = None) -> str:
    """A light stem: enough to make "harmonize", "harmonized" and "harmonizing" one word."""
    return _stem(word) if irregular is None else _stem_with(word, irregular)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stem_with(word, vocabulary().irregular)


def _stem_with(word: str, irregular: dict[str, str]) -> str:
    w = word.lower()
    if w in irregular:
        return irregular[w]
    if w[:1].isdigit() or len(w) <= 3:
        return w
    for suffix, repl, minimum in (("ies", "y", 5), ("ied", "y", 5), ("ing", "", 6), ("ed", "", 5)):
        if w.endswith(suffix) and len(w) >= minimum:
            w = w[: -len(suffix)] + repl
            if repl == "" and len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    else:
        if re.search(r"(s|x|z|ch|sh)es$", w):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    if w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("ment") and len(w) > 8:  # "alignment" and "aligned" are one word
        w = w[:-4]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


@dataclass(frozen=True)
class Token:
    text: str  # lower case, possessive dropped
    orig: str
    start: int
    end: int
    boundary: bool


@dataclass(frozen=True)
class Marker:
    group: Group
    start: int  # token index
    end: int
    words: str  # as written

    @property
    def phrase(self) -> str:
        return self.words


@dataclass
class Sentence:
    text: str  # as given
    tokens: list[Token]
    markers: list[Marker]
    stems: set[str]  # content stems

    _never: list[tuple[int, int]] = field(default_factory=list)
    _index: dict[str, list[int]] = field(default_factory=dict)

    def has(self, phrases) -> bool:
        return any(_find(self.tokens, p, self._never, self._index) for p in phrases)


def _normalise(text: str) -> str:
    voc = vocabulary()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"(\w)n't\b", r"\1 not", text)
    for pattern, repl in voc.aliases:
        text = pattern.sub(repl, text)
    return text


def _tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        if raw in _BOUNDARY:
            out.append(Token(raw, raw, m.start(), m.end(), True))
            continue
        low = raw.lower()
        low = re.sub(r"'s$|'$", "", low)
        out.append(Token(low, raw, m.start(), m.end(), False))
    return out


def _index(tokens: list[Token]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        if not t.boundary:
            index.setdefault(t.text, []).append(i)
    return index


def _find(tokens: list[Token], phrase: tuple[str, ...], never: list[tuple[int, int]],
          index: dict[str, list[int]]) -> list[tuple[int, int]]:
    """Token spans where ``phrase`` occurs (word by word, not across punctuation)."""
    hits = []
    for i in index.get(phrase[0], ()):
        end = _match(tokens, phrase, i)
        if end is not None:
            s, e = tokens[i].start, tokens[end - 1].end
            if not any(a < e and s < b for a, b in never):
                hits.append((i, end))
    return hits


def _match(tokens: list[Token], phrase: tuple[str, ...], i: int) -> int | None:
    """End of ``phrase`` matched at token ``i`` (a gap takes 0 to MAX_GAP words), or None."""
    if not phrase:
        return i
    if phrase[0] == NUMBER:  # a number must follow; it is not part of the match
        return i if i < len(tokens) and _NUMBER.fullmatch(tokens[i].text) else None
    if phrase[0] == GAP:
        for skip in range(MAX_GAP + 1):
            if i + skip > len(tokens) or any(t.boundary for t in tokens[i:i + skip]):
                break
            end = _match(tokens, phrase[1:], i + skip)
            if end is not None:
                return end
        return None
    if i < len(tokens) and not tokens[i].boundary and tokens[i].text == phrase[0]:
        return _match(tokens, phrase[1:], i + 1)
    return None


def _markers(tokens: list[Token], never: list[tuple[int, int]], index: dict[str, list[int]]) -> list[Marker]:
    voc = vocabulary()
    found: list[Marker] = []
    for group in voc.groups:
        for phrase in group.words:
            for s, e in _find(tokens, phrase, never, index):
                if _in_name(tokens, s):
                    continue
                found.append(Marker(group, s, e, " ".join(t.orig for t in tokens[s:e])))
    for phrase in voc.sources:
        for s, e in _find(tokens, phrase, never, index):
            after = [t.text for t in tokens[e:e + 3] if not t.boundary]
            before = [t.text for t in tokens[max(0, s - 2):s]]
            if any(w in voc.source_verbs for w in after) or before == ["according", "to"]:
                # shown with the word that counts them ("Many experts"), matched without it
                shown = s - 1 if s and tokens[s - 1].text in _COUNTING else s
                found.append(Marker(voc.sources_group, s, e, " ".join(t.orig for t in tokens[shown:e])))
    compound = voc.group("negated-compound")
    if compound is not None:
        found.extend(Marker(compound, s, e, w) for s, e, w in negated_compounds(tokens))
    # the longest marker wins where two overlap ("what they describe as" over "describe as")
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Marker] = []
    for m in found:
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def negated_compounds(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """(start, end, as written) of each "non-X" compound: "non-binding", "nondeployed"."""
    voc = vocabulary()
    out = []
    for i, t in enumerate(tokens):
        if t.boundary:
            continue
        for prefix in voc.negating_prefixes:
            if t.text == prefix and i + 1 < len(tokens) and not tokens[i + 1].boundary:
                out.append((i, i + 2, f"{t.orig}-{tokens[i + 1].orig}"))
            elif t.text.startswith(prefix) and len(t.text) > len(prefix) + 3 and t.text not in voc.not_negated:
                out.append((i, i + 1, t.orig))
    return out


def _in_name(tokens: list[Token], i: int) -> bool:
    """A capitalised word inside a sentence is part of a name or title ("Dedollarization Efforts")."""
    first = i == 0 or tokens[i - 1].boundary and tokens[i - 1].text in ".!?"
    return not first and tokens[i].orig[:1].isupper() and tokens[i].text != "i"


@lru_cache(maxsize=4096)
def read_sentence(text: str) -> Sentence:
    """One sentence read: tokens, markers and content stems (cached; treat as read-only)."""
    voc = vocabulary()
    norm = _normalise(text)
    tokens = _tokenize(norm)
    never = [(m.start(), m.end()) for p in voc.never for m in p.finditer(norm)]
    index = _index(tokens)
    markers = _markers(tokens, never, index)
    # a source noun ("officials said") is a marker and a word of the claim alike
    in_marker = {i for m in markers if m.group.name != "sources" for i in range(m.start, m.end)}
    stems = {stem(t.text) for i, t in enumerate(tokens) if _content(t) and i not in in_marker}
    return Sentence(text, tokens, markers, stems, never, index)


def _content(token: Token) -> bool:
    return not token.boundary and token.text not in vocabulary().ignore


def read_text(text: str) -> list[Sentence]:
    return [read_sentence(s) for s in sentences(text)]


# --- scopes -----------------------------------------------------------------------------------


def _segments(sentence: Sentence) -> list[tuple[int, int]]:
    """Token spans between punctuation."""
    out, start = [], 0
    for i, t in enumerate(sentence.tokens + [Token(".", ".", 0, 0, True)]):
        if t.boundary:
            if i > start:
                out.append((start, i))
            start = i + 1
    return out


def scope_sides(sentence: Sentence, marker: Marker, window: int | None = None) -> tuple[list[int], list[int]]:
    """Token positions of the content words a marker qualifies, left and right of it: up to
    ``window`` each side, within its clause (``scope: clause``); after it only (``noun``: 2
    words, ``after``); across punctuation (``sentence``). A marker alone in a parenthetical
    (", in part,") takes the clauses on both sides; a side that meets a parenthetical of markers
    only ("appears, in part, to reflect") reads on past it."""
    voc = vocabulary()
    window = voc.window if window is None else window
    in_marker = {i for m in sentence.markers if m.group.name != "sources" for i in range(m.start, m.end)}
    segments = _segments(sentence)

    def content(a: int, b: int) -> list[int]:
        return [i for i in range(a, b) if i not in in_marker and _content(sentence.tokens[i])]

    k = next((n for n, (a, b) in enumerate(segments) if a <= marker.start < b), None)
    if k is None:
        return [], []
    if marker.group.scope == "sentence":  # the claim: the sentence but the source ("According to X,")
        return content(0, segments[k][0]), content(segments[k][1], len(sentence.tokens))
    a, b = segments[k]
    left, right = content(a, marker.start), content(marker.end, b)
    alone = not left and not right

    def read_on(step: int) -> list[int]:
        j = k + step
        while 0 <= j < len(segments):
            found = content(*segments[j])
            if found:
                return found
            if not alone and not any(segments[j][0] <= m.start < segments[j][1] for m in sentence.markers):
                return []  # punctuation with nothing but small words: the clause ends here
            j += step
        return []

    if not right:
        right = read_on(1)
    if not left and alone:
        left = read_on(-1)
    if marker.group.scope == "noun":
        return [], right[:2]
    if marker.group.scope == "after":
        return [], right[:window]
    return left[-window:], right[:window]


def clause_scope(sentence: Sentence, marker: Marker, window: int | None = None) -> list[str]:
    """Content stems a marker qualifies (``scope_sides``)."""
    left, right = scope_sides(sentence, marker, window)
    return [stem(sentence.tokens[i].text) for i in left + right]


def explained(quote: Sentence, positions: list[int], stems: set[str]) -> set[str]:
    """Of ``stems`` (a layer sentence's), those another clause of the quote accounts for better
    than the clauses at ``positions`` (a marker's scope): a layer sentence that restates "The
    treaty expired in February 2026" is not about "though officials then stated that Russia
    would abide by the treaty's limits"."""
    segments = _segments(quote)

    def score(a: int, b: int) -> int:
        return sum(_weight(w) for w in _stems(quote, a, b) & stems)

    home = [seg for seg in segments if any(seg[0] <= i < seg[1] for i in positions)]
    if not home:
        return set()
    own = max(score(*seg) for seg in home)
    out: set[str] = set()
    for seg in segments:
        if seg not in home and score(*seg) > own:
            out |= _stems(quote, *seg) & stems
    words = set().union(*(_stems(quote, *seg) for seg in home))
    mine = words & stems
    if sum(_weight(w) for w in mine - out) >= vocabulary().restated_score or len(mine) >= 0.75 * len(words):
        return set()  # the sentence restates the marker's clause too ("and some other countries to Russia's invasion")
    return out


def _stems(sentence: Sentence, a: int, b: int) -> set[str]:
    """Content stems of tokens a..b, markers left out."""
    inside = {i for m in sentence.markers if m.group.name != "sources" for i in range(m.start, m.end)}
    return {stem(sentence.tokens[i].text) for i in range(a, b) if i not in inside and _content(sentence.tokens[i])}


def phrase_scope(sentence: Sentence, marker: Marker, limit: int = 6) -> list[str]:
    """Content stems a framing marker introduces ("what they describe as the U.S.-led order")."""
    out: list[str] = []
    for t in sentence.tokens[marker.end:]:
        if t.boundary:
            if out:
                break
            continue
        if _content(t):
            out.append(stem(t.text))
            if len(out) >= limit:
                break
    return out


def number(word: str) -> bool:
    return bool(_NUMBER.fullmatch(word))


def _weight(word: str) -> int:
    return 2 if number(word) else 1


def restates(scope: list[str], sentence: Sentence | set[str], near: list[str] | None = None) -> bool:
    """Does a layer sentence restate the claim these scope words make? It must share
    ``restated_score`` of them (numbers count 2), one of them a ``near`` word (next to the
    marker) or a number: "Russia" and "Ukraine" alone do not make a sentence about an
    "apparent attempt to deter"."""
    if not scope:
        return False
    need = min(vocabulary().restated_score, sum(_weight(w) for w in scope))
    shared = set(scope) & (sentence.stems if isinstance(sentence, Sentence) else sentence)
    if sum(_weight(w) for w in shared) < need:
        return False
    return near is None or any(w in near or number(w) for w in shared)


def names(phrase: list[str], sentence: Sentence, share: float | None = None) -> bool:
    """Does a layer sentence name the phrase a framing marker introduces? It must share
    ``share`` of its words (``phrase_share`` unless given; at least 2)."""
    words = set(phrase)
    if not words:
        return False
    shared = len(words & sentence.stems)
    need = max(min(2, len(words)), (vocabulary().phrase_share if share is None else share) * len(words))
    return shared >= need


_OPENING_QUOTES = ('"', "“", "‘", "'")


def quoted_term(sentence: Sentence, marker: Marker) -> bool:
    """Is the phrase a framing marker introduces a quotation (EPA describes as "other oil and gas
    combustion facilities"): a term someone coined, named only by all of its words?"""
    after = next((t for t in sentence.tokens[marker.end:] if not t.boundary), None)
    if after is None:
        return False
    return sentence.text[:after.start].rstrip().endswith(_OPENING_QUOTES)


