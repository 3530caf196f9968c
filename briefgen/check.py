"""``briefgen check``: load every dossier, then lint what the schema cannot see.

Lints: the plain (public) layer's reading level, glossary terms never used (warning), and
capitalised tokens that look like acronyms but are not in the glossary (warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Collector
from .load import load_all, where
from .model import Dossier
from .readability import Reading, reading
from .text import ACRONYM, sentences

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![\w’'])[A-Z][a-z]+(?:[-–][A-Z][a-z]+)*")


@dataclass
class CheckReport:
    dossiers: list[Dossier]
    problems: Collector
    quotes_checked: int
    readings: dict[str, Reading] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    def summary(self) -> str:
        items = sum(len(d.items) for d in self.dossiers)
        grades = ", ".join(
            f"{d}: grade {r.grade:.1f}, {r.words_per_sentence:.1f} words/sentence"
            for d, r in self.readings.items()
        )
        warnings = len(self.problems.warnings)
        n = len(self.dossiers)
        return (
            f"ok: {n} dossier{'s' * (n != 1)}, {items} items, {self.quotes_checked} quotes verified; "
            f"public layer {grades or 'empty'}; {warnings} warning{'s' * (warnings != 1)}"
        )


def plain_layer(dossier: Dossier) -> str:
    """All public-layer prose of a dossier, in reading order."""
    parts = []
    for point in (dossier.bottom_line, dossier.why_it_matters):
        if point is not None and point.plain:
            parts.append(point.plain)
    parts.extend(item.plain for item in dossier.items)
    parts.extend(p.plain for p in dossier.what_to_watch if p.plain)
    return " ".join(parts)


def authored_text(dossier: Dossier):
    """(owner, field name, text) for every authored prose field (quotes excluded)."""
    for name in ("bottom_line", "why_it_matters"):
        point = getattr(dossier, name)
        if point is not None:
            yield point, "text", point.text
            if point.plain:
                yield point, "plain", point.plain
    for point in dossier.what_to_watch:
        yield point, "text", point.text
        if point.plain:
            yield point, "plain", point.plain
    for item in dossier.items:
        for layer in ("headline", "summary", "detail", "plain"):
            yield item, layer, getattr(item, layer)
    for event in dossier.timeline:
        yield event, "text", event.text
        yield event, "short", event.short
    for change in dossier.changes:
        yield change, "text", change.text
    for term in dossier.glossary:
        if term.definition:
            yield term, "definition", term.definition


def check(content: Path, only: str | None = None) -> CheckReport:
    """Validate every dossier under ``content`` and lint it; never raises for content problems."""
    loaded = load_all(content, only)
    report = CheckReport(loaded.dossiers, loaded.problems, loaded.quotes_checked)
    for dossier in loaded.dossiers:
        _lint(dossier, report)
    return report


def _lint(dossier: Dossier, report: CheckReport) -> None:
    problems = report.problems
    meta = dossier.meta
    known = {t.term for t in dossier.glossary}
    if meta.product.publisher_short:
        known.add(meta.product.publisher_short)
    used: set[str] = set()
    flagged: set[str] = set()
    for owner, name, text in authored_text(dossier):
        for term in known:
            if re.search(rf"(?<![\w.]){re.escape(term)}(?![\w])", text):
                used.add(term)
        for match in ACRONYM.finditer(text):
            token = match.group(0)
            if token in known or token in flagged or any(c.isdigit() for c in token):
                continue
            flagged.add(token)
            problems.warn(
                *where(owner, name),
                f"'{token}' looks like an acronym but is not in the glossary",
            )
        if name == "plain":
            for term in dossier.glossary:
                if re.search(rf"(?<![\w.]){re.escape(term.term)}(?![\w])", text):
                    problems.warn(
                        *where(owner, name),
                        f"the plain layer uses the acronym '{term.term}'; write '{term.expansion}'",
                    )
    _lint_unsourced(dossier, problems)
    for term in dossier.glossary:
        if term.term not in used:
            problems.warn(*where(term, "term"), f"glossary term '{term.term}' is never used")

    text = plain_layer(dossier)
    measured = reading(text)
    report.readings[dossier.id] = measured
    limits = meta.readability
    if measured.grade > limits.plain_max_grade:
        problems.error(
            *_meta_where(dossier),
            f"the plain layer reads at Flesch-Kincaid grade {measured.grade:.1f}; "
            f"the limit is {limits.plain_max_grade:g}",
        )
    if measured.words_per_sentence >= limits.plain_max_sentence_words:
        problems.error(
            *_meta_where(dossier),
            f"plain-layer sentences average {measured.words_per_sentence:.1f} words; "
            f"keep them under {limits.plain_max_sentence_words:g}",
        )


def _lint_unsourced(dossier: Dossier, problems: Collector) -> None:
    """Warn about numbers and mid-sentence names that no edition's report contains."""
    meta = dossier.meta
    facts = [f"{e.date.isoformat()} {e.date.year} {e.title} {e.label or ''}" for e in meta.editions]
    facts.append(f"{meta.product.series} {meta.product.code} {meta.product.publisher}")
    corpus = " ".join([*dossier.sources.values(), *facts])
    words_in_corpus = set(re.findall(r"[\w’']+", corpus))
    reported: set[str] = set()
    for owner, name, text in authored_text(dossier):
        for match in _NUMBER.finditer(text):
            token = match.group(0).rstrip(".,")
            if token not in corpus and token not in reported:
                reported.add(token)
                problems.warn(*where(owner, name), f"the number '{token}' is in no source edition")
        for sentence in sentences(text):
            for match in _NAME.finditer(sentence):
                if match.start() == 0:  # a sentence's first word is capitalised anyway
                    continue
                for part in re.split(r"[-–]", match.group(0)):
                    if part not in words_in_corpus and part not in reported:
                        reported.add(part)
                        problems.warn(
                            *where(owner, name), f"the name '{part}' is in no source edition"
                        )


def _meta_where(dossier: Dossier) -> tuple[str, int, str]:
    file, line, _ = where(dossier.meta, "readability")
    return file, line, "plain layer"
