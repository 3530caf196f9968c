"""The draft stage: machine-drafted headlines and plain-language versions, marked as drafts.

For each candidate item (and the bottom line) the drafters (``headline``, ``plain``) work from the
one sentence of the report the entry rests on; each draft must pass the gates (``gates``) or it is
not written: it is counted and listed with the gate it failed (``DraftLog``).

A written draft is marked in the entry: ``drafted: {headline: <mark>, plain: <mark>}``, the mark a
short hash of the drafted text (``briefgen.content.model.draft_mark``). While the text still matches its
mark the field is a machine draft: ``check`` lists it to review, briefs say "Draft, not reviewed"
and the preview shows it in its own colour. A person's edit no longer matches: the field is theirs.

``add_drafts`` fills the entries ``distill`` builds (plain dicts, before they are written);
``briefgen draft`` (``fill``) fills an existing dossier's empty fields.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field

from ..text import sentences
from .gates import Failure, headline_gate, plain_gate
from .headline import headline
from .parse import available, why_unavailable
from .plain import ceiling, plain


@dataclass
class DraftLog:
    written: list[tuple[str, str]] = field(default_factory=list)  # (entry, layer)
    failed: list[tuple[str, str, Failure]] = field(default_factory=list)  # (entry, layer, why)
    kept: list[tuple[str, str]] = field(default_factory=list)  # a person's text carried over
    later: int = 0  # fields left for ``briefgen draft`` (past the first items)
    seconds: float = 0.0  # wall time of the stage (the workers load the parser while the report is read: ``workers``)

    def count(self, layer: str) -> int:
        return sum(1 for _, lay in self.written if lay == layer)

    def by_gate(self) -> Counter:
        return Counter(f.gate for _, _, f in self.failed)

    def summary(self) -> str:
        gates = ", ".join(f"{g} {n}" for g, n in sorted(self.by_gate().items()))
        parts = [f"drafted {self.count('headline')} headline{'s' * (self.count('headline') != 1)} and "
                 f"{self.count('plain')} plain-language version{'s' * (self.count('plain') != 1)}"
                 + (f" ({self.count('text')} bottom line)" if self.count("text") else "")
                 + " (machine drafts: review them)"]
        if self.failed:
            parts.append(f"{len(self.failed)} not written (failed gate: {gates})")
        if self.later:
            parts.append(f"{self.later} fields of later items left for `briefgen draft`")
        if self.kept:
            parts.append(f"kept {len(self.kept)} field{'s' * (len(self.kept) != 1)} a person wrote")
        return "; ".join(parts)

    def lines(self) -> list[str]:
        return [f"{entry} {layer}: not drafted: {why}" for entry, layer, why in self.failed]


def rests_on(summary: str, quotes: list[str]) -> str:
    """The one sentence of the report an entry rests on: a quote sentence that is its summary,
    else the quote sentence sharing most words with it."""
    candidates = [s for q in quotes for s in sentences(q)] or list(quotes)
    norm = " ".join(summary.split())
    for s in candidates:
        if " ".join(s.split()) == norm:
            return s
    mine = set(re.findall(r"\w+", summary.lower()))
    return max(candidates, key=lambda s: (len(mine & set(re.findall(r"\w+", s.lower()))), -candidates.index(s)))


def draft_headline(sentence: str) -> tuple[str | None, Failure | None]:
    if not available():
        return None, Failure("parse", why_unavailable())
    attempt = headline(sentence)
    if attempt.text is None:
        return None, Failure("parse", attempt.reason)
    failure = headline_gate(attempt.text, sentence)
    return (None, failure) if failure else (attempt.text, None)


def draft_plain(sentence: str, terms: dict[str, str], max_grade: float = 8.0) -> tuple[str | None, Failure | None]:
    if not available():
        return None, Failure("parse", why_unavailable())
    from ..compose.acronyms import Expander

    spell = Expander(terms, "spell-out") if terms else None
    attempt = plain(sentence, spell, max_grade)
    if attempt.text is None:
        gate = "grade" if "grade" in attempt.reason else "length" if attempt.reason.startswith("a sentence of") else "parse"
        return None, Failure(gate, attempt.reason)
    failure = plain_gate(attempt.text, sentence, terms, ceiling(max_grade))
    return (None, failure) if failure else (attempt.text, None)


def layer_gate(done: dict, plains: list[str], fixed: list[str], max_grade: float) -> dict:
    """Refuse, in ``done`` ((kind, sentence) -> (text, failure); returned), the plain drafts the
    public layer cannot take: with a person's plain texts (``fixed``) and the drafts of
    ``plains`` (their sentences, best first), the layer must read at ``max_grade`` or below, as
    ``briefgen check`` measures it. While it does not, the draft whose removal lowers the layer's
    grade most (the later one of a tie) is refused, gate "grade": one long draft at grade 11 weighs
    on the layer more than a three-word one at grade 20, and refusing it first keeps more drafts."""
    from ..compose.readability import counts, grade_of, reading

    kept = [s for s in dict.fromkeys(plains) if done.get(("plain", s), (None,))[0]]
    grades = {s: reading(done[("plain", s)][0]).grade for s in kept}
    # the layer's grade without each draft, from the parts' word, sentence and syllable counts
    # (Flesch-Kincaid is a function of their sums): one reading a round, not one a draft
    parts = {s: counts(done[("plain", s)][0]) for s in kept}
    base = counts(" ".join(fixed))
    while kept:
        layer = reading(" ".join(fixed + [done[("plain", s)][0] for s in kept])).grade
        if layer <= max_grade:
            break
        total = [sum(c) for c in zip(base, *(parts[s] for s in kept))]
        worst = min(reversed(kept), key=lambda s: grade_of(*(t - c for t, c in zip(total, parts[s]))))
        kept.remove(worst)
        done[("plain", worst)] = (None, Failure("grade", f"reads at grade {grades[worst]:.1f}; with it the public "
                                                           f"layer reads at {layer:.1f} (limit {max_grade:g})"))
    return done


def _with(entry: dict, before: str, key: str, value) -> dict:
    """``entry`` with ``key`` set just before the key ``before`` (or at the end)."""
    out = {}
    for k, v in entry.items():
        if k == before and key not in out:
            out[key] = value
        if k != key:
            out[k] = v
    out.setdefault(key, value)
    return out


def mark(entry: dict, layers: dict[str, str]) -> dict:
    """``entry`` with its machine-drafted ``layers`` (layer -> text) marked, before its sources."""
    if not layers:
        return entry
    from ..content.model import draft_mark  # pydantic: imported when a draft is written, not by every distill

    marks = {layer: draft_mark(text) for layer, text in layers.items()}
    entry = _with(entry, "sources", "#drafted", "machine-drafted by briefgen: review; an edit makes a field yours "
                                                "(then delete its line below)")
    return _with(entry, "sources", "drafted", marks)


DISTILL_ITEMS = 12  # distill drafts the items a brief shows first; ``briefgen draft`` does the rest


def _run(job: tuple[str, str], terms: dict[str, str], max_grade: float):
    kind, sentence = job
    return draft_headline(sentence) if kind == "headline" else draft_plain(sentence, terms, max_grade)


def _run_job(args):
    return _run(*args)


def draft_many(jobs: list[tuple[str, str]], terms: dict[str, str], max_grade: float) -> dict:
    """(kind, sentence) -> (text, failure) for every job, ``kind`` "headline" or "plain", drafted
    by the workers (``workers``: the results are the same as one by one)."""
    from . import workers

    unique = list(dict.fromkeys(jobs))
    return dict(zip(unique, workers.run(_run_job, [(job, terms, max_grade) for job in unique])))


def add_drafts(items: list[dict], framing: dict, terms: dict[str, str], max_grade: float = 8.0,
               previous: dict | None = None, limit: int = DISTILL_ITEMS) -> DraftLog:
    """Fill the first ``limit`` of ``items`` (best first) and the bottom line of ``framing`` with
    drafts, in place (the parser takes tens of milliseconds a sentence: distill stays quick).

    ``previous``: a person's text from the dossier being replaced (``persons_text``): kept as it
    is, never drafted over, for every item."""
    log = DraftLog()
    start = time.perf_counter()
    previous = previous or {}
    jobs = []
    for n, item in enumerate(items[:limit]):
        theirs = previous.get(" ".join(item["summary"].split()), {})
        sentence = rests_on(item["summary"], [s["quote"] for s in item["sources"]])
        jobs += [(layer, sentence) for layer in ("headline", "plain") if not theirs.get(layer)]
    bottom = framing.get("bottom_line")
    if bottom is not None:
        theirs = previous.get("bottom_line", {})
        jobs += [(kind, bottom["sources"][0]["quote"]) for kind, layer in (("headline", "text"), ("plain", "plain"))
                 if not theirs.get(layer)]
    done = draft_many(jobs, terms, max_grade)
    fixed = [theirs["plain"] for theirs in previous.values() if theirs.get("plain")]
    from . import workers

    done = workers.call(layer_gate, done, [sentence for kind, sentence in jobs if kind == "plain"], fixed, max_grade)
    for n, item in enumerate(items):
        sentence = rests_on(item["summary"], [s["quote"] for s in item["sources"]])
        label = f"item '{item['id']}'"
        drafted: dict[str, str] = {}
        theirs = previous.get(" ".join(item["summary"].split()), {})
        for layer, after in (("headline", "summary"), ("plain", "sources")):
            if theirs.get(layer):
                items[n] = item = _with(item, after, layer, theirs[layer])
                log.kept.append((label, layer))
                continue
            if n >= limit:
                log.later += 1
                continue
            text, failure = done[(layer, sentence)]
            if text is None:
                log.failed.append((label, layer, failure))
                items[n] = item = _with(item, "sources", f"#no-{layer}", f"no {layer} drafted: {failure}")
                continue
            items[n] = item = _with(item, after, layer, text)
            drafted[layer] = text
            log.written.append((label, layer))
        items[n] = mark(item, drafted)
    bottom = framing.get("bottom_line")
    if bottom is not None:
        sentence = bottom["sources"][0]["quote"]
        drafted = {}
        theirs = previous.get("bottom_line", {})
        for layer, kind in (("text", "headline"), ("plain", "plain")):
            text, failure = (theirs[layer], None) if theirs.get(layer) else done[(kind, sentence)]
            if text is None:
                log.failed.append(("bottom line", layer, failure))
                continue
            bottom = _with(bottom, "sources", layer, text)  # "text" is there already: set in place
            (log.kept if theirs.get(layer) else log.written).append(("bottom line", layer))
            if not theirs.get(layer):
                drafted[layer] = text
        framing["bottom_line"] = bottom
        if drafted:
            bottom["#"] = ("drafted by machine from the report's top-ranked sentence: review the bottom line (text)\n"
                           "and its plain-language version (plain); write yours from it")
            framing["bottom_line"] = mark(bottom, drafted)
    log.seconds = time.perf_counter() - start
    return log


def terms_of(glossary: list[dict], short: str | None = None, publisher: str | None = None) -> dict[str, str]:
    """Abbreviation -> expansion, for spelling out: the glossary's, and the publisher's short name."""
    terms = {g["term"]: g["expansion"] for g in glossary}
    if short and publisher:
        terms.setdefault(short, publisher)
    return terms


def persons_text(folder) -> dict:
    """A person's headlines and plain versions in an existing dossier (by item summary), and its
    bottom line: what ``distill --force`` keeps. Drafts (text still matching its mark) are not
    a person's. A dossier that does not load gives nothing."""
    from ..errors import BriefgenError
    from ..content.load import load_one

    try:
        dossier = load_one(folder)
    except (BriefgenError, OSError):
        return {}
    out: dict = {}
    for item in dossier.items:
        theirs = {layer: getattr(item, layer) for layer in ("headline", "plain")
                  if getattr(item, layer) and not item.is_drafted(layer)}
        if theirs:
            out[" ".join(item.summary.split())] = theirs
    if dossier.bottom_line is not None:
        b = dossier.bottom_line
        out["bottom_line"] = {layer: getattr(b, layer) for layer in ("text", "plain")
                              if getattr(b, layer) and not b.is_drafted(layer)}
        opening = b.sources[0].quote if b.sources else ""
        if out["bottom_line"].get("text") == opening:
            out["bottom_line"].pop("text")  # distill's own stand-in, not a person's
    return out


__all__ = ["DraftLog", "add_drafts", "draft_headline", "draft_plain", "layer_gate", "mark", "persons_text", "rests_on", "terms_of"]
