"""Tell the report from the page around it.

A capture of a web page or a re-post holds more than the report: breadcrumbs ("Home » …"), a
re-poster's lead-in ("The following is the … report"), "From the report", "Download the document
here.", "Related". The rules are data (``chrome`` in briefgen/data/ingest.yaml); this module applies
them to a reader's blocks:

* the report runs from its first to its last *real* paragraph (a sentence of eight words or more);
* before it, everything up to the last chrome line is page furniture (kept for metadata only);
* after it, everything from the first chrome line on is furniture;
* inside the first and last paragraphs, chrome sentences and prefixes glued to the report's text
  ("… Relations. From the report The People's …") are cut off.

Each block carries its (start, end) offsets in the source text when there is one (``.txt``), so
the cut can be turned into ``report_starts_after`` / ``report_ends_before`` markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .bylines import is_byline
from .document import HEADING, NOTE, PARAGRAPH, TITLE, Block
from .rules import Rules
from .segment import sentence_spans

@dataclass
class Spanned:
    block: Block
    start: int = 0
    end: int = 0
    lines: list[tuple[int, str]] = field(default_factory=list)  # a PDF paragraph's (page, line text)


@dataclass
class Report:
    """The report's blocks and the furniture around them."""

    body: list[Spanned]
    furniture: list[str]
    start: int | None = None  # offset in the source text where the report starts (cut), if cut
    end: int | None = None


def is_real_paragraph(block: Block) -> bool:
    """Prose of the report (a footnote too: the report runs to its last note)."""
    return block.kind in (PARAGRAPH, NOTE) and len(block.text.split()) >= 8 and bool(re.search(r"[.!?]", block.text))


def split(blocks: list[Spanned], rules: Rules, source: str | None = None) -> Report:
    """Find the report inside ``blocks`` (see module docstring)."""
    chrome = [b.block.kind != TITLE and (rules.is_chrome_line(b.block.text) or is_byline(b.block.text))
              for b in blocks]
    real = [i for i, b in enumerate(blocks) if is_real_paragraph(b.block) and not chrome[i]]
    if not real:
        return Report(body=[b for i, b in enumerate(blocks) if not chrome[i]],
                      furniture=[b.block.text for i, b in enumerate(blocks) if chrome[i]])
    first, last = real[0], real[-1]
    lead_chrome = [i for i in range(first) if chrome[i]]
    start_index = lead_chrome[-1] + 1 if lead_chrome else 0
    trail_chrome = [i for i in range(last + 1, len(blocks)) if chrome[i]]
    end_index = trail_chrome[0] if trail_chrome else len(blocks)

    furniture = [b.block.text for b in blocks[:start_index]]
    body = [b for i, b in enumerate(blocks[start_index:end_index], start_index) if not chrome[i]]
    furniture += [b.block.text for i, b in enumerate(blocks[start_index:end_index], start_index) if chrome[i]]
    furniture += [b.block.text for b in blocks[end_index:]]
    # A title that came before the chrome (e.g. "China-Russia Relations [May 2, 2022]") stays the
    # report's title block.
    titles = [b for b in blocks[:start_index] if b.block.kind == TITLE]
    if titles and not any(b.block.kind == TITLE for b in body):
        body.insert(0, titles[0])

    report = Report(body=body, furniture=furniture)
    cut_start = start_index > 0
    cut_end = end_index < len(blocks)

    # Chrome glued to the first and last paragraphs.
    paras = [i for i, b in enumerate(body) if b.block.kind == PARAGRAPH]
    if paras:
        i = paras[0]
        b = body[i]
        text, cut = _cut_leading(b.block.text, rules)
        if cut:
            furniture.extend(piece for a, z in sentence_spans(cut) if (piece := cut[a:z].strip()))
            body[i] = Spanned(replace(b.block, text=text), b.start, b.end)
            cut_start = True
            if source is not None:
                body[i].start = _advance(source, b.start, cut)
        i = paras[-1]
        b = body[i]
        text, cut = _cut_trailing(b.block.text, rules)
        if cut:
            furniture.extend(piece for a, z in sentence_spans(cut) if (piece := cut[a:z].strip()))
            body[i] = Spanned(replace(b.block, text=text), body[i].start, b.end)
            cut_end = True
            if source is not None:
                body[i].end = _retreat(source, b.end, cut)
    if source is not None and body:
        first_body = next((b for b in body if b.block.kind != TITLE), body[0])
        if cut_start:
            report.start = first_body.start
        if cut_end:
            report.end = body[-1].end
    return report


_END = 8_000  # characters at either end of a paragraph read for chrome sentences (short ones)


def _cut_leading(text: str, rules: Rules) -> tuple[str, str]:
    cut = ""
    while True:
        spans = sentence_spans(text[:_END])  # not a whole report run together, again and again
        if len(spans) < 2:
            break
        a, b = spans[0]
        if any(p.fullmatch(text[a:b]) for p in rules.leading_sentences):
            cut += text[: spans[1][0]]
            text = text[spans[1][0]:]
            continue
        break
    for p in rules.leading_prefixes:
        m = p.match(text)
        if m and m.end() < len(text):
            cut += text[: m.end()]
            text = text[m.end():]
            break
    return text, cut


def _cut_trailing(text: str, rules: Rules) -> tuple[str, str]:
    cut = ""
    while True:
        base = max(0, len(text) - _END)
        spans = [(a + base, b + base) for a, b in sentence_spans(text[base:])]
        if len(spans) < 2 + (base > 0):  # the first of a tail may be a sentence cut short
            break
        a, b = spans[-1]
        if any(p.fullmatch(text[a:b].strip()) for p in rules.trailing_sentences):
            cut = text[spans[-2][1]:] + cut
            text = text[: spans[-2][1]]
            continue
        break
    return text, cut


def _advance(source: str, pos: int, consumed: str) -> int:
    """Offset in ``source`` after ``consumed`` (which was read from ``pos`` with whitespace folded)."""
    for ch in consumed:
        if ch.isspace():
            continue
        while pos < len(source) and source[pos].isspace():
            pos += 1
        pos += 1  # the matching non-space character
    while pos < len(source) and source[pos].isspace():
        pos += 1
    return pos


def _retreat(source: str, end: int, removed: str) -> int:
    """Offset in ``source`` before the ``removed`` tail that ended at ``end``."""
    for ch in reversed(removed):
        if ch.isspace():
            continue
        while end > 0 and source[end - 1].isspace():
            end -= 1
        end -= 1
    while end > 0 and source[end - 1].isspace():
        end -= 1
    return end


def markers(source: str, start: int | None, end: int | None) -> tuple[str | None, str | None]:
    """``report_starts_after`` / ``report_ends_before`` markers that cut ``source`` at the offsets.

    A marker is the text of the line next to the cut, shortened to the fewest words that still
    find the cut (the first occurrence is where ``briefgen check`` looks).
    """
    start_marker = end_marker = None
    if start:
        before = source[:start].rstrip()
        line = before.rsplit("\n", 1)[-1].strip()
        words = line.split()
        for n in _preferred_lengths(words):
            cand = " ".join(words[-n:])
            if cand and source.find(cand) + len(cand) == len(before) and _single_line(cand, source):
                start_marker = cand
                break
    if end is not None and end < len(source.rstrip()):
        base = start or 0
        after = source[end:]
        offset = end + len(after) - len(after.lstrip())
        line = after.lstrip().split("\n", 1)[0].strip()
        words = line.split()
        for n in _preferred_lengths(words):
            cand = " ".join(words[:n])
            if cand and source.find(cand, base) == offset:
                end_marker = cand
                break
    return start_marker, end_marker


def _preferred_lengths(words: list[str]) -> list[int]:
    """Marker lengths to try, in words: the whole line when it is short, else the fewest words."""
    whole = len(words)
    shortest = list(range(min(3, whole), whole + 1))
    return [whole, *shortest] if len(" ".join(words)) <= 60 else shortest


def _single_line(candidate: str, source: str) -> bool:
    return "\n" not in candidate


def heading_like(line: str) -> bool:
    """A line that reads as a heading: short, capitalised, no sentence-final punctuation."""
    words = line.split()
    return (
        0 < len(words) <= 14
        and (line[:1].isupper() or line[:1].isdigit())
        and not re.search(r"[.!?:;,]$", line)
        and len(line) <= 120
    )


__all__ = ["Spanned", "Report", "split", "markers", "heading_like", "is_real_paragraph", "HEADING"]
