"""The readers' data (``briefgen/data/ingest.yaml``, documented in docs/ingest.md), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
MONTH = _MONTH
FULL_DATE = rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"


@dataclass(frozen=True)
class Publisher:
    name: str
    short: str | None
    domains: tuple[str, ...]
    series: dict[str, str]
    code: re.Pattern | None
    series_by_code: dict[str, str]
    boilerplate: tuple[re.Pattern, ...] = ()  # the publisher's standing sentences: never a key point


@dataclass(frozen=True)
class Rules:
    max_file_bytes: int
    max_text_bytes: int
    max_pdf_pages: int
    limits: dict[str, int]  # every key of ``limits`` (the three above too), by name
    chrome_lines: tuple[re.Pattern, ...]
    boilerplate: tuple[re.Pattern, ...]
    leading_sentences: tuple[re.Pattern, ...]
    leading_prefixes: tuple[re.Pattern, ...]
    trailing_sentences: tuple[re.Pattern, ...]
    hyphen_prefixes: frozenset[str]
    report_dates: tuple[re.Pattern, ...]
    publishers: tuple[Publisher, ...]
    byline_roles: tuple[str, ...] = ()
    no_break_after: re.Pattern | None = None  # a would-be sentence's end that is an abbreviation
    no_break_before_number: re.Pattern | None = None

    def is_chrome_line(self, text: str) -> bool:
        """A short line (at most 30 words) that matches a chrome pattern."""
        text = text.strip()
        if any(p.match(text) for p in self.boilerplate):
            return True
        return len(text.split()) <= 30 and any(p.fullmatch(text) for p in self.chrome_lines)


def _compile(patterns: list[str], **fmt) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p.format(**fmt) if fmt else p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def rules() -> Rules:
    raw = yaml.safe_load(resources.files("briefgen").joinpath("data/ingest.yaml").read_text("utf-8"))
    chrome = raw["chrome"]
    publishers = tuple(
        Publisher(
            name=p["name"],
            short=p.get("short"),
            domains=tuple(p.get("domains", [])),
            series={k.lower(): v for k, v in (p.get("series") or {}).items()},
            code=re.compile(p["code"]) if p.get("code") else None,
            series_by_code=dict(p.get("series_by_code") or {}),
            boilerplate=_compile(p.get("boilerplate") or []),
        )
        for p in raw["publishers"]
    )
    limits = raw["limits"]
    return Rules(
        max_file_bytes=int(limits["max_file_bytes"]),
        max_text_bytes=int(limits["max_text_bytes"]),
        max_pdf_pages=int(limits["max_pdf_pages"]),
        limits={k: int(v) for k, v in limits.items()},
        chrome_lines=_compile(chrome["lines"]),
        boilerplate=_compile(chrome["boilerplate"]),
        leading_sentences=_compile(chrome["leading_sentences"]),
        leading_prefixes=_compile(chrome["leading_prefixes"]),
        trailing_sentences=_compile(chrome["trailing_sentences"]),
        hyphen_prefixes=frozenset(raw["hyphen_prefixes"]),
        report_dates=tuple(
            re.compile(p.replace("{date}", f"(?:{FULL_DATE})"), re.IGNORECASE | re.MULTILINE)
            for p in raw["report_dates"]
        ),
        publishers=publishers,
        byline_roles=tuple(raw.get("bylines", {}).get("roles", [])),
        no_break_after=_last_word(raw.get("sentences", {}).get("no_break_after", [])),
        no_break_before_number=_last_word(raw.get("sentences", {}).get("no_break_before_number", [])),
    )


def _last_word(patterns: list[str]) -> re.Pattern | None:
    """A pattern for a text whose last word is one of ``patterns`` (case-sensitive)."""
    if not patterns:
        return None
    return re.compile(r"(?:^|[\s(\[“\"§])(?:" + "|".join(patterns) + r")$")
