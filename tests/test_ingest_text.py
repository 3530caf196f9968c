"""Reading text: sentences that do not end at congressional abbreviations, plain-text headings
on lines of their own, and a text whose two columns a naive PDF-to-text interleaved. Sentences
are CRS's own words (public domain)."""

from __future__ import annotations

import pytest

from briefgen.errors import ReportError
from briefgen.ingest import read_report
from briefgen.ingest.segment import sentences


@pytest.mark.parametrize("text,expected", [
    # the real case: "…referred to H.Rept." and "119-215, which recommended…" were two sentences,
    # and update proposed the second, which has no subject, as a change
    ("The explanatory statement refers to H.Rept. 119-215, which recommended at least $32 million for "
     "the program. Congress provided $26.1 billion.",
     ["The explanatory statement refers to H.Rept. 119-215, which recommended at least $32 million for the "
      "program.", "Congress provided $26.1 billion."]),
    ("The Eleventh Circuit held that 42 U.S.C. § 1981 and circuit precedent make clear that third parties "
     "may not impair contractual rights because of race. The court agreed.",
     ["The Eleventh Circuit held that 42 U.S.C. § 1981 and circuit precedent make clear that third parties "
      "may not impair contractual rights because of race.", "The court agreed."]),
    ("EPA issued a final rule, 89 Fed. Reg. 91094, on November 18, 2024. It was disapproved.",
     ["EPA issued a final rule, 89 Fed. Reg. 91094, on November 18, 2024.", "It was disapproved."]),
    ("Under H.R. 4553, as passed by the House, energy-related R&D would have seen a nearly 50% increase, "
     "while S. 3293, as introduced in the Senate, would have increased spending by 95%.",
     ["Under H.R. 4553, as passed by the House, energy-related R&D would have seen a nearly 50% increase, "
      "while S. 3293, as introduced in the Senate, would have increased spending by 95%."]),
    ("In Loper Bright Enterprises v. Raimondo, the Court overruled Chevron. It applies to Sec. 136 of the "
     "act, Div. A of P.L. 119-21 and 136 Stat. 1818.",
     ["In Loper Bright Enterprises v. Raimondo, the Court overruled Chevron.",
      "It applies to Sec. 136 of the act, Div. A of P.L. 119-21 and 136 Stat. 1818."]),
])
def test_congressional_and_legal_abbreviations_never_end_a_sentence(text, expected):
    assert sentences(text) == expected


def test_plain_text_headings_on_their_own_line_are_headings(tmp_path):
    """A plain-text report whose headings sit on their own lines with no blank line before the
    prose got them glued on ("Overview For more than ten years…"); its first line, the title,
    was not found. Words from CRS In Focus IF12610 (public domain)."""
    report = tmp_path / "if12610.txt"
    report.write_text(
        "Defense Primer: U.S. Space Force\n"
        "The U.S. Space Force is the sixth branch of the Armed Forces, established under the Department of\n"
        "the Air Force (DAF) with the enactment of the National Defense Authorization Act for Fiscal Year 2020.\n"
        "Why the Space Force Was Created\n"
        "Since the 1980s, U.S. policymakers have become increasingly concerned about potential adversaries\n"
        "operating in the space domain.\n"
        "Potential Considerations for Congress\n"
        "Congress may or may not consider oversight of executive branch goals to develop and advance Golden\n"
        "Dome, including assessing related system architectures.\n", encoding="utf-8")
    blocks = [(b.kind, b.text) for b in read_report(report).blocks]
    assert blocks == [
        ("title", "Defense Primer: U.S. Space Force"),
        ("paragraph", "The U.S. Space Force is the sixth branch of the Armed Forces, established under the "
                      "Department of the Air Force (DAF) with the enactment of the National Defense Authorization "
                      "Act for Fiscal Year 2020."),
        ("heading", "Why the Space Force Was Created"),
        ("paragraph", "Since the 1980s, U.S. policymakers have become increasingly concerned about potential "
                      "adversaries operating in the space domain."),
        ("heading", "Potential Considerations for Congress"),
        ("paragraph", "Congress may or may not consider oversight of executive branch goals to develop and advance "
                      "Golden Dome, including assessing related system architectures."),
    ]


def test_a_text_that_interleaves_two_columns_is_refused_naming_its_lines(tmp_path):
    """What a naive PDF-to-text gives for a two-column page: each line runs across both
    columns. Drafted from, it quoted spliced half-sentences as the report's words."""
    report = tmp_path / "naive.txt"
    report.write_text(
        "China-Russia Relations\n"
        "The People’s Republic of China (PRC or China) and the The direction of the bilateral relationship appears, in\n"
        "Russian Federation (Russia) maintain a strategic and part, to reflect close personal ties between Presidents Xi\n"
        "multifaceted relationship with extensive military, diplo‐ Jinping and Vladimir Putin. Since 2013, Xi and Putin\n"
        "matic, and economic connections. Although the contem‐ have met numerous times and established regular dia‐\n"
        "porary China-Russia relationship began with the dissolu‐ logue mechanisms at lower levels. In 2019, PRC and\n",
        encoding="utf-8")
    with pytest.raises(ReportError) as err:
        read_report(report)
    message = str(err.value)
    assert message.startswith(f"{report}: its lines interleave two columns of a page (lines 2, 4, 5, 6")
    assert "\n" not in message
