"""Machine drafts (issue 21): headlines by deletion, plain versions, the gates every draft passes,
the drafted mark, ``briefgen draft``, and what check, briefs and the preview do with drafts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from briefgen.check import check
from briefgen.distill import parse as parser
from briefgen.distill.drafting import draft_headline, draft_plain, rests_on
from briefgen.distill.gates import deletion_only, facts, headline_gate, plain_gate
from briefgen.distill.headline import headline
from briefgen.distill.plain import plain_words, split
from briefgen.content.load import load_one
from briefgen.content.model import Item, draft_mark
from conftest import ROOT, run_briefgen


def test_the_parser_is_installed():
    """`make test` installs Link Grammar (tools/sysdeps.sh test); without it nothing is drafted."""
    assert parser.available(), parser.why_unavailable()


SANCTIONS = "Both governments express opposition to the use of unilateral sanctions as tools of policy."
RELIANCE = ("In the wake of Russia’s renewed invasion of Ukraine starting in 2022, Russia’s reliance on China’s "
            "economic and political support has grown, increasing China’s advantage in the relationship.")
APPEARS = ("The direction of the bilateral relationship appears, in part, to reflect close personal ties between "
           "Presidents Xi Jinping and Vladimir Putin.")
TURNING = ("Many experts trace the current dynamism of the relationship to 2014, when the reaction of the United "
           "States, the European Union (EU), and some other countries to Russia’s first invasion of Ukraine, including "
           "sanctions, led Moscow to seek to strengthen its ties with China and other countries.")
MULTILATERAL = ("The PRC and Russia often cooperate and coordinate in multilateral settings, including the United "
                "Nations; the SCO; the BRICS grouping; and the Group of 20 (G20).")


# --- headlines ---------------------------------------------------------------------------------

@pytest.mark.parametrize("quote", [SANCTIONS, RELIANCE, TURNING, MULTILATERAL])
def test_a_headline_is_the_quote_with_words_deleted(quote):
    text, failure = draft_headline(quote)
    assert failure is None and text
    assert len(text.split()) <= 12
    assert deletion_only(text, quote) is None
    assert not text.endswith(".") and text[0].isupper()


def test_a_headline_keeps_the_hedge_and_drops_what_hangs_off_the_main_clause():
    assert headline(MULTILATERAL).text == "The PRC and Russia often cooperate and coordinate in multilateral settings"
    assert headline(RELIANCE).text == "Russia’s reliance on China’s economic and political support has grown"
    assert headline(TURNING).text == "Many experts trace the current dynamism of the relationship to 2014"
    # "appears, in part, to reflect …": the hedge and the verb's complement are never cut off
    # ("The direction of the bilateral relationship appears" would pass the wording lint)
    short = headline(APPEARS).text
    assert short is None or ("in part" in short and "reflect" in short)


def test_a_sentence_without_a_main_clause_gives_no_headline():
    text, failure = draft_headline("shared opposition to what they describe as the U.S.-led international order.")
    assert text is None and failure.gate == "parse"


def test_without_the_parser_there_is_no_draft(monkeypatch):
    monkeypatch.setattr("briefgen.distill.drafting.available", lambda: False)
    for text, failure in (draft_headline(SANCTIONS), draft_plain(SANCTIONS, {})):
        assert text is None and failure.gate == "parse" and "link-grammar" in failure.detail


# --- the gates, each with a draft that breaks it -------------------------------------------------

def test_deletion_gate_refuses_a_word_the_quote_lacks_or_a_word_out_of_order():
    assert headline_gate("Russia relies more on China", RELIANCE).gate == "deletion"
    assert headline_gate("Support has grown for Russia’s reliance", RELIANCE).gate == "deletion"
    assert headline_gate("Russia’s reliance on China’s support has grown", RELIANCE) is None


def test_length_gate_refuses_a_headline_of_13_words_and_a_plain_sentence_of_16():
    long = "Russia’s reliance on China’s economic and political support has grown, increasing China’s advantage"
    assert headline_gate(long, RELIANCE).gate == "length"
    plain = "Russia’s reliance on China’s economic and political support has grown, increasing China’s advantage in the relationship."
    assert plain_gate(plain, RELIANCE).gate == "length"


def test_facts_gate_refuses_a_number_date_or_name_not_in_the_quote():
    assert plain_gate("Russia relies on China. It began in 2014.", RELIANCE).gate == "facts"
    assert plain_gate("Russia relies on Beijing.", RELIANCE).gate == "facts"
    assert facts("Russia relies on China since 2022.", RELIANCE) is None
    # a spelled-out abbreviation counts as the quote's when the glossary expands a term it uses
    assert facts("China and Russia work in the Group of 20.", MULTILATERAL, {"G20": "Group of 20"}) is None
    assert facts("China works with the Shanghai Cooperation Organization.", MULTILATERAL, {}) == "Shanghai"


def test_wording_gate_refuses_a_dropped_hedge():
    failure = plain_gate("The relationship reflects close ties between Presidents Xi Jinping and Vladimir Putin.", APPEARS)
    assert failure is not None and failure.gate == "wording" and "appears" in failure.detail
    assert headline_gate("The PRC and Russia cooperate and coordinate in multilateral settings",
                         MULTILATERAL).gate == "wording"


def test_grade_gate_refuses_a_plain_draft_above_the_dossiers_limit():
    hard = "Both governments express opposition to the use of unilateral sanctions as tools of policy."
    failure = plain_gate(hard, SANCTIONS, max_grade=8)
    assert failure.gate == "grade" and "limit is 8" in failure.detail
    assert plain_gate(hard, SANCTIONS, max_grade=14) is None


# --- plain drafts ---------------------------------------------------------------------------------

def test_plain_splits_at_clause_boundaries_into_sentences_that_stand_alone():
    out = split(RELIANCE)
    assert out == ["Russia’s reliance on China’s economic and political support has grown.",
                   "This was in the wake of Russia’s renewed invasion of Ukraine starting in 2022.",
                   "This increases China’s advantage in the relationship."]
    out = split("Although the relationship began in 1991, the two countries share a longer history.")
    assert out == ["The relationship began in 1991.", "Still, the two countries share a longer history."]
    out = split("The PRC and Russia have tried to harmonize the interests of overlapping ventures, such as the "
                "Belt and Road Initiative (BRI) and the Eurasian Economic Union (EEU).")
    assert out[-1] == "Examples include the Belt and Road Initiative and the Eurasian Economic Union."


def test_a_plain_sentence_ending_in_a_quotation_keeps_its_one_stop():
    assert split("The mission is to “secure our interests in space.”") == ["The mission is to “secure our interests in space.”"]


def test_plain_words_respect_the_part_of_speech_and_names():
    assert plain_words("Congress purchased additional land.") == "Congress bought more land."
    assert plain_words("The purchase was approved.") == "The purchase was approved."  # a noun: kept
    assert plain_words("Agencies utilize numerous Numerous Acts.") == "Agencies use many Numerous Acts."


def test_plain_moves_according_to_to_the_front():
    out = split("The conservation title is one of the larger titles, according to the Congressional Budget Office.")
    assert out == ["According to the Congressional Budget Office, the conservation title is one of the larger titles."]


def test_a_written_plain_draft_passed_every_gate():
    quote = "Congress passed a law in 2022."
    text, failure = draft_plain(quote, {}, 8)
    assert failure is None and text == "Congress passed a law in 2022."
    assert plain_gate(text, quote) is None


def test_the_sentence_an_entry_rests_on():
    quotes = ["The PRC and Russia often cooperate. Both governments express opposition to the use of unilateral "
              "sanctions as tools of policy."]
    assert rests_on("Both governments oppose unilateral sanctions.", quotes).startswith("Both governments")


# --- the mark ---------------------------------------------------------------------------------------

def _item(**kw):
    base = dict(id="x", topic="t", priority=1, headline="Russia relies more on China", summary="One sentence.",
                detail="One sentence.", plain="Russia needs China.", sources=[{"edition": "e", "quote": "A long enough quote."}])
    base.update(kw)
    return Item.model_validate(base)


def test_a_drafted_field_is_the_machines_until_a_person_edits_it():
    item = _item(drafted={"headline": draft_mark("Russia relies more on China")})
    assert item.is_drafted("headline") and not item.is_drafted("plain")
    edited = _item(headline="Russia leans on China", drafted={"headline": draft_mark("Russia relies more on China")})
    assert not edited.is_drafted("headline")
    with pytest.raises(Exception, match="unknown layer 'title'"):
        _item(drafted={"title": "0123abcd"})
    with pytest.raises(Exception):
        _item(drafted={"headline": "not-a-mark"})


# --- distill, check, build, draft ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def distilled(tmp_path_factory):
    content = tmp_path_factory.mktemp("drafts") / "content"
    report = ROOT / "tests" / "data" / "reports" / "crs-if12100-2023-09-13.txt"
    proc = run_briefgen("distill", str(report), "--dossier", "cr", "--code", "IF12100", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    return content, proc


def test_distill_writes_marked_drafts_that_check_lists_to_review(distilled):
    content, proc = distilled
    assert "drafted " in proc.stdout and "machine drafts: review them" in proc.stdout
    dossier = load_one(content / "cr")
    drafted = [(i.id, layer) for i in dossier.items for layer in ("headline", "plain") if i.is_drafted(layer)]
    assert drafted
    for item in dossier.items:
        if item.is_drafted("headline"):
            assert deletion_only(item.headline, item.summary) is None and len(item.headline.split()) <= 12
    text = (content / "cr" / "items.yaml").read_text()
    assert "machine-drafted by briefgen" in text and "no plain drafted:" in text  # refusals listed with their gate
    report = check(content, "cr")
    assert report.problems.errors == []
    review = [str(w) for w in report.problems.warnings if "to review:" in str(w)]
    assert len(review) >= len(drafted)


def test_a_persons_edit_makes_a_field_theirs_and_distill_force_keeps_it(distilled, tmp_path):
    content, _ = distilled
    work = tmp_path / "content"
    shutil.copytree(content, work)
    items = work / "cr" / "items.yaml"
    data = yaml.safe_load(items.read_text())
    target = next(i for i in data["items"] if "headline" in i.get("drafted", {}))
    old = target["headline"]
    items.write_text(items.read_text().replace(f"headline: {old}\n", "headline: A person's headline\n", 1))
    dossier = load_one(work / "cr")
    item = next(i for i in dossier.items if i.id == target["id"])
    assert item.headline == "A person's headline" and not item.is_drafted("headline")
    notes = [str(n) for n in check(work, "cr").problems.notes]
    assert any("no longer matches its draft" in n for n in notes)
    report = ROOT / "tests" / "data" / "reports" / "crs-if12100-2023-09-13.txt"
    proc = run_briefgen("distill", str(report), "--dossier", "cr", "--code", "IF12100", "--content", str(work), "--force")
    assert proc.returncode == 0, proc.stderr
    again = load_one(work / "cr")
    kept = next(i for i in again.items if i.summary == item.summary)
    assert kept.headline == "A person's headline" and not kept.is_drafted("headline")


def test_briefgen_draft_fills_empty_fields_only(tmp_path):
    work = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "china-russia", work / "china-russia")
    items = work / "china-russia" / "items.yaml"
    (work / "china-russia" / "dossier.yaml").write_text(
        (work / "china-russia" / "dossier.yaml").read_text().replace("dossier:\n", "dossier:\n  draft: true\n", 1))
    text = items.read_text()
    start = text.index("  - id: sanctions-opposition")
    block = text[start:text.index("  - id: multilateral-coordination")]
    headline_line = next(line for line in block.splitlines() if line.strip().startswith("headline:"))
    items.write_text(text.replace(headline_line + "\n", "", 1))
    before = items.read_text()
    proc = run_briefgen("draft", "china-russia", "--content", str(work))
    assert proc.returncode == 0, proc.stderr
    assert "drafted 1 headline" in proc.stdout
    after = items.read_text()
    dossier = load_one(work / "china-russia")
    item = next(i for i in dossier.items if i.id == "sanctions-opposition")
    assert item.is_drafted("headline") and deletion_only(item.headline, SANCTIONS) is None
    # every other line is as it was: only the headline and its mark were added
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(added) == 4 and any("drafted:" in a for a in added)
    assert all(i.headline and not i.is_drafted("headline") for i in dossier.items if i.id != "sanctions-opposition")
    proc = run_briefgen("draft", "china-russia", "--content", str(work))  # nothing left to fill
    assert proc.returncode == 0 and items.read_text() == after


def test_briefgen_draft_of_a_missing_dossier_is_a_one_line_error(tmp_path):
    proc = run_briefgen("draft", "nope", "--content", str(tmp_path))
    assert proc.returncode == 2 and "no such dossier" in proc.stderr and "Traceback" not in proc.stderr


def test_briefs_of_drafts_say_draft_and_the_preview_shows_them_apart(distilled, tmp_path):
    content, _ = distilled
    from briefgen.preview.page import drafted_texts, preview_page
    from briefgen.preview.render import PreviewOptions, Renderer

    renderer = Renderer(PreviewOptions(content=content, dossier="cr", audience="principal", length="one-page"))
    snap = renderer.render()
    assert snap.rendered_ok, snap.problems
    shown = drafted_texts(snap.html)
    dossier = load_one(content / "cr")
    from briefgen.compose.acronyms import Expander
    from briefgen.compose.select import glossary_terms

    drafts = {i.headline for i in dossier.items if i.is_drafted("headline")} | {dossier.bottom_line.text}
    # the principal's brief spells an abbreviation out at its first use: a draft is shown either way
    drafts |= {Expander(glossary_terms(dossier), "first-use")(d) for d in drafts}
    assert shown and set(shown) <= drafts
    page = preview_page(snap)
    assert "Machine drafts on this brief" in page and 'class="legend"' in page and "swatch-drafted" in page
    assert "DRAFT, NOT REVIEWED" in snap.html.upper() or "Draft, not reviewed" in snap.html
