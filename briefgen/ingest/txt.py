"""Reader for ``.txt``: the capture is the file itself, byte for byte.

Paragraphs are separated by blank lines; a block of long lines that each end a sentence is one
paragraph per line (web copies), a block of short lines without sentence ends is a list of labels
(e.g. a catalogue record). A short capitalised line without final punctuation is a heading, the
first one before any paragraph the title; Markdown ``#`` headings are honoured.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReportError
from .chrome import Spanned, heading_like, markers, split
from .document import HEADING, PARAGRAPH, TITLE, Block, Captured
from .rules import rules

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*#*\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?:][\"”’)\]]*$")


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text (a BOM is dropped) or a clear error naming the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportError(
            f"{shown}: not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _lines_with_offsets(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        yield line.rstrip("\r\n"), pos
        pos += len(line)


def parse(text: str) -> list[Spanned]:
    """Blocks of a plain text, each with its (start, end) offsets in ``text``."""
    groups: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    for line, pos in _lines_with_offsets(text):
        if line.strip():
            current.append((line, pos))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    out: list[Spanned] = []
    seen_paragraph = False
    for group in groups:
        for lines in _split_group(group):
            first_line, start = lines[0]
            last_line, last_pos = lines[-1]
            end = last_pos + len(last_line.rstrip())
            start += len(first_line) - len(first_line.lstrip())
            joined = " ".join(line.strip() for line, _ in lines)
            md = _MD_HEADING.match(joined) if len(lines) == 1 else None
            if md:
                level = len(md.group(1))
                kind = TITLE if level == 1 and not seen_paragraph else HEADING
                out.append(Spanned(Block(kind, md.group(2), max(level, 1 if kind == TITLE else 2)), start, end))
            elif len(lines) == 1 and heading_like(joined):
                kind = TITLE if not seen_paragraph and not any(b.block.kind == TITLE for b in out) else HEADING
                out.append(Spanned(Block(kind, joined, 1 if kind == TITLE else 2), start, end))
            else:
                out.append(Spanned(Block(PARAGRAPH, " ".join(joined.split())), start, end))
                seen_paragraph = True
    return out


def _split_group(group: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """One paragraph, or one block per line when the lines are not a wrapped paragraph. A
    heading on a line of its own with no blank line before the prose ("Overview" then "For more
    than ten years, …") is a block of its own, not glued to the paragraph."""
    if len(group) == 1:
        return [group]
    stripped = [line.strip() for line, _ in group]
    one_per_line = all(len(s) > 100 and _ENDS_SENTENCE.search(s) for s in stripped[:-1])
    labels = all(len(s) < 60 for s in stripped) and sum(bool(_ENDS_SENTENCE.search(s)) for s in stripped) < len(stripped) / 2
    markdown = any(_MD_HEADING.match(s) for s in stripped)
    if one_per_line or labels or markdown:
        return [[item] for item in group]
    longest = max(len(s) for s in stripped)
    out: list[list[tuple[str, int]]] = []
    for i, (item, s) in enumerate(zip(group, stripped)):
        standalone = (heading_like(s) and len(s) < 0.6 * longest and i + 1 < len(group)
                      and (i == 0 or _ENDS_SENTENCE.search(stripped[i - 1]))
                      and stripped[i + 1][:1].isupper())
        if standalone:
            out.append([item])
            out.append([])
        elif out and out[-1] == [] or not out:
            if out and out[-1] == []:
                out[-1].append(item)
            else:
                out.append([item])
        else:
            out[-1].append(item)
    return [g for g in out if g]


# A naive PDF-to-text reads a two-column page across both columns, line by line: a column's
# line-end hyphen then stands mid-line before the other column's words ("diplo‐ Jinping"), and a
# sentence of one column restarts after the other's unfinished one ("and the The direction…").
_MIDLINE_HYPHEN = re.compile(r"(?<=[a-z])[‐\u00ad-] (?!(?:and|or|to|through|nor)\b)[A-Za-z]")
_RESTART = re.compile(r"\b(?:the|a|an|of|and|to|in|for|with|by|on|at|from|that|as|or|but) "
                      r"(?:The|A|An|In|This|These|Those|It|Its|As|Both|Since|While|However|Although|Many|Some)\b")


def interleaved_lines(text: str) -> list[int]:
    """Line numbers (1-based) where two columns' lines seem spliced into one."""
    return [n for n, line in enumerate(text.splitlines(), 1)
            if _MIDLINE_HYPHEN.search(line) or _RESTART.search(line)]


def _refuse_interleaved(text: str, shown: str) -> None:
    lines = [line for line in text.splitlines() if line.strip()]
    hits = interleaved_lines(text)
    if len(hits) >= 3 and len(hits) >= 0.05 * len(lines):
        all_lines = text.splitlines()
        first = all_lines[hits[0] - 1].strip()
        where = ", ".join(map(str, hits[:5])) + (", …" if len(hits) > 5 else "")
        raise ReportError(f"{shown}: its lines interleave two columns of a page (lines {where}, e.g. "
                          f"“{first[:70]}”): it is a PDF read across its columns; give briefgen the PDF "
                          "itself, or a text with one column")


def read(path: Path, data: bytes, shown: str) -> Captured:
    text = decode(data, shown)
    _refuse_interleaved(text, shown)
    blocks = parse(text)
    report = split(blocks, rules(), source=text)
    start_marker, end_marker = markers(text, report.start, report.end)
    return Captured(
        path=path,
        format="txt",
        reader="briefgen plain-text reader",
        data=data,
        text=text,
        blocks=[b.block for b in report.body],
        furniture=report.furniture,
        starts_after=start_marker,
        ends_before=end_marker,
    )
