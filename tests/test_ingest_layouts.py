"""The PDF reader on the layouts of real CRS products: side boxes, contents pages, bylines,
subscripts and note marks, notes that run over a page, and what the product code says.

Every PDF here is made in the test (WeasyPrint) from the report's own words, set the way the
CRS PDF sets them; the products are in the development half of the real-report corpus
(tests/corpus.py). CRS texts are works of the U.S. government (public domain).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ingest import read_report
from briefgen.ingest.document import NOTE, PARAGRAPH

weasyprint = pytest.importorskip("weasyprint")


def _pdf(tmp_path: Path, name: str, body: str, css: str = "") -> Path:
    html = f"""<html lang="en"><head><style>@page {{ size: letter; margin: 0.75in }}
      body {{ font: 11pt/1.35 serif }} p {{ margin: 0 0 8pt }} h1 {{ font-size: 20pt }}
      .fn {{ font-size: 8.5pt; margin: 0 }} sup {{ font-size: 7pt }} sub {{ font-size: 7pt }} {css}
      </style></head><body>{body}</body></html>"""
    path = tmp_path / name
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def _text(captured) -> str:
    return " ".join(captured.text.split())


def test_subscripts_stay_with_their_word_and_note_numbers_after_a_word_leave(tmp_path):
    """CRS Report R48906: "CO₂" and "MTCO₂e" are set with a lowered 2, and a note number may
    follow a word with no punctuation ("the Obama Administration⁵⁴"). Rows were grouped by
    their first word, a raised note number, so the subscript made a row of its own and became a
    "footnote": "CO ." and "MTCO e". And the note number stayed glued on: "Administration54".
    A raised number after a word is a note mark when that note stands on the page."""
    body = """
      <p>The reporting requirements in Subpart W apply to facilities that emit 25,000 metric tons of
      CO<sub>2</sub> equivalent (MTCO<sub>2</sub>e) or more per year.<sup>35</sup> In 2023, approximately
      2,300 petroleum and natural gas facilities reported their GHG emissions to the GHGRP.</p>
      <p>The CAA Section 111 regulation was first finalized during the Obama Administration<sup>54</sup> and
      subsequently altered during the first Trump Administration, the Biden Administration, and the second
      Trump Administration.</p>
      <div style="position: absolute; bottom: 0; left: 0; right: 0">
      <p class="fn">35 As discussed in footnote 22, GHG emissions are measured in MTCO<sub>2</sub>e because
      GHGs vary by global warming potential.</p>
      <p class="fn">54 EPA, “Standards of Performance for New Stationary Sources: Oil and Natural Gas
      Production,” 81 Federal Register 35824, June 3, 2016.</p></div>"""
    captured = read_report(_pdf(tmp_path, "subscripts.pdf", body))
    text = _text(captured)
    assert "25,000 metric tons of CO2 equivalent (MTCO2e) or more per year. In 2023" in text
    assert "during the Obama Administration and subsequently altered" in text
    notes = [b.text for b in captured.blocks if b.kind == NOTE]
    assert notes[0] == ("35 As discussed in footnote 22, GHG emissions are measured in MTCO2e because GHGs "
                        "vary by global warming potential.")
    assert notes[1].startswith("54 EPA,") and len(notes) == 2


def test_a_reports_summary_side_box_is_not_spliced_into_the_summary(tmp_path):
    """CRS Report R48694's summary page: "SUMMARY", the code, the date and four authors with
    their roles stand in a narrow box at the right, each line a row of its own between the
    summary's lines, which wrap around it. Read by rows they were spliced into the summary ("…
    engineering research and Coordinator development (R&D)"). Now the box is a byline, read as
    one furniture block."""
    summary = ("The U.S. government supports a broad range of scientific and engineering research and "
               "development (R&D). Most of the R&D funded by the federal government is performed in support of "
               "the unique missions of individual funding agencies. Using information provided by the Office of "
               "Management and Budget (OMB) regarding funding for activities and assets characterized as R&D, CRS "
               "calculated that President Trump’s budget proposal for FY2026 included approximately $181.4 "
               "billion for R&D, $10.7 billion (-6%) below the FY2025 estimated level of $192.2 billion.")
    box = ("<p><b>SUMMARY</b></p><p>R48694</p><p>April 17, 2026</p><p><b>Emily G. Blevins,</b><br>Coordinator<br>"
           "Specialist in Science and<br>Technology Policy</p><p><b>Joe Angert</b><br>Research Assistant</p>")
    css = (".box { float: right; width: 1.25in; margin: 0 0 0 0.35in; font: 9pt/12pt serif }"
           ".box p { margin: 0 0 9pt }")
    body = f"""<h1>Federal Research and Development (R&amp;D) Funding: FY2026</h1>
      <div class="box">{box}</div><p>{summary}</p><p>{summary}</p>"""
    captured = read_report(_pdf(tmp_path, "summary.pdf", body, css))
    paragraphs = [b.text for b in captured.blocks if b.kind == PARAGRAPH]
    assert paragraphs == [summary, summary]
    assert any("Emily G. Blevins" in f and "Research Assistant" in f for f in captured.furniture)


def test_a_contents_page_is_furniture_not_prose(tmp_path):
    """CRS Report R48906's contents page: entries with dot leaders and page numbers. Read as
    prose, they were key points ("Introduction and Recent Developments ...... 1 U.S. Methane
    Emissions and Sources ...... 4")."""
    entries = ["Introduction and Recent Developments", "U.S. Methane Emissions and Sources",
               "Inflation Reduction Act (IRA) Methane Emissions Charge", "Scope and Applicability"]
    leaders = "".join(f"<p>{e} {'.' * 60} {i}</p>" for i, e in enumerate(entries, 1))
    body = f"""<h2>Contents</h2>{leaders}<div style="break-before: page"></div>
      <h2>Introduction and Recent Developments</h2><p>Methane is the second-most-prevalent greenhouse gas (GHG)
      emitted in the United States (behind carbon dioxide, or CO<sub>2</sub>).</p>"""
    captured = read_report(_pdf(tmp_path, "contents.pdf", body))
    assert "...." not in captured.text
    assert [b.text for b in captured.blocks if b.kind == PARAGRAPH] == [
        "Methane is the second-most-prevalent greenhouse gas (GHG) emitted in the United States (behind "
        "carbon dioxide, or CO2)."]
    assert any(f.startswith("Scope and Applicability") for f in captured.furniture)


def test_bylines_are_furniture_and_a_role_inside_a_sentence_is_not(tmp_path):
    """An In Focus ends with its authors (CRS In Focus IF12888); a Legal Sidebar names two side
    by side, read in rows (LSB11418). They were read as paragraphs, and became key points."""
    body = """<p>LWCF programs generally have received more annual funding since the GAOA took effect. Prior to
      the GAOA—from FY1965 to FY2020—the LWCF programs received $900.0 million (or more) in two years, and less
      than half that amount for most years. The GAOA provided for $900.0 million for each year beginning in
      FY2021.</p>
      <p>Congressional offices may contact the Specialist in Natural Resources Policy who wrote it, or the
      analysts who work with the Specialist, for more information on the programs and their funding.</p>
      <p><b>Carol Hardy Vincent</b>, Specialist in Natural Resources Policy</p>
      <p><b>Laura B. Comay</b>, Specialist in Natural Resources Policy</p>
      <table style="width: 70%"><tr><td>Alexander H. Pepper</td><td>Jay B. Sykes</td></tr>
      <tr><td>Legislative Attorney</td><td>Legislative Attorney</td></tr></table>"""
    captured = read_report(_pdf(tmp_path, "bylines.pdf", body))
    paragraphs = [b.text for b in captured.blocks if b.kind == PARAGRAPH]
    assert paragraphs == [
        "LWCF programs generally have received more annual funding since the GAOA took effect. Prior to the "
        "GAOA—from FY1965 to FY2020—the LWCF programs received $900.0 million (or more) in two years, and less "
        "than half that amount for most years. The GAOA provided for $900.0 million for each year beginning in "
        "FY2021.",
        "Congressional offices may contact the Specialist in Natural Resources Policy who wrote it, or the "
        "analysts who work with the Specialist, for more information on the programs and their funding."]
    assert "Carol Hardy Vincent, Specialist in Natural Resources Policy" in captured.furniture
    assert "Alexander H. Pepper Jay B. Sykes Legislative Attorney Legislative Attorney" in " ".join(captured.furniture)


def test_a_note_continued_on_the_next_page_is_one_note(tmp_path):
    """CRS Report R47324, note 73: the page foot ends "… Commercial Recovery Permit
    (continued...)" and the note goes on at the next page's foot. It was two notes, one ending
    in the mark, the other starting mid-sentence."""
    filler = ("<p>Under deep-seabed mining regulations for exploration licenses, NOAA is to provide written notice "
              "to the applicant regarding the agency’s determination whether the application is in substantial "
              "compliance with DSHMRA within 30 days (i.e., the eligibility of an applicant).</p>")
    filler2 = ("<p>Under deep-seabed mining regulations for commercial recovery permits, NOAA is to notify the "
               "applicant whether an application is complete within 60 days after it is received.</p>")
    foot = 'style="position: absolute; bottom: 0; left: 0; right: 0"'
    body = f"""{filler}<div {foot}><p class="fn">72 NOAA, “Deep Seabed Mining: Revisions to Regulations,” 91
      Federal Register 2642.</p><p class="fn">73 NOAA, “Deep Seabed Mining: Revisions to Regulations for
      Exploration License and Commercial Recovery Permit</p><p class="fn">(continued...)</p></div>
      <div style="break-before: page"></div>{filler2}<div {foot}><p class="fn">Applications,” 91 Federal
      Register 2642, January 21, 2026.</p><p class="fn">74 15 C.F.R. §971.214.</p></div>"""
    captured = read_report(_pdf(tmp_path, "continued.pdf", body))
    notes = [b.text for b in captured.blocks if b.kind == NOTE]
    assert notes == [
        "72 NOAA, “Deep Seabed Mining: Revisions to Regulations,” 91 Federal Register 2642.",
        "73 NOAA, “Deep Seabed Mining: Revisions to Regulations for Exploration License and Commercial "
        "Recovery Permit Applications,” 91 Federal Register 2642, January 21, 2026.",
        "74 15 C.F.R. §971.214."]


def test_the_body_size_is_the_prose_size_even_where_tables_hold_more_text(tmp_path):
    """CRS Report RL34498 is mostly tables set in 9 pt beside 11 pt prose. Taking the
    commonest size for the body made every prose line "larger than the body": a heading."""
    prose = ("Over 50 federal income tax provisions are indexed for inflation. These include the tax brackets "
             "and the standard deduction.")
    rows = "".join(f"<tr><td>over ${a:,} to ${a + 12400:,}</td><td>{r}% of the amount over ${a:,}</td></tr>"
                   for a, r in [(0, 10), (12400, 12), (50400, 22), (105700, 24), (201775, 32), (256225, 35)] * 6)
    body = f"""<p>{prose}</p><p style="font-weight: bold; font-size: 9pt">Table 1. Statutory Marginal Income
      Tax Rates, 2026</p><table style="font-size: 9pt">{rows}</table><p>{prose}</p>"""
    captured = read_report(_pdf(tmp_path, "tables.pdf", body))
    assert [b.text for b in captured.blocks if b.kind == PARAGRAPH] == [prose, prose]


def test_the_series_comes_from_the_product_code(tmp_path):
    """Every CRS In Focus ends with CRS's disclaimer ("Information in a CRS Report should not
    be relied upon…"), which made every In Focus "CRS Report IF…". The code's prefix says what
    the product is (briefgen/data/ingest.yaml: series_by_code)."""
    from briefgen.ingest.meta import find_product

    report = tmp_path / "if12888.txt"
    report.write_text(
        "The Great American Outdoors Act (GAOA): Frequently Asked Questions\n\nUpdated April 14, 2026\n\n"
        "The GAOA provided for $900.0 million for each year beginning in FY2021 for the LWCF programs.\n\n"
        "IF12888\n\nInformation in a CRS Report should not be relied upon for purposes other than public "
        "understanding of information that has been provided by CRS to Members of Congress in connection "
        "with CRS’s institutional role.\n", encoding="utf-8")
    publisher, _, series, code = find_product([read_report(report)])
    assert publisher is not None and publisher.short == "CRS"
    assert code is not None and code.value == "IF12888"
    assert series is not None and series.value == "In Focus"


def test_the_self_check_confirms_a_good_reading_and_flags_a_spliced_one():
    """Every paragraph of a PDF capture is confirmed by a second, independent reading
    (PDFium's content-stream text). The two-column In Focus fixture, read column by column,
    is confirmed paragraph by paragraph; read line by line across both columns (what a naive
    extraction gives), its first lines are flagged."""
    import pdfplumber

    from briefgen.ingest.pdf_check import confirm, second_reading

    path = Path(__file__).parent / "data" / "reports" / "if12100-infocus-weasyprint.pdf"
    captured = read_report(path)
    assert [b.suspect for b in captured.blocks if b.suspect] == [] and captured.notes == []
    pages = second_reading(path.read_bytes())
    with pdfplumber.open(path) as pdf:
        naive = pdf.pages[0].extract_text().splitlines()
    start = next(i for i, line in enumerate(naive) if line.startswith("The People’s Republic of China"))
    why = confirm([(1, line) for line in naive[start:start + 4]], pages)
    assert why is not None and ("another order" in why or "splice" in why)


def test_the_self_check_allows_what_a_reading_puts_elsewhere():
    """Between two lines of one paragraph the second reading may hold what the first put
    elsewhere (a page's footer and notes at a page break), and note marks the first left out.
    A line it does not have (a year of a table column spliced into the prose), or lines that
    go back and forth between two places, are not allowed. Words from CRS Report R48906."""
    from briefgen.ingest.pdf_check import confirm, reduce

    page1 = reduce("The CAA Section 111 regulation was first finalized during the Obama Administration54 and "
                   "subsequently altered during the first Trump Administration. During Congressional Research "
                   "Service 5 54 EPA, Standards of Performance, 81 Federal Register 35824.")
    page2 = reduce("the Biden Administration, EPA finalized the CAA Section 111 rulemaking in March 2024. At that "
                   "time, EPA estimated that these Section 111 regulations would not be in effect until 2029 at "
                   "the earliest.")
    lines = [(1, "The CAA Section 111 regulation was first finalized during the Obama"),
             (1, "Administration and subsequently altered during the first Trump"),
             (1, "Administration. During"), (2, "the Biden Administration, EPA finalized the CAA Section 111"),
             (2, "rulemaking in March 2024. At that time, EPA estimated that these"),
             (2, "Section 111 regulations would not be in effect until 2029 at the earliest.")]
    assert confirm(lines, [page1, page2]) is None
    spliced = [lines[0], (1, "Administration and subsequently 1992 altered during the first Trump")] + lines[2:]
    assert "not in a second reading" in confirm(spliced, [page1, page2])
    invented = lines[:2] + [(1, "Administration, which many observers criticized sharply. During")] + lines[3:]
    assert "not in a second reading" in confirm(invented, [page1, page2])
    back_and_forth = [lines[3], lines[0], lines[4], lines[1], lines[5]]
    assert "another order" in confirm(back_and_forth, [page1, page2])


def test_text_set_sideways_is_left_out_and_the_draft_says_so(tmp_path):
    """CRS Report R46646 sets a table's column heads sideways; read as rows they became a
    "paragraph" of single letters ("y t b g o m o V l s a o m …"), and their tiny row steps made
    every line of the page's prose a paragraph of its own. Rotated text is left out, the
    capture says so, and distill passes the note on to a person."""
    from conftest import run_briefgen

    prose = ("HAVA authorized three main grant programs for states and localities. Congress has appropriated "
             "funds for each of them in most years since 2003, and the EAC has administered most of the funding.")
    heads = "".join(f'<th><div style="transform: rotate(-90deg); width: 12pt; white-space: nowrap">{h}</div></th>'
                    for h in ["Voting technology", "Mock elections", "College program", "Polling places"])
    body = (f"<h1>Election Administration: Federal Grant Funding</h1><p>Updated April 20, 2026</p><p>{prose}</p>"
            f"<table><tr>{heads}</tr><tr><td>x</td><td>x</td><td></td><td>x</td></tr></table><p>{prose}</p>")
    path = _pdf(tmp_path, "rotated.pdf", body, "th { height: 90pt; vertical-align: bottom; font: 9pt serif }")
    captured = read_report(path)
    paragraphs = [b.text for b in captured.blocks if b.kind == PARAGRAPH]
    assert paragraphs[:2] == ["Updated April 20, 2026", prose]
    assert not [p for p in paragraphs if "y g" in p or "o V" in p] and "Voting" not in captured.text
    assert captured.notes == ["page 1: text set sideways (rotated table heads or labels) is left out of the capture"]
    content = tmp_path / "content"
    proc = run_briefgen("distill", str(path), "--dossier", "hava", "--content", str(content), "--code", "R46646",
                        "--publisher", "Congressional Research Service", "--series", "Report")
    assert proc.returncode == 0, proc.stderr
    assert "capture note, " in proc.stdout and "text set sideways" in proc.stdout
    assert "text set sideways" in (content / "hava" / "todo.yaml").read_text()


def test_a_table_row_keeps_its_cells_apart_and_a_wrapped_cell_whole():
    """CRS Insight IN12614's Table 1: rows of an action and two dates, the action's cell
    wrapping onto a second line ("Commerce Secretary initiates" / "investigation"). Read as
    lines, the row lost its cells and the wrapped word stood alone; a chronology needs rows."""
    import tempfile

    from briefgen.ingest.document import EXHIBIT

    rows = [("Commerce Secretary initiates investigation", "April 19, 2017", "March 10, 2025"),
            ("Public hearing held", "May 24, 2017", "No hearing held"),
            ("Commerce Secretary submits report to President", "January 11, 2018", "June 30, 2025"),
            ("President decides to take action (Proclamation 9705)", "March 8, 2018", "July 30, 2025")]
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    body = f"""<p>Upon President Trump’s direction, in March 2025, the Commerce Secretary initiated a Section 232
      investigation into copper imports. Table 1 compares the timeline of the Section 232 copper investigation
      (144 days from initiation to tariff implementation) to the Section 232 steel investigation, the first to be
      launched and concluded during the first Trump Administration (338 days).</p><p class="cap">Table 1. Selected Section 232 Investigation and
      Tariff Timelines</p><table><tr><th>Action</th><th>Steel (2017-2018)</th><th>Copper (2025)</th></tr>{cells}
      </table><p class="src">Source: CRS, based on various executive branch documents published in the Federal
      Register.</p>"""
    css = (".cap { font-weight: bold; font-size: 9pt } table { font-size: 9pt; width: 4.5in; border-spacing: 0 }"
           "td { vertical-align: top }"
           "td:first-child { width: 1.6in } th { text-align: left } .src { font-size: 8pt }")
    with tempfile.TemporaryDirectory() as folder:
        captured = read_report(_pdf(Path(folder), "table.pdf", body, css))
    (table,) = [b.text.splitlines() for b in captured.blocks if b.kind == EXHIBIT]
    assert table[1:-1] == ["Action | Steel (2017-2018) | Copper (2025)", *[" | ".join(r) for r in rows]]
