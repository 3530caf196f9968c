"""The wording lint: does a shorter layer keep the hedges, attributions and limits of its quotes?

``lint_text(text, quotes)`` compares one authored text with the quotes it rests on and returns
``Finding``s: a hedge, attribution, negation or limit the text drops, a negation, limit or
stronger word it adds, a "non-" compound it turns into its opposite. The vocabulary and every
threshold are data (``briefgen/data/wording.yaml``, documented in docs/wording.md).

It is built for precision: a quote's marker counts only when a sentence of the text restates
the words around it, a hedge is kept by any hedge, and quotes of one claim from several editions
need only one of them kept. ``briefgen check`` runs it on every layer of a dossier
(``briefgen.check``); other stages (distill drafts, update proposals) may call ``lint_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import yaml

from .text import sentences

KINDS = ("hedge", "attribution", "negation", "certainty")


# --- the vocabulary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    name: str
    kind: str
    check: str  # dropped | added | both
    kept_by: str  # kind | group
    scope: str  # clause | phrase
    words: tuple[tuple[str, ...], ...]
    equivalents: tuple[tuple[str, ...], ...] = ()

    @property
    def drops(self) -> bool:
        return self.check in ("dropped", "both")

    @property
    def adds(self) -> bool:
        return self.check in ("added", "both")


@dataclass(frozen=True, eq=False)
class Vocabulary:
    groups: tuple[Group, ...]
    window: int
    near: int
    restated_score: int
    phrase_share: float
    same_claim: float
    negating_prefixes: tuple[str, ...]
    not_negated: frozenset[str]
    sources: tuple[tuple[str, ...], ...]
    source_verbs: frozenset[str]
    never: tuple[re.Pattern, ...]
    aliases: tuple[tuple[re.Pattern, str], ...]
    irregular: dict[str, str]
    ignore: frozenset[str]
    sources_group: Group = field(init=False)

    def __post_init__(self):
        reporting = next((g for g in self.groups if g.name == "reporting"), None)
        object.__setattr__(self, "sources_group", Group(
            "sources", "attribution", "dropped", "kind", "clause", self.sources,
            (reporting.equivalents if reporting else ()) + self.sources))

    def pool(self, group: Group) -> tuple[tuple[str, ...], ...]:
        """Words that keep ``group`` in a layer."""
        return _pool(self, group)

    def _pool(self, group: Group) -> tuple[tuple[str, ...], ...]:
        if group.kept_by == "group":
            return group.words + group.equivalents
        same = [w for g in self.groups if g.kind == group.kind and g.kept_by == "kind" for w in g.words]
        if group.kind == "attribution":
            same += self.sources
        return tuple(same) + group.equivalents


@lru_cache(maxsize=256)
def _pool(voc: "Vocabulary", group: Group) -> tuple[tuple[str, ...], ...]:
    return voc._pool(group)


GAP = "…"
"""In a vocabulary phrase, up to ``MAX_GAP`` words of any kind: "sees … as"."""
MAX_GAP = 4


def _phrases(words) -> tuple[tuple[str, ...], ...]:
    out = []
    for w in words or ():
        if not isinstance(w, str):  # YAML reads a bare no, yes, on or off as a boolean
            raise ValueError(f"wording.yaml: {w!r} is not text; quote it")
        parts = [tuple(_words(part.lower())) for part in str(w).replace("...", GAP).split(GAP)]
        phrase: tuple[str, ...] = parts[0]
        for part in parts[1:]:
            phrase += (GAP,) + part
        out.append(phrase)
    return tuple(out)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("-", " "))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The lint's data, read once from ``briefgen/data/wording.yaml``."""
    raw = yaml.safe_load(resources.files("briefgen").joinpath("data/wording.yaml").read_text("utf-8"))
    groups = []
    for g in raw["groups"]:
        if g["kind"] not in KINDS:
            raise ValueError(f"wording.yaml: group {g['name']}: unknown kind {g['kind']!r}")
        groups.append(Group(g["name"], g["kind"], g["check"], g["kept_by"], g["scope"],
                            _phrases(g["words"]), _phrases(g.get("equivalents"))))
    aliases = tuple(
        (re.compile(rf"(?<![\w.]){re.escape(k)}(?![\w])" if k[-1].isalnum() else rf"(?<![\w.]){re.escape(k)}"), v)
        for k, v in sorted(raw["aliases"].items(), key=lambda kv: -len(kv[0]))
    )
    return Vocabulary(
        groups=tuple(groups),
        window=int(raw["window"]),
        near=int(raw["near"]),
        restated_score=int(raw["restated_score"]),
        phrase_share=float(raw["phrase_share"]),
        same_claim=float(raw["same_claim"]),
        negating_prefixes=tuple(raw["negating_prefixes"]),
        not_negated=frozenset(raw["not_negated_compounds"]),
        sources=_phrases(raw["sources"]),
        source_verbs=frozenset(raw["source_verbs"]),
        never=tuple(re.compile(p) for p in raw["never"]),
        aliases=aliases,
        irregular={str(k): str(v) for k, v in raw["irregular"].items()},
        ignore=frozenset(str(w) for w in raw["ignore"]),
    )


# --- reading a sentence -----------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:'\w+)*|[,;:()\[\]—–.!?]|(?<=\s)-(?=\s)")
_BOUNDARY = set(",;:()[]—–.!?-")


def stem(word: str, irregular: dict[str, str] | None = None) -> str:
    """A light stem: enough to make "harmonize", "harmonized" and "harmonizing" one word."""
    w = word.lower()
    irregular = vocabulary().irregular if irregular is None else irregular
    if w in irregular:
        return irregular[w]
    if w.isdigit() or len(w) <= 3:
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
                found.append(Marker(voc.sources_group, s, e, " ".join(t.orig for t in tokens[s:e])))
    # the longest marker wins where two overlap ("what they describe as" over "describe as")
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Marker] = []
    for m in found:
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


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
    in_marker = {i for m in markers for i in range(m.start, m.end)}
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


def clause_scope(sentence: Sentence, marker: Marker, window: int | None = None) -> list[str]:
    """Content stems around a marker: up to ``window`` each side, within its clause. A marker
    alone in a parenthetical (", in part,") takes the clauses on both sides; a side that meets a
    parenthetical of markers only ("appears, in part, to reflect") reads on past it."""
    voc = vocabulary()
    window = voc.window if window is None else window
    in_marker = {i for m in sentence.markers for i in range(m.start, m.end)}
    segments = _segments(sentence)

    def content(a: int, b: int) -> list[int]:
        return [i for i in range(a, b) if i not in in_marker and _content(sentence.tokens[i])]

    if marker.group.scope == "sentence":
        left, right = content(0, marker.start), content(marker.end, len(sentence.tokens))
        return ([stem(sentence.tokens[i].text) for i in left[-window:]]
                + [stem(sentence.tokens[i].text) for i in right[:window]])
    k = next((n for n, (a, b) in enumerate(segments) if a <= marker.start < b), None)
    if k is None:
        return []
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
        return [stem(sentence.tokens[i].text) for i in right[:2]]
    return ([stem(sentence.tokens[i].text) for i in left[-window:]]
            + [stem(sentence.tokens[i].text) for i in right[:window]])


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


def _weight(word: str) -> int:
    return 2 if word.isdigit() else 1


def restates(scope: list[str], sentence: Sentence, near: list[str] | None = None) -> bool:
    """Does a layer sentence restate the claim these scope words make? It must share
    ``restated_score`` of them (numbers count 2), one of them a ``near`` word (next to the
    marker) or a number: "Russia" and "Ukraine" alone do not make a sentence about an
    "apparent attempt to deter"."""
    if not scope:
        return False
    need = min(vocabulary().restated_score, sum(_weight(w) for w in scope))
    shared = set(scope) & sentence.stems
    if sum(_weight(w) for w in shared) < need:
        return False
    return near is None or any(w in near or w.isdigit() for w in shared)


def names(phrase: list[str], sentence: Sentence) -> bool:
    """Does a layer sentence name the phrase a framing marker introduces?"""
    words = set(phrase)
    if not words:
        return False
    shared = len(words & sentence.stems)
    need = max(min(2, len(words)), vocabulary().phrase_share * len(words))
    return shared >= need


# --- findings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One way a text departs from its quotes.

    ``change`` is ``dropped`` (the quote's ``word`` is missing), ``added`` (the text's ``word``
    is in no quote) or ``reversed`` (the quote's ``word``, e.g. "non-binding", is written as its
    opposite, ``written``)."""

    kind: str  # hedge | attribution | negation | certainty
    word: str
    quote: str
    change: str = "dropped"
    written: str = ""
    exempt: bool = False
    others: tuple[str, ...] = ()  # more words of the same kind the text drops from this quote

    @property
    def words(self) -> tuple[str, ...]:
        return (self.word, *self.others)

    def describe(self) -> str:
        what = {"hedge": "the hedge", "attribution": "the attribution", "negation": "the negation or limit",
                "certainty": "the qualifier"}[self.kind]
        listed = " and ".join(f"'{w}'" for w in self.words)
        if self.change == "dropped":
            if self.kind == "certainty":
                return f"drops {listed} (its quote reports an attempt or intention, not a result)"
            plural = "s" if self.others else ""
            return f"drops {what}{plural} {listed} of its quote"
        if self.change == "reversed":
            return f"says '{self.written}' where its quote says '{self.word}'"
        label = {"negation": "a negation or limit", "certainty": "stronger wording"}.get(self.kind, what)
        return f"adds {label} '{self.word}' that its quotes do not have"

    def message(self, max_quote: int = 240) -> str:
        return f"{self.describe()} [{self.kind}]: “{shorten(self.quote, self.word, max_quote)}”"


def shorten(quote: str, word: str, limit: int = 240) -> str:
    """The quote, cut around ``word`` with ellipses when longer than ``limit`` characters."""
    quote = " ".join(quote.split())
    if len(quote) <= limit:
        return quote
    at = quote.lower().find(word.lower())
    at = max(0, at)
    start = max(0, min(at - limit // 2, len(quote) - limit))
    piece = quote[start:start + limit]
    return ("…" if start else "") + piece.strip() + ("…" if start + limit < len(quote) else "")


def _same_claim(a: Sentence, b: Sentence) -> bool:
    if not a.stems or not b.stems:
        return False
    return len(a.stems & b.stems) / len(a.stems | b.stems) >= vocabulary().same_claim


def _claims(quotes: list[Sentence]) -> list[list[Sentence]]:
    """Quote sentences grouped by claim (one claim may be quoted from several editions)."""
    groups: list[list[Sentence]] = []
    for q in quotes:
        for g in groups:
            if any(_same_claim(q, other) for other in g):
                g.append(q)
                break
        else:
            groups.append([q])
    return groups


def _layer_has(layer: list[Sentence], phrases) -> bool:
    return any(s.has(phrases) for s in layer)


def _similarity(a: Sentence, b: Sentence) -> int:
    return sum(_weight(w) for w in a.stems & b.stems)


def _aligned(layer: list[Sentence], quotes: list[Sentence]) -> dict[int, list[Sentence]]:
    """For each quote sentence (by id), the layer sentences that restate it: a layer sentence
    restates the quote sentences it shares the most words with (at least 3/4 of its best match
    and ``restated_score``), so a summary of one sentence is not held to its paragraph's others."""
    voc = vocabulary()
    out: dict[int, list[Sentence]] = {id(q): [] for q in quotes}
    for sentence in layer:
        scores = [_similarity(sentence, q) for q in quotes]
        best = max(scores, default=0)
        if best < voc.restated_score:
            continue
        for q, score in zip(quotes, scores):
            if score >= 0.75 * best:
                out[id(q)].append(sentence)
    return out


def _dropped(layer: list[Sentence], quote: Sentence, aligned: list[Sentence]) -> list[Finding]:
    voc = vocabulary()
    out: list[Finding] = []
    for marker in quote.markers:
        group = marker.group
        if not group.drops:
            continue
        if group.scope == "phrase":
            framed = phrase_scope(quote, marker)
            for sentence in layer:
                if names(framed, sentence) and not sentence.has(voc.pool(group)):
                    out.append(Finding(group.kind, marker.words, quote.text))
                    break
            continue
        scope = clause_scope(quote, marker)
        near = clause_scope(quote, marker, vocabulary().near)
        if not any(restates(scope, s, near) for s in aligned):
            continue
        if _layer_has(layer, voc.pool(group)):
            continue
        out.append(Finding(group.kind, marker.words, quote.text))
    out.extend(_reversed(aligned, quote))
    return out


def _negated_bases(quote: Sentence) -> list[tuple[str, str]]:
    """(stem of the base, compound as written) for each "non-X" in a quote."""
    voc = vocabulary()
    out = []
    toks = [t for t in quote.tokens if not t.boundary]
    for i, t in enumerate(toks):
        for prefix in voc.negating_prefixes:
            if t.text == prefix and i + 1 < len(toks):
                out.append((stem(toks[i + 1].text), f"{t.orig}-{toks[i + 1].orig}"))
            elif (t.text.startswith(prefix) and len(t.text) > len(prefix) + 3
                  and t.text not in voc.not_negated):
                out.append((stem(t.text[len(prefix):]), t.orig))
    return out


_NEGATORS = {"not", "no", "non", "un", "never", "without", "nor"}


def _plain_words(sentence: Sentence) -> set[str]:
    """Stems a sentence uses without a negation just before them."""
    toks = [t for t in sentence.tokens if not t.boundary]
    return {stem(t.text) for i, t in enumerate(toks)
            if not ({x.text for x in toks[max(0, i - 3):i]} & _NEGATORS)}


def _reversed(layer: list[Sentence], quote: Sentence) -> list[Finding]:
    out = []
    plain = _plain_words(quote)
    for base, compound in _negated_bases(quote):
        if base in plain:
            continue  # "deployed and nondeployed": the quote says the plain word too
        for sentence in layer:
            toks = [t for t in sentence.tokens if not t.boundary]
            for i, t in enumerate(toks):
                if stem(t.text) != base:
                    continue
                before = {x.text for x in toks[max(0, i - 3):i]}
                if before & _NEGATORS:
                    continue
                out.append(Finding("negation", compound, quote.text, "reversed", t.orig))
                break
            else:
                continue
            break
    return out


def _clause_stems(sentence: Sentence, marker: Marker) -> set[str]:
    """Content stems of the marker's clause, or of its sentence when the clause has fewer than 2."""
    for a, b in _segments(sentence):
        if a <= marker.start < b:
            got = {stem(t.text) for t in sentence.tokens[a:b] if _content(t)} - {stem(w) for w in marker.words.lower().split()}
            if len(got) >= 2:
                return got
    return sentence.stems


def _hedged(sentence: Sentence, marker: Marker) -> bool:
    """Is there a hedge in the marker's clause?"""
    for a, b in _segments(sentence):
        if a <= marker.start < b:
            return any(m.group.kind == "hedge" and a <= m.start < b for m in sentence.markers)
    return False


def _added(layer: list[Sentence], quotes: list[Sentence]) -> list[Finding]:
    voc = vocabulary()
    out: list[Finding] = []
    seen: set[str] = set()
    for sentence in layer:
        for marker in sentence.markers:
            group = marker.group
            if not group.adds or any(q.has(voc.pool(group)) for q in quotes):
                continue
            if group.kind == "certainty" and _hedged(sentence, marker):
                continue  # "will probably": the hedge beside it takes the certainty back
            about = _clause_stems(sentence, marker)
            if not any(about & q.stems for q in quotes):
                continue  # a remark of the author's ("known only from a re-post"), not the claim
            key = group.name  # one finding per group and text ("one country ... on its own")
            if key in seen:
                continue
            seen.add(key)
            nearest = max(quotes, key=lambda q: len(q.stems & sentence.stems), default=None)
            out.append(Finding(group.kind, marker.words, nearest.text if nearest else "", "added"))
    return out


def lint_text(text: str, quotes, keeps=(), context=(), include_exempt: bool = False) -> list[Finding]:
    """Findings for ``text`` against the ``quotes`` it rests on.

    ``keeps``: kinds a reviewer exempted for this text (``keeps: [hedge]``); their findings are
    returned marked ``exempt`` only with ``include_exempt``. ``context``: other sentences of the
    report; only their framing attributions ("what they describe as X") are checked, so that a
    text naming X as fact is caught even when its own quotes do not frame X."""
    layer = read_text(text)
    quote_sentences = [read_sentence(s) for q in quotes for s in sentences(q)]
    findings: list[Finding] = []
    aligned = _aligned(layer, quote_sentences)
    for claim in _claims(quote_sentences):
        options = [_dropped(layer, q, aligned[id(q)]) for q in claim]
        findings.extend(min(options, key=len))
    findings.extend(_added(layer, quote_sentences))
    quoted = {f.word.lower() for f in findings}
    for s in context:
        ctx = read_sentence(s)
        if not any(m.group.scope == "phrase" for m in ctx.markers):
            continue
        if any(_same_claim(ctx, q) for q in quote_sentences):
            continue
        for marker in ctx.markers:
            if marker.group.scope != "phrase" or marker.words.lower() in quoted:
                continue
            framed = phrase_scope(ctx, marker)
            for sentence in layer:
                if names(framed, sentence) and not sentence.has(vocabulary().pool(marker.group)):
                    findings.append(Finding(marker.group.kind, marker.words, ctx.text))
                    quoted.add(marker.words.lower())
                    break
    unique: list[Finding] = []
    for f in findings:
        f = replace(f, exempt=f.kind in keeps)
        same = next((u for u in unique if f.change == u.change == "dropped"
                     and (u.kind, u.quote) == (f.kind, f.quote)), None)
        if same is not None:
            if f.word not in same.words:
                unique[unique.index(same)] = replace(same, others=same.others + (f.word,))
        elif f not in unique:
            unique.append(f)
    return unique if include_exempt else [f for f in unique if not f.exempt]


def framing_sentences(text: str) -> list[str]:
    """Sentences of a report that frame a phrase as someone's view (context for ``lint_text``)."""
    out = []
    for s in sentences(text):
        if any(m.group.scope == "phrase" for m in read_sentence(s).markers):
            out.append(s)
    return out
