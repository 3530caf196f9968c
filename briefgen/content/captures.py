"""Capture provenance: which captures of an edition hold the publisher's words.

An edition may be known from several captures (the publisher's PDF, a library's catalogue record
quoting its first paragraph, a news site's re-post). ``compare`` aligns the captures of each
edition sentence by sentence and reports every disagreement; a capture shown to differ from one
marked ``verbatim`` is reworded, whatever it says. Words from a reworded capture are never the
report's words: a quote that a faithful capture also covers must use that capture's wording,
briefs do not put reworded words in quotation marks, and a wording change that rests on a
reworded capture proves nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .align import align, report_sentences, word_diff
from ..errors import Collector
from .model import Capture, Dossier, Edition, Source
from .provenance import SourceText, squash, verbatim_in
from ..text import display_date

_QUOTED = re.compile(r"“([^”]{3,})”")


def effective_fidelity(dossier: Dossier, capture: Capture) -> str:
    if capture.file in dossier.reworded:
        return "reworded"
    return capture.fidelity


def faithful(dossier: Dossier, edition_id: str) -> list[tuple[Capture, SourceText]]:
    """The captures of an edition that are not reworded."""
    return [(c, t) for c, t in dossier.captures.get(edition_id, []) if effective_fidelity(dossier, c) != "reworded"]


def quotable(dossier: Dossier, source: Source) -> bool:
    """May ``source.quote`` be shown in quotation marks as the report's words?"""
    wanted = squash(source.quote)
    return any(verbatim_in(wanted, text.normalised) for _, text in faithful(dossier, source.edition))


def reposted_by(dossier: Dossier, edition: Edition) -> str:
    """``as re-posted by a news site on May 20, 2022`` for an edition known in full only from a
    reworded capture; empty otherwise."""
    captures = dossier.captures.get(edition.id, [])
    if any(not c.partial and effective_fidelity(dossier, c) != "reworded" for c, _ in captures):
        return ""
    reworded = [c for c, _ in captures if effective_fidelity(dossier, c) == "reworded"]
    if not reworded:
        return ""
    c = reworded[0]
    by = c.by or "a third party"
    when = f" on {display_date(c.retrieved)}" if c.retrieved else ""
    return f"as re-posted by {by}{when}, in its own words"


@dataclass
class Disagreement:
    edition: str
    faithful: Capture  # the capture taken as the publisher's words (or the first of two unknowns)
    other: Capture
    theirs: str
    ours: str
    diff: str


def compare(dossier: Dossier, problems: Collector) -> list[Disagreement]:
    """Compare every pair of captures of each edition; report every sentence they disagree on."""
    from .load import where

    found: list[Disagreement] = []
    for edition in dossier.meta.editions:
        captures = dossier.captures.get(edition.id, [])
        for x in range(len(captures)):
            for y in range(x + 1, len(captures)):
                (a, ta), (b, tb) = captures[x], captures[y]
                # the more faithful one first: verbatim before unknown before reworded
                rank = {"verbatim": 0, "unknown": 1, "reworded": 2}
                if rank[b.fidelity] < rank[a.fidelity]:
                    (a, ta), (b, tb) = (b, tb), (a, ta)
                pairs = align(report_sentences(ta.report), report_sentences(tb.report))
                matched = [p for p in pairs if p.old is not None and p.new is not None]
                if not matched:
                    continue
                # A partial capture covers only part of the other: the other's sentences outside
                # the matched span are not disagreements.
                a_span = (min(p.old_index for p in matched), max(p.old_index for p in matched))
                b_span = (min(p.new_index for p in matched), max(p.new_index for p in matched))
                for p in pairs:
                    if p.kind == "same":
                        continue
                    if p.kind == "dropped" and b.partial and not a_span[0] <= p.old_index <= a_span[1]:
                        continue
                    if p.kind == "added" and a.partial and not b_span[0] <= p.new_index <= b_span[1]:
                        continue
                    diff = word_diff(p.old, p.new).show() if p.kind == "changed" else (
                        f"a sentence only in {a.file if p.kind == 'dropped' else b.file}: “{p.old or p.new}”")
                    found.append(Disagreement(edition.id, a, b, p.new or "", p.old or "", diff))
                if not any(d.other is b and d.faithful is a for d in found):
                    continue
                n = sum(1 for d in found if d.other is b and d.faithful is a)
                if a.fidelity == "verbatim" and b.fidelity == "verbatim":
                    problems.error(*where(b, "fidelity"), f"{b.file} and {a.file} are both marked verbatim but "
                                   f"disagree in {n} sentence{'s' * (n != 1)}: at most one is the publisher's wording")
                elif b.fidelity != "reworded":
                    dossier.reworded.add(b.file)
                    which = "differs from" if a.fidelity == "verbatim" else "and {a.file} disagree with"
                    problems.warn(*where(b, "fidelity"), f"{b.file} {which.format(a=a)} {a.file} in {n} "
                                  f"sentence{'s' * (n != 1)}: it is reworded; mark it fidelity: reworded")
                for d in found:
                    if d.other is b and d.faithful is a:
                        problems.note(*where(b, "file"), f"edition {edition.id}: {b.file} ({b.fidelity}) "
                                      f"rewords {a.file}: {d.diff}")
    return found


def check_provenance(dossier: Dossier, problems: Collector, authored) -> None:
    """Quotes, quotation marks and changes against the captures' fidelity. ``authored``:
    ``(owner, field name, text)`` of every authored prose field (``check.authored_text``)."""
    from .load import where

    compare(dossier, problems)
    owners = [*dossier.items, *dossier.timeline, *dossier.glossary, *dossier.changes, *dossier.what_to_watch]
    owners += [p for p in (dossier.bottom_line, dossier.why_it_matters) if p is not None]
    for owner in owners:
        for j, source in enumerate(owner.sources):
            if source.edition not in dossier.captures or quotable(dossier, source):
                continue
            better = publisher_wording(dossier, source)
            if better:
                problems.error(*where(owner, "sources", j, "quote"),
                               f"quotes the re-poster's wording of edition '{source.edition}'; the publisher's "
                               f"words ({better[0]}) are: “{better[1]}”")
    for owner, name, text in authored:
        for m in _QUOTED.finditer(text):
            words = squash(m.group(1)).rstrip(",.")
            if any(words in t.normalised for e in dossier.meta.editions for _, t in faithful(dossier, e.id)):
                continue
            reworded = [c.file for e in dossier.meta.editions for c, t in dossier.captures.get(e.id, [])
                        if words in t.normalised]
            if reworded:
                problems.error(*where(owner, name), f"puts “{words}” in quotation marks as the report's words, "
                               f"but only {reworded[0]}, a reworded capture, says it")
    if len(dossier.meta.editions) > 1:
        for change in dossier.changes:
            if change.kind != "changed" or change.unverified:
                continue
            shaky = [s for s in change.sources if not quotable(dossier, s)]
            if shaky:
                problems.error(*where(change, "kind"),
                               f"change '{change.id}' rests on the reworded capture of edition '{shaky[0].edition}': "
                               "a change of wording proves nothing when one side is a paraphrase; quote a faithful "
                               "capture, drop the change, or mark it unverified: true")


def publisher_wording(dossier: Dossier, source: Source) -> tuple[str, str] | None:
    """(capture file, sentence) of a faithful capture that covers the passage ``source`` quotes
    from a reworded capture, or None when no faithful capture covers it."""
    faithful_caps = faithful(dossier, source.edition)
    if not faithful_caps:
        return None
    wanted = squash(source.quote)
    for c, t in dossier.captures.get(source.edition, []):
        if not verbatim_in(wanted, t.normalised):
            continue
        sentences = report_sentences(t.report)
        hit = [s for s in sentences if squash(s).find(wanted[: max(20, len(wanted) // 2)]) >= 0
               or wanted.find(squash(s)[:40]) >= 0]
        for fc, ft in faithful_caps:
            for p in align(hit, report_sentences(ft.report)):
                if p.old is not None and p.new is not None:
                    return fc.file, p.new
    return None
