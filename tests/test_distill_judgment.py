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
