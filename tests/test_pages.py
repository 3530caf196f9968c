"""The briefs as a reader sees them (issue 23, "Pages"): whole headlines or whole sentences in
every list, a last page that carries more than a stray line, a Word box in one piece, note
numbers against their text in the browser, quotes inside quotes, acronyms not spelled out twice.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest
from conftest import DOSSIER

from briefgen.compose.acronyms import Expander, initialism
from briefgen.content.load import load_one
from briefgen.compose.vocab import finish, parse, reading_text

AUDIENCES = ("principal", "staff", "public")
LENGTHS = ("flash", "one-page", "two-page", "full")
BRIEFS = [(a, n) for a in AUDIENCES for n in LENGTHS]
D = load_one(DOSSIER)
END = re.compile(r"[.!?…][”’\"')\]]*$")  # a sentence (or a headline given its full stop) ends so


def final_html(built, audience: str, length: str) -> str:
    """The brief's final vocabulary HTML (the input of all three writers), from the build cache."""
    folder, _ = built
    return (folder.parent / ".briefgen-cache" / folder.name / f"{folder.name}-{audience}-{length}.html").read_text()


def plan_layers(built, audience: str, length: str) -> dict[str, str]:
    folder, _ = built
    outputs = {o["file"]: o for o in json.loads((folder / "manifest.json").read_text())["outputs"]}
    return dict((i, layer) for i, layer in outputs[f"{folder.name}-{audience}-{length}.pdf"]["plan"]["items"])


def reading(el) -> str:
    """An element's text as read, without note numbers."""
    return reading_text(el)


# --- 6: what the fit loop leaves of an item is a whole headline or a whole sentence -------------


@pytest.mark.parametrize("audience,length", BRIEFS)
def test_no_list_item_ends_as_a_fragment(built, audience, length):
    """Every list item ends like a sentence, unless the list is one of headlines only (a flash).
    The principal one-page brief ended with "Joint exercises, intelligence sharing and joint
    weapons development": the headline of an item the fit loop cut down, among sentences."""
    layers = plan_layers(built, audience, length)
    root = parse(final_html(built, audience, length))
    for lst in root.iter("ul", "ol"):
        items = lst.findall("li")
        ids = [li.get("data-fit", "")[len("item:"):] for li in items]
        headlines_only = all(layers.get(i) == "headline" for i in ids)
        for li in items:
            text = reading(li)
            assert END.search(text) or headlines_only, f"{audience}-{length}: a fragment: {text!r}"


def test_an_item_cut_to_its_headline_among_sentences_is_a_bold_headline(built):
    root = parse(final_html(built, "principal", "one-page"))
    layers = plan_layers(built, "principal", "one-page")
    cut = [i for i, layer in layers.items() if layer == "headline"]
    assert cut, "the principal one-page brief no longer cuts an item to its headline: pick another case"
    li = next(li for li in root.iter("li") if li.get("data-fit") == f"item:{cut[0]}")
    strong = li.find("strong")
    headline = next(it.headline for it in D.items if it.id == cut[0])
    assert strong is not None and reading(li) == reading(strong) == headline + "."


def test_every_template_keeps_a_cut_item_whole(built):
    """The public template too: a catalog that lets plain items step down to their headline."""
    from briefgen.compose.brief import compose
    from briefgen.compose.catalog import load_catalog
    from briefgen.compose.render import Templates
    from briefgen.compose.select import Plan

    templates = Templates(None)
    catalog = load_catalog(templates.find("catalog.yaml"))
    first, second = [it.id for it in D.items[:2]]
    for audience, top in (("public", "plain"), ("principal", "summary"), ("staff", "summary")):
        plan = Plan(((first, top), (second, "headline")), 0, 0, 0)
        root = parse(compose(D, catalog, templates, audience, "one-page", plan).html)
        block = next(el for el in root.iter("li", "p") if el.get("data-fit") == f"item:{second}")
        assert END.search(reading(block)) and block.find("strong") is not None, audience


# --- 7: a last page carries more than a stray note ----------------------------------------------


def text_lines(page) -> list[float]:
    """Baselines of text between the running head and foot (US Letter, margins of brief.css)."""
    tops = {round(w["bottom"]) for w in page.extract_words() if 0.85 * 72 < w["top"] and w["bottom"] < 792 - 0.8 * 72}
    return sorted(tops)


@pytest.mark.parametrize("audience,length", BRIEFS)
def test_a_last_page_carries_more_than_a_few_lines(built, audience, length):
    """The staff full PDF's fifth page held only source note 28, two lines: the last notes now
    keep together."""
    with pdfplumber.open(built[0] / f"china-russia-{audience}-{length}.pdf") as pdf:
        if len(pdf.pages) == 1:
            return
        lines = text_lines(pdf.pages[-1])
    assert len(lines) >= 3, f"{audience}-{length}: the last page carries {len(lines)} line(s)"


# --- 8: the DOCX box, as LibreOffice lays it out, is one piece with space around it ------------


BOX_FILL = (0.929, 0.949, 0.969)  # #EDF2F7
NAVY = (0.122, 0.227, 0.373)  # #1F3A5F


def _near(color, target) -> bool:
    return color is not None and len(color) == 3 and all(abs(a - b) < 0.01 for a, b in zip(color, target))


def test_docx_box_is_one_piece_in_libreoffice(built, tmp_path):
    from briefgen.write.docx_pages import convert_to_pdf

    docx = built[0] / "china-russia-staff-two-page.docx"
    pdf_path = convert_to_pdf([docx], tmp_path)[docx.name]
    with pdfplumber.open(pdf_path) as pdf:
        page = next(p for p in pdf.pages if "WHAT CHANGED" in (p.extract_text() or ""))
        shading = [r for r in page.rects if _near(r.get("non_stroking_color"), BOX_FILL)]
        rules = [ln for ln in page.lines if _near(ln.get("stroking_color"), NAVY) and ln["x0"] == ln["x1"]]
        top = min(w["top"] for w in page.extract_words() if w["text"] == "WHAT")
        box = [r for r in shading if r["bottom"] > top]
        words = page.extract_words()
    assert box and rules
    assert {round(r["x0"], 1) for r in box} == {round(box[0]["x0"], 1)}, "the shading steps sideways"
    assert {round(r["x1"], 1) for r in box} == {round(box[0]["x1"], 1)}, "the shading's right edge steps"
    assert {round(ln["x0"], 1) for ln in rules} == {round(rules[0]["x0"], 1)}, "the left rule steps sideways"
    bottom = max(r["bottom"] for r in box)
    after = min(w["top"] for w in words if w["top"] > bottom)
    assert after - bottom >= 8, f"{after - bottom:.1f} pt between the box and what follows"


# --- 9: in the browser, a note number sits against its text -------------------------------------

GAP_JS = """
const out = [];
for (const sup of document.querySelectorAll('sup.note-ref')) {
  let node = sup.previousSibling;
  while (node && node.nodeType === 1 && !node.textContent) node = node.previousSibling;
  if (!node) continue;
  let text = node.nodeType === 3 ? node : null;
  if (!text) { const w = document.createTreeWalker(node, NodeFilter.SHOW_TEXT); let t; while ((t = w.nextNode())) text = t; }
  const s = text.textContent; let i = s.length; while (i > 0 && /\\s/.test(s[i - 1])) i--;
  if (!i) continue;
  const before = document.createRange(); before.setStart(text, i - 1); before.setEnd(text, i);
  const number = document.createRange(); number.selectNodeContents(sup.querySelector('a') || sup);
  const a = before.getBoundingClientRect(), b = number.getBoundingClientRect();
  if (Math.abs(a.bottom - b.bottom) < 20) out.push([s.slice(Math.max(0, i - 15), i), b.left - a.right]);
}
return out;
"""


def test_html_note_numbers_sit_against_their_text(built):
    """"advantage. ¹" in the browser; the PDF and DOCX print "advantage.¹"."""
    from briefgen.a11y.html import chrome, driver_missing

    assert driver_missing() is None, driver_missing()
    driver = chrome()
    try:
        gaps = []
        for length in LENGTHS:
            driver.get((built[0] / f"china-russia-staff-{length}.html").as_uri())
            gaps.extend(driver.execute_script(GAP_JS))
    finally:
        driver.quit()
    assert gaps, "no note numbers measured"
    wide = [(text, round(gap, 2)) for text, gap in gaps if gap > 0.5]
    assert not wide, f"note numbers set apart from their text (px): {wide[:3]}"


# --- 10: quotes inside quotes alternate ---------------------------------------------------------


def _depths(text: str) -> int:
    depth = deepest = 0
    for c in text:
        if c == "“":
            depth += 1
            deepest = max(deepest, depth)
        elif c == "”":
            depth -= 1
    return deepest


@pytest.mark.parametrize("audience,length", BRIEFS)
def test_no_double_quotes_inside_double_quotes(built, audience, length):
    root = parse(final_html(built, audience, length))
    for block in root.iter("p", "li", "td", "figcaption"):
        assert _depths(reading(block)) <= 1, reading(block)


def test_the_de_dollarize_note_alternates():
    """The staff full brief's note 28 read “…attempts to “de-dollarize” the global economy”."""
    html = ("<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><main>"
            "<p>A note: “are partners in their attempts to “de-dollarize” the global economy”; "
            "“a “b ‘c “d” c’ b” a”.</p><p>A stray “ mark “here”.</p>"
            "<table data-verbatim=''><tr><td>“x “y” x”</td></tr></table></main></body></html>")
    root = parse(finish(html, "t", {}, "first-use").html)
    note, stray = [reading(p) for p in root.iter("p")]
    assert note == ("A note: “are partners in their attempts to ‘de-dollarize’ the global economy”; "
                    "“a ‘b ‘c “d” c’ b’ a”.")
    assert stray == "A stray “ mark “here”."  # marks that do not pair up: left as written
    assert reading(next(root.iter("td"))) == "“x “y” x”"  # verbatim text is never touched


def test_a_passage_cut_inside_its_own_quotation_is_cut_before_it(monkeypatch):
    """A note quotes at most 28 words of a passage; a cut inside the passage's own quotation
    would leave a mark open (and the alternation could not pair the marks up)."""
    from briefgen.compose import select
    from briefgen.content.model import Source
    from briefgen.compose.select import note_text

    monkeypatch.setattr(select, "quotable", lambda dossier, source: True)  # a made-up passage
    edition = D.meta.editions[-1].id
    passage = " ".join(["word"] * 24) + " they call it “a very long quoted phrase that goes on” and more"
    note = note_text(D, [Source.model_construct(edition=edition, quote=passage)], quotes=True)
    quoted = note.split(": ", 1)[1]
    assert quoted.endswith(" they call it …”.") and quoted.count("“") == quoted.count("”") == 1, quoted


# --- 11: an acronym whose long form the reader met needs no parenthesis --------------------------


def test_an_initialism_after_its_long_form_needs_no_parenthesis():
    spell = Expander({"U.S.": "United States", "Fed": "Federal Reserve"}, "first-use")
    assert spell("They oppose the U.S.-led order.") == "They oppose the United States-led order."
    assert spell("Some U.S. policymakers worry.") == "Some U.S. policymakers worry."
    # "Fed" is no initialism of "Federal Reserve": a reader who met the long form is still told
    assert spell("The Federal Reserve moved. The Fed acted.") == \
        "The Federal Reserve moved. The Federal Reserve (Fed) acted."
    assert initialism("PRC", "People’s Republic of China") and not initialism("BRICS", "Brazil, Russia, India, China and South Africa")


@pytest.mark.parametrize("audience,length", [b for b in BRIEFS if b[0] != "public"])
def test_no_long_form_is_spelled_out_twice(built, audience, length):
    """"Some United States (U.S.) policymakers" in a brief whose bottom line says "United
    States-led"."""
    text = reading(parse(final_html(built, audience, length)).find(".//body"))
    for term in D.glossary:
        if not initialism(term.term, term.expansion):
            continue
        spelled = text.find(f"{term.expansion} ({term.term})")
        if spelled > 0:
            assert term.expansion not in text[:spelled], f"{audience}-{length}: {term.term} spelled out twice"
