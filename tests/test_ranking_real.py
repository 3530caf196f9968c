"""Distill's ranking on real reports (issue 20, "Ranking that puts background before the news"),
each fixture the product's own words from CRS's web page (tests/data/reports/README.md): the
news before the background, a judgment before a method, no section label at an item's front,
no publisher boilerplate among the points."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen.distill import DistillOptions, distill

REPORTS = Path(__file__).resolve().parent / "data" / "reports"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """Each fixture distilled once: code -> (bottom line, item summaries best first)."""
    out = {}
    for code, name, series in [("lsb11418", "crs-lsb11418-2026-04-15-hsr-merger-review.txt", "Legal Sidebar"),
                               ("lsb11420", "crs-lsb11420-2026-04-20-circuit-splits.txt", "Legal Sidebar"),
                               ("if12106", "crs-if12106-2026-04-09-iran-nuclear.txt", "In Focus"),
                               ("if11962", "crs-if11962-2026-04-20-elections-grants.txt", "In Focus")]:
        content = tmp_path_factory.mktemp(code)
        # the web page's text carries no CRS disclaimer: the product is given as a user would
        distill(DistillOptions(reports=[REPORTS / name], dossier=code, content=content,
                               publisher="Congressional Research Service", series=series, code=code.upper()))
        folder = content / code
        framing = yaml.safe_load((folder / "framing.yaml").read_text(encoding="utf-8"))
        items = yaml.safe_load((folder / "items.yaml").read_text(encoding="utf-8"))["items"]
        out[code] = (framing["bottom_line"]["text"], [it["summary"] for it in items], items)
    return out


def test_a_sidebars_news_comes_before_the_statutes_background(drafts):
    """LSB11418: the news (a court vacated the FTC's rule in Feb. 2026; the Fifth Circuit denied a
    stay on March 19) came 11th and below the top 12, under the Clayton Act's text and old bills."""
    bottom, summaries, _ = drafts["lsb11418"]
    top3 = [bottom, *summaries[:2]]
    assert any("vacated that rule in February 2026" in s or "Fifth Circuit denied" in s for s in top3), top3
    assert not any(s.startswith("Section 7 of the Clayton Antitrust Act") for s in top3)
    assert any("Fifth Circuit denied" in s for s in [bottom, *summaries[:6]])


def test_an_in_focus_leads_with_its_judgment_not_its_method(drafts):
    """IF12106: a methods sentence ranked first and the lead judgment 23rd."""
    bottom, summaries, _ = drafts["if12106"]
    top3 = [bottom, *summaries[:2]]
    assert not any(s.startswith(("This In Focus", "This report")) for s in top3)
    judgments = ("has halted its nuclear weapons program", "is unclear", "Iran has not resumed enriching")
    assert any(j in s for s in top3 for j in judgments), top3


def test_an_items_section_label_is_its_topic_not_its_first_words(drafts):
    """LSB11420: "Criminal Law & Procedure: A divided Second Circuit held …" reads as the point
    "A divided Second Circuit held …", with the label as its topic."""
    bottom, summaries, items = drafts["lsb11420"]
    labels = ("Civil Rights:", "Criminal Law & Procedure:", "Immigration:")
    assert not any(s.startswith(labels) for s in [bottom, *summaries])
    assert {"criminal-law-procedure", "civil-rights"} <= {it["topic"] for it in items}
    for it in items:  # the quote is still the report's words, from where the point starts
        assert it["sources"][0]["quote"] == it["summary"]


def test_publisher_boilerplate_is_no_point(drafts):
    """'Some cases identified in this Sidebar … are examined in other CRS products' ranked among
    the key points."""
    bottom, summaries, _ = drafts["lsb11420"]
    assert not any("are examined in other CRS products" in s for s in [bottom, *summaries])
    assert not any(s.startswith("This Legal Sidebar discusses") for s in [bottom, *summaries[:12]])


def test_an_example_or_a_pointer_elsewhere_is_no_point(drafts):
    """IF11962: the stand-in bottom line was 'For example, Congress responded to …', and 'More
    detailed information is available in CRS Report R46646, …' was key point 11."""
    bottom, summaries, _ = drafts["if11962"]
    assert not bottom.startswith("For example")
    assert bottom.startswith("One type of action Members have increasingly explored")
    assert not any(s.startswith("More detailed information is available") for s in [bottom, *summaries])
    # an example still drafts as a point, below the points it illustrates
    assert any(s.startswith("For example, Congress responded") for s in summaries)
