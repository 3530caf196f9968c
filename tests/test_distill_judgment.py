"""Distill's judgment on real reports: whole acronym names, dates of what a sentence reports, the
news first, no duplicates or boilerplate. Every case is built from the report's own words (CRS
products of the development half; public domain), each named in issue 20."""

from __future__ import annotations

import pytest

from briefgen.distill.glossary import find_definitions, undefined


@pytest.mark.parametrize("sentence,term,expansion", [
    # IF12106: "an of the Director of National Intelligence (ODNI) spokesperson" in every staff brief
    ("The 2024 U.S. Intelligence Community Annual Threat Assessment published by the Office of the Director of "
     "National Intelligence (ODNI) observed that Iran is not currently undertaking the key activities.",
     "ODNI", "Office of the Director of National Intelligence"),
    # R48906: a stray closing quote ("…(Inflation Reduction Act of 2022" (IRA))")
    ("On August 16, 2022, President Biden signed H.R. 5376 (P.L. 117-169), a budget reconciliation measure "
     "commonly referred to as the “Inflation Reduction Act of 2022” (IRA).", "IRA", "Inflation Reduction Act of 2022"),
    # a long form with its citation in one parenthesis (IF12888)
    ("Congress enacted the Great American Outdoors Act (GAOA; P.L. 116-152) in 2020.", "GAOA",
     "Great American Outdoors Act"),
    ("… and under the Gulf of Mexico Energy Security Act (GOMESA; 43 U.S.C. §1331 note) and the LWCF Act.",
     "GOMESA", "Gulf of Mexico Energy Security Act"),
    # a long form that lost its first words, cut inside a name (IF12888, LSB11422)
    ("It created in the U.S. Treasury a new fund—the National Parks and Public Land Legacy Restoration Fund "
     "(LRF)—with mandatory spending authority.", "LRF", "National Parks and Public Land Legacy Restoration Fund"),
    ("The U.S. Department of Education (ED) enforces FERPA.", "ED", "U.S. Department of Education"),
    # mixed case and plurals (IN12680)
    ("The enhanced supplementary leverage ratio (eSLR) and community bank leverage ratio apply.", "eSLR",
     "enhanced supplementary leverage ratio"),
    ("Category I consists of the eight U.S. global systemically important banks (G-SIBs).", "G-SIBs",
     "global systemically important banks"),
    # chemical and unit formulas (R48906, IF12106)
    ("In 2024, EPA estimated that the WEC would apply to approximately 20 million metric tons of carbon dioxide "
     "equivalent (MMTCO2e) of methane emissions.", "MMTCO2e", "million metric tons of carbon dioxide equivalent"),
    ("Methane is the second-most-prevalent greenhouse gas (GHG) emitted in the United States (behind carbon "
     "dioxide, or CO2).", "CO2", "carbon dioxide"),
    ("Gas centrifuges enrich uranium by spinning uranium hexafluoride (UF6) gas at high speeds.", "UF6",
     "uranium hexafluoride"),
    # a short name ending in a word, and a definition in square brackets (LSB11418, IF12888)
    ("Congress ultimately enacted the Hart-Scott-Rodino Antitrust Improvements Act of 1976 (the HSR Act).",
     "HSR Act", "Hart-Scott-Rodino Antitrust Improvements Act of 1976"),
    ("Federal funds (e.g., the LWCF and the Historic Preservation Fund [HPF], 54 U.S.C. §303101) are used.",
     "HPF", "Historic Preservation Fund"),
])
def test_a_definition_gives_the_whole_name_the_report_writes(sentence, term, expansion):
    found = {d.term: d.expansion for d in find_definitions([sentence])}
    assert found.get(term) == expansion


def test_a_long_form_a_person_would_not_accept_is_no_definition():
    """An expansion a person would not accept is worse than none: a word that is not part of the
    name ("JCPOA-required") is not taken in, and a short name that is a word is no acronym."""
    found = {d.term: d.expansion for d in find_definitions([
        "Iran has resumed JCPOA-required International Atomic Energy Agency (IAEA) monitoring.",
        "The Department of Commerce (Commerce) and the Department of State (State) run the program.",
    ])}
    assert found == {"IAEA": "International Atomic Energy Agency"}


def test_names_that_look_like_acronyms_are_no_to_dos():
    """'COVID' and 'II' were offered as to-dos although the acronym list treats them as names."""
    assert undefined(["During COVID-19, King Abdullah II and World War II veterans met the FTC."], set(), set()) \
        == {"FTC": 1}


# --- dates -----------------------------------------------------------------------------------------

REPORT_DATE = "2026-04-15"


def _event(text: str, year: int = 2026):
    from datetime import date

    from briefgen.distill.events import sentence_event

    return sentence_event(text, year, date.fromisoformat(REPORT_DATE))


@pytest.mark.parametrize("sentence,when", [
    # the date of the act the sentence reports (LSB11418, IF12106, R48908)
    ("On March 19, 2026, the Fifth Circuit denied the FTC's motion to stay the vacatur of the rule pending the "
     "appeal.", "2026-03-19"),
    ("A federal district court vacated that rule in February 2026, holding that it exceeds the FTC's authority "
     "under the HSR Act.", "2026-02"),
    # a dated document that does the act
    ("A November 2024 ODNI report explained that Iran's fissile material stockpile would have been sufficient "
     "for more than a dozen nuclear weapons.", "2024-11"),
    ("More recently, an ODNI spokesperson indicated that the U.S. intelligence community is capable of detecting "
     "Iranian efforts to build a nuclear weapon, according to an August 9, 2024, press report.", "2024-08-09"),
    # a negation in what someone said does not negate the act; a dated participle is the act
    ("Then-Chairman of the Joint Chiefs of Staff Mark Milley testified in March 2023 that Iran would need "
     "several months to produce an actual nuclear weapon.", "2023-03"),
    ("Legislation introduced in 2020 would have transferred the Foreign Commercial Service to State.", "2020"),
    # a bare month and day takes its year from the report's date (IF12106, IN12678)
    ("Iran’s Foreign Minister Seyed Abbas Araghchi stated on March 15 that the country’s enriched uranium is "
     "“under the rubble” created by the June 2025 attacks on Iran’s enrichment facilities.", "2026-03-15"),
    ("In early March, Hezbollah started firing into Israel, and Israel subsequently launched major air and "
     "ground operations.", "2026-03"),
])
def test_an_event_is_dated_by_what_its_sentence_reports(sentence, when):
    found = _event(sentence)
    assert found is not None and found.when == when


@pytest.mark.parametrize("sentence", [
    # a year that names something (LSB11418: 17 of 31 events were "2024" for this)
    "The court held that the 2024 amendments exceeded the FTC's authority under the HSR Act because the agency "
    "failed to establish that their benefits reasonably outweighed their costs.",
    "The Merger Filing Fee Modernization Act of 2022 offers the most recent example of such a measure.",
    "EPA's 2024 regulatory analysis of its final rule included estimates of effects that may be of interest.",
    # a negated sentence (R48906, IF12888)
    "Therefore, EPA's 2024 final rule did not take effect.",
    "For FY2025, P.L. 119-4, Division A, the Full-Year Continuing Appropriations Act, 2025, did not allocate LRF "
    "funding.",
    # projections and spans (R48906)
    "P.L. 119-21 extended the effective date of the methane emissions charge from 2024 to 2034.",
    "The WEC is scheduled to take effect in 2034.",
    "Since 2010, this regulatory program has required a number of facilities to annually report GHG emissions.",
    "U.S. methane emissions were 702 MMTCO2e in 2022, accounting for 11% of total U.S. GHG emissions in 2022.",
    "In particular, EPA's 2025 rule extends the deadline for states to submit their implementation plans from "
    "March 7, 2026, to January 22, 2027.",
])
def test_a_date_that_is_no_past_act_gives_no_event(sentence):
    assert _event(sentence) is None


def test_labels_are_clauses_never_fragments():
    """Labels read "According to an August 9", "To January 22"; a label is the main clause
    without its date, in the sentence's words."""
    from briefgen.distill.event_labels import event_label

    for sentence, label in [
        ("More recently, an ODNI spokesperson indicated that the U.S. intelligence community is capable of "
         "detecting Iranian efforts, according to an August 9, 2024, press report.",
         "An ODNI spokesperson indicated that the U.S. intelligence…"),
        ("According to official U.S. assessments, Iran halted its nuclear weapons program in late 2003.",
         "Iran halted its nuclear weapons program, according to official…"),
        # IF12672: the attribution outlives the cut, and a date inside a noun phrase stays ("a estimate")
        ("According to a 2025 DIA statement, “Russia almost certainly seeks to avoid direct conflict with "
         "NATO because it assesses it cannot win a conventional military confrontation with the alliance.”",
         "Russia almost certainly seeks to…, according to a 2025 DIA…"),
        ("A 2022 National Intelligence Council assessment stated that Russia would continue to test.",
         "A 2022 National Intelligence Council assessment stated that…"),
        ("A federal district court vacated that rule in February 2026, holding that it exceeds the FTC's authority.",
         "A federal district court vacated that rule"),
    ]:
        found = _event(sentence)
        assert event_label(sentence, found.mention) == label


def test_a_chronology_table_gives_one_event_per_row():
    """IN12682's Table 1 (Date | Monarch | Country) is the report's own chronology: one event a
    row, quoted from the row; the scheduled address after the report's date is no event."""
    from datetime import date

    from briefgen.distill.events import table_events
    from briefgen.ingest.document import EXHIBIT, Block

    table = Block(EXHIBIT, "Table 1. Addresses by Kings and Queens to a Joint Meeting of Congress\n"
                           "Date | Monarch | Country\n"
                           "December 18, 1874 | King Kalakaua | Kingdom of Hawaii\n"
                           "April 3, 1952 | Queen Juliana | Kingdom of the Netherlands\n"
                           "April 28, 2026 | King Charles III | United Kingdom\n"
                           "Source: Historian of the House of Representatives.")
    assert table_events([table], date(2026, 4, 23)) == [
        ("1874-12-18", "December 18, 1874 | King Kalakaua | Kingdom of Hawaii", "King Kalakaua, Kingdom of Hawaii"),
        ("1952-04-03", "April 3, 1952 | Queen Juliana | Kingdom of the Netherlands",
         "Queen Juliana, Kingdom of the Netherlands")]


@pytest.mark.parametrize("sentence, pointer", [
    ("More detailed information is available in CRS Report R46646, Election Administration: Federal Grant "
     "Programs for States and Localities, by Karen L. Shanton.", True),  # IF11962
    ("Further discussion can be found in Appendix B.", True),
    ("Details about the origins of the project are available on the Census Bureau's website at "
     "https://www.census.gov.", True),
    ("Information is available in 40 states that report data.", False),  # a claim about the states
    ("Complete information is available for FY2024 only.", False),
])
def test_a_sentence_that_points_elsewhere_is_no_claim(sentence, pointer):
    from briefgen.distill.sentences import is_cross_reference

    assert is_cross_reference(sentence) is pointer
