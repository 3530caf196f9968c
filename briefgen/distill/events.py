"""The timeline: the events a report states, each dated by the act its sentence reports.

A sentence gives at most one event, at the date of its main act ("On March 19, 2026, the Fifth
Circuit denied …", "A federal district court vacated that rule in February 2026, holding …").
A date is no event's when it

* names something: "the 2024 amendments", "the FY2026 act", "the Merger Filing Fee Modernization
  Act of 2022", "the June 2023 NPRM" (a dated document that does the act dates it: "A November
  2024 ODNI report explained …", "In its 2024 WEC final rule, EPA altered …");
* is a span, a deadline or a state: "since 2010", "from 2024 to 2034", "by 2034", "as of April 9",
  a fiscal year, a decade, "emissions were 702 MMTCO2e in 2022";
* stands in a negated sentence ("the 2024 final rule did not take effect"), unless the negation
  is in what someone said ("testified on March 18, 2026, that Iran has not resumed …");
* is in the future of the report, or in what would, will or may happen: such a sentence is a
  point to watch (``watch_section``), never a past event.

A bare month and day ("On April 8, …") takes its year from its paragraph, else the report's
date. A chronology table (a Date or Year column beside what happened) gives one event per row,
quoted from the row. A label is the sentence's main clause without its date, a clause a reader
understands, never a fragment ("According to an August 9", "To January 22").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..ingest.document import EXHIBIT
from ..ingest.rules import MONTH, MONTHS
from ..text import when_key
from .dates import Mention, mentions
from .event_labels import event_label
from .sentences import ends_sentence, is_boilerplate, is_cross_reference

_BARE = re.compile(rf"\b(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})\b(?!,?\s*\d{{4}})(?!\d)")
_BARE_MONTH = re.compile(rf"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Bb]y)\s+(?:early\s+|late\s+|mid-)?(?P<m>{MONTH})\b(?!\s+\d)")
_NEGATION = re.compile(r"\b(?:not|never|no longer|yet to|neither|nor|without)\b|\bno\s+(?!later|earlier|more|less)\w",
                       re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|stated|states|testified|noted|notes|indicated|asserted|argued|claimed|"
                       r"reported|announced|warned|concluded|found|held|ruled|determined|observed|explained|wrote|"
                       r"contended|maintained|acknowledged|assessed|estimated|alleged|added|suggested)\b[^.;]*?\bthat\b",
                       re.IGNORECASE)
_MODAL = re.compile(r"\b(?:would|will|could|might|may|shall|should|must)\b|\b(?:is|are|was|were)\s+(?:scheduled|expected|"
                    r"projected|set|slated|planned|due|likely|poised)\s+to\b|\b(?:plans?|intends?|aims?)\s+to\s+(?!the\b)(?-i:[a-z])",
                    re.IGNORECASE)
_SPAN_BEFORE = re.compile(r"\b(?:since|as of|through|until|till|by|before|after|effective|from|between|per|each|"
                          r"every|over|within|for)\s+(?:the\s+)?(?:end of\s+|early\s+|late\s+|mid-)?$", re.IGNORECASE)
# "Since the WEC's inception in 2022, …": a span opened earlier in the same phrase
_SPAN_PHRASE = re.compile(r"(?:^|[,;(]\s*)(?:since|until|through|as of)\b[^,;()]*$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:that|which|who|whom|whose|whether|because|if|unless|so that|in which|under which|"
                          r"how|what|where|why)\b",
                          re.IGNORECASE)
_STATIVE = re.compile(r"^\s*(?:[\w’'.-]+\s+){0,8}?(?:include[sd]?|contain(?:s|ed)?|show(?:s|ed)?|identif(?:y|ies|ied)|"
                      r"list(?:s|ed)?|was based|were based|is based|are based|provides|covers|applies|requires|"
                      r"sets|establishes|defines|describes|allows|permits|prohibits)\b", re.IGNORECASE)
_TO_START = re.compile(r"\bto\s+(?:start|begin|take effect|end|expire|phase|impose|be\s+\w+ed)\b[^,.;]*$", re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:been\s+)?\w+(?:ed|en)\b", re.IGNORECASE)
_ATTACHED = re.compile(r"\b[A-Z]?[a-z]+\s+(?:introduced|enacted|signed|implemented|issued|adopted|passed|established|"
                       r"released|published|filed|announced|proposed|finalized|created)\s+(?:[\w.]+\s+){0,4}?"
                       r"(?:on|in|during)\s+(?:early\s+|late\s+)?$")
_YEAR_NOUN = re.compile(r"^\s+(?:data|dollars|estimates?|levels?|figures|prices|rates|values|baseline|inventory|"
                        r"census|survey|budget|elections?|amendments?|rules?|law|act|report|assessment|analysis)\b")
_QUANTITY_AFTER = re.compile(r"^\s*,?\s*(?:approximately|about|nearly|roughly|some|more than|over|fewer than|less than|"
                             r"\$?\d)", re.IGNORECASE)
_ADVERBIAL_BEFORE = re.compile(r"(?:^|[\s,(—–])(?:on|in|during|at|around|about|circa|early|late|mid-|earlier in|"
                               r"later in|in early|in late|in mid-|the end of)\s+$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|our|this|that|these|those|a|an|each|every|any)|[’']s)"
                                r"\s+(?:(?!(?:in|on|of|at|by|for|from|to|during|with)\b)[\w-]+\s+){0,2}$", re.IGNORECASE)
_OF_NAME_BEFORE = re.compile(r"\b(?:Act|Code|Law|Agreement|Treaty|Convention|Amendments?|Resolution|Bill|Plan|Rule|"
                             r"Strategy|Review|Report|Program|Survey|Census|Edition|Order)\s+(?:of\s+)?$")
_DOCUMENTS = {"report", "reports", "assessment", "assessments", "rule", "rulemaking", "decision", "opinion",
              "order", "statement", "release", "letter", "memo", "memorandum", "notice", "study", "analysis",
              "guidance", "publication", "survey", "testimony", "proclamation", "announcement", "article",
              "interview", "speech", "hearing", "ruling", "judgment", "filing", "press", "email", "e-mail",
              "briefing", "post", "remarks", "review", "audit", "update", "estimate", "estimates"}
_PARTICIPLE_BEFORE = re.compile(r"\b\w+(?:ed|en)\s+(?:[\w.]+\s+){0,4}(?:on|in|by|during)\s+(?:[\w.]+\s+){0,3}$")
_COPULA = re.compile(r"\b(?:is|are|was|were|has been|have been|had been|remained|remains|totaled|totalled|"
                     r"amounted|represented|accounted|equaled|stood|averaged|ranged|numbered|reached)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dated:
    """The event a sentence gives: when, and the date's place in the sentence."""

    when: str
    mention: Mention


def timeline_section(edition, report_date: date | str | None = None) -> list[dict]:
    """timeline.yaml's events from an edition's sentences and chronology tables, oldest first.
    ``report_date`` (the edition's date) gives a bare month and day its year, and tells the past
    from the future."""
    today = _as_date(report_date) or _as_date(getattr(getattr(edition, "meta", None), "date", None))
    events = []
    for p in edition.paragraphs:
        year = today.year if today else None
        for s in p.sentences:
            dated = sentence_event(s.text, year, today)
            year = _latest_year(s.text, year)
            if dated is None:
                continue
            events.append((when_key(dated.when), s.index, {
                "when": dated.when,
                "text": s.text,
                "short": event_label(s.text, dated.mention),
                "sources": [{"edition": edition.id, "quote": s.text}],
            }))
    for n, (when, row, label) in enumerate(table_events(edition.captured.blocks if hasattr(edition, "captured") else [],
                                                         today)):
        events.append((when_key(when), 10 ** 6 + n, {
            "when": when, "text": label, "short": label[:63] + "…" if len(label) > 64 else label,
            "sources": [{"edition": edition.id, "quote": row}]}))
    events.sort(key=lambda e: (e[0], e[1]))
    out, seen = [], set()
    for _, _, e in events:
        key = (e["when"], e["sources"][0]["quote"])
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def watch_section(edition, report_date: date | str | None = None, limit: int = 4) -> list[dict]:
    """Sentences that give a date after the report's: points to watch, quoted (not events)."""
    today = _as_date(report_date) or _as_date(getattr(getattr(edition, "meta", None), "date", None))
    if today is None:
        return []
    out = []
    for p in edition.paragraphs:
        year = today.year
        for s in p.sentences:
            year = _latest_year(s.text, year)
            if not ends_sentence(s.text) or is_cross_reference(s.text) or len(s.text) < 12:
                continue
            later = [m for m in _all_mentions(s.text, year) if _after(m.when, today)]
            if later and _MODAL.search(s.text) or later and re.search(r"\bscheduled\b|\bexpected\b|\bdeadline\b",
                                                                     s.text, re.IGNORECASE):
                out.append({"text": s.text, "sources": [{"edition": edition.id, "quote": s.text}]})
            if len(out) >= limit:
                return out
    return out


def sentence_event(text: str, year: int | None, today: date | None) -> Dated | None:
    """The event ``text`` reports, at the date of its main act, or None (see module docstring)."""
    if not ends_sentence(text) or is_cross_reference(text) or is_boilerplate(text, None):
        return None
    found = _all_mentions(text, year)
    if not found:
        return None
    candidates = []
    for m in found:
        before, after = text[:m.start], text[m.end:]
        if m.kind in ("fiscal", "range") or (today is not None and _after(m.when, today)):
            continue
        if m.kind == "decade" and not re.search(r"\b(?:in|during) the\s+(?:early\s+|late\s+)?$", before, re.IGNORECASE):
            continue  # "a border war in the 1960s" is dated; "the 1920s" as a name, or a span, is not
        if _SPAN_BEFORE.search(before) or _SPAN_PHRASE.search(before) or _in_parentheses(text, m):
            continue
        if _names_something(before, after):
            rank = _document_acts(before, after)
            if rank is not None and not _STATIVE.search(after):  # a document that only holds something
                candidates.append((rank, m))
            continue
        if _TO_START.search(before):
            continue  # "directed EPA to start imposing the WEC … in 2024": a schedule, not an act
        if _ADVERBIAL_BEFORE.search(before) or m.start == 0:
            if _QUANTITY_AFTER.match(after):
                continue  # "In 2023, approximately 2,300 facilities reported …": a figure at a date
            candidates.append((0, m))
        elif re.search(r"(?:,|\()\s*$", before[-3:]) or re.match(r"^\s*,", after):
            candidates.append((1, m))  # ", according to an August 9, 2024, press report"
    if not candidates:
        return None
    rank, m = min(candidates, key=lambda c: (c[0], c[1].start))
    # the clause of the act, its dates and asides blanked ("May 2018" is no modal)
    masked = text
    for x in found:
        masked = masked[:x.start] + " " * (x.end - x.start) + masked[x.end:]
    masked = re.sub(r"\([^()]*\)", lambda g: " " * len(g.group(0)), masked)
    main = _main_part(_clause_of(masked, m))
    attached = _ATTACHED.search(text[:m.start])  # "Legislation introduced in 2020 would have …"
    if attached and not _negated(main):
        return Dated(m.when, m)
    if _negated(main):
        return None
    if _MODAL.search(main) or _PERFECT.search(main):
        return None  # what would, will or may happen; a state that has held since
    if _COPULA.search(main) and not re.search(r"\b(?:was|were)\s+\w+(?:ed|en)\b", main):
        return None  # a state at a date ("emissions were 702 MMTCO2e in 2022"), not an act
    if re.search(r"\b(?:was|were|is|are)\s+based\b", main):
        return None
    return Dated(m.when, m)


def _in_parentheses(text: str, m: Mention) -> bool:
    return text.count("(", 0, m.start) > text.count(")", 0, m.start)


def _main_part(clause: str) -> str:
    """A clause without what follows its first subordinator after the start ("…, adopted a
    final rule expanding the information that merging parties must include": not the "must")."""
    cut = next((x for x in _SUBORDINATE.finditer(clause) if x.start() > 12), None)
    part = clause[:cut.start()] if cut else clause
    reported = _REPORTED.search(clause)
    if reported and (cut is None or reported.end() <= cut.end()):
        part = clause[:reported.end()]  # what someone said, estimated or found is theirs
    return part


def _all_mentions(text: str, year: int | None) -> list[Mention]:
    found = mentions(text)
    if year is not None:
        taken = [(m.start, m.end) for m in found]
        for b in _BARE.finditer(text):
            if any(b.start() < z and a < b.end() for a, z in taken):
                continue
            day = int(b.group("d"))
            if 1 <= day <= 31:
                found.append(Mention(f"{year}-{MONTHS[b.group('m').lower().rstrip('.')]:02d}-{day:02d}",
                                     b.start(), b.end(), "day"))
        for b in _BARE_MONTH.finditer(text):  # "in March", "In early March"
            a = b.start("m")
            if any(a < z and x < b.end() for x, z in taken) or b.group("m") == "May" and not b.group(0)[0].isupper() \
                    and not re.match(r"^\s*[,.]", text[b.end():]):
                continue
            found.append(Mention(f"{year}-{MONTHS[b.group('m').lower().rstrip('.')]:02d}", a, b.end(), "month"))
    return sorted(found, key=lambda m: m.start)


def _latest_year(text: str, year: int | None) -> int | None:
    """A paragraph's year so far: the last full date's (a bare "April 8" later takes it)."""
    for m in mentions(text):
        if m.kind in ("day", "month") and not _names_something(text[:m.start], text[m.end:]):
            year = int(m.when[:4])
    return year


def _negated(text: str) -> bool:
    return _NEGATION.search(text) is not None


def _names_something(before: str, after: str) -> bool:
    """Does the date stand inside a name or a noun phrase ("the 2024 amendments", "Act of 1976",
    "the April 11 meeting", "EPA's 2024 WEC rule")?"""
    if _OF_NAME_BEFORE.search(before):
        return True
    follows_word = bool(re.match(r"^[-\s]+[A-Za-z]", after)) and not re.match(
        r"^\s+(?:and|or|to|through|when|after|before|as|while|with|that|which|the|a|an|its|his|her|their|"
        r"in|on|at|by|for|from|of)\b", after, re.IGNORECASE)
    if _YEAR_NOUN.match(after):
        return True  # "based on 2022 data", "2024 estimates", "2022 levels"
    return bool(_DETERMINER_BEFORE.search(before)) and follows_word


def _document_acts(before: str, after: str) -> int | None:
    """A dated document that does the act: its subject ("A November 2024 ODNI report explained
    …", rank 0), an adverbial of the main verb ("In its 2024 WEC final rule, EPA …", "noted in an
    October 2021 publication that …", rank 0), a source ("according to an August 9, 2024, press
    report", rank 1). None when the date names something else ("the 2024 amendments")."""
    words = re.findall(r"[A-Za-z]+", after[:80])
    if not any(w.lower() in _DOCUMENTS for w in words[:7]):
        return None
    start = before.strip()
    if re.search(r"(?:according to|based on)\s+(?:an?|the)\s*$", start, re.IGNORECASE):
        return 1
    if not start or re.fullmatch(r"(?:(?:In|Under|Through|With)\s+)?(?:an?|the|its|their|[\w.]+[’']s)"
                                 r"(?:\s+[\w.-]+){0,2}", start, re.IGNORECASE):
        return 0
    if re.search(r"\b(?:in|by|via|through)\s+(?:an?|the|its|their|his|her)\s*$", start, re.IGNORECASE):
        return 0
    return None


def _clause_of(text: str, m: Mention) -> str:
    """The clause around a mention: from the last clause break before it to the next after."""
    breaks = r"[;:]\s+|,\s+(?=(?:which|who|while|whereas|although|but|and|or)\s)"
    starts = [0] + [x.end() for x in re.finditer(breaks, text) if x.end() <= m.start]
    ends = [x.start() for x in re.finditer(breaks, text) if x.start() >= m.end] + [len(text)]
    return text[max(starts):min(ends)]


def _after(when: str, today: date) -> bool:
    """Is ``when`` later than the report's date (at its own granularity)?"""
    key = when.split("/")[0].rstrip("s")
    parts = [int(x) for x in key.split("-") if x.isdigit()]
    if not parts:
        return False
    ref = [today.year, today.month, today.day][: len(parts)]
    return parts > ref


def _as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    return None


# --- chronology tables ------------------------------------------------------------------------

_DATE_HEAD = re.compile(r"^(?:date|year|dates|years|when|date of [\w ]+|year of [\w ]+)$", re.IGNORECASE)


def table_events(blocks, today: date | None) -> list[tuple[str, str, str]]:
    """(when, row, label) for each row of a chronology table: an exhibit whose head has a Date or
    Year column beside what happened ("Date | Monarch | Country", "Year | Action"). The row is
    quoted as the capture has it; the label is its other cells, in the row's words."""
    out = []
    for block in blocks:
        if block.kind != EXHIBIT:
            continue
        lines = block.text.splitlines()
        head_at = next((i for i, line in enumerate(lines) if " | " in line), None)
        if head_at is None:
            continue
        head = [c.strip() for c in lines[head_at].split(" | ")]
        col = next((k for k, c in enumerate(head) if _DATE_HEAD.match(c)), None)
        if col is None:
            continue
        for line in lines[head_at + 1:]:
            cells = [c.strip() for c in line.split(" | ")]
            if len(cells) != len(head) or cells == head:
                continue
            found = [m for m in mentions(cells[col]) if m.kind in ("day", "iso", "month", "year")]
            if len(found) != 1 or (today is not None and _after(found[0].when, today)):
                continue
            label = ", ".join(c for k, c in enumerate(cells) if k != col and c)
            if label:
                out.append((found[0].when, line, label))
    return out
