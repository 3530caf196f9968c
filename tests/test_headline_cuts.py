"""Headline drafts on sentences of real CRS products (development half of the corpus, see
tests/data/reports/README.md): a cut that would print a phrase the report does not say is not
made. Each case below was printed in bold in a principal one-page before its gate existed."""

from __future__ import annotations

import pytest

from briefgen.distill.headline import headline

NEVER = [
    # IF12888: "that LRF deposits" read as a relative clause on "GAOA"
    ("The GAOA explicitly provided that LRF deposits would not affect the disposition of energy revenues due to "
     "states, trust funds, or special funds (e.g., the LWCF and the Historic Preservation Fund [HPF], 54 U.S.C. "
     "§303102).", "provided would"),
    # IN12422: the verb's complement cut off
    ("The credits were scheduled to expire at the end of 2023 and 2021, respectively, before being reinstated and "
     "expanded by P.L. 117-169 (commonly known as the Inflation Reduction Act of 2022, or IRA).", "scheduled$"),
    # LSB11420
    ("The Eleventh Circuit held that qualified immunity depends on whether a defendant’s conduct violates clearly "
     "established law; qualified immunity, the court held, is not affected by uncertainty over whether the "
     "defendant can be held personally liable for that conduct.", "depends$"),
    # IF11962: two nouns brought together by the cut
    ("That debate has carried over to some discussions of federal elections grant programs.", "discussions grant"),
    # IF13204
    ("China is developing a central bank digital currency to try to influence global finance and e-commerce and "
     "diversify from U.S. dollar financing.", "finance financing"),
    # IF13202: a modal whose verb comes after the comma
    ("New National Environmental Policy Act of 1969 (NEPA; 42 U.S.C. §§4321 et seq.) procedures may, and a "
     "proposed rulemaking and legislation if enacted could, adjust the agency’s Section 408 review process.",
     "may$"),
    # R46646: "appropriated" read as a participle on "Congress", "was enacted" as the main verb
    ("Congress appropriated funding for the general improvements grant program the first fiscal year after HAVA "
     "was enacted (FY2003; see Table 2 and Table 3 for details of authorized and appropriated funding for this and "
     "other elections grant programs).", "was enacted"),
    # IF12610: a participle left without its phrase, or its phrase without the participle
    ("In 2025, President Donald Trump issued executive orders to create a space-intensive initiative known as "
     "Golden Dome and to ensure “American Space Superiority.”", "known$|initiative as"),
]


@pytest.mark.parametrize("quote, wrong", NEVER, ids=[w for _, w in NEVER])
def test_a_cut_never_says_what_the_sentence_does_not(quote, wrong):
    import re

    text = headline(quote).text
    assert text is None or not re.search(wrong, text), text


@pytest.mark.parametrize("quote, expected", [
    # R47324 / IF12608: the parser's best reading of "issue exploration licenses" is a double object; the
    # cut's reading ("exploration licenses") is one of its other readings, so the cut stands
    ("DSHMRA authorized the NOAA administrator to issue exploration licenses and commercial recovery permits to "
     "U.S. citizens for seabed mining activities in ABNJ (30 U.S.C. §1412).",
     "DSHMRA authorized NOAA administrator to issue exploration licenses and commercial recovery permits"),
    ("On May 2, 2025, President Trump sent his initial FY2026 appropriations request to Congress, which included "
     "broad budgetary outlines, reductions, additions, and initiatives.",
     "On May 2, 2025, President Trump sent his initial FY2026 appropriations request"),
])
def test_a_cut_the_sentence_allows_is_still_made(quote, expected):
    assert headline(quote).text == expected
