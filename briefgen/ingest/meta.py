"""What a capture states about itself: the report's date, title, publisher, series and code.

Only what the text says counts, and only where a report says it about itself: its title block,
running heads and footers, a catalogue record, a re-poster's lead-in ("The following is the Sept.
13, 2023, Congressional Research Service In Focus report, China-Russia Relations."). Dates and
codes inside the report's body are events and cross-references ("See CRS In Focus IF11885"), never
the report's own. A file's own dates (when a page was posted, when a PDF was saved) are not the
report's date either. Whatever is not found is asked for by option — never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import Problem, ReportError, display_path
from .document import Captured
from .rules import FULL_DATE, MONTHS, Publisher, rules


@dataclass(frozen=True)
class Found:
    value: str
    how: str  # where it was found ("stated: …") or "given: --date"

    def __str__(self) -> str:
        return self.value


@dataclass
class EditionMeta:
    date: date
    date_how: str
    updated: bool
    title: Found
    version: int | None = None  # the publisher's version number ("IF12610 · VERSION 6 · UPDATED")


@dataclass
class ProductMeta:
    publisher: Found
    short: str | None
    series: Found
    code: Found


def parse_date(text: str) -> date | None:
    """``Sept. 13, 2023``, ``September 13 2023``, ``13 September 2023`` or ``2023-09-13``."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text) or None
        if m:
            mo, d, y = MONTHS.get(m.group(1).lower().rstrip(".")), int(m.group(2)), int(m.group(3))
        else:
            m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
            if not m:
                return None
            d, mo, y = int(m.group(1)), MONTHS.get(m.group(2).lower().rstrip(".")), int(m.group(3))
        if mo is None:
            return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _statements(captured: Captured) -> list[str]:
    """Lines where a capture speaks about the report: furniture, the title, format metadata."""
    out = list(captured.furniture)
    if captured.title:
        out.append(captured.title)
    out.extend(v for k, v in captured.hints.items() if k in ("title", "subject"))
    # short lines at the head of the text ("April 16, 2026" under the title) state things too
    out.extend(b.text for b in captured.blocks[:4] if len(b.text.split()) <= 8)
    return out


_CITES_A_PAGE = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


def find_date(captured: Captured) -> tuple[date, str, bool] | None:
    # a line with a web address is a citation of another page ("…, updated April 15, 2026,
    # https://…" in a footnote): its date is that page's, not the report's
    lines = [line for line in _statements(captured) if not _CITES_A_PAGE.search(line)]
    for pattern in rules().report_dates:
        for line in lines:
            m = pattern.search(line)
            if m and (found := parse_date(m.group("date"))):
                updated = bool(re.search(r"\bupdated\b", m.group(0), re.IGNORECASE))
                return found, f"stated: “{_clip(line)}”", updated
    return None


_VERSION = re.compile(r"\bversion\s*:?\s*(\d{1,4})\b", re.IGNORECASE)


def find_version(captured: Captured) -> int | None:
    """The version number a capture's running footer states ("IF12610 · VERSION 6 · UPDATED")."""
    for line in captured.furniture:
        m = _VERSION.search(line)
        if m:
            return int(m.group(1))
    return None


_DATE_LINE = re.compile(rf"^(?:(?:updated|published|issued|released|posted)\s*:?\s*)?(?:{FULL_DATE})\.?$",
                        re.IGNORECASE)


_TITLE_AFTER_INTRO = re.compile(
    rf"the following is .*\b(?:report|document|in focus|insight|paper|brief)\b,?\s+"
    rf"(?:(?:from|of|dated)\s+(?:{FULL_DATE}),\s+)?(?P<title>[^.]+?)\.?$",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\s*[\[(][^\])]*\d{4}[^\])]*[\])]\s*$")


def find_title(captured: Captured) -> Found | None:
    for line in captured.furniture:
        m = _TITLE_AFTER_INTRO.search(line.strip())
        if m and 1 <= len(m.group("title").split()) <= 20:
            return Found(m.group("title").strip(), f"stated: “{_clip(line)}”")
    if captured.title:
        title = _BRACKETED.sub("", captured.title).strip()
        if title and not _DATE_LINE.match(title):  # "Updated February 24, 2023" is a date, not a title
            return Found(title, "the report's title line")
        heading = next((b.text for b in captured.blocks if b.is_heading and not _DATE_LINE.match(b.text.strip())
                        and 1 <= len(b.text.split()) <= 25), None)
        if heading:
            return Found(heading, "the report's first heading")
    if captured.hints.get("title"):
        return Found(captured.hints["title"].strip(), f"the {captured.format.upper()} file's title")
    return None


def find_product(captures: list[Captured]) -> tuple[Publisher | None, Found | None, Found | None, Found | None]:
    """(publisher rule, publisher, series, code) from every capture's statements."""
    lines = [(c, line) for c in captures for line in _statements(c)]
    publisher = pub_found = None
    for p in rules().publishers:
        for c, line in lines:
            names = [p.name, *p.domains]
            hit = any(re.search(rf"\b{re.escape(n)}\b", line, re.IGNORECASE) for n in names)
            if not hit and p.short:
                hit = bool(re.search(rf"\b{re.escape(p.short)}\b", line)) and (
                    any(s in line.lower() for s in p.series) or (p.code and p.code.search(line)))
            if hit:
                publisher, pub_found = p, Found(p.name, f"stated: “{_clip(line)}”")
                break
        if publisher:
            break
    series = code = None
    if publisher is not None:
        for c, line in lines:
            low = line.lower()
            for key, name in publisher.series.items():
                if re.search(rf"\b{re.escape(key)}\b", low):
                    series = Found(name, f"stated: “{_clip(line)}”")
                    break
            if series:
                break
        if publisher.code is not None:
            codes: dict[str, str] = {}
            counts: dict[str, int] = {}
            for c, line in lines:
                for m in publisher.code.finditer(line):
                    codes.setdefault(m.group(0), line)
                    counts[m.group(0)] = counts.get(m.group(0), 0) + 1
            if codes:
                best = max(codes, key=lambda k: counts[k])
                code = Found(best, f"stated: “{_clip(codes[best])}”")
        # Where the publisher's codes say the series (CRS: IF = In Focus), the code decides: a
        # series named in the text may be the publisher's disclaimer ("Information in a CRS
        # Report…" closes every CRS In Focus), not the product's own.
        if code is not None and publisher.series_by_code:
            prefix = re.match(r"[A-Z]+", code.value)
            if prefix and prefix.group(0) in publisher.series_by_code:
                series = Found(publisher.series_by_code[prefix.group(0)],
                               f"from the code {code.value} (briefgen/data/ingest.yaml)")
    return publisher, pub_found, series, code


def _clip(line: str, n: int = 90) -> str:
    line = " ".join(line.split())
    return line if len(line) <= n else line[: n - 1] + "…"


def describe(captures: list[Captured], options: dict) -> tuple[list[EditionMeta], ProductMeta]:
    """Metadata of every capture and of the product, options first; every gap is one problem."""
    problems: list[Problem] = []
    editions: list[EditionMeta] = []
    dates = options.get("dates") or {}
    for c in captures:
        shown = display_path(c.path)
        given = dates.get(str(c.path)) or dates.get(c.path.name) or (dates.get("*") if len(captures) == 1 else None)
        found_date = None
        if given is not None:
            found_date = (given, "given: --date", False)
        else:
            found_date = find_date(c)
        title = Found(options["title"], "given: --title") if options.get("title") else find_title(c)
        if found_date is None:
            flag = "--date YYYY-MM-DD" if len(captures) == 1 else f"--date {c.path.name}=YYYY-MM-DD"
            problems.append(Problem(shown, 0, "", f"no report date found (looked for “Updated <date>”, a dated "
                                    f"title line and a re-poster's lead-in); give it with {flag}"))
        if title is None:
            problems.append(Problem(shown, 0, "", "no report title found; give it with --title \"…\""))
        if found_date is not None and title is not None:
            editions.append(EditionMeta(found_date[0], found_date[1], found_date[2], title, find_version(c)))

    publisher, pub, series, code = find_product(captures)
    short = publisher.short if publisher else None
    if options.get("publisher"):
        pub = Found(options["publisher"], "given: --publisher")
        known = next((p for p in rules().publishers if p.name.lower() == options["publisher"].lower()
                      or (p.short or "").lower() == options["publisher"].lower()), None)
        if known:
            pub, short = Found(known.name, "given: --publisher"), known.short
        elif publisher is not None and publisher.name != options["publisher"]:
            short = None
    if options.get("series"):
        series = Found(options["series"], "given: --series")
    if options.get("code"):
        code = Found(options["code"], "given: --code")
    files = ", ".join(display_path(c.path) for c in captures)
    if pub is None:
        problems.append(Problem(files, 0, "", "no publisher found; give it with --publisher \"…\" "
                                "(publishers briefgen knows: briefgen/data/ingest.yaml)"))
    if series is None:
        problems.append(Problem(files, 0, "", "no report series found (e.g. In Focus); give it with --series \"…\""))
    if code is None:
        problems.append(Problem(files, 0, "", "no report code found (e.g. IF12100); give it with --code …"))
    elif not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}", code.value):
        problems.append(Problem(files, 0, "", f"--code '{code.value}' must be letters, digits, '.', '_' or '-' "
                                "(at most 32)"))
    if problems:
        raise ReportError(problems)
    assert pub is not None and series is not None and code is not None
    return editions, ProductMeta(pub, short, series, code)
