"""Acronyms: spelled out as an editor would (first use, or everywhere for the public), never
inside quotation marks; numerals and names are not acronyms; public timelines spell them out in
the figure too, and check says when a label cannot be."""

from __future__ import annotations

import base64
import re

from extract import pdf_text

from briefgen.build import BuildOptions, build
from briefgen.check import check
from briefgen.compose.acronyms import Expander
from briefgen.compose.vocab import finish, parse

TERMS = {"Fed": "Federal Reserve", "SWIFT": "global bank messaging network",
         "IMF": "International Monetary Fund", "RMB": "renminbi"}


def _finished_text(paragraphs: list[str], mode: str) -> list[str]:
    html = ("<!DOCTYPE html><html lang='en-US'><head><title>t</title></head><body><main>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</main></body></html>")
    root = parse(finish(html, "t.html.j2", TERMS, mode).html)
    return [" ".join(p.text_content().split()) for p in root.iter("p")]


# --- spelled out as an editor would; numerals and names are not acronyms --------------------------


def test_first_use_expansion_reads_idiomatically():
    out = _finished_text([
        "In 2008 the Federal Reserve opened swap lines, and the Fed's dollar lending grew.",
        "Banks were cut off when SWIFT acted. SWIFT is based in Belgium.",
        "The IMF's basket added the currency. The IMF's board agreed.",
    ], "first-use")
    assert out == [
        "In 2008 the Federal Reserve (Fed) opened swap lines, and the Fed's dollar lending grew.",
        "Banks were cut off when the global bank messaging network (SWIFT) acted. SWIFT is based in Belgium.",
        "The International Monetary Fund's (IMF's) basket added the currency. The IMF's board agreed.",
    ]


def test_spelled_out_everywhere_keeps_articles_and_possessives():
    out = _finished_text(["SWIFT cut off the banks; the IMF's basket grew; the Fed acted."], "spell-out")
    assert out == ["The global bank messaging network cut off the banks; the International Monetary "
                   "Fund's basket grew; the Federal Reserve acted."]


def test_roman_numerals_and_listed_names_are_not_unknown_acronyms(content):
    f = content / "china-russia/timeline.yaml"
    text = f.read_text()
    old = "short: Border war between the two countries"
    assert old in text
    f.write_text(text.replace(old, "short: Border war after World War II, before COVID-19"))
    report = check(content)
    looks = [str(w) for w in report.problems.warnings if "looks like an acronym" in str(w)]
    assert looks == []
    f.write_text(text.replace(old, "short: Border war after the NDAA"))
    looks = [str(w) for w in check(content).problems.warnings if "looks like an acronym" in str(w)]
    assert len(looks) == 1 and "'NDAA' looks like an acronym" in looks[0]


def test_spelling_out_a_second_dossiers_terms_reads_as_written():
    """Seen on a distilled Space Force dossier: no article inside parentheses or after a code,
    and an inline definition "anti-satellite (ASAT)" is not spelled out twice."""
    terms = {"ASAT": "anti-satellite", "MILPERS": "military personnel", "SWIFT": "global bank messaging network"}
    spell = Expander(terms, "spell-out")
    assert spell("The Soviet Union tested anti-satellite (ASAT) missiles in the 1980s.") == \
        "The Soviet Union tested anti-satellite missiles in the 1980s."
    assert spell("The FY2026 MILPERS request planned for more.") == "The FY2026 military personnel request planned for more."
    assert spell("Banks left SWIFT. In 1973, SWIFT formed.") == \
        "Banks left the global bank messaging network. In 1973, the global bank messaging network formed."
    first = Expander(terms, "first-use")
    assert first("They tested anti-satellite (ASAT) missiles; ASAT tests stopped.") == \
        "They tested anti-satellite (ASAT) missiles; ASAT tests stopped."


def test_acronym_expansion_never_changes_words_in_quotation_marks():
    text = ("In July 2025, DOD announced contracts “to accelerate Department of Defense (DoD) adoption of "
            "advanced AI capabilities” and “DOD use” of models.")
    out = Expander({"DOD": "Department of Defense"}, "first-use")(text)
    assert "“to accelerate Department of Defense (DoD) adoption of advanced AI capabilities”" in out
    assert "“DOD use”" in out
    assert out.startswith("In July 2025, Department of Defense (DOD) announced")
    spelled = Expander({"DOD": "Department of Defense"}, "spell-out")(text)
    assert "“DOD use”" in spelled and "Department of Defense announced" in spelled


# --- public timelines spell acronyms out in the figure too; check says when they cannot -----------


def test_public_timeline_figure_spells_acronyms_out(content, tmp_path):
    f = content / "china-russia/timeline.yaml"
    text = f.read_text()
    f.write_text(text.replace("short: Joint veto of North Korea sanctions resolution",
                              "short: Joint U.N. veto; the EU objects"))
    assert not [w for w in check(content).problems.warnings if "timeline label" in str(w)]
    build(BuildOptions(content=content, output=tmp_path / "out", audience="public", length="two-page",
                       format="pdf"))
    pdf = tmp_path / "out/china-russia/china-russia-public-two-page.pdf"
    words = pdf_text(pdf)
    assert "Joint United Nations veto; the European Union objects" in words
    assert "U.N." not in words and "EU " not in words
    # the figure's alt text says the same
    html = next((tmp_path / "out").rglob("china-russia-public-two-page.html")).read_text()
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)).decode()
    assert "Joint United Nations veto; the European Union objects" in svg
    assert "Joint United Nations veto; the European Union objects" in re.search(r'alt="([^"]+)"', html).group(1)

    f.write_text(text.replace("short: Joint veto of North Korea sanctions resolution",
                              "short: U.N. veto on North Korea sanctions; the EU and U.S. object"))
    (warning,) = [str(w) for w in check(content).problems.warnings if "timeline label" in str(w)]
    assert warning.startswith(f"{f}:") and "timeline[9].short: warning: spelled out for briefs" in warning
    assert "a label has at most 64" in warning
