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


def check_quote(quote: str, source: SourceText) -> str | None:
    """None when ``quote`` is verbatim in the report; otherwise say where it stops matching."""
    wanted = squash(quote)
    text = source.normalised
    if wanted in text:
        return None
    if wanted in squash(source.capture):
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
