"""The hand-labelled reference sets of issue 20 (tests/data/labels/, rules in its README.md):
every label file has the schema the benchmark reads, every quote is CRS's words in the
committed product text, the labels keep the rules they were made by, and every date in a
labelled product's prose is accounted for (an event, a non-event, a watch item or an
uncertain case), so that a date a tool gives for any other sentence is a false positive."""

from __future__ import annotations

import datetime
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "labels"
FILES = sorted(LABELS.glob("*.yaml"))

KIND_OF_PREFIX = {"IF": "in-focus", "IN": "insight", "LSB": "legal-sidebar", "R": "report",
                  "RL": "report", "RS": "report"}
PARTS = {"glossary", "dates", "news"}
REASONS = {"year names something", "negated", "future", "citation", "period"}
TOP_KEYS = {"code", "version", "kind", "title", "report_date", "markdown", "parts", "not_prose",
            "glossary", "glossary_acceptable", "undefined_names", "events", "non_events", "watch",
            "uncertain", "news"}
PART_KEYS = {"glossary": {"glossary", "undefined_names"},
             "dates": {"events", "non_events", "watch", "uncertain"},
             "news": {"news"}}
FUNCTION_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the",
                  "to", "with"}
WHEN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# A date expression: a year (or decade) 1600-2099, a fiscal year, a month name ("May" only
# before a number, as "may" is mostly the verb). README.md "Dates" gives the same definition.
DATE_EXPRESSION = re.compile(
    r"(?<!\d)(1[6-9]\d{2}|20\d{2})s?(?!\d)|\bFY ?\d{2,4}(?!\d)|\bMay \d|"
    r"\b(January|February|March|April|June|July|August|September|October|November|December)\b")
# Lines of the product text that are not prose: table rows, captions, sources, notes and
# table footnotes ("a. ..."); a label file lists any other caption lines under not_prose.
NOT_PROSE = re.compile(r"\||(Source|Sources|Note|Notes):|(Table|Figure) \d+\.|[a-z]\. ")


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _text(label: dict) -> str:
    return (LABELS / "texts" / f"{label['code']}.txt").read_text(encoding="utf-8")


def _lines(label: dict) -> list[str]:
    return _text(label).splitlines()


def _is_prose(label: dict, number: int, line: str) -> bool:
    """Line 1 is the title, line 2 the date line; the rest is prose unless a table or caption."""
    return number > 2 and not NOT_PROSE.match(line) and not any(
        line.startswith(prefix) for prefix in label.get("not_prose") or [])


def _day(when: str, last: bool = False) -> datetime.date:
    """The first (or last) day of a YYYY, YYYY-MM or YYYY-MM-DD period."""
    parts = [int(p) for p in when.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 2:
        if not last:
            return datetime.date(parts[0], parts[1], 1)
        following = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return datetime.date(parts[0], 12, 31) if last else datetime.date(parts[0], 1, 1)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _written(when: str) -> str:
    """How CRS writes a YYYY, YYYY-MM or YYYY-MM-DD date: "2024", "June 2023", "March 19, 2026"."""
    parts = when.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{month} {int(parts[2])}, {parts[0]}"


def _report_day(label: dict) -> datetime.date:
    return datetime.date.fromisoformat(label["report_date"])


def _quotes(label: dict, keys=("events", "non_events", "watch", "uncertain")) -> list[str]:
    quotes = [item["quote"] for key in keys for item in label.get(key) or []]
    if "news" in label and "news" in keys:
        quotes += [label["news"]["quote"], *label["news"]["also"]]
    return quotes


def _words(text: str) -> list[str]:
    return re.findall(r"[\w][\w'’.\-&]*", text)


ALL = {path.stem: _load(path) for path in FILES}
GLOSSARY_AND_DATES = [c for c, l in ALL.items() if {"glossary", "dates"} <= set(l["parts"])]
GLOSSARY = [c for c, l in ALL.items() if "glossary" in l["parts"]]
DATES = [c for c, l in ALL.items() if "dates" in l["parts"]]
NEWS = [c for c, l in ALL.items() if "news" in l["parts"]]


# --- the set as a whole ------------------------------------------------------------------------

def test_the_set_is_the_one_issue_20_asks_for():
    kinds = [ALL[c]["kind"] for c in GLOSSARY_AND_DATES]
    assert len(GLOSSARY_AND_DATES) == 8
    assert all(kinds.count(kind) == 2 for kind in set(KIND_OF_PREFIX.values()))
    assert {"LSB11418", "IF12106", "R48906"} <= set(GLOSSARY_AND_DATES)
    assert set(DATES) == set(GLOSSARY_AND_DATES) and set(GLOSSARY) >= set(GLOSSARY_AND_DATES)
    # the glossary set includes a mixed-case short form ("eSLR"), as issue 20 asks
    assert any(re.search(r"[a-z].*[A-Z]", entry["short"])
               for code in GLOSSARY for entry in ALL[code]["glossary"])
    assert len(NEWS) == 8 and {"LSB11418", "IF12106"} <= set(NEWS)
    assert all(ALL[c]["kind"] != "report" for c in NEWS)
    assert len(FILES) == len(list((LABELS / "texts").glob("*.txt")))


def test_readme_counts_are_the_files():
    """README.md's table of counts is the label files' (it would drift otherwise)."""
    def count(key):
        return sum(len(label.get(key) or []) for label in ALL.values())
    events = [e for label in ALL.values() for e in label.get("events") or []]
    reasons = [n["reason"] for label in ALL.values() for n in label.get("non_events") or []]
    readme = (LABELS / "README.md").read_text(encoding="utf-8")
    expected = [
        f"| glossary entries (scored) | {count('glossary')} in {len(GLOSSARY)} products",
        f"| glossary_acceptable | {count('glossary_acceptable')} |",
        f"| undefined_names | {count('undefined_names')} |",
        f"| events | {len(events)} ({sum('table' in e for e in events)} from a chronology table, "
        f"{sum('year_from' in e for e in events)} with a bare month or day) |",
        f"| non_events | {len(reasons)}: " + ", ".join(
            f"{r} {reasons.count(r)}"
            for r in sorted(sorted(set(reasons)), key=lambda r: -reasons.count(r))) + " |",
        f"| watch | {count('watch')} |",
        f"| uncertain | {count('uncertain')} |",
        f"| news | {len(NEWS)} ({sum(len(ALL[c]['news']['also']) for c in NEWS)} alternates) |",
    ]
    assert [line for line in expected if line not in readme] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_schema_and_product(path: Path):
    label = _load(path)
    assert set(label) <= TOP_KEYS, set(label) - TOP_KEYS
    code = label["code"]
    assert code == path.stem and re.fullmatch(r"[A-Z]+\d+", code)
    # development half only: the product number ends in an even digit
    assert int(code[-1]) % 2 == 0, f"{code} is in the acceptance half"
    assert label["kind"] == KIND_OF_PREFIX[re.match(r"[A-Z]+", code).group(0)]
    assert isinstance(label["version"], int) and label["version"] >= 1
    assert re.fullmatch(rf"{code}v{label['version']}-[a-z0-9-]+\.md", label["markdown"])
    assert label["parts"] and set(label["parts"]) <= PARTS
    for part, keys in PART_KEYS.items():
        assert (part in label["parts"]) == (keys <= set(label)), (part, keys)
    # the committed text is this product's: its title and its date line
    lines = _lines(label)
    assert lines[0] == label["title"]
    dateline = datetime.datetime.strptime(lines[1].removeprefix("Updated "), "%B %d, %Y").date()
    assert dateline == _report_day(label)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_quote_is_crs_words_in_one_paragraph(path: Path):
    label = _load(path)
    lines = _lines(label)
    for quote in _quotes(label):
        assert quote == quote.strip() and quote, quote
        assert any(quote in line for line in lines), f"{label['code']}: not in the text: {quote!r}"


# --- glossary ------------------------------------------------------------------------------------

def _long_form_ok(long: str) -> bool:
    """Starts at a name's first word (no function word), carries no quotation mark or bracket
    (an apostrophe after a letter, "People's", "States'", is not a quotation mark)."""
    words = long.split()
    if not words or words[0].lower() in FUNCTION_WORDS or re.search(r"[\"“”‘()\[\]{}]", long):
        return False
    return all(m.start() > 0 and long[m.start() - 1].isalpha() for m in re.finditer(r"['’]", long))


@pytest.mark.parametrize("code", GLOSSARY)
def test_glossary_labels_keep_the_rules(code: str):
    label = ALL[code]
    text = _text(label)
    prose = "\n".join(l for n, l in enumerate(text.splitlines(), 1) if _is_prose(label, n, l))
    shorts = [entry["short"] for entry in label["glossary"]]
    assert len(shorts) == len(set(shorts))
    for entry in label["glossary"]:
        assert set(entry) == {"short", "long"}
        short, long = entry["short"], entry["long"]
        assert 2 <= len(short) <= 10 and re.search(r"[A-Z]", short), short
        assert _long_form_ok(long), long
        # defined in prose: "Long Form (SF…)", "Long Form [SF]", "Long Form, or SF",
        # "Long Form (or SF)" or "SF (Long Form…)"
        defined = (rf"{re.escape(long)}[\"”]?\s*[(\[](the |or )?[^)\]]{{0,40}}?\b{re.escape(short)}"
                   rf"|{re.escape(long)}, or {re.escape(short)}\b"
                   rf"|\b{re.escape(short)}\s*\({re.escape(long)}")
        assert re.search(defined, prose), f"{code}: {short} = {long} is not defined in the prose"
    for entry in label.get("glossary_acceptable") or []:
        assert set(entry) == {"short", "long", "why"} and entry["why"]
        assert _long_form_ok(entry["long"]), entry["long"]
    for name in label["undefined_names"]:
        assert name not in shorts
        assert re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", prose), f"{code}: {name} unused"


def test_the_long_form_rule_catches_what_issue_20_saw():
    assert not _long_form_ok("of the Director of National Intelligence")
    assert not _long_form_ok('Inflation Reduction Act of 2022"')
    assert not _long_form_ok("[HPF] Historic Preservation Fund")
    assert _long_form_ok("Office of the Director of National Intelligence")
    assert _long_form_ok("People's Republic of China")


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", DATES)
def test_date_labels_keep_the_rules(code: str):
    label = ALL[code]
    report_day = _report_day(label)
    for event in label["events"]:
        assert set(event) <= {"when", "quote", "label", "note", "also_when", "year_from", "table"}
        assert WHEN.fullmatch(event["when"]), event["when"]
        # an event has happened: it starts no later than the report date
        assert _day(event["when"]) <= report_day, event
        for other in event.get("also_when") or []:
            assert WHEN.fullmatch(other) and _day(other) <= report_day
        assert event.get("year_from", "report date") in ("paragraph", "report date")
        # the date is the sentence's own: its year is written there (unless the label says
        # where a bare "April 3" takes its year from), and so are its month and day
        for when in [event["when"], *(event.get("also_when") or [])]:
            written = _written(when)
            if "year_from" in event and len(when) > 4:
                written = written.replace(f", {when[:4]}", "").replace(f" {when[:4]}", "")
            assert re.search(rf"{re.escape(written)}(?!\d)", event["quote"]), (when, event)
        if "table" in event:
            assert event["quote"].startswith("| ") and event["table"] in _lines(label), event
        # a label is a clause from the sentence (or its table's title), never a fragment
        # that starts "According to", "To", "Based on" or "Per"
        wording = event["label"]
        assert not re.match(r"(according to|to|based on|per)\b", wording, re.I), wording
        source = (event["quote"] + " " + event.get("table", "")).lower()
        missing = [w for w in _words(wording) if w.lower().strip(".") not in source]
        assert not missing, (wording, missing)
    for item in label["non_events"]:
        assert set(item) <= {"quote", "reason", "note"} and item["reason"] in REASONS, item
    for item in label["watch"]:
        assert set(item) <= {"when", "quote", "note"} and WHEN.fullmatch(item["when"])
        assert _day(item["when"], last=True) > report_day, item
    for item in label["uncertain"]:
        assert set(item) == {"quote", "note"} and item["note"]
    # one sentence is an event, a non-event or uncertain, never two of these
    exclusive = _quotes(label, ("events", "non_events", "uncertain"))
    assert len(exclusive) == len(set(exclusive)), [q for q in exclusive if exclusive.count(q) > 1]


@pytest.mark.parametrize("code", DATES)
def test_every_date_in_the_prose_is_labelled(code: str):
    """A date expression in prose that no label covers would make the set incomplete: a tool's
    event there could be neither confirmed nor refuted."""
    label = ALL[code]
    quotes = _quotes(label, ("events", "non_events", "watch", "uncertain"))
    unlabelled = []
    for number, line in enumerate(_lines(label), 1):
        if not _is_prose(label, number, line):
            continue
        spans = [(m.start(), m.start() + len(q)) for q in quotes
                 for m in re.finditer(re.escape(q), line)]
        for found in DATE_EXPRESSION.finditer(line):
            if not any(a <= found.start() and found.end() <= b for a, b in spans):
                context = line[max(0, found.start() - 60):found.end() + 20]
                unlabelled.append(f"line {number}: {found.group(0)!r} in …{context}…")
    assert not unlabelled, "\n".join(unlabelled)


# --- the news or lead judgment ------------------------------------------------------------------

@pytest.mark.parametrize("code", NEWS)
def test_news_labels_keep_the_rules(code: str):
    news = ALL[code]["news"]
    assert set(news) == {"quote", "also", "why"}
    assert len(news["also"]) <= 2 and news["quote"] not in news["also"]
    assert news["why"] and "\n" not in news["why"]


# --- the tool that made the texts ----------------------------------------------------------------

def _tool():
    path = ROOT / "tools" / "make_label_texts.py"
    spec = importlib.util.spec_from_file_location("make_label_texts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_links_become_their_text():
    strip = _tool().strip_links
    assert strip("[requires](https://x.gov/v?req=(title:15)%20OR%20(id:18a)&n=0) parties") \
        == "requires parties"
    assert strip('"[acquihires](https://a.edu/v?x=1#page=13)"') == '"acquihires"'
    assert strip("[[FTC and DOJ]](https://f.gov/a)") == "[FTC and DOJ]"
    assert strip("the \"[r]egardless\" and [2] stay") == "the \"[r]egardless\" and [2] stay"
    # a URL whose text fragment has an unbalanced ")" runs to the last ")" before a blank
    assert strip("the [current version](https://u.gov/g#:~:text=3)(A)%20applies.-,(6),-(Apply) and") \
        == "the current version and"
    # the capture's lost spaces stay lost, as the page has them
    assert strip("absent from[2024](https://d.gov/a) and") == "absent from2024 and"


def test_page_text_keeps_the_prose_and_drops_the_page():
    markdown = "\n".join([
        "# A Title", "", "**Report No.:** IN12000", "---", "[Home](https://h.gov) > IN12000", "",
        "| **CRS Product Type:** | Insight",
        "[Listen](https://l.com/x?y=(1))A TitleUpdated April 9, 2026   (IN12000)   ",
        "", "# Contents", "", "- [Intro](https://c.gov#a)", "", "Intro", "",
        "On **April 7, 2026**, the _agency_ [acted](https://a.gov).  ", "", "- one  item;",
        "| Date | Event ", "|  ", "", "# Footnotes", "| 1. | A note.", "Disclaimer: none"])
    assert _tool().page_text(markdown) == (
        "A Title\nUpdated April 9, 2026\nIntro\nOn April 7, 2026, the agency acted.\n- one item;\n"
        "| Date | Event\n")
