"""The wording lint: does a shorter layer keep the hedges, attributions and limits of its quotes?

``lint_text(text, quotes)`` compares one authored text with the quotes it rests on and returns
``Finding``s: a hedge, attribution, negation or limit the text drops, a negation, limit or
stronger word it adds, a "non-" compound it turns into its opposite. The vocabulary and every
threshold are data (``briefgen/data/wording.yaml``, documented in docs/wording.md).

It goes sentence by sentence: each sentence of the text is held to the quote sentences it
restates (``_aligned``), and must keep, one word for each, the markers of theirs whose words it
restates (``keep``): a hedge kept in one sentence does not excuse one dropped in another. It is
built for precision: a marker counts only when the sentence restates the words around it, a hedge
is kept by any hedge, quotes of one claim from several editions need only one of them kept, and
the publisher's own voice ("according to a CRS review") need not be repeated. ``briefgen check``
runs it on every layer of a dossier (``briefgen.check.lint_layer``); other stages (drafts,
update proposals) call ``lint_text`` as their gate.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, replace

from ..text import sentences
from .keep import Demand, required, unkept
from .read import Marker, Sentence, _content, _segments, _weight, names, phrase_scope, quoted_term, read_sentence, read_text, stem
from .vocabulary import KINDS, vocabulary

__all__ = ["KINDS", "Finding", "framing_sentences", "lint_text", "shorten", "vocabulary"]


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


def _similarity(a: Sentence, b: Sentence) -> int:
    return sum(_weight(w) for w in a.stems & b.stems)


def _aligned(layer: list[Sentence], quotes: list[Sentence]) -> tuple[dict[int, list[Sentence]], dict[int, int]]:
    """For each quote sentence (by id), the layer sentences that restate it; and for each layer
    sentence (by id), the quote sentence (by id) it shares the most words with. A layer sentence restates the quote
    sentences it shares the most words with (at least 3/4 of its best match and
    ``restated_score``; a sentence of two content words, one of them), and those it shares
    ``restated_score`` words with that its best match lacks (a sentence that merges two quotes).
    A sentence its best match says almost all of (a summary that is the report's sentence) is not
    held to its paragraph's other sentences."""
    voc = vocabulary()
    out: dict[int, list[Sentence]] = {id(q): [] for q in quotes}
    tops: dict[int, int] = {}
    for sentence in layer:
        scores = [_similarity(sentence, q) for q in quotes]
        best = max(scores, default=0)
        if len(sentence.stems) < 2 or best < min(voc.restated_score, len(sentence.stems) // 2):
            continue  # "Lebanon." (a heading) restates nothing
        top = quotes[scores.index(best)]
        covered = len(sentence.stems & top.stems) >= 0.9 * len(sentence.stems)
        out[id(top)].append(sentence)
        tops[id(sentence)] = id(top)
        for q, score in zip(quotes, scores):
            own = sum(_weight(w) for w in (q.stems & sentence.stems) - top.stems)
            if q is not top and (score >= 0.75 * best and not covered or score == best or own >= voc.restated_score):
                out[id(q)].append(sentence)
    return out, tops


def _dropped(layer: list[Sentence], quotes: list[Sentence], aligned: dict[int, list[Sentence]],
             tops: dict[int, int], own=()) -> list[Finding]:
    """Markers each layer sentence drops from the quote sentences it restates (``keep``)."""
    out: list[Finding] = []
    claims = _claims(quotes)
    for sentence in layer:
        demands: list[Demand] = []
        for claim in claims:
            options = []
            for q in claim:
                is_aligned = any(s is sentence for s in aligned[id(q)])
                top = tops.get(id(sentence)) == id(q)
                found = [Demand(q, m) for m in q.markers
                         if m.group.drops and required(q, m, sentence, is_aligned, top, own)]
                if is_aligned or found:  # an edition the sentence does not restate is no way out
                    options.append(found)
            if options:
                demands.extend(min(options, key=lambda ds: len(unkept(sentence, ds))))
        out.extend(Finding(d.marker.group.kind, d.marker.words, d.quote.text) for d in unkept(sentence, demands))
    for claim in claims:
        out.extend(min((_reversed(aligned[id(q)], q) for q in claim), key=len))
    return out


_QUOTED = re.compile(r"“([^”]+)”")


def _misquoted(text: str, quotes: list[Sentence]) -> list[Finding]:
    """Words a layer puts in quotation marks are the report's own: a quoted phrase that is a
    quote's passage with a marker taken out ("“has overcome”" for "has not overcome") drops it."""
    out = []
    for m in _QUOTED.finditer(text):
        words = [t.text for t in read_sentence(m.group(1)).tokens if not t.boundary]
        if not words or any(_occurs(words, [t.text for t in q.tokens if not t.boundary]) for q in quotes):
            continue
        for q in quotes:
            for marker in q.markers:
                if not marker.group.drops:
                    continue
                kept = [t.text for i, t in enumerate(q.tokens) if not t.boundary and not marker.start <= i < marker.end]
                cut = sum(1 for t in q.tokens[:marker.start] if not t.boundary)
                at = _occurs(words, kept)
                if at is not None and at < cut < at + len(words):
                    out.append(Finding(marker.group.kind, marker.words, q.text))
    return out


def _occurs(words: list[str], tokens: list[str]) -> int | None:
    """Where ``words`` occur together in ``tokens``, or None."""
    n = len(words)
    return next((i for i in range(len(tokens) - n + 1) if tokens[i:i + n] == words), None)


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
            return any(m.group.kind == "hedge" and m.group.scope != "noun" and a <= m.start < b
                       for m in sentence.markers)  # "numerous" qualifies a noun, not the claim
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
            if group.kept_by == "kind" and any(m.group.kind == group.kind and m.group.kept_by == "kind"
                                               for q in quotes for m in q.markers):
                continue  # "non-binding" in the quote, "does not bind" in the layer
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


def lint_text(text: str, quotes, keeps=(), context=(), include_exempt: bool = False, *,
              own: tuple[str, ...] = ()) -> list[Finding]:
    """Findings for ``text`` against the ``quotes`` it rests on.

    ``keeps``: kinds a reviewer exempted for this text (``keeps: [hedge]``); their findings are
    returned marked ``exempt`` only with ``include_exempt``. ``context``: other sentences of the
    report; only their framing attributions ("what they describe as X") are checked, so that a
    text naming X as fact is caught even when its own quotes do not frame X. ``own``: the
    publisher's names ("Congressional Research Service", "CRS"): "according to a CRS review" is
    the report's own voice, which the whole brief carries, so a layer need not repeat it."""
    layer = read_text(text)
    quote_sentences = [read_sentence(s) for q in quotes for s in sentences(q)]
    findings: list[Finding] = []
    aligned, tops = _aligned(layer, quote_sentences)
    own_names = tuple(tuple(t.text for t in read_sentence(name).tokens if not t.boundary) for name in own if name)
    findings.extend(_dropped(layer, quote_sentences, aligned, tops, own_names))
    findings.extend(_misquoted(text, quote_sentences))
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
            # another sentence's quoted term is named by all its words: "oil and gas facilities"
            # does not name what EPA describes as "other oil and gas combustion facilities"
            share = 1.0 if quoted_term(ctx, marker) else None
            for sentence in layer:
                if names(framed, sentence, share) and not sentence.has(vocabulary().pool(marker.group)):
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

