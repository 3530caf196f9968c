"""Ingest: one reader per report format. Golden extracted text, verbatim paragraphs, furniture,
hyphens, what a capture states about itself, and clean refusals of bad files.

The fixtures (tests/data/reports/, see its README) are public-domain CRS texts and files made
from them. Goldens hold extracted text, never bytes; to accept a change:
BRIEFGEN_UPDATE_GOLDENS=1 pytest tests/test_ingest.py, then review git diff tests/goldens/ingest.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from briefgen.errors import ReportError, display_path
from briefgen.ingest import read_report
from briefgen.ingest.meta import find_date, find_product, find_title
from briefgen.ingest.pdf import decide_hyphen
from conftest import run_briefgen

REPORTS = Path(__file__).parent / "data" / "reports"
GOLDENS = Path(__file__).parent / "goldens" / "ingest"
UPDATE = os.environ.get("BRIEFGEN_UPDATE_GOLDENS") == "1"

# fixture -> the source text it was made from
MADE_FROM = {
    "if12100-infocus-weasyprint.pdf": "crs-if12100-2023-09-13.txt",
    "if12100-infocus-libreoffice.pdf": "crs-if12100-2023-09-13.txt",
    "if12672-infocus-weasyprint.pdf": "crs-if12672-2026-04-22-russia-nuclear-weapons.txt",
    "if12672-infocus-libreoffice.pdf": "crs-if12672-2026-04-22-russia-nuclear-weapons.txt",
    "if12100-saved-page.html": "crs-if12100-2023-09-13.txt",
    "if12610-saved-page.html": "crs-if12610-2026-04-17-space-force.txt",
    "if13205-minimal.html": "crs-if13205-2026-04-16-usgs-fy2027-budget.txt",
    "if13205-styled.docx": "crs-if13205-2026-04-16-usgs-fy2027-budget.txt",
    "if12100-infocus-2col.docx": "crs-if12100-2023-09-13.txt",
    "crs-if12100-2023-09-13.txt": "crs-if12100-2023-09-13.txt",
}


def squash(text: str) -> str:
    return " ".join(text.split())


def source_paragraphs(name: str) -> list[str]:
    """The report's paragraphs of a source text: no page chrome, no list bullets, no headings."""
    text = (REPORTS / name).read_text(encoding="utf-8")
    if "From the report" in text:  # a re-poster's page: the report lies between its markers
        text = text[text.index("From the report") + len("From the report"): text.index("Download the document")]
    out = []
    for para in re.split(r"\n", text):
        para = squash(para.removeprefix("• "))
        if len(para.split()) > 8:
            out.append(para)
    return out


@pytest.mark.parametrize("fixture", sorted(MADE_FROM))
def test_golden_extracted_text(fixture):
    actual = read_report(REPORTS / fixture).text
    golden = GOLDENS / (fixture + ".txt")
    if UPDATE:
        GOLDENS.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden", "now", lineterm=""))
        pytest.fail(f"{fixture}: extracted text differs from its golden:\n{diff[:4000]}")


@pytest.mark.parametrize("fixture", sorted(MADE_FROM))
def test_every_paragraph_of_the_report_is_captured_verbatim(fixture):
    """Two columns read in order, words broken at line ends joined, real hyphens kept: every
    paragraph of the source text is in the capture exactly (whitespace aside)."""
    text = read_report(REPORTS / fixture).text
    text = re.sub(r"(?m)^#+ (.+)\n\n", r"\1. ", text)  # a run-in heading the DOCX set on its own line
    captured = squash(text)
    missing = [p for p in source_paragraphs(MADE_FROM[fixture]) if p not in captured]
    assert not missing, f"{len(missing)} paragraphs not verbatim, first: {missing[0][:200]}"


@pytest.mark.parametrize("fixture", ["if12100-infocus-weasyprint.pdf", "if12100-infocus-libreoffice.pdf",
                                     "if12672-infocus-weasyprint.pdf", "if12672-infocus-libreoffice.pdf"])
def test_pdf_furniture_never_reaches_the_text(fixture):
    c = read_report(REPORTS / fixture)
    text = c.text
    assert "crsreports.congress.gov" not in text
    assert not re.search(r"VERSION \d+ · UPDATED", text)
    assert not re.search(r"(?m)^\s*\d{1,3}\s*$", text)  # page numbers
    assert any("crsreports.congress.gov" in f for f in c.furniture)  # kept as furniture, for metadata


def test_pdf_line_end_hyphens_and_dashes():
    text = squash(read_report(REPORTS / "if12100-infocus-weasyprint.pdf").text)
    for word in ("diplomatic", "contemporary", "dissolution", "dynamism", "relations.", "intergovernmental"):
        assert f" {word}" in text, word  # broken at a line end in the PDF, joined here
    assert "“de-dollarize”" in text and "non-binding" in text and "Eurasia-based" in text
    nukes = squash(read_report(REPORTS / "if12672-infocus-libreoffice.pdf").text)
    assert "nuclear-powered cruise missile" in nukes  # a real compound broken at its hyphen
    assert "limits—1,550 warheads" in squash(read_report(REPORTS / "if12672-infocus-weasyprint.pdf").text)


def test_decide_hyphen_keeps_compounds_and_joins_syllables():
    vocab = ({"nuclear", "capable", "powered", "diplomatic", "the"}, {"nuclear-capable"})
    assert decide_hyphen("nuclear", "powered", "-", vocab)  # "nuclear-" heads a compound here
    assert not decide_hyphen("diplo", "matic", "-", vocab)  # the whole word is written elsewhere
    assert decide_hyphen("de", "dollarize", "-", ({"de", "dollarize"}, set()))  # a listed prefix
    assert decide_hyphen("U.S", "China", "-", (set(), set()))  # a capital after the break


def test_html_reader_drops_page_chrome_without_markers():
    text = read_report(REPORTS / "if12100-saved-page.html").text
    for chrome in ("Home »", "Download the document here", "Related"):
        assert chrome not in text, chrome
    first = next(p for p in text.split("\n\n") if not p.startswith("#"))
    assert first.startswith("The People’s Republic of China (PRC or China)")


def test_docx_reader_keeps_heading_levels():
    c = read_report(REPORTS / "if13205-styled.docx")
    headings = [(b.level, b.text) for b in c.blocks if b.kind == "heading"]
    assert (2, "Mission Area and Budget Line Funding") in headings
    assert (3, "Ecosystems Mission Area") in headings
    assert "### Ecosystems Mission Area" in c.text


@pytest.mark.parametrize("fixture,when,code,series", [
    ("if12100-infocus-weasyprint.pdf", "2023-09-13", "IF12100", "In Focus"),
    ("if12672-infocus-libreoffice.pdf", "2026-04-22", "IF12672", "In Focus"),
    ("crs-if12100-2023-09-13.txt", "2023-09-13", None, "In Focus"),
    ("if13205-styled.docx", "2026-04-16", None, None),
])
def test_what_a_capture_states_about_itself(fixture, when, code, series):
    c = read_report(REPORTS / fixture)
    found = find_date(c)
    assert found is not None and found[0].isoformat() == when
    publisher, _, found_series, found_code = find_product([c])
    assert publisher is not None and publisher.short == "CRS"
    if code:
        assert found_code is not None and found_code.value == code
    if series:
        assert found_series is not None and found_series.value == series
    title = find_title(c)
    assert title is not None and title.value


def test_nothing_is_invented_when_the_text_states_nothing(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("Relations between the two countries\n\nThey talk often and trade a great deal with each other.\n")
    c = read_report(f)
    assert find_date(c) is None
    publisher, *_ = find_product([c])
    assert publisher is None


def test_a_date_in_a_citation_of_a_web_page_is_not_the_reports():
    """A CRS Report's footnotes cite web pages "…, last updated January 22, 2021, https://…" and
    "…, updated April 15, 2026, https://…"; the PDF reader keeps footnote lines with addresses
    as furniture. The report's own date is the one under its title (CRS Report R48179)."""
    from briefgen.ingest.document import HEADING, PARAGRAPH, TITLE, Block, Captured

    blocks = [Block(TITLE, "Tickets for Live Entertainment Events", 1), Block(HEADING, "Updated April 22, 2026", 2),
              Block(PARAGRAPH, "Each year, millions of Americans purchase tickets for live entertainment events.")]
    furniture = ["Congressional Research Service", "https://crsreports.congress.gov",
                 "Federal Trade Commission, “Ticket Specials, Inc.,” cases and proceedings, last updated "
                 "January 22, 2021, https://www.ftc.gov/legal-library/browse/cases-proceedings",
                 "“Ticket Buyers,” National Public Radio, updated April 15, 2026, https://www.npr.org/2026/04/15/x"]
    c = Captured(Path("r.pdf"), "pdf", "test", b"", "", blocks, furniture)
    found = find_date(c)
    assert found is not None and found[0].isoformat() == "2026-04-22" and found[2] is True


BAD = {
    "bad-empty.txt": "the file is empty",
    "bad-latin1.txt": "not UTF-8 text (byte 0xA7 at offset 69); convert it first, e.g. iconv -f latin1 -t utf-8",
    "bad-cp1252.txt": "not UTF-8 text (byte 0x92 at offset 62); convert it first, e.g. iconv -f latin1 -t utf-8",
    "bad-encrypted.pdf": "encrypted PDF (it needs a password); decrypt it first, e.g. qpdf --decrypt "
                         "--password=… in.pdf out.pdf",
    "bad-scanned-no-text.pdf": "no text layer (a scanned PDF?); run OCR first, e.g. ocrmypdf --sidecar out.txt "
                               "in.pdf out.pdf, and distill the text",
    "bad-truncated.pdf": "not a readable PDF (corrupt or truncated?): PDFium: Data format error",
    "bad-empty.docx": "no report text found (the document has no paragraphs)",
    "bad-garbage-in-zip.docx": "not a readable Word document (XMLSyntaxError: Document is empty, line 1, column 1 "
                               "(<string>, line 1))",
    "bad-truncated.docx": "not a readable Word document (not a .docx zip file; corrupt or truncated?)",
}


@pytest.mark.parametrize("fixture", sorted(BAD))
def test_a_bad_file_is_refused_in_one_line_naming_it(fixture):
    path = REPORTS / fixture
    with pytest.raises(ReportError) as info:
        read_report(path)
    assert str(info.value) == f"{display_path(path)}: {BAD[fixture]}"


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    import dataclasses

    from briefgen.ingest import guard

    rules = guard.rules()
    limits = dataclasses.replace(rules, max_file_bytes=100, limits={**rules.limits, "max_file_bytes": 100})
    monkeypatch.setattr(guard, "rules", lambda: limits)
    f = tmp_path / "big.txt"
    f.write_text("word " * 40)
    with pytest.raises(ReportError) as info:
        read_report(f)
    assert str(info.value) == (f"{display_path(f)}: 200 bytes; the limit is 100 "
                               "(briefgen/data/ingest.yaml, limits.max_file_bytes)")


def test_a_dossier_name_that_is_not_an_id_is_refused(tmp_path):
    proc = run_briefgen("distill", str(REPORTS / "crs-if12100-2023-09-13.txt"), "--dossier", "X_bad",
                        "--content", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("--dossier 'X_bad': a dossier name is lower-case letters, digits and hyphens "
                                   "(e.g. china-russia)")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_is_refused(tmp_path):
    f = tmp_path / "report.rtf"
    f.write_text("{\\rtf1 hello}")
    with pytest.raises(ReportError, match=r"report.rtf: unknown format '.rtf' \(briefgen reads .docx, .htm, .html"):
        read_report(f)


def test_distill_of_a_bad_file_exits_2_without_traceback_and_writes_nothing(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    proc = run_briefgen("distill", str(REPORTS / "bad-encrypted.pdf"), "--dossier", "x", "--content", str(content))
    assert proc.returncode == 2
    assert "bad-encrypted.pdf" in proc.stderr and "Traceback" not in proc.stderr
    assert list(content.iterdir()) == []


def test_a_pdf_table_without_rules_is_an_exhibit_not_prose_or_a_footnote(tmp_path):
    """CRS sets tables without ruling lines, their cells smaller than the body, between a caption
    ("Table 1. …") and a "Source:" line. The reader keeps them where they stand, one line per
    row, as an exhibit block: in the captured text (quotes from a table verify), but not a
    paragraph (distill takes no claim or date from it) and not a footnote. Text from CRS Insight
    IN12614 (public domain)."""
    import weasyprint

    from briefgen.distill.sentences import read_sentences
    from briefgen.ingest.document import EXHIBIT

    body = ("Upon President Trump’s direction, in March 2025, the Commerce Secretary initiated a Section 232 "
            "investigation into copper imports. Table 1 compares the timeline of the Section 232 copper "
            "investigation to the Section 232 steel investigation.")
    after = ("In July 2025, President Trump issued a proclamation stating that the Commerce Secretary had "
             "submitted a report finding that copper imports threaten to impair U.S. national security.<sup>1</sup>")
    rows = [("Commerce Secretary initiates investigation", "April 19, 2017", "March 10, 2025"),
            ("Public hearing held", "May 24, 2017", "No hearing held"),
            ("Tariffs first go into effect", "March 23, 2018", "August 1, 2025")]
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    html = f"""<html lang="en"><head><style>
      @page {{ size: letter; margin: 1in }} body {{ font: 11pt/1.35 serif }} h1 {{ font-size: 20pt }}
      h2 {{ font-size: 13pt }} .cap {{ font-weight: bold }} table {{ font-size: 9pt; width: 100% }}
      th {{ text-align: left }} .src, .fn {{ font-size: 8pt }}</style></head><body>
      <h1>Section 232 National Security Tariffs on Copper Imports</h1>
      <h2>Presidential Tariff Proclamations</h2><p>{body}</p>
      <p class="cap">Table 1. Selected Section 232 Investigation and Tariff Timelines</p>
      <table><tr><th>Action</th><th>Steel (2017-2018)</th><th>Copper (2025)</th></tr>{cells}</table>
      <p class="src">Source: CRS, based on various executive branch documents published in the Federal Register.</p>
      <p>{after}</p>
      <p class="fn">1 Proclamation 10962 of July 30, 2025, Adjusting Imports of Copper Into the United States.</p>
      </body></html>"""
    path = tmp_path / "table.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    captured = read_report(path)

    exhibits = [b.text.splitlines() for b in captured.blocks if b.kind == EXHIBIT]
    assert exhibits == [[
        "Table 1. Selected Section 232 Investigation and Tariff Timelines",
        "Action | Steel (2017-2018) | Copper (2025)",  # a row keeps its cells apart
        *[" | ".join(row) for row in rows],
        "Source: CRS, based on various executive branch documents published in the Federal Register.",
    ]]
    sentences = [s.text for p in read_sentences(captured) for s in p.sentences]
    assert not [s for s in sentences if "April 19, 2017" in s or "No hearing held" in s or s.startswith("Source:")]
    assert any(s.startswith("Upon President Trump’s direction") for s in sentences)
    assert any(s.startswith("In July 2025, President Trump issued") for s in sentences)
    notes = captured.text.split("## Notes", 1)[1].strip().splitlines()
    assert notes == ["1 Proclamation 10962 of July 30, 2025, Adjusting Imports of Copper Into the United States."]
    text = " ".join(captured.text.split())
    assert "Table 1. Selected Section 232 Investigation and Tariff Timelines Action | Steel" in text


def test_words_split_only_by_a_change_of_font_are_joined_without_a_space(tmp_path):
    """pdfplumber splits words at a change of font too: a linked "Figure 1" inside parentheses,
    a superscript ordinal, an italic title before a full stop. Those pieces touch and are one
    run of text ("(Figure 1).", "119th Congress", "Federal Register."); words of one font keep
    their space however narrowly it is set. Words from CRS Insights IN12614 and IN12669."""
    import weasyprint

    html = """<html lang="en"><head><style>@page { size: letter; margin: 1in }
      body { font: 11pt/1.4 serif } a { font-family: sans-serif; font-weight: bold; color: black }
      b { word-spacing: -0.2em }</style></head><body>
      <p>In 2025, the United States imported $16.2 billion worth of copper products included in the
      April 2026 proclamation (<a href="#f1">Figure 1</a>).</p>
      <p>A key issue for the 119<span style="font-size: 7pt; vertical-align: super">th</span> Congress is a
      scheduled review of the agreement.</p>
      <p>Source: CRS, based on various executive branch documents published in the <i>Federal Register</i>.</p>
      <p><b>Table 2. Treatment</b> of Selected Products.</p>
      <p id="f1">Figure 1 shows the top sources.</p></body></html>"""
    path = tmp_path / "fonts.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    text = " ".join(read_report(path).text.split())
    assert "April 2026 proclamation (Figure 1)." in text
    assert "the 119th Congress" in text
    assert "the Federal Register." in text
    assert "Table 2. Treatment of Selected Products." in text


def test_a_superscript_nearly_as_large_as_the_text_stays_in_its_line(tmp_path):
    """WeasyPrint (and other tools) set <sup> almost full size and high: by position alone the
    superscript made a line of its own, read before its line ("th A key issue for the 119
    Congress"). It belongs after the word it touches; a note number after punctuation is a
    reference to a footnote and is left out, so quoted sentences read as printed."""
    import weasyprint

    html = """<html lang="en"><head><style>@page { size: letter; margin: 1in }
      body { font: 11pt/1.4 serif }</style></head><body>
      <p>A key issue for the 119<sup>th</sup> Congress is a scheduled review of the agreement. China and
      Russia are aligned, not allied.<sup>1</sup> The PRC and Russia maintain a strategic relationship.</p>
      </body></html>"""
    path = tmp_path / "sup.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    assert read_report(path).text == ("A key issue for the 119th Congress is a scheduled review of the agreement. "
                                      "China and Russia are aligned, not allied. The PRC and Russia maintain a "
                                      "strategic relationship.\n")


def test_footnotes_are_notes_and_their_markers_leave_the_sentences(tmp_path):
    """A CRS Report's note numbers are set small and raised after the punctuation
    ("wrongdoing.⁶⁴"); the notes themselves, smaller, come at the page foot. The capture keeps
    every note under "Notes" (quotes from a note verify) as note blocks, which distill does not
    read as claims, even a note in the footer margin with a web address (which alone made a
    line furniture), and leaves the marker out of the sentence. Raised digits after a letter (an
    exponent) stay. Words from CRS Report R48179 (public domain)."""
    import weasyprint

    from briefgen.distill.sentences import read_sentences
    from briefgen.ingest.document import NOTE

    sup = '<span style="font-size: 7pt; vertical-align: 4pt">{}</span>'
    html = f"""<html lang="en"><head><style>@page {{ size: letter; margin: 1in }}
      body {{ font: 11pt/1.4 serif }} .fn {{ font-size: 8pt }}</style></head><body>
      <p>On March 9, 2026, Live Nation Entertainment announced that it had reached a settlement with DOJ
      without any admission of wrongdoing.{sup.format(64)} In the announcement, Live Nation stated it had
      agreed to changes, and the venue covers about 4,000 m{sup.format(2)} of floor space.</p>
      <div style="position: absolute; bottom: 0; left: 0; right: 0">
      <p class="fn">64 Live Nation Entertainment, “Live Nation Reaches Settlement with DOJ,” press release, March 9, 2026.</p>
      <p class="fn">65 Ticketmaster Help Center, https://help.ticketmaster.com/hc/en-us/articles/9663528775313.</p>
      </div></body></html>"""
    path = tmp_path / "notes.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    captured = read_report(path)
    text = " ".join(captured.text.split())
    assert "admission of wrongdoing. In the announcement" in text
    assert "4,000 m2 of floor space" in text
    # the notes stand at the page foot, in the footer margin, one with a web address: still notes
    assert [b.text for b in captured.blocks if b.kind == NOTE] == [
        "64 Live Nation Entertainment, “Live Nation Reaches Settlement with DOJ,” press release, March 9, 2026.",
        "65 Ticketmaster Help Center, https://help.ticketmaster.com/hc/en-us/articles/9663528775313."]
    sentences = [s.text for p in read_sentences(captured) for s in p.sentences]
    assert sentences[0].endswith("without any admission of wrongdoing.") and len(sentences) == 2


def test_a_side_column_the_text_wraps_around_is_not_spliced_into_it(tmp_path):
    """A CRS Report's summary page sets the date and the author in a narrow box at the right,
    and the summary's first lines wrap around it. Read by rows they were spliced into the text
    ("…are sold in the Clare Y. Cho primary market…"); now the box is read after the page's
    text. A two-column table, whose right cells also start at one x, stays rows. Words from
    CRS Report R48179 and Insight IN12614 (public domain)."""
    import weasyprint

    summary = ("Each year, millions of Americans purchase tickets for live entertainment events, such as "
               "concerts, theatrical performances, and sporting events. Tickets for live events initially are "
               "sold in the primary market, in which firms that provide ticketing services work directly with "
               "venues, promoters, producers, sports teams, and other entities to sell tickets to consumers. "
               "Tickets for some live events also are available in the secondary market, in which individuals "
               "who purchased tickets in the primary market can resell their tickets instead of using them.")
    later = ("For some events, ticketers might provide the ticket price, without fees and taxes, at the "
             "beginning of the transaction and in advertisements, noting that fees and taxes may apply. These "
             "ticketers may have a competitive advantage if they are perceived to offer tickets at a lower price "
             "than a competitor providing the total ticket price, including fees.")
    rows = [("Goods covered by Section 232 automotive tariffs", "Yes (Proclamation 10962)"),
            ("Certain goods imported for U.S. motorcycle production", "Yes (Proclamation 11021)"),
            ("Goods traded under the Agreement", "No (Proclamation 11012)")]
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    html = f"""<html lang="en"><head><style>@page {{ size: letter; margin: 0.75in }}
      body {{ font: 10pt/11.5pt serif }} p {{ margin: 0 0 6pt }} .box {{ float: right; width: 1.3in;
      margin: 0 0 0 0.3in; padding-top: 4pt; font: 9pt/11pt serif }} .box p {{ margin: 0 }}
      table {{ border-collapse: collapse; width: 100% }} td {{ padding: 0 }} td + td {{ width: 2.2in }}
      </style></head><body>
      <div class="box"><p>April 22, 2026</p><p>Clare Y. Cho<br>Specialist in Industrial<br>Organization and
      Business<br>Policy</p></div>
      <p>{summary}</p>
      <p>{later}</p>
      <table>{cells}</table>
      <p>The federal government has taken action related to tickets for live events.</p></body></html>"""
    path = tmp_path / "side.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    captured = read_report(path)
    text = " ".join(captured.text.split())
    assert summary in text and later in text
    for a, b in rows:
        assert f"{a} {b}" in text
    # the box is read whole, as what it is: a byline with the date, furniture (metadata), not prose
    assert "Clare Y. Cho" not in text
    assert "April 22, 2026 Clare Y. Cho Specialist in Industrial Organization and Business Policy" in captured.furniture


def test_each_list_item_is_a_paragraph_and_its_sentence_has_no_bullet(tmp_path):
    """A bulleted list was joined into one run of text ("…copper derivative products; • a phased
    universal tariff…"); each item is now a paragraph of its own (a wrapped item stays whole),
    and distill's sentence leaves the bullet out: the brief sets its own. Words from CRS
    Insight IN12614 and Report R48179 (public domain)."""
    import weasyprint

    from briefgen.distill.sentences import read_sentences

    items = ["an immediate 30% tariff on semi-finished copper products and intensive copper derivative products;",
             "a phased universal tariff on refined copper of 15% in 2027 and 30% in 2028; and",
             "In 2014, the Federal Trade Commission reached a settlement with TicketNetwork, Inc., over "
             "advertising that did not make clear that it sold tickets on the secondary market at prices above "
             "their face value."]
    html = f"""<html lang="en"><head><style>@page {{ size: letter; margin: 1in }}
      body {{ font: 11pt/1.35 serif }}</style></head><body>
      <p>According to President Trump, the Commerce Secretary recommended a range of actions including</p>
      <ul>{''.join(f'<li>{i}</li>' for i in items)}</ul></body></html>"""
    path = tmp_path / "list.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    captured = read_report(path)
    paragraphs = [b.text for b in captured.blocks]
    assert paragraphs[1:] == [f"• {i}" for i in items]
    sentences = [s.text for p in read_sentences(captured) for s in p.sentences]
    assert sentences[-1] == items[-1]
