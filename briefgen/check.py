"""``briefgen check``: load every dossier, then lint what the schema cannot see.

Lints: the plain (public) layer's reading level, glossary terms never used (warning),
capitalised tokens that look like acronyms but are not in the glossary (warning), and the wording
of every layer against its quotes (briefgen/wording/: dropped hedges, attributions and limits;
warnings, each ``keeps:`` exemption listed as a note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .compose.acronyms import is_name
from .content.captures import check_provenance
from .errors import Collector, Problem
from .content.load import load_all, where
from .content.model import Dossier
from .compose.readability import Reading, reading
from .text import ACRONYM, sentences
from .wording import framing_sentences, lint_text

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A capitalised word, whole: "Nicolás", "OpenAI", "DoD" (an all-capitals acronym is the acronym lint's)
_NAME = re.compile(r"(?<![\w’'])[A-Z]\w*?[a-z]\w*(?:[-–][A-Z]\w*?[a-z]\w*)*")


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
        notes = len(self.problems.notes)
        n = len(self.dossiers)
        return (
            f"ok: {n} dossier{'s' * (n != 1)}, {items} items, {self.quotes_checked} quotes verified; "
            f"public layer {grades or 'empty'}; {warnings} warning{'s' * (warnings != 1)}"
            + (f", {notes} note{'s' * (notes != 1)}" if notes else "")
        )


def plain_layer(dossier: Dossier) -> str:
    """All public-layer prose of a dossier, in reading order."""
    parts = []
    for point in (dossier.bottom_line, dossier.why_it_matters):
        if point is not None and point.plain:
            parts.append(point.plain)
    parts.extend(item.plain for item in dossier.items if item.plain)
    parts.extend(p.plain for p in dossier.what_to_watch if p.plain)
    return " ".join(parts)


def authored_text(dossier: Dossier):
    """(owner, field name, text) for every authored prose field (quotes excluded): every layer
    the wording lint reads, and glossary definitions."""
    for owner, _label, layer, text in layers(dossier):
        yield owner, layer, text
    for term in dossier.glossary:
        if term.definition:
            yield term, "definition", term.definition


def check(content: Path, only: str | None = None, strict: bool = False) -> CheckReport:
    """Validate every dossier under ``content`` and lint it; never raises for content problems.

    With ``strict``, warnings (to-dos of a draft included) count as errors."""
    loaded = load_all(content, only)
    report = CheckReport(loaded.dossiers, loaded.problems, loaded.quotes_checked)
    for dossier in loaded.dossiers:
        _todos(dossier, report.problems)
        _to_review(dossier, report.problems)
        check_provenance(dossier, report.problems, authored_text(dossier))
        _lint(dossier, report)
        lint_wording(dossier, report.problems)
    if strict:
        report.problems.problems = [
            Problem(p.file, p.line, p.path, p.message, "error" if p.severity == "warning" else p.severity)
            for p in report.problems.problems
        ]
    return report


TODO = "to do:"


def _todos(dossier: Dossier, problems: Collector) -> None:
    """What a person still has to write in a draft (``dossier.draft: true``), as warnings."""
    for file, line, path, text in dossier.todo_at:
        problems.warn(file, line, path, f"{TODO} {text}")
    if not dossier.meta.draft:
        return
    meta = dossier.meta
    for name, what in (("subtitle", "one line under the title"), ("topic", "what the dossier is about"),
                       ("author", "who the briefs are from")):
        if getattr(meta, name) is None:
            problems.warn(*where(meta, name), f"{TODO} write the {name} ({what})")
    if dossier.bottom_line is None:
        problems.warn(*_frame_at(dossier, "bottom_line"), "bottom_line", f"{TODO} write the bottom line (text, sources)")
    elif dossier.bottom_line.plain is None:
        problems.warn(*where(dossier.bottom_line, "plain"), f"{TODO} write the bottom line in plain words")
    if dossier.why_it_matters is None:
        problems.warn(*_frame_at(dossier, "why_it_matters"), "why_it_matters",
                      f"{TODO} write why it matters (text, plain, sources)")
    if not dossier.what_to_watch:
        problems.warn(*_frame_at(dossier, "what_to_watch"), "what_to_watch", f"{TODO} list what to watch (text, sources)")
    for item in dossier.items:
        if item.headline is None:
            problems.warn(*where(item, "headline"), f"{TODO} write a headline (at most 12 words) for item '{item.id}'")
        if item.plain is None:
            problems.warn(*where(item, "plain"), f"{TODO} write item '{item.id}' in plain words for the public")
    for event in dossier.timeline:
        if event.short is None:
            problems.warn(*where(event, "short"), f"{TODO} write a short label (at most 64 characters)")


def _frame_at(dossier: Dossier, name: str) -> tuple[str, int]:
    """Where a missing frame section belongs: its own key if written (empty), else beside the
    other frame sections (distill's framing.yaml, where its to-do comment is), else the
    ``dossier:`` section."""
    for section in (name, "what_to_watch", "why_it_matters", "bottom_line"):
        if section in dossier.declared:
            return dossier.declared[section]
    return where(dossier.meta)[:2]


REVIEW = "to review:"


def _to_review(dossier: Dossier, problems: Collector) -> None:
    """Machine-drafted fields (``drafted:``) a person has not yet reviewed, as warnings; a mark
    whose text a person has since edited, as a note (the field is theirs: the mark can go)."""
    for owner, label in _keepers(dossier, drafted=True):
        for layer, mark in owner.drafted.items():
            if owner.is_drafted(layer):
                problems.warn(*where(owner, layer), f"{REVIEW} {label} {layer} was drafted by machine: "
                              "check it against the quote, edit it, then delete its line under drafted:")
            else:
                problems.note(*where(owner, "drafted"), f"{label} {layer} no longer matches its draft (a person "
                              f"edited it; it is theirs): delete '{layer}: {mark}' under drafted:")


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
            plural_or_singular = f"{token}s" in known or (token.endswith("s") and token[:-1] in known)
            if token in known or plural_or_singular or token in flagged or any(c.isdigit() for c in token):
                continue
            if is_name(token, text[: match.start()]):  # "World War II", "COVID-19"
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
    _lint_labels(dossier, problems)
    for term in dossier.glossary:
        if term.term not in used:
            problems.warn(*where(term, "term"), f"glossary term '{term.term}' is never used")

    text = plain_layer(dossier)
    if not text:
        return  # nothing written for the public yet: a draft's to-dos say so
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


def layers(dossier: Dossier):
    """(owner, label, layer name, text) for every layer the wording lint reads."""
    for name in ("bottom_line", "why_it_matters"):
        point = getattr(dossier, name)
        if point is not None:
            for layer in point.LAYERS:
                if getattr(point, layer):
                    yield point, name.replace("_", " "), layer, getattr(point, layer)
    for i, point in enumerate(dossier.what_to_watch):
        for layer in point.LAYERS:
            if getattr(point, layer):
                yield point, f"what to watch {i + 1}", layer, getattr(point, layer)
    for item in dossier.items:
        for layer in item.LAYERS:
            if getattr(item, layer):
                yield item, f"item '{item.id}'", layer, getattr(item, layer)
    for event in dossier.timeline:
        for layer in event.LAYERS:
            if getattr(event, layer):
                yield event, f"timeline event '{event.when}'", layer, getattr(event, layer)
    for change in dossier.changes:
        yield change, f"change '{change.id}'", "text", change.text


def wording_context(dossier: Dossier) -> list[str]:
    """The report sentences that frame a phrase as someone's view (``lint_text``'s context)."""
    return [s for text in dossier.sources.values() for s in framing_sentences(text)]


def lint_layer(dossier: Dossier, owner, layer: str, text: str, context: list[str]):
    """The wording lint on one layer's ``text`` against its owner's quotes, as ``check`` runs it
    (exempt findings included, marked): the publisher's own voice ("according to a CRS review")
    need not be repeated."""
    product = dossier.meta.product
    return lint_text(text, [s.quote for s in owner.sources], owner.kept(layer), context, include_exempt=True,
                     own=(product.publisher, product.publisher_short or ""))


def lint_wording(dossier: Dossier, problems: Collector) -> int:
    """Compare every layer with the quotes it rests on (warnings); list exemptions (notes).

    Returns the number of layers read."""
    context = wording_context(dossier)
    used: dict[int, set[tuple[str, str]]] = {}
    n = 0
    for owner, label, layer, text in layers(dossier):
        n += 1
        for finding in lint_layer(dossier, owner, layer, text, context):
            if finding.exempt:
                used.setdefault(id(owner), set()).add((layer, finding.kind))
                problems.note(*where(owner, layer),
                              f"{label} {layer}: exempt (keeps: [{finding.kind}]): {finding.message()}")
            else:
                problems.warn(*where(owner, layer), f"{label} {layer} {finding.message()}")
    for owner, label in _keepers(dossier):
        for layer in owner.LAYERS:
            for kind in owner.kept(layer):
                if (layer, kind) not in used.get(id(owner), set()) and getattr(owner, layer):
                    if isinstance(owner.keeps, list) and any(
                            (other, kind) in used.get(id(owner), set()) for other in owner.LAYERS):
                        continue  # a list exempts every layer; one of them needs it
                    problems.warn(*where(owner, "keeps"),
                                  f"{label}: keeps: [{kind}] but the wording lint finds no {kind} to "
                                  f"exempt in its {layer}; remove it")
                    break
    return n


def _keepers(dossier: Dossier, drafted: bool = False):
    points = [(p, n.replace("_", " ")) for n in ("bottom_line", "why_it_matters") if (p := getattr(dossier, n))]
    points += [(p, f"what to watch {i + 1}") for i, p in enumerate(dossier.what_to_watch)]
    points += [(i, f"item '{i.id}'") for i in dossier.items]
    points += [(e, f"timeline event '{e.when}'") for e in dossier.timeline]
    points += [(c, f"change '{c.id}'") for c in dossier.changes]
    return [(o, label) for o, label in points if (o.drafted if drafted else o.keeps)]


def _lint_labels(dossier: Dossier, problems: Collector) -> None:
    """Briefs that spell every acronym out (public) do so in timeline labels too: say when a
    label spelled out no longer fits the figure."""
    from .compose.select import FIGURE_LABEL_MAX, figure_label

    for event in dossier.timeline:
        if not event.short:
            continue  # a draft's stand-in label is cut to fit (its to-do asks for a short label)
        label = figure_label(dossier, event, False)
        spelled = figure_label(dossier, event, True)
        if spelled != label and len(spelled) > FIGURE_LABEL_MAX:
            problems.warn(*where(event, "short"),
                          f"spelled out for briefs that expand every acronym, the timeline label is "
                          f"{len(spelled)} characters ('{spelled}'); a label has at most "
                          f"{FIGURE_LABEL_MAX}: write a shorter one")


def _lint_unsourced(dossier: Dossier, problems: Collector) -> None:
    """Warn about numbers and mid-sentence names that no edition's report contains."""
    meta = dossier.meta
    facts = [f"{e.date.isoformat()} {e.date.year} {e.title} {e.label or ''}" for e in meta.editions]
    facts.append(f"{meta.product.series} {meta.product.code} {meta.product.publisher}")
    corpus = " ".join([*dossier.sources.values(), *facts])
    words_in_corpus = set(re.findall(r"[\w’']+", corpus))
    words_in_corpus |= {re.sub(r"[’']s?$", "", w) for w in words_in_corpus}  # "People’s" -> "People"
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
