"""Text rules shared by the schema and the writers: what characters content may hold,
how whitespace is normalised, how words and sentences are counted, and how dates read."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Bidi embeddings/overrides/isolates can make text display differently from how it reads
# (U+202E "trojan source"); C0/C1 controls and noncharacters have no business in prose.
_BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0D}


def bad_character(text: str) -> str | None:
    """Describe the first character content may not contain, or None when the text is clean."""
    for ch in text:
        cp = ord(ch)
        reason = None
        if cp in _BIDI:
            reason = "bidirectional control characters are not allowed"
        elif (cp < 0x20 and cp not in _ALLOWED_CONTROLS) or 0x7F <= cp <= 0x9F:
            reason = "control characters are not allowed"
        elif 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE:
            reason = "Unicode noncharacters are not allowed"
        elif 0xD800 <= cp <= 0xDFFF:
            reason = "unpaired surrogates are not allowed"
        elif unicodedata.category(ch) == "Co":
            reason = "private-use characters are not allowed"
        if reason:
            name = unicodedata.name(ch, "")
            label = f"U+{cp:04X}" + (f" {name}" if name else "")
            return f"{reason} (found {label})"
    return None


def normalise(text: str) -> str:
    """NFC, with every run of whitespace folded to one space and the ends trimmed.

    Both writers receive text in this form, so PDF and DOCX show exactly the same characters.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}|(?<![\w.])[A-Z][A-Z0-9]+(?![\w])")
"""Tokens that look like acronyms: PRC, G20, U.S."""

_WORD = re.compile(r"[\w’'][\w’'.\-–/]*", re.UNICODE)


def words(text: str) -> list[str]:
    """Words as a reader counts them (hyphenated and dotted forms such as U.S. count once)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


# Tokens that end in a period without ending a sentence.
_ABBREVIATIONS = {
    "jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.",
    "mr.", "mrs.", "ms.", "dr.", "st.", "no.", "vs.", "e.g.", "i.e.", "etc.", "inc.", "co.",
}
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, never ending after abbreviations and
    initialisms (Sept., U.S.); together the spans cover the whole text."""
    tokens = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    spans: list[tuple[int, int]] = []
    start = 0
    for i, (token, _, end) in enumerate(tokens):
        if not _SENTENCE_END.search(token):
            continue
        bare = token.rstrip("\"”’)]").lstrip("(\"“‘[")
        if bare.lower() in _ABBREVIATIONS or _INITIALISM.match(bare) or re.fullmatch(r"[A-Z]\.", bare):
            continue  # Sept., U.S., a middle initial (Donald J. Trump)
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if nxt and not (nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "\"“‘("):
            continue
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """Split prose into sentences, never after abbreviations and initialisms (Sept., U.S.)."""
    return [" ".join(text[a:b].split()) for a, b in sentence_spans(text) if text[a:b].strip()]


_MONTHS = [
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
]


def display_date(value: date) -> str:
    """AP/CRS style: ``Sept. 13, 2023``."""
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


WHEN_PATTERN = r"^\d{4}(?:s|/\d{4}|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"


def display_when(when: str) -> str:
    """A timeline date as the source gives it: ``1960s``, ``2021``, ``2021–2025``, ``Nov. 2021``,
    ``Nov. 5, 2021``."""
    if "/" in when:
        return "–".join(when.split("/"))
    parts = when.split("-")
    if len(parts) == 1:
        return when
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{month} {int(parts[2])}, {parts[0]}"


def when_key(when: str) -> tuple[int, int, int]:
    """Sort key for a timeline date; a decade or a range sorts at its start."""
    parts = when.rstrip("s").split("/")[0].split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 0
    day = int(parts[2]) if len(parts) > 2 else 0
    return (year, month, day)
