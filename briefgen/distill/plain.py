"""Plain-language drafts: a quoted sentence as short sentences for the public.

From the quote, in order (data: ``briefgen/data/plainwords.yaml``, documented in docs/drafts.md):

1. Drop what is not the claim (``prepared``): a citation or an abbreviation's definition in
   brackets ("(HAVA; P.L. 107-252)", "(see Figure 1)"), and an aside that holds no number and no
   name; an aside that does ("(1876 and 1976)") stays, its citations dropped.
2. Cut the sentence at commas, semicolons and colons (``clauses.segments``) and give each clause
   that can stand alone a sentence of its own, started so that it still says how it relates to
   the one before: ", which could affect …" -> "This could affect …"; ", when …" -> "That was
   when …"; ", including …" at the end -> "Examples include …"; "Although X, Y" -> "X. Still, Y";
   ", but has not overcome …" -> "But it has not overcome …" (the pronoun as the parser reads
   the subject: singular "it", plural "they"). A clause joins the one before it only when that
   one is a clause itself (a subject list "States, territories, and localities have …" is not
   cut). A clause that cannot stand alone stays where it is; a list after a colon stays too.
3. A sentence still longer than ``MAX_WORDS`` is cut where its parse allows (``resplit``):
   coordinated verbs ("… and requires …" -> ". It also requires …") and a relative clause on a
   noun with "a" or "an" (". This program was designed …").
4. Move "according to …" to the front of its sentence.
5. Replace words of the plain-word list (an entry may be limited to a part of speech, as the
   parser reads it), and spell every glossary abbreviation out.
6. A sentence still longer than ``MAX_WORDS`` is shortened by the headline drafter's cuts
   (relative clauses and adverbs only; no hedge, attribution or negation is ever cut).

Every number, date, name, hedge and attribution of the quote (step 1 aside) stays as the quote
has it: the gates check it (``gates.keeps``, the wording lint). The reading grade is checked over
the dossier's whole public layer (``drafting.layer_gate``); a single draft may read at most
``limits.draft_grade_over`` grades above the layer's limit.
"""

from __future__ import annotations

import re

from ..compose.readability import reading
from ..text import word_count
from .clauses import Cut, aside_parts, asides, segments, tidy, words
from .headline import Attempt, shorten
from .parse import parse
from .plainwords import data, plain_words
from .resplit import pronoun, resplit, stands_alone

MAX_WORDS = 15
CUTS = (1,)  # what a plain draft may lose to fit (prune.RANKS): an adverb (never a hedge), nothing that carries the claim
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
    from .resplit import bare

    return pronoun(parse(bare(clause)[0]))


_stands_alone = stands_alone


def _tense_of(clause: str) -> str | None:
    from .resplit import bare, tense

    p = parse(bare(clause)[0])
    return tense(p) if p is not None and p.verb is not None else None


def _is_clause(pieces: list[str]) -> bool:
    """Whether the sentence being built is a clause (a subject and a verb) that a joined clause
    may follow as a sentence of its own ("States, territories" is not: "and localities have …"
    is its subject's last item)."""
    return bool(pieces) and stands_alone(", ".join(pieces))


_IRREGULAR = {"known", "made", "held", "set", "led", "built", "taken", "given", "seen", "found", "paid", "sent",
              "spent", "chosen", "written", "brought", "bought", "begun", "done", "drawn", "grown", "shown", "won"}


def _participle(text: str) -> bool:
    """A segment that starts with a past participle (", established under …", ", known as …")."""
    first = text.split(" ", 1)[0]
    if not first[:1].islower():
        return False
    return (first.endswith("ed") and len(first) > 4) or first in _IRREGULAR


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _when(opener: str) -> bool:
    """An opener that says when ("In August 2022", "In the wake of …"): one that can follow its
    clause as "This was in August 2022." ("For Category I banks" cannot)."""
    low = opener.lower()
    return bool(_lead(opener, data()["clauses"]["when"])) and (
        bool(re.search(r"\d", opener)) or any(m in low for m in _MONTHS) or low.startswith("in the wake of"))


_FACT = re.compile(r"\d|(?<![\w’'])[A-Z]")


def prepared(quote: str) -> Cut:
    """The quote without what a plain draft leaves out (step 1): brackets that cite or define,
    asides with no number and no name."""
    cut = Cut(quote)
    for a, b in asides(quote):
        text = quote[a:b]
        parts = aside_parts(text)
        if not any(kind == "content" and _FACT.search(text[x:y]) for x, y, kind in parts):
            cut.delete(a, b)
            continue
        for x, y, kind in parts:
            if kind != "content":
                piece = text[x:y]
                cut.delete(a + x + len(piece) - len(piece.lstrip(" ([—–-")),
                           a + y - (len(piece) - len(piece.rstrip(" )]—–-"))))
    return cut


def split(quote: str) -> list[str]:
    """The quote as sentences (before plain words and spelling out)."""
    c = data()["clauses"]
    d = data()
    segs = segments(prepared(quote))
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
            if opener and word_count(body) > MAX_WORDS and _when(opener):
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
        after_colon = i > 0 and segs[i - 1].sep == ":"
        if seg.kind == "list" and not after_colon and _participle(text) and _is_clause(current):
            # ", established under X" -> "It was established under X."
            subject = _pronoun(", ".join(current))
            restart = d["resplit"]["it was"] if subject == "it" else d["resplit"]["they were"] if subject == "they" else ""
            if restart and _stands_alone(f"{restart} {text}"):
                close()
                current = [f"{restart} {text}"]
                continue
        if seg.kind == "list" and not after_colon and last and text.split(" ", 1)[0].lower() in ("a", "an", "the") \
                and _is_clause(current) and word_count(", ".join(current + [text])) > MAX_WORDS:
            # "…, the first new operation since 2002." -> "This was the first new operation since 2002."
            tense = _tense_of(", ".join(current))
            restart = d["resplit"]["this was"] if tense == "past" else d["resplit"]["this is"] if tense else ""
            if restart and _stands_alone(f"{restart} {_low(text)}"):
                close()
                current = [f"{restart} {_low(text)}"]
                continue
        if seg.kind == "list" or after_colon or not current and seg.kind != "dependent":
            (current.append(text) if current else current.extend([text]))
            continue
        if seg.kind == "conjunct" and i > 0 and segs[i - 1].kind == "list":
            current.append(text)  # "…, facilities, and processes used to …": a list's last item
            continue
        if seg.kind == "conjunct":
            word = text.split()[0].lower()
            rest = _rest(text, word)
            start = d["joined"].get(word)
            if start is None or not rest or not _is_clause(current):
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
            elif _FACT.search(_rest(text, example)) and current:
                current.append(text)  # an example with a number or a name stays where it is
            continue  # an example inside a clause, with neither, goes
        if relative == "which" and current:
            rest = _rest(text, "which")
            if rest and rest.split()[0].lower() not in _PRONOUN_START and _stands_alone(f"This {rest}"):
                close()
                current = [f"{d['restart']['relative']} {rest}"]
                continue
            current.append(text)
            continue
        if first.endswith("ing") and first[:1].islower() and _is_clause(current):
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
    done = [_end(_cap(tidy(s))) for s in out if words(s)]
    return [piece for s in done for piece in resplit(s, MAX_WORDS)]


def _end(sentence: str) -> str:
    """A sentence with one final stop ("… to space.”" keeps its own)."""
    if re.search(r"[.!?][”\"’']?$", sentence):
        return sentence
    return sentence.rstrip(".") + "."


_ADVERB = re.compile(r"\b(?:\w+ly|also|still|often|then|now|thus|further|even|again|already|soon|once)\b", re.IGNORECASE)
HOPELESS = 1.5  # grades above a draft's ceiling past which the main clause is not split or cut at all
SHORT_SENTENCE = 8  # words: the grade the main clause would read at, split into sentences this short


def _main_grade(quote: str, spell) -> float:
    """About the lowest grade the quote's main clause could read at as plain sentences: its
    Flesch-Kincaid grade with sentences of ``SHORT_SENTENCE`` words (its words and syllables as
    they are). No parse is needed."""
    core = next((s.text for s in segments(prepared(quote)) if s.kind == "core"), None)
    if core is None:
        return 0.0
    measured = reading(_finish(_end(_cap(tidy(core))), spell))
    return measured.grade - 0.39 * max(0.0, measured.words_per_sentence - SHORT_SENTENCE)


SLACK = 3  # words a stretch may exceed MAX_WORDS by and still fit (a multi-word phrase made one word, an adverb cut)


def _longest_stretch(quote: str, spell) -> int:
    """The most words between two places a plain draft may cut the quote (a comma, semicolon or
    colon, "and", "but", a relative pronoun, a preposition of a phrase that says when or how),
    abbreviations spelled out: a sentence at least that long is left however it is split."""
    from .resplit import stretches

    text = prepared(quote).text()
    if spell is not None:
        text = spell(text)
    return max(stretches(text), default=0)


def _finish(sentence: str, spell) -> str:
    sentence = plain_words(sentence)
    return spell(sentence) if spell is not None else sentence


def ceiling(grade: float) -> float:
    """The grade a single plain draft may read at, for a layer whose limit is ``grade``."""
    return grade + data()["limits"]["draft_grade_over"]


def plain(quote: str, spell=None, grade: float = 8.0) -> Attempt:
    """A plain-language draft of ``quote``: short sentences, plain words, abbreviations spelled
    out (``spell``: the dossier's ``Expander`` in spell-out mode, or None), each sentence at most
    ``MAX_WORDS`` words (a longer one loses relative clauses and adverbs until it fits, or there
    is no draft), the whole reading at ``ceiling(grade)`` or below (the public layer, drafts and
    a person's text together, must read at ``grade``: ``drafting.layer_gate``)."""
    top = ceiling(grade)
    stretch = _longest_stretch(quote, spell)
    if stretch > MAX_WORDS + SLACK:  # no parse for a draft no cut can bring to MAX_WORDS a sentence
        return Attempt(None, f"a sentence of {stretch} words or more: no cut of it fits in {MAX_WORDS} words")
    hopeless = _main_grade(quote, spell)
    if hopeless > top + HOPELESS:  # splitting and cutting adverbs never gains this much
        return Attempt(None, f"its main clause reads at grade {hopeless:.1f} (a draft at most {top:g})")
    sentences = split(quote)
    if not sentences:
        return Attempt(None, "no clause found")
    finished = [_finish(s, spell) for s in sentences]
    for s in finished:  # no parse for a draft that cannot fit: cutting every adverb would still leave too many words
        if word_count(s) - len(_ADVERB.findall(s)) > MAX_WORDS:
            return Attempt(None, f"a sentence of {word_count(s)} words: no cut of it fits in {MAX_WORDS} words (“{s}”)")
    done = []
    for s in finished:
        if word_count(s) > MAX_WORDS:
            short = shorten(s, lambda text: word_count(text) <= MAX_WORDS,
                            f"no cut of it fits in {MAX_WORDS} words", ranks=CUTS, end=".", keep_facts=True)
            if short.text is None:
                return Attempt(None, f"a sentence of {word_count(s)} words: {short.reason} (“{s}”)")
            s = short.text
        done.append(s)
    text = " ".join(done)
    measured = reading(text).grade
    if measured > top:
        return Attempt(None, f"reads at grade {measured:.1f} (a draft at most {top:g})")
    return Attempt(text)


__all__ = ["MAX_WORDS", "ceiling", "plain", "plain_words", "prepared", "split"]
