"""Plain-language drafts: a quoted sentence as short sentences for the public.

From the quote, in order (data: ``briefgen/data/plainwords.yaml``, documented in docs/drafts.md):

1. Drop parentheticals and dashed asides (an abbreviation's definition, a citation, a cross-reference).
2. Cut the sentence at commas, semicolons and colons (``clauses.segments``) and give each clause
   that can stand alone a sentence of its own, started so that it still says how it relates to
   the one before: ", which could affect …" -> "This could affect …"; ", when …" -> "That was
   when …"; ", including …" at the end -> "Examples include …"; "Although X, Y" -> "X. Still, Y";
   ", but has not overcome …" -> "But it has not overcome …" (the pronoun as the parser reads
   the subject: singular "it", plural "they"). A clause that cannot stand alone stays where it is.
3. Move "according to …" to the front of its sentence.
4. Replace words of the plain-word list (an entry may be limited to a part of speech, as the
   parser reads it), and spell every glossary abbreviation out.
5. A sentence still longer than ``MAX_WORDS`` is shortened by the headline drafter's cuts (no
   hedge, attribution or negation is ever cut).

Every number, date, name, hedge and attribution of the kept clauses stays as the quote has it.
When the split cannot be made, the fallback is one sentence: the main clause, shortened. The
gates (``gates``) decide whether either is written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import word_count
from .clauses import Cut, asides, segments, tidy, words
from ..readability import reading
from .headline import Attempt, shorten
from .parse import parse
from .plainwords import POS, data

MAX_WORDS = 15
CUTS = (0, 1)  # a plain draft may lose relative clauses and adverbs, never a noun's or verb's phrase
_PRONOUN_START = {"it", "they", "he", "she", "we", "this", "these", "those", "the", "a", "an", "its", "their"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _low(text: str) -> str:
    """Lower-case a sentence's first word when it is a function word ("The", "In"), never a name."""
    from ..wording import vocabulary

    first = text.split(" ", 1)[0]
    common = vocabulary().ignore | set(data()["clauses"]["prepositions"]) | {"some", "many", "most", "all", "no"}
    if first.lower() not in common:
        return text
    return text[:1].lower() + text[1:]


def _present(ing: str) -> str | None:
    """``increasing`` -> ``increases``: a participle as a present-tense verb (None if unsure)."""
    if not ing.endswith("ing") or len(ing) < 6:
        return None
    stem = ing[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "slz":
        stem = stem[:-1]  # running -> run
    elif re.search(r"(?:[^aeiou][aeiou][bcdgkmnprtvz]|[sczvg]|[^aeiou]l)$", stem) and not stem.endswith(("ss", "ng", "rs")):
        stem += "e"  # increasing -> increase, resembling -> resemble, making -> make
    if stem.endswith(("s", "x", "z", "ch", "sh")):
        return stem + "es"
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        return stem[:-1] + "ies"
    return stem + "s"


def _rest(text: str, lead: str) -> str:
    """``text`` without its first ``lead`` words."""
    n = len(lead.split())
    return text.split(None, n)[n] if len(text.split()) > n else ""


def _lead(text: str, phrases) -> str | None:
    head = " ".join(re.findall(r"[\w’']+", text.lower())[:4]) + " "
    return next((p for p in sorted(phrases, key=len, reverse=True) if head.startswith(p + " ")), None)


def _pronoun(clause: str) -> str | None:
    p = parse(clause)
    if p is None or p.subject is None:
        return None
    for a, b, label in p.links:
        if a == p.subject and label.startswith("S"):
            return "it" if label.startswith("Ss") else "they" if label.startswith("Sp") else None
    return None


def _stands_alone(clause: str) -> bool:
    p = parse(clause)
    return p is not None and p.verb is not None and p.subject is not None and p.nulls == 0


def split(quote: str) -> list[str]:
    """The quote as sentences (before plain words and spelling out)."""
    c = data()["clauses"]
    d = data()
    cut = Cut(quote)
    for a, b in asides(quote):
        cut.delete(a, b)
    segs = segments(cut)
    out: list[str] = []
    current: list[str] = []  # pieces of the sentence being built
    lead_in = ""  # words that start the next main clause ("Still,")
    opener = ""
    attribution = ""

    after_core: list[str] = []  # an opener too long to lead its sentence follows it

    def close():
        nonlocal current, attribution
        if current:
            sentence = ", ".join(current)
            if attribution:
                sentence = f"{_cap(attribution)}, {_low(sentence)}"
                attribution = ""
            out.append(sentence)
            out.extend(after_core)
            after_core.clear()
        current = []

    for i, seg in enumerate(segs):
        text = seg.text.rstrip(".")
        last = all(s.kind == "attribution" for s in segs[i + 1:])
        if seg.kind == "opener":
            opener = f"{opener}, {text}" if opener else text
            continue
        if seg.kind == "core":
            body = f"{opener}, {_low(text)}" if opener else text
            if opener and word_count(body) > MAX_WORDS and _lead(opener, c["prepositions"]):
                body = text  # "In the wake of …, X has grown" -> "X has grown. This was in the wake of …"
                after_core.append(f"{d['restart']['opener']} {_low(opener)}")
            if current:  # a clause before it that could not stand alone ("Where frictions may arise")
                body = ", ".join(current + [_low(body)])
            opener = ""
            if lead_in:
                body = f"{lead_in} {_low(body)}"
                lead_in = ""
            current = [body]
            continue
        if seg.kind == "attribution":
            if _lead(text, c["attribution"]):
                attribution = text
            else:
                current.append(text)
            continue
        if seg.kind == "list" or not current and seg.kind != "dependent":
            (current.append(text) if current else current.extend([text]))
            continue
        if seg.kind == "conjunct":
            word = text.split()[0].lower()
            rest = _rest(text, word)
            start = d["joined"].get(word)
            if start is None or not rest:
                current.append(text)
                continue
            if _stands_alone(rest):
                close()
                current = [f"{start} {_low(rest)}".strip()]
                continue
            pronoun = _pronoun(", ".join(current)) if current else None
            if pronoun and _stands_alone(f"{pronoun} {rest}"):
                close()
                current = [_cap(f"{start} {pronoun} {rest}".strip())]
                continue
            current.append(text)
            continue
        # dependent clauses
        example = _lead(text, c["examples"])
        relative = _lead(text, c["relative"])
        subordinate = _lead(text, c["subordinate"])
        first = text.split()[0]
        if example:
            if last and current:
                close()
                current = [f"{d['restart']['examples']} {_rest(text, example)}"]
            continue  # an example inside a clause goes
        if relative == "which" and current:
            rest = _rest(text, "which")
            if rest and rest.split()[0].lower() not in _PRONOUN_START and _stands_alone(f"This {rest}"):
                close()
                current = [f"{d['restart']['relative']} {rest}"]
                continue
            current.append(text)
            continue
        if first.endswith("ing") and first[:1].islower() and current:
            verb = _present(first)
            rest = _rest(text, first)
            if verb and _stands_alone(f"This {verb} {rest}".strip()):
                close()
                current = [f"This {verb} {rest}".strip()]
                continue
            current.append(text)
            continue
        if subordinate and not current and subordinate in d["before"]:
            out_sentence = _rest(text, subordinate)
            if _stands_alone(out_sentence):
                out.append(_cap(out_sentence))
                lead_in = d["before"][subordinate]
                continue
        if subordinate and current and subordinate in d["after"]:
            rest = _rest(text, subordinate)
            if _stands_alone(rest):
                close()
                current = [f"{d['after'][subordinate]} {rest}"]
                continue
        if current:
            current.append(text)
        else:
            current = [text]
    close()
    return [_end(_cap(tidy(s))) for s in out if words(s)]


def _end(sentence: str) -> str:
    """A sentence with one final stop ("… to space.”" keeps its own)."""
    if re.search(r"[.!?][”\"’']?$", sentence):
        return sentence
    return sentence.rstrip(".") + "."


@lru_cache(maxsize=1)
def _plain_pattern() -> re.Pattern:
    phrases = sorted(data()["words"], key=lambda k: -len(k.split()))
    return re.compile(r"(?<![\w’'-])(" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in phrases)
                      + r")(?![\w’'-])", re.IGNORECASE)


def plain_words(sentence: str) -> str:
    """Replace the plain-word list's words (the part of speech as the parser reads it)."""
    table = data()["words"]
    pos_at: dict[int, str] | None = None  # parsed only when an entry asks for a part of speech
    out, pos = [], 0
    for m in _plain_pattern().finditer(sentence):
        found = m.group(1)
        if found[:1].isupper() and m.start() > 0:
            continue  # a name ("Numerous Acts")
        plain, want = table[" ".join(found.lower().split())]
        if want:
            if pos_at is None:
                p = parse(sentence)
                pos_at = {leaf.start: leaf.pos for leaf in p.leaves} if p is not None else {}
            if m.start() not in pos_at or (POS[want] and pos_at[m.start()] != POS[want]):
                continue
        if found[:1].isupper():
            plain = _cap(plain)
        out.append(sentence[pos:m.start()])
        out.append(plain)
        pos = m.end()
    out.append(sentence[pos:])
    return "".join(out)


HOPELESS = 1.5  # grades above the limit past which the main clause is not split or cut at all
SHORT_SENTENCE = 8  # words: the grade the main clause would read at, split into sentences this short


def _main_grade(quote: str, spell) -> float:
    """About the lowest grade the quote's main clause could read at as plain sentences: its
    Flesch-Kincaid grade with sentences of ``SHORT_SENTENCE`` words (its words and syllables as
    they are: cutting adverbs barely changes them). No parse is needed."""
    cut = Cut(quote)
    for a, b in asides(quote):
        cut.delete(a, b)
    core = next((s.text for s in segments(cut) if s.kind == "core"), None)
    if core is None:
        return 0.0
    measured = reading(_finish(_end(_cap(tidy(core))), spell))
    return measured.grade - 0.39 * max(0.0, measured.words_per_sentence - SHORT_SENTENCE)


def _fits(limit: float):
    return lambda text: word_count(text) <= MAX_WORDS and reading(text).grade <= limit


def _finish(sentence: str, spell) -> str:
    sentence = plain_words(sentence)
    return spell(sentence) if spell is not None else sentence


def plain(quote: str, spell=None, grade: float = 8.0) -> Attempt:
    """A plain-language draft of ``quote``: short sentences, plain words, abbreviations spelled
    out (``spell``: the dossier's ``Expander`` in spell-out mode, or None), each sentence at most
    ``MAX_WORDS`` words and reading at ``grade`` or below (cut further where it does not; a
    sentence after the first that cannot be cut to fit is left out, a whole clause)."""
    hopeless = _main_grade(quote, spell)
    if hopeless > grade + HOPELESS:  # cutting adverbs and relative clauses never gains this much
        return Attempt(None, f"its main clause reads at grade {hopeless:.1f} (limit {grade:g})")
    sentences = split(quote)
    if not sentences:
        return Attempt(None, "no clause found")
    done = []
    for i, s in enumerate(sentences):
        s = _finish(s, spell)
        if not _fits(grade)(s):
            if word_count(s) <= MAX_WORDS:  # short enough: an adverb less would not make it plain
                if i == 0:
                    return Attempt(None, f"its main sentence reads at grade {reading(s).grade:.1f} (limit {grade:g})")
                continue
            short = shorten(s, _fits(grade), f"no cut of it reads at grade {grade:g} in {MAX_WORDS} words",
                            ranks=CUTS, end=".")
            if short.text is None:
                if i == 0:
                    return Attempt(None, f"its main sentence: {short.reason}")
                continue
            s = short.text
        done.append(s)
    return Attempt(" ".join(done))


__all__ = ["MAX_WORDS", "plain", "plain_words", "split"]
