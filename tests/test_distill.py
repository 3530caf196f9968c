"""briefgen distill: report files to a draft dossier that checks and builds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from briefgen.check import check
from briefgen.distill.dates import clause_label, mentions
from briefgen.distill.glossary import find_definitions, undefined
from briefgen.content.load import load_one
from conftest import ROOT, run_briefgen

REPORTS = Path(__file__).parent / "data" / "reports"
IF12100 = REPORTS / "crs-if12100-2023-09-13.txt"


def tree(folder: Path) -> dict[str, str]:
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    content = tmp_path_factory.mktemp("distill") / "content"
    content.mkdir()
    proc = run_briefgen("distill", str(IF12100), "--dossier", "cr", "--code", "IF12100", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    return content, proc


def test_distill_prints_a_summary_and_writes_a_draft(drafted):
    content, proc = drafted
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("edition 2023-09-13: ") and "date stated:" in lines[0]
    # 7 events: one per sentence, at its main act; "the 2001 Treaty" names a treaty, "Since 2013" is a
    # span, "2021-2025" a range (briefgen/distill/events.py)
    assert lines[1].startswith("read 1 edition, 21 sentences: 6 glossary terms, 7 dated events, ")
    assert lines[2].startswith("needs a person: ") and "headlines" in lines[2]
    folder = content / "cr"
    assert {p.name for p in folder.iterdir()} >= {"dossier.yaml", "items.yaml", "glossary.yaml", "timeline.yaml",
                                                   "framing.yaml", "sources"}
    meta = yaml.safe_load((folder / "dossier.yaml").read_text())["dossier"]
    assert meta["draft"] is True
    (edition,) = meta["editions"]
    capture = edition["captures"][0] if "captures" in edition else edition
    text = (folder / capture["file"]).read_bytes()
    assert hashlib.sha256(text).hexdigest() == capture["sha256"]


def test_every_quote_of_the_draft_is_verified_and_the_todos_are_listed(drafted):
    content, _ = drafted
    report = check(content, "cr")
    assert report.problems.errors == []
    assert report.quotes_checked >= 30
    todos = [str(w) for w in report.problems.warnings if "to do" in str(w)]
    assert any("write the subtitle" in t for t in todos)
    assert any("why it matters" in t for t in todos)
    assert any("expand 'U.S.'" in t for t in todos)  # used, never defined: listed, never expanded
    strict = check(content, "cr", strict=True)
    assert strict.problems.errors  # --strict: to-dos are errors


def test_glossary_comes_from_the_definitions_the_text_gives(drafted):
    content, _ = drafted
    d = load_one(content / "cr")
    terms = {t.term: t.expansion for t in d.glossary}
    assert terms["PRC"] == "People’s Republic of China"  # "(PRC or China)"
    assert terms["EU"] == "European Union"
    assert terms["G20"] == "Group of 20"
    assert "U.S." not in terms and "U.N." not in terms


def test_definition_forms():
    found = {d.term: d.expansion for d in find_definitions([
        "The People’s Republic of China (PRC or China) and the Russian Federation (Russia) talk.",
        "The Shanghai Cooperation Organization (SCO) is a group.",
        "The SWIFT (Society for Worldwide Interbank Financial Telecommunication) network is used.",
    ])}
    assert found == {"PRC": "People’s Republic of China", "SCO": "Shanghai Cooperation Organization",
                     "SWIFT": "Society for Worldwide Interbank Financial Telecommunication"}
    assert undefined(["The U.S. and the ICBM force.", "330 intercontinental ballistic missiles (ICBMs)"],
                     {"ICBMs"}, set()) == {"U.S.": 1}


def test_timeline_dates_every_statement_with_a_normalised_when(drafted):
    content, _ = drafted
    d = load_one(content / "cr")
    whens = sorted(e.when for e in d.timeline)
    assert whens == ["1991", "2014", "2019", "2021", "2021-11", "2022", "2022"]
    source = " ".join(IF12100.read_text().split())
    assert all(" ".join(e.sources[0].quote.split()) in source for e in d.timeline)


def test_clause_label_skips_an_introductory_date():
    s = ("On February 5, 2026, President Donald J. Trump posted on social media that the United States "
         "should negotiate a new treaty.")
    label = clause_label(s, mentions(s)[0])
    assert label.startswith("President Donald J. Trump posted") and len(label) <= 64
    s = "In 2019, PRC and Russian leaders announced their intention to develop a partnership."
    assert clause_label(s, mentions(s)[0]).startswith("PRC and Russian leaders announced")


def test_items_quote_their_sentence_and_paragraph(drafted):
    content, _ = drafted
    d = load_one(content / "cr")
    source = " ".join(IF12100.read_text().split())
    assert 10 <= len(d.items) <= 21
    for item in d.items:
        assert " ".join(item.summary.split()) in source
        assert " ".join(item.detail.split()) in source
        for layer in ("headline", "plain"):  # a person writes these, or reviews the machine's draft
            assert getattr(item, layer) is None or item.is_drafted(layer)
    assert [i.priority for i in d.items] == sorted(i.priority for i in d.items)
    assert {i.topic for i in d.items} >= {"key-features-relationship"}


def test_the_draft_builds_at_once_and_says_it_is_a_draft(drafted, tmp_path):
    content, _ = drafted
    out = tmp_path / "out"
    for length in ("flash", "two-page"):
        proc = run_briefgen("build", "--dossier", "cr", "--content", str(content), "--output", str(out),
                            "--format", "pdf", "--length", length)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    from extract import pdf_text

    for audience in ("principal", "staff", "public"):
        for length in ("flash", "two-page"):
            text = pdf_text(out / "cr" / f"cr-{audience}-{length}.pdf")
            assert "DRAFT, NOT REVIEWED" in text.upper()
    public = pdf_text(out / "cr" / "cr-public-two-page.pdf")
    assert "plain-language version" in public  # says exactly what to write, never an empty section


def test_a_long_report_drafted_from_pdf_builds_every_brief(tmp_path):
    content = tmp_path / "content"
    proc = run_briefgen("distill", str(REPORTS / "if12672-infocus-weasyprint.pdf"), "--dossier", "nukes",
                        "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    proc = run_briefgen("build", "--dossier", "nukes", "--content", str(content), "--output", str(tmp_path / "o"),
                        "--format", "pdf")
    assert proc.returncode == 0, proc.stdout + proc.stderr  # 36 dated events, long source sentences: it fits
    assert "12 built" in proc.stdout or "built" in proc.stdout


def test_distill_never_overwrites_without_force_and_dry_run_writes_nothing(drafted, tmp_path):
    content, _ = drafted
    before = tree(content)
    proc = run_briefgen("distill", str(IF12100), "--dossier", "cr", "--code", "IF12100", "--content", str(content))
    assert proc.returncode == 2 and "--force" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_briefgen("distill", str(IF12100), "--dossier", "other", "--code", "IF12100", "--content",
                        str(content), "--dry-run")
    assert proc.returncode == 0 and "would write" in proc.stdout
    assert tree(content) == before


def test_metadata_the_text_does_not_state_is_asked_for(tmp_path):
    report = tmp_path / "notes.txt"
    report.write_text("Relations between two countries\n\nThe two countries talk often. They trade a great deal "
                      "with each other, and their leaders have met many times since 2013.\n")
    content = tmp_path / "content"
    proc = run_briefgen("distill", str(report), "--dossier", "x", "--content", str(content))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "notes.txt" in proc.stderr and "--date" in proc.stderr
    assert not (content / "x").exists()


def test_two_files_are_two_editions(tmp_path):
    content = tmp_path / "content"
    old = ROOT / "content/china-russia/sources/crs-if12100-2022-05-02.txt"
    proc = run_briefgen("distill", str(old), str(IF12100), "--dossier", "two", "--code", "IF12100",
                        "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    d = load_one(content / "two")
    assert d.ordered == ["2022-05-02", "2023-09-13"]


def test_a_table_read_as_one_run_of_text_is_no_key_point():
    from briefgen.distill.rank import tabular

    row = ("Commerce Secretary initiates investigation April 19, 2017 March 10, 2025 Public hearing held "
           "May 24, 2017 No hearing held Public comments due May 31, 2017 April 1, 2025")
    assert tabular(row)
    assert not tabular("In November 2021, the two sides signed a Road Map for Military Co-operation for "
                       "2021-2025 to guide collaboration in this sphere.")
    assert not tabular("In 2025, the United States imported $7.2 billion worth of semi-finished copper "
                       "products (25% by value from the EU and 20% from Canada).")


def test_an_authors_byline_is_no_key_point():
    """CRS Insights end with the author's name and title ("Kyla H. Kitamura Analyst in
    International Trade and Finance"): a paragraph, but no sentence, so no candidate item."""
    from briefgen.distill.rank import score
    from briefgen.distill.sentences import read_sentences
    from briefgen.ingest.document import PARAGRAPH, Block, Captured

    paragraphs = [
        "Upon President Trump’s direction, in March 2025, the Commerce Secretary initiated a Section 232 "
        "investigation into copper imports.",
        "Kyla H. Kitamura Analyst in International Trade and Finance Section",
    ]
    blocks = [Block(PARAGRAPH, p) for p in paragraphs]
    captured = Captured(Path("r.txt"), "txt", "test", b"", "\n\n".join(paragraphs), blocks)
    texts = [c.sentence.text for c in score(read_sentences(captured))]
    assert texts == [paragraphs[0]]


def test_the_lead_sentence_said_again_with_a_letter_lost_is_not_an_item_too():
    """The top-ranked sentence stands in for the bottom line. A CRS Report's introduction repeats
    its summary's opening, and its drop cap, drawn as a picture, loses the first letter
    ("ach year, …", CRS Report R48179): the same sentence, not a second key point. The same
    words about other numbers are two claims."""
    from briefgen.distill.rank import near_duplicate

    s = ("Each year, millions of Americans purchase tickets for live entertainment events, such as concerts, "
         "theatrical performances, and sporting events.")
    assert near_duplicate(s, s[1:])
    assert not near_duplicate("In May 2024, DOJ filed a lawsuit.", "In May 2025, DOJ filed a lawsuit.")
    assert not near_duplicate("In 2024, the program served 1,200 facilities in 14 states across the region.",
                              "In 2024, the program served 1,500 facilities in 14 states across the region.")


def test_a_dateline_or_byline_gives_no_timeline_event(tmp_path):
    """A CRS Report's summary box reads "April 22, 2026 Clare Y. Cho Specialist in …": a date,
    but no sentence, so no timeline event (it made one labelled "April 22"). Words from CRS
    Report R48179 (public domain), in a PDF made here with the box beside the text."""
    import weasyprint

    summary = ("Each year, millions of Americans purchase tickets for live entertainment events, such as "
               "concerts, theatrical performances, and sporting events. Tickets for live events initially are "
               "sold in the primary market, in which firms that provide ticketing services work directly with "
               "venues, promoters, producers, sports teams, and other entities to sell tickets to consumers. "
               "On March 31, 2025, President Trump issued Executive Order 14254, titled Combating Unfair "
               "Practices in the Live Entertainment Market.")
    html = f"""<html lang="en"><head><title>Tickets for Live Entertainment Events</title><style>
      @page {{ size: letter; margin: 0.75in }} body {{ font: 10pt/11.5pt serif }} h1 {{ font-size: 20pt }}
      .box {{ float: right; width: 1.3in; margin: 0 0 0 0.3in; padding-top: 4pt; font: 9pt/11pt serif }}
      .box p {{ margin: 0 }}</style></head><body><h1>Tickets for Live Entertainment Events</h1>
      <div class="box"><p>April 22, 2026</p><p>Clare Y. Cho<br>Specialist in Industrial<br>Organization and
      Business<br>Policy</p></div><p>{summary}</p></body></html>"""
    report = tmp_path / "r.pdf"
    weasyprint.HTML(string=html).write_pdf(report)
    content = tmp_path / "content"
    proc = run_briefgen("distill", str(report), "--dossier", "t", "--content", str(content), "--date", "2026-04-22",
                        "--code", "R48179", "--publisher", "Congressional Research Service", "--series", "Report")
    assert proc.returncode == 0, proc.stderr
    source = next((content / "t" / "sources").iterdir()).read_text()
    # the box is a byline: furniture, not the report's text (it is read for metadata only)
    assert "Clare Y. Cho" not in source and "Each year, millions of Americans" in source
    timeline = yaml.safe_load((content / "t" / "timeline.yaml").read_text())["timeline"]
    assert [e["when"] for e in timeline] == ["2025-03-31"]


# --- a draft's to-dos: where check puts them, and what distill's summary says (issue 23) ---------

def test_the_frame_to_dos_point_at_framing_yaml_where_the_draft_asks_for_them(drafted):
    """Item 2: why_it_matters and what_to_watch live in framing.yaml, where distill wrote the
    to-do comment; check names that file and the line below the comment, not dossier.yaml."""
    content, _ = drafted
    framing = content / "cr" / "framing.yaml"
    lines = framing.read_text().splitlines()
    found = {w.path: w for w in check(content, "cr").problems.warnings
             if w.path in ("why_it_matters", "what_to_watch")}
    assert set(found) == {"why_it_matters", "what_to_watch"}
    for warning in found.values():
        assert warning.file == str(framing) or warning.file.endswith("cr/framing.yaml"), warning
        assert lines[warning.line - 1].startswith("what_to_watch:")
        assert lines[warning.line - 2].startswith("# ") and "why_it_matters" in lines[warning.line - 3] + lines[warning.line - 2]


def test_a_frame_section_written_empty_is_its_own_place(content):
    """A hand-written dossier: a section written but left empty is named at its own key."""
    path = content / "china-russia" / "framing.yaml"
    text = path.read_text()
    assert "\nwhy_it_matters:\n" in text
    start = text.index("\nwhy_it_matters:\n") + 1
    end = text.index("\nwhat_to_watch:")
    path.write_text(text[:start] + "why_it_matters:\n" + text[end + 1:])
    meta = content / "china-russia" / "dossier.yaml"
    meta.write_text(meta.read_text().replace("dossier:\n", "dossier:\n  draft: true\n", 1))
    line = path.read_text().splitlines().index("why_it_matters:") + 1
    todos = [w for w in check(content, "china-russia").problems.warnings if w.path == "why_it_matters"]
    assert [(Path(w.file).name, w.line) for w in todos] == [("framing.yaml", line)]


# every kind of to-do check lists, and the words of distill's closing line that announce it
_ANNOUNCED = {
    "dossier.subtitle": "subtitle", "dossier.topic": "topic", "dossier.author": "author",
    "bottom_line": "bottom line", "why_it_matters": "why it matters", "what_to_watch": "what to watch",
    "headline": "headlines", "plain": "plain-language", "short": "short label",
}


def _kind(path: str) -> str:
    if path.startswith("todo["):
        return "todo"
    if path.startswith(("bottom_line", "why_it_matters", "what_to_watch", "dossier.")):
        return path if path.startswith("dossier.") else path.split(".")[0].split("[")[0]
    return path.rsplit(".", 1)[-1]


def test_the_closing_line_names_everything_check_then_lists(drafted):
    """Item 5: distill's "needs a person" line announces every kind of to-do that check lists,
    the stand-in bottom line included."""
    content, proc = drafted
    closing = next(line for line in proc.stdout.splitlines() if line.startswith("needs a person: "))
    assert "the bottom line (the report's top-ranked sentence stands in) and its plain-language version" in closing
    kinds = {_kind(w.path) for w in check(content, "cr").problems.warnings if "to do:" in w.message}
    assert "bottom_line" in kinds
    for kind in kinds - {"todo"}:
        assert _ANNOUNCED[kind] in closing, (kind, closing)
    listed = [w.message for w in check(content, "cr").problems.warnings if w.path.startswith("todo[")]
    assert any("expand '" in m for m in listed) and "undefined abbreviation" in closing
