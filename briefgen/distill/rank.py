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
from .sentences import Paragraph, Sentence, is_cross_reference

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


_ENDS_SENTENCE = re.compile(r"[.!][\"”’)\]]*\s*$")


def ends_sentence(text: str) -> bool:
    """Does ``text`` end like a sentence (a claim), not like a byline, dateline or label?"""
    return bool(_ENDS_SENTENCE.search(text))


def tabular(text: str) -> bool:
    """A table read as one run of text (a PDF table without rules): four or more dates, or
    mostly numbers, in one "sentence". Its words are the report's, but it is no key point."""
    words = text.split()
    numeric = sum(1 for w in words if any(c.isdigit() for c in w))
    return len(mentions(text)) >= 4 or (len(words) >= 15 and numeric > 0.3 * len(words))


def score(paragraphs: list[Paragraph]) -> list[Candidate]:
    sentences = [s for p in paragraphs for s in p.sentences]
    shingles = _shingle_index(sentences)
    # Names in most sentences are the report's subject, not evidence of a point.
    seen: dict[str, int] = {}
    for s in sentences:
        for name in _actors(s):
            seen[name] = seen.get(name, 0) + 1
    common = {n for n, k in seen.items() if len(sentences) >= 5 and k > 0.3 * len(sentences)}
    opening = paragraphs[0].sentences[0].section_index if paragraphs and paragraphs[0].sentences else 0
    out: list[Candidate] = []
    for p in paragraphs:
        for s in p.sentences:
            if is_cross_reference(s.text) or s.words < 7 or s.text.rstrip().endswith("?") or tabular(s.text):
                continue
            if not ends_sentence(s.text):  # a byline ("Kyla H. Kitamura Analyst in …"), a label
                continue
            if len(one_sentence(s.text)) != 1:  # the schema's splitter must agree: summary is one sentence
                continue
            c = Candidate(s, p, 0.0)
            if s.paragraph_in_section == 0 and s.position == 0:
                c.score += 3.0
                c.reasons.append("leads its section" if s.section else "opens the report")
            elif s.position == 0:
                c.score += 1.5
                c.reasons.append("leads its paragraph")
            if s.section_index == opening and (s.section is None or s.paragraph_in_section <= 2):
                c.score += 1.0
                if "opens the report" not in c.reasons:
                    c.reasons.append("in the report's opening")
            elif s.position > 0 and s.position == len(p.sentences) - 1:
                c.score += 0.5
                c.reasons.append("closes its paragraph")
            dates = mentions(s.text)
            if dates:
                c.score += 1.0
                c.reasons.append("dated " + ", ".join(m.when for m in dates[:3]))
            numbers = [m.group(0) for m in _NUMBER.finditer(s.text)
                       if not any(m.start() < d.end and d.start < m.end() for d in dates)]
            if numbers:
                c.score += 1.0
                c.reasons.append("gives " + ", ".join(numbers[:3]))
            actors = _actors(s) - common
            if actors:
                c.score += min(2.0, 0.5 * len(actors))
                c.reasons.append("names " + ", ".join(sorted(actors)[:3]))
            if repeated(s, shingles):
                c.score += 1.5
                c.reasons.append("said again in the report")
            if _JUDGMENT.search(s.text):
                c.score += 1.0
                c.reasons.append("states a judgment or a limit")
            if s.words > 70:
                c.score -= 1.0
            out.append(c)
    return out


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


def ranked_points(edition) -> list[Candidate]:
    """The draft's points in order: the bottom line's sentence first, then the items."""
    opening = next((s for p in edition.paragraphs for s in p.sentences if not is_cross_reference(s.text)), None)
    paragraph = next((p for p in edition.paragraphs if opening is not None and opening in p.sentences), None)
    candidates = [c for c in score(edition.paragraphs) if opening is None or c.sentence.text != opening.text]
    chosen = select(candidates, sum(len(p.sentences) for p in edition.paragraphs))
    head = [Candidate(opening, paragraph, 0.0, ["opens the report"])] if opening is not None else []
    return head + chosen


def is_boilerplate(text: str, publisher: str | None) -> bool:
    """Is ``text`` the publisher's standing text, not the report's (data: briefgen/data/ingest.yaml)?"""
    from ..ingest.rules import rules

    for p in rules().publishers:
        if publisher is None or p.name == publisher:
            if any(b.search(text) for b in p.boilerplate):
                return True
    return False
