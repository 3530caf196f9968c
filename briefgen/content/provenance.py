"""Provenance: every quote must appear verbatim (whitespace-normalised, nothing else) in the
report text of the edition it names, not in the web page's chrome around the report."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def squash(text: str) -> str:
    """Whitespace folded to single spaces, NFC; the only normalisation quotes get."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class SourceText:
    """An edition's captured text and the report inside it."""

    capture: str
    report: str
    start_found: bool = True
    end_found: bool = True

    @classmethod
    def from_capture(cls, capture: str, starts_after: str | None, ends_before: str | None) -> "SourceText":
        report, start_found, end_found = capture, True, True
        if starts_after:
            i = report.find(starts_after)
            start_found = i >= 0
            if start_found:
                report = report[i + len(starts_after):]
        if ends_before:
            i = report.find(ends_before)
            end_found = i >= 0
            if end_found:
                report = report[:i]
        return cls(capture, report, start_found, end_found)

    def marker_found(self, which: str) -> bool:
        return self.start_found if which == "report_starts_after" else self.end_found

    @property
    def normalised(self) -> str:
        if not hasattr(self, "_normalised"):
            self._normalised = squash(self.report)
        return self._normalised


_MARKS = str.maketrans({"’": "'", "‘": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


def _find_whole(wanted: str, text: str) -> int:
    """Where ``wanted`` stands in ``text`` starting and ending on word boundaries (-1: nowhere).

    A quote that starts or ends with a letter or digit may not be cut out of a longer word:
    "Chinese partner" is not in "Chinese partners"."""
    start = text.find(wanted)
    while start >= 0:
        end = start + len(wanted)
        cut_start = wanted[0].isalnum() and start > 0 and text[start - 1].isalnum()
        cut_end = wanted[-1].isalnum() and end < len(text) and text[end].isalnum()
        if not (cut_start or cut_end):
            return start
        start = text.find(wanted, start + 1)
    return -1


def verbatim_in(wanted: str, text: str) -> bool:
    """``wanted`` (squashed) stands in ``text`` (squashed) on word boundaries."""
    return bool(wanted) and _find_whole(wanted, text) >= 0


def _word_around(text: str, start: int, end: int) -> str:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _mid_word(wanted: str, text: str) -> str:
    """Say how a quote found only inside longer words is cut."""
    start = text.find(wanted)
    end = start + len(wanted)
    if wanted[0].isalnum() and start > 0 and text[start - 1].isalnum():
        first = wanted.split(" ")[0]
        return (f"it starts mid-word: the source has '{_word_around(text, start, start + len(first))}' "
                f"where the quote starts with '{first}'")
    last = wanted.split(" ")[-1]
    return (f"it ends mid-word: the source has '{_word_around(text, end - len(last), end)}' "
            f"where the quote ends with '{last}'")


def _mark_styles(wanted: str, text: str) -> str | None:
    """When the quote matches except for the style of apostrophes or quotation marks, say which."""
    folded = text.translate(_MARKS)
    at = _find_whole(wanted.translate(_MARKS), folded)
    if at < 0:
        return None
    pairs = []
    for mine, theirs in zip(wanted, text[at:at + len(wanted)]):
        if mine != theirs and f"{theirs} where the quote has {mine}" not in pairs:
            pairs.append(f"{theirs} where the quote has {mine}")
    return ("it differs from the source only in apostrophe or quotation-mark style: the source "
            "writes " + "; ".join(pairs))


def check_quote(quote: str, source: SourceText) -> str | None:
    """None when ``quote`` is verbatim in the report, starting and ending on word boundaries;
    otherwise say where it stops matching (or that only the style of its marks differs)."""
    wanted = squash(quote)
    text = source.normalised
    if not wanted:
        return "the quote is empty"
    if _find_whole(wanted, text) >= 0:
        return None
    if wanted in text:
        return _mid_word(wanted, text)
    marks = _mark_styles(wanted, text)
    if marks:
        return marks
    if _find_whole(wanted, squash(source.capture)) >= 0:
        return "it appears only in the page around the report, not in the report itself"
    tokens = wanted.split(" ")
    lo, hi = 0, len(tokens)  # longest prefix of tokens found: binary search on monotone predicate
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if " ".join(tokens[:mid]) in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return f"'{tokens[0]}' does not start any passage of the report"
    matched = " ".join(tokens[max(0, lo - 6):lo])
    return f"matches up to '...{matched}', then the source does not continue with '{tokens[lo]}'"
