"""The real-report corpus: CRS PDFs paired with the publisher's own web text, and how a capture
is compared with that text. Used by ``bench_ingest.py`` (the whole development half, from a
checkout of ProfAmiot/crs-reports) and by the ingest tests (small fixtures derived from it).

The corpus (https://github.com/ProfAmiot/crs-reports) has ``pdf/<kind>/<CODE>.<version>.pdf``
and ``markdown/<kind>/<CODE>v<version>-<slug>.md``; the markdown is the product's congress.gov
page: a metadata header, site navigation, then CRS's HTML text of the same version, its
footnotes as a table at the end. That text is the ground truth for what the PDF says.

**Development half only**: products whose number ends in an even digit. The odd half is kept
for acceptance; ``pairs`` refuses to list it.

Comparison: both sides are case-folded and reduced to letters and digits (so typography,
link targets, markdown emphasis and spacing do not count). A captured sentence is *found* when
its reduced form is a substring of the reduced web text; a web sentence is *covered* when its
reduced form is a substring of the reduced capture. Every captured sentence not found is
classified (``classify``): a splice of two places, page furniture, a table cell, a note mark, a
real difference between the PDF and web versions, or other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# a link: its URL has no space, may hold "(…)" or an unbalanced "(" of a text fragment, and ends
# at the last ")" before a space (two links side by side do not merge)
_LINK = re.compile(r"!?\[([^\]]*)\]\(((?:(?!\]\()\S)*)\)")
_HEADER = re.compile(r"^\*\*(?P<key>[^*]+):\*\*\s*(?P<value>.*)$")


def development(code: str) -> bool:
    """Is product ``code`` (IF12106, R48906, LSB11418) in the development half?"""
    digits = re.sub(r"\D", "", code)
    return bool(digits) and int(digits[-1]) % 2 == 0


@dataclass
class WebText:
    """A product's web page, read from its markdown capture."""

    code: str
    version: str
    kind: str  # the header's Product Type: In Focus, Insight, Legal Sidebar (CRS's "Legal Sidebar"), Reports
    title: str
    date: str  # YYYY-MM-DD
    authors: list[str]
    paragraphs: list[str] = field(default_factory=list)  # prose, headings included, links dropped
    table_lines: list[str] = field(default_factory=list)  # table and figure rows (cells joined)
    notes: list[str] = field(default_factory=list)  # footnotes
    summary: list[str] = field(default_factory=list)  # a Report's summary page (paragraphs)

    @property
    def series(self) -> str:
        return {"Reports": "Report", "In Focus": "In Focus", "Insight": "Insight",
                "Legal Sidebar": "Legal Sidebar", "CRS Legal Sidebar": "Legal Sidebar"}.get(self.kind, self.kind)

    def full(self) -> str:
        return "\n".join(self.paragraphs + self.table_lines + self.notes)


def _unlink(text: str) -> str:
    return _LINK.sub(lambda m: m.group(1), text)


def read_web(path: Path) -> WebText:
    lines = path.read_text(encoding="utf-8").splitlines()
    head: dict[str, str] = {}
    for line in lines[:40]:
        m = _HEADER.match(line.strip())
        if m:
            head.setdefault(m.group("key").strip(), m.group("value").strip())
        m = re.match(r"^\|\s*\*\*(?:CRS )?(?P<key>[^*]+):\*\*\s*\|\s*(?P<value>.*?)\s*$", line)
        if m:  # the page's overview table: "| **CRS Product Type:** | In Focus"
            key = {"Product Number": "Report No."}.get(m.group("key").strip(), m.group("key").strip())
            head.setdefault(key, m.group("value").strip())
    title = lines[0].lstrip("# ").strip()
    m = re.match(r"(\d{2})/(\d{2})/(\d{4})", head.get("Publication Date", ""))
    date = f"{m.group(3)}-{m.group(1)}-{m.group(2)}" if m else ""
    authors = []
    for line in lines[:40]:
        am = re.match(r"^\|\s*\*\*Authors?:\*\*\s*\|\s*(.*)$", line)
        if am:
            authors = [a.strip() for a in am.group(1).split(";") if a.strip()]
    web = WebText(head.get("Report No.", ""), head.get("Version", ""),
                  head.get("Product Type", "").replace("CRS ", "") or "",
                  title, date, authors)
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith("[Listen]("))
    except StopIteration:
        start = 0
    body = lines[start + 1:]
    # blocks of non-blank lines; a block that starts with "|" is a table (its cells may run over
    # several lines) or, under "# Footnotes", the notes
    blocks: list[list[str]] = []
    for raw in body:
        line = raw.strip()
        if not line or line == "---":
            if blocks and blocks[-1]:
                blocks.append([])
            if line == "---":
                blocks.append(["---"])
                blocks.append([])
            continue
        if not blocks:
            blocks.append([])
        if line.startswith("|") and blocks[-1] and not blocks[-1][0].startswith("|"):
            blocks.append([])  # a table right under a paragraph or caption line
        blocks[-1].append(line)
    section = None
    in_footnotes = False
    for block in blocks:
        if not block:
            continue
        if block == ["---"]:
            if section == "summary":
                section = None
            continue
        if block[0].startswith("|"):
            if in_footnotes:
                for line in block:
                    cells = [c.strip() for c in _unlink(line).strip("|").split("|")]
                    if len(cells) >= 2 and re.fullmatch(r"\d{1,3}\.", cells[0]):
                        web.notes.append(cells[0].rstrip(".") + " " + " ".join(cells[1:]).strip())
                    elif web.notes:
                        web.notes[-1] += " " + " ".join(c for c in cells if c)
            else:
                for line in block:
                    joined = " ".join(c.strip() for c in _unlink(line).strip("|").split("|") if c.strip())
                    if joined:
                        web.table_lines.append(joined)
            continue
        for line in block:
            if line.startswith("Disclaimer:"):
                return web
            if line.startswith("[Jump to Main Text"):
                continue
            if re.match(r"^#\s+(Contents|Figures|Tables|Appendixes)$", line):
                section = "toc"
                continue
            if re.match(r"^#\s+Footnotes$", line):
                in_footnotes = True
                section = None
                continue
            if section == "toc":
                if line.startswith("- [") or line.startswith("["):
                    continue
                section = None
            if line == "Summary" and not web.paragraphs:
                section = "summary"
                continue
            text = _unlink(line)
            text = re.sub(r"^[-*]\s+", "", text)
            text = text.lstrip("# ").strip()
            if not web.paragraphs and not web.summary and title and text.replace(" ", "").startswith(
                    title.replace(" ", "")[:30]):
                continue  # "TitleUpdated April 17, 2026 (IF12610)"
            if in_footnotes and web.notes:
                web.notes[-1] += " " + text
                continue
            if section == "summary":
                web.summary.append(text)
            web.paragraphs.append(text)
    return web


_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.IGNORECASE)


def reduce(text: str) -> str:
    """Letters and digits only, case-folded; an ordinal's suffix is dropped ("119th" is "119"),
    because the web text loses superscripts."""
    return "".join(ch for ch in _ORDINAL.sub("", text).casefold() if ch.isalnum())


def sentences(text: str) -> list[str]:
    from briefgen.ingest.segment import sentences as split

    out = []
    for para in text.split("\n"):
        out.extend(s for s in split(para) if s.strip())
    return out


@dataclass
class Pair:
    code: str
    version: str
    kind: str  # in-focus | insights | reports | sidebars
    pdf: Path
    markdown: Path


def pairs(root: Path) -> list[Pair]:
    """Every development-half (PDF, markdown) pair of the same product and version in a checkout
    of ProfAmiot/crs-reports at ``root``."""
    out = []
    for md in sorted((root / "markdown").glob("*/*.md")):
        m = re.match(r"^([A-Z]+\d+)v(\d+)-", md.name)
        if not m or not development(m.group(1)):
            continue
        code, version = m.groups()
        folder = root / "pdf" / md.parent.name
        candidates = [folder / f"{code}.{version}.pdf", *sorted(folder.glob(f"{code}v{version}-*.pdf")),
                      folder / f"{code}.pdf"]
        pdf = next((p for p in candidates if p.is_file()), None)
        if pdf is not None:
            out.append(Pair(code, version, md.parent.name, pdf, md))
    return out


# --- classification of a captured sentence the web text does not have --------------------------

CLASSES = ("splice", "furniture", "table cell", "note mark", "version difference", "other")


def _pieces(needle: str, hay: str, least: int = 12) -> list[tuple[int, int, int]]:
    """Greedy cover of ``needle`` by its longest substrings found in ``hay``: (start in needle,
    end in needle, position in hay). Pieces shorter than ``least`` are not taken."""
    out = []
    i = 0
    while i < len(needle):
        lo, hi = least, len(needle) - i
        if hi < lo or needle[i:i + lo] not in hay:
            i += 1
            continue
        while lo < hi:  # the longest prefix of needle[i:] found in hay
            mid = (lo + hi + 1) // 2
            if needle[i:i + mid] in hay:
                lo = mid
            else:
                hi = mid - 1
        out.append((i, i + lo, hay.find(needle[i:i + lo])))
        i += lo
    return out


def classify(sentence: str, web_reduced: str, tables_reduced: str, furniture_reduced: str) -> str:
    """Why a captured sentence is not in the web text (see ``CLASSES``)."""
    s = reduce(sentence)
    if re.search(r"(?:\.\s?){5,}", sentence):  # a contents line's dot leader
        return "furniture"
    # note marks: digits glued to a word ("Administration54", "CO ." for CO2) -- drop digit runs
    # and the sentence is found
    no_digits = re.sub(r"\d+", "", s)
    web_no_digits = re.sub(r"\d+", "", web_reduced)
    pieces = _pieces(s, web_reduced)
    covered = sum(b - a for a, b, _ in pieces)
    if no_digits and no_digits in web_no_digits and covered >= 0.6 * len(s):
        return "note mark"
    uncovered = []
    last = 0
    for a, b, _ in pieces:
        if a > last:
            uncovered.append(s[last:a])
        last = b
    if last < len(s):
        uncovered.append(s[last:])
    rest = "".join(uncovered)
    if furniture_reduced and any(len(u) >= 4 and u in furniture_reduced for u in uncovered) \
            and sum(len(u) for u in uncovered if u in furniture_reduced) >= 0.5 * len(rest):
        return "furniture"
    if tables_reduced and (s in tables_reduced or (rest and sum(len(u) for u in uncovered if u in tables_reduced)
                                                   >= 0.6 * len(rest) and len(rest) >= 4)):
        return "table cell"
    # two long pieces that are far apart in the web text, in the sentence side by side: a splice
    long = [p for p in pieces if p[1] - p[0] >= 20]
    for (a1, b1, h1), (a2, b2, h2) in zip(long, long[1:]):
        if not (0 <= h2 - (h1 + (b1 - a1)) <= 40):
            return "splice"
    if covered >= 0.85 * len(s):
        return "version difference"
    return "other"
