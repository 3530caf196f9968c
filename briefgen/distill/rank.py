"""Candidate key points, ranked by evidence a reader would accept.

A sentence scores for being the lead of a section or of a paragraph, for the report's opening,
for carrying dates, numbers and named actors, and for being said again elsewhere in the report
(a summary the body repeats). Cross-references ("See CRS In Focus …"), questions and fragments
never become items. Each paragraph gives at most a few candidates, so a draft is a selection —
a report of S sentences gives about 3.5·√S items (a two-page In Focus about 16, a 40-page
report about 100), never every sentence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..ingest.rules import MONTHS
from ..text import sentences as one_sentence
from .dates import mentions
from .sentences import Paragraph, Sentence, ends_sentence, is_boilerplate, is_cross_reference, tabular  # noqa: F401

_NUMBER = re.compile(r"(?<![\w.])(?:\$\s?)?\d[\d,.]*(?:\s?(?:%|percent|million|billion|trillion))?")
_NAME = re.compile(r"(?<![\w’'])(?:(?:[A-Z]\.){2,}|[A-Z][a-z’'-]+|[A-Z]{2,}[a-z]?)"
                   r"(?:\s+(?:of\s+|the\s+)?(?:[A-Z][a-z’'-]+|[A-Z]{2,}))*")


@dataclass
class Candidate:
    sentence: Sentence
    paragraph: Paragraph
    score: float
    reasons: list[str] = field(default_factory=list)


_NOT_ACTORS = {"the", "in", "a", "an", "since", "this", "that", "these", "both", "where", "although",
               "many", "some", "its", "their", "it", "they", "as", "at", "on", "for", "by", "from", "after",
               "before", "while", "when", "if", "but", "and", "or", "see", "according", *MONTHS}
_JUDGMENT = re.compile(r"\b(?:not|never|no longer|falls? short|however|but|although|though|despite|"
                       r"remains?|appears?|seems?|likely|unlikely|may|might|could|concern\w*)\b", re.IGNORECASE)


def _actors(sentence: Sentence) -> set[str]:
    """Named actors: capitalised names and acronyms, not sentence openers or months."""
    names = set()
    for m in _NAME.finditer(sentence.text):
        words = m.group(0).split()
        if m.start() == 0 and len(words) == 1 and words[0].isalpha() and not words[0].isupper():
            continue  # the sentence's first word is capitalised anyway ("Building on …")
        while words and words[0].lower().rstrip(".") in _NOT_ACTORS:
            words = words[1:]
        name = re.sub(r"(?:[’']s|\.)$", "", " ".join(words))
        if len(name) > 1 and name.lower() not in _NOT_ACTORS:
            names.add(name)
    return names


_METHOD = re.compile(r"^(?:This|The|In this)\s+(?:report|In Focus|Insight|Sidebar|Legal Sidebar|product|section|"
                     r"analysis|primer|overview)\b|^(?:Table|Figure|Appendix)\s+[A-Z]?-?\d+\b|^(?:This|These)\s+"
                     r"(?:discussion|sections?|pages)\b|\b(?:(?:is|are)\s+discussed\s+(?:below|later)|"
                     r"see\s+(?:the\s+)?(?:text box|box|appendix))\b", re.IGNORECASE)
_DEFINITION = re.compile(r"^[^,;]{3,80}?\s(?:is|are)\s+(?:one of|a|an|the|defined as|known as)\b|"
                         r"\brefers? to\b|\bis defined\b|\bmeans\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\bwould (?:have\s+)?(?:\w+ed|\w+en|amend|require|provide|establish|prohibit|"
                           r"direct|authorize|create|allow|make|extend|repeal)\b", re.IGNORECASE)
_ACTION = re.compile(r"\b(?:vacated|ruled|held|issued|announced|released|signed|enacted|proposed|finalized|"
                     r"launched|denied|approved|adopted|agreed|reached|imposed|awarded|filed|rejected|struck down|"
                     r"upheld|reinstated|blocked|terminated|suspended|resumed|withdrew|invited|declared|ordered|"
                     r"concluded|determined|found|assessed|estimated|reported|testified)\b", re.IGNORECASE)
_EXAMPLE = re.compile(r"^(?:for (?:example|instance)|as an example|e\.g\.),?\s", re.IGNORECASE)
_LABEL = re.compile(r"^(?:[•▪◦●‣∙·]\s*)?([A-Z][\w&’',-]*(?:\s+(?:[A-Z&][\w&’',-]*|of|and|the|in|for|on|to)){0,6}):\s+(?=[A-Z])")
NEWS_SERIES = ("Insight", "Legal Sidebar")
OPENING_REPORT = 3.0  # the opening section of a Report weighs this much more
# A Report states its findings early (CRS's summary page restates its introduction), so its
# sentences gain LEAD_WEIGHT * exp(-n / LEAD_SPAN) by their place n in the body. The weights were
# set on the development Reports of the real-report corpus (tests/bench_judgment.py); anywhere in
# CENTRAL 6, LEAD_WEIGHT 6-10, LEAD_SPAN 20-80 the ROUGE-2 mean stays within 0.280-0.288.
CENTRAL = 6.0  # weight of a sentence's centrality (its words used across the report)
LEAD_WEIGHT = 8.0
LEAD_SPAN = 40.0


def section_label(text: str) -> str:
    """A key point's leading section label ("Criminal Law & Procedure: A divided Second Circuit
    held …"), or "" when it has none."""
    m = _LABEL.match(text)
    return m.group(0) if m and not re.search(r"\b(?:said|says|stated|noted)\b", m.group(1)) else ""


def score(paragraphs: list[Paragraph], series: str | None = None, today=None) -> list[Candidate]:
    """Every sentence that could be a key point, scored by what the report itself says matters:
    its opening and the first sentences of its sections; for an Insight or a Legal Sidebar, its
    newest developments (the latest-dated acts, near the report's date); judgments and findings
    over definitions, methods and what a bill would have done."""
    from .events import sentence_event

    sentences = [s for p in paragraphs for s in p.sentences]
    shingles = _shingle_index(sentences)
    # Names in most sentences are the report's subject, not evidence of a point.
    seen: dict[str, int] = {}
    for s in sentences:
        for name in _actors(s):
            seen[name] = seen.get(name, 0) + 1
    common = {n for n, k in seen.items() if len(sentences) >= 5 and k > 0.3 * len(sentences)}
    opening = paragraphs[0].sentences[0].section_index if paragraphs and paragraphs[0].sentences else 0
    first_paragraph = next((p.index for p in paragraphs if p.sentences and len(p.sentences[0].text.split()) >= 8), 0)
    news = series in NEWS_SERIES
    central = _centrality(sentences)
    order = {x.index: i for i, x in enumerate(sentences)}
    out: list[Candidate] = []
    for p in paragraphs:
        for s in p.sentences:
            text = s.text[len(section_label(s.text)):]
            if is_cross_reference(text) or len(text.split()) < 7 or text.rstrip().endswith("?") or tabular(text):
                continue
            if not ends_sentence(text) or is_boilerplate(text, None):  # a byline, a label, standing text
                continue
            if len(one_sentence(text)) != 1:  # the schema's splitter must agree: summary is one sentence
                continue
            c = Candidate(s, p, 0.0)
            if p.index == first_paragraph and s.position <= 2:
                c.score += 3.0 - 0.5 * s.position
                c.reasons.append("opens the report" if s.position == 0 else "in the report's first paragraph")
            elif s.paragraph_in_section == 0 and s.position == 0:
                c.score += 2.5
                c.reasons.append("leads its section" if s.section else "opens the report")
            elif s.position == 0:
                c.score += 1.5
                c.reasons.append("leads its paragraph")
            if series == "Report" and s.section_index == opening:
                # a Report's introduction is where CRS states its findings (its summary page
                # restates it): more than in the short products
                c.score += (2.0 if s.position == 0 else 1.0) * OPENING_REPORT
                c.reasons.append("in the report's opening")
            elif s.section_index == opening and (s.section is None or s.paragraph_in_section <= 2) \
                    and p.index != first_paragraph:
                c.score += 1.0
                c.reasons.append("in the report's opening")
            elif s.position > 0 and s.position == len(p.sentences) - 1:
                c.score += 0.5
                c.reasons.append("closes its paragraph")
            dates = mentions(text)
            act = sentence_event(text, today.year if today else None, today)
            if act is not None:
                c.score += 1.0
                c.reasons.append(f"reports an act of {act.when}")
                age = _age(act.when, today)
                if news and age is not None and age <= 120:
                    c.score += 3.0 if age <= 60 else 2.0
                    c.reasons.append("a recent development")
            elif dates:
                c.score += 0.5
            numbers = [m.group(0) for m in _NUMBER.finditer(text)
                       if not any(m.start() < d.end and d.start < m.end() for d in dates)]
            if numbers:
                c.score += 1.0
                c.reasons.append("gives " + ", ".join(numbers[:3]))
            actors = _actors(s) - common
            if actors:
                c.score += min(1.5, 0.5 * len(actors))
                c.reasons.append("names " + ", ".join(sorted(actors)[:3]))
            if repeated(s, shingles):
                c.score += 1.5
                c.reasons.append("said again in the report")
            if _JUDGMENT.search(text):
                c.score += 1.0
                c.reasons.append("states a judgment or a limit")
            if _ACTION.search(text):
                c.score += 0.5
            if _METHOD.search(text):
                c.score -= 4.0
                c.reasons.append("describes the report itself")
            elif _HYPOTHETICAL.search(text) and act is None:
                c.score -= 1.5
                c.reasons.append("what a measure would have done")
            elif _DEFINITION.search(text) and not numbers and act is None:
                c.score -= 1.0
                c.reasons.append("a definition or background")
            if series == "Report":  # a long report's themes; a short product's news may be new words
                c.score += CENTRAL * central.get(s.index, 0.0)
                c.score += LEAD_WEIGHT * math.exp(-order[s.index] / LEAD_SPAN)
            if _EXAMPLE.match(text):  # illustrates a point made before it: never the bottom line
                c.score -= 1.5
                c.reasons.append("an example")
            if s.words > 70:
                c.score -= 1.0
            out.append(c)
    return out


_STOPWORDS = frozenset("""a an the and or but of to in on at by for with from as is are was were be been being has have
had do does did that this these those it its their they them he she his her we our you your which who whom
whose what when where why how not no nor so than then there here also such may might can could would will
shall should must into over under about after before between among during through up down out off more most
other some any each all both few many much very same own only just""".split())


def _centrality(sentences: list[Sentence]) -> dict[int, float]:
    """How much of the report a sentence speaks of: the share of its content words (not
    function words) that other sentences of the report use too, weighted by how many do
    (a sentence of the report's main themes scores near 1, a detail near 0)."""
    words = [{w for w in re.findall(r"[a-z][a-z-]+", s.text.lower()) if w not in _STOPWORDS and len(w) > 2}
             for s in sentences]
    df: dict[str, int] = {}
    for ws in words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = max(len(sentences), 1)
    out = {}
    for s, ws in zip(sentences, words):
        if not ws:
            continue
        out[s.index] = sum(min(1.0, (df[w] - 1) / max(3.0, 0.05 * n)) for w in ws) / len(ws)
    return out


def _age(when: str, today) -> int | None:
    """Days from ``when`` (a day, a month or a year) to the report's date."""
    if today is None:
        return None
    parts = [int(x) for x in re.findall(r"\d+", when.split("/")[0])]
    if not parts:
        return None
    from datetime import date

    y, m, d = (parts + [12, 28])[:3] if len(parts) == 1 else (parts + [28])[:3] if len(parts) == 2 else parts[:3]
    try:
        return (today - date(y, m, min(d, 28))).days
    except (ValueError, TypeError):
        return None


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _shingle_index(sentences: list[Sentence]) -> dict[tuple[str, ...], set[int]]:
    index: dict[tuple[str, ...], set[int]] = {}
    for s in sentences:
        for sh in _shingles(s.text):
            index.setdefault(sh, set()).add(s.index)
    return index


def repeated(s: Sentence, index: dict[tuple[str, ...], set[int]]) -> bool:
    """Is ``s`` said again elsewhere: do most of its five-word runs recur in one other sentence?"""
    own = _shingles(s.text)
    if len(own) < 3:
        return False
    counts: dict[int, int] = {}
    for sh in own:
        for other in index.get(sh, ()):
            if other != s.index:
                counts[other] = counts.get(other, 0) + 1
    return bool(counts) and max(counts.values()) >= 0.5 * len(own)


def select(candidates: list[Candidate], sentence_count: int, per_paragraph: int = 3) -> list[Candidate]:
    """The draft's items: the best candidate of each paragraph first, then the next best, up to
    about 3.5·√S in all, best first."""
    limit = max(5, round(3.5 * math.sqrt(max(sentence_count, 1))))
    by_paragraph: dict[int, list[Candidate]] = {}
    for c in sorted(candidates, key=lambda c: (-c.score, c.sentence.index)):
        by_paragraph.setdefault(c.sentence.paragraph, []).append(c)
    chosen: list[Candidate] = []

    def allowance(cs: list[Candidate]) -> int:
        # a long paragraph (a re-post that runs a whole report together) gets one in three sentences
        return max(per_paragraph, math.ceil(len(cs[0].paragraph.sentences) / 3))

    for rank in range(max((allowance(cs) for cs in by_paragraph.values()), default=0)):
        tier = [cs[rank] for cs in by_paragraph.values() if len(cs) > rank and rank < allowance(cs)]
        tier.sort(key=lambda c: (-c.score, c.sentence.index))
        for c in tier:
            if len(chosen) >= limit:
                break
            chosen.append(c)
    return sorted(chosen, key=lambda c: (-c.score, c.sentence.index))


def near_duplicate(a: str, b: str) -> bool:
    """The same claim said twice (a Report's summary page repeats its body, maybe with its drop
    cap's letter lost: "ach year, …"): one holds the other, or most of their five-word runs are
    shared, and they give the same numbers."""
    if sorted(re.findall(r"\d[\d,.]*\d|\d", a)) != sorted(re.findall(r"\d[\d,.]*\d|\d", b)):
        return False  # the same words about other numbers or years: two claims
    ra, rb = (re.sub(r"\W+", "", t.lower()) for t in (a, b))
    if ra and rb and (ra in rb or rb in ra):
        return True
    sa, sb = _shingles(a), _shingles(b)
    return bool(sa and sb) and len(sa & sb) >= 0.6 * min(len(sa), len(sb))


def ranked(paragraphs: list[Paragraph], series: str | None = None, today=None) -> list[Candidate]:
    """The draft's points, best first: the lead (the bottom line's stand-in), then the items.
    Near duplicates and the publisher's standing text are dropped."""
    count = sum(len(p.sentences) for p in paragraphs)
    chosen = select(score(paragraphs, series, today), count + 1)
    out: list[Candidate] = []
    for c in chosen:
        if any(near_duplicate(c.sentence.text, k.sentence.text) for k in out):
            continue
        out.append(c)
    return out


def ranked_points(edition, series: str | None = None, today=None) -> list[Candidate]:
    """``ranked`` for an edition (its series and date from its metadata when not given)."""
    meta = getattr(edition, "meta", None)
    return ranked(edition.paragraphs, series, today if today is not None else getattr(meta, "date", None))
