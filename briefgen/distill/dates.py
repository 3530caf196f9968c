"""Dated statements: every date a sentence gives, normalised to a timeline ``when``.

Forms read (longest first, so "November 2021" is a month, not a year):
full dates ("Sept. 13, 2023", "13 September 2023", "2023-09-13") -> ``2023-09-13``;
months ("November 2021") -> ``2021-11``; ranges ("2021-2025", "from 2014 to 2018",
"between 2014 and 2018") -> ``2021/2025``; decades ("the 1960s") -> ``1960s``; fiscal years
("FY2024") -> ``2024``; years ("in 2019", "the 2001 Treaty") -> ``2019``.
Numbers that are not years are left alone: bill and law numbers ("H.R. 2001", "P.L. 117-58"),
amounts ("$2,000", "2000 troops"), percentages and codes ("IF12100").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.rules import MONTH, MONTHS

_Y = r"(?:1[6-9]\d\d|20\d\d)"
_PATTERNS = [
    ("day", re.compile(rf"\b(?P<m>{MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>{_Y})\b")),
    ("day", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTH})\s+(?P<y>{_Y})\b")),
    ("iso", re.compile(rf"\b(?P<y>{_Y})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("month", re.compile(rf"\b(?P<m>{MONTH})\s+(?:of\s+)?(?P<y>{_Y})\b")),
    ("range", re.compile(rf"\b(?:from\s+|between\s+)?(?P<a>{_Y})\s*(?:[-–—]|\s+(?:to|and|through|until)\s+)(?P<b>{_Y}|\d\d)\b(?![-–]\d)")),
    ("decade", re.compile(rf"\b(?P<y>1[6-9]\d0|20\d0)[’']?s\b")),
    ("fiscal", re.compile(rf"\bFY\s?(?P<y>{_Y}|\d\d)\b")),
    ("year", re.compile(rf"(?<![\w$#§.,/-])(?P<y>{_Y})(?![\w%]|[.,]\d|[-–/]\d)")),
]
# A year right after these is a bill, law or section number, not a date.
_NOT_A_YEAR_BEFORE = re.compile(r"(?:H\.\s?R\.|S\.|P\.\s?L\.|No\.|Section|Sec\.|§|Title|Rule|Order|Resolution|Res\.)\s*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"^\s+(?:troops|soldiers|people|persons|tons|barrels|units|miles|km|kilometers|"
                         r"dollars|acres|employees|members|votes|cases|deaths|jobs|times)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    when: str
    start: int
    end: int
    kind: str


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def mentions(text: str) -> list[Mention]:
    """Every date in ``text``, non-overlapping, longest forms first, in text order."""
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < z and x < b for x, z in taken):
                continue
            when = _normalise(kind, m)
            if when is None:
                continue
            if kind == "year":
                if _NOT_A_YEAR_BEFORE.search(text[:a]) or _UNIT_AFTER.match(text[b:]):
                    continue
            taken.append((a, b))
            out.append(Mention(when, a, b, kind))
    return sorted(out, key=lambda mm: mm.start)


def _normalise(kind: str, m: re.Match) -> str | None:
    g = m.groupdict()
    if kind == "day":
        return f"{g['y']}-{_month(g['m']):02d}-{int(g['d']):02d}" if 1 <= int(g["d"]) <= 31 else None
    if kind == "iso":
        return f"{g['y']}-{g['mo']}-{g['d']}"
    if kind == "month":
        return f"{g['y']}-{_month(g['m']):02d}"
    if kind == "range":
        a, b = g["a"], g["b"]
        if len(b) == 2:
            b = a[:2] + b
        return f"{a}/{b}" if int(b) > int(a) else None
    if kind == "decade":
        return f"{g['y']}s"
    if kind == "fiscal":
        y = g["y"]
        return y if len(y) == 4 else f"20{y}"
    return g["y"]


def clause_label(sentence: str, mention: Mention, limit: int = 64) -> str:
    """A short label for the timeline figure: the clause that carries the date, the publisher's
    own words (elided with "…" past ``limit`` characters). An introductory "In 2019," gives way
    to the clause it introduces."""
    bounds = [0] + [m.end() for m in re.finditer(r"[,;:]\s+|\s+[–—]\s+", sentence)] + [len(sentence) + 2]
    index = next(i for i in range(len(bounds) - 1) if bounds[i] <= mention.start < bounds[i + 1])
    clause = sentence[bounds[index]: bounds[index + 1]].strip(" ,;:–—")
    if len(clause.split()) <= 4:
        # an introductory "On February 5, 2026," gives way to the clause after the whole date
        after = next((k for k in range(index + 1, len(bounds) - 1) if bounds[k] >= mention.end), None)
        if after is not None:
            clause = sentence[bounds[after]: bounds[after + 1]].strip(" ,;:–—")
    clause = re.sub(r"^(?:and|but|or|while|although|though|as|when)\s+", "", clause.rstrip("."), flags=re.IGNORECASE)
    if clause[:1].islower():
        clause = clause[0].upper() + clause[1:]
    if len(clause) <= limit:
        return clause
    words = clause.split()
    at = clause.find(sentence[mention.start:mention.end])
    if at > len(clause) / 2:  # the date comes late: keep the clause's end, where it stands
        kept: list[str] = []
        for w in reversed(words):
            if len(" ".join([w, *kept])) > limit - 1:
                break
            kept.insert(0, w)
        return "…" + " ".join(kept)
    cut = clause[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
