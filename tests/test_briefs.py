"""Briefs: budgets in both formats, audiences that differ as designed, acronyms, metadata."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from conftest import CONTENT, DOSSIER
from docx.oxml.ns import qn
from extract import docx_lines, docx_text, pdf_text

from briefgen.build import BuildOptions, build
from briefgen.compose.acronyms import initialism
from briefgen.compose.readability import reading
from briefgen.compose.vocab import prose_text
from briefgen.content.load import load_one
from briefgen.distill import DistillOptions, distill

AUDIENCES = ("principal", "staff", "public")
LENGTHS = ("flash", "one-page", "two-page", "full")
BRIEFS = [(a, n) for a in AUDIENCES for n in LENGTHS]
D = load_one(DOSSIER)
TERMS = {t.term: t.expansion for t in D.glossary} | {"CRS": "Congressional Research Service"}


def manifest(folder: Path) -> dict:
    return {o["file"]: o for o in json.loads((folder / "manifest.json").read_text())["outputs"]}


def test_all_36_outputs_and_a_manifest(built):
    folder, report = built
    files = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in (".pdf", ".docx", ".html"))
    assert len(files) == 36
    m = manifest(folder)
    assert sorted(m) == files
    for name, out in m.items():
        data = (folder / name).read_bytes()
        assert out["sha256"] == __import__("hashlib").sha256(data).hexdigest()
        assert out["bytes"] == len(data)
        assert out["editions"] == ["2022-05-02", "2023-09-13"]
        assert out["words"] > 40
        assert (0 < out["grade"] < 30) if out["grade"] is not None else out["grade_of"].startswith("not graded")
        assert set(out) >= {"audience", "length", "format", "pages", "words", "grade", "editions", "sha256"}


@pytest.mark.parametrize("audience,length", BRIEFS)
def test_page_budget_holds_in_pdf_and_in_word_layout(built, audience, length):
    folder, _ = built
    m = manifest(folder)
    budget = {"flash": 1, "one-page": 1, "two-page": 2, "full": 6}[length]
    pdf = folder / f"china-russia-{audience}-{length}.pdf"
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) <= budget
        assert len(doc.pages) == m[pdf.name]["pages"]
    # DOCX pages were counted by LibreOffice during the build (verify_docx=True)
    assert m[f"china-russia-{audience}-{length}.docx"]["pages"] <= budget


@pytest.mark.parametrize("audience", AUDIENCES)
def test_flash_is_at_most_150_words_of_body(built, audience):
    folder, _ = built
    out = manifest(folder)[f"china-russia-{audience}-flash.pdf"]
    assert out["words"] <= 150
    # count independently from the DOCX: body = everything between the subtitle and the source line
    lines = docx_lines(folder / f"china-russia-{audience}-flash.docx")
    body = [l.split(" | ", 1)[1] for l in lines if " | " in l and not l.startswith("[")
            and l.split(" | ")[0] not in ("Kicker", "Title", "Subtitle", "Source Line", "Notes Heading", "Note Text")]
    words = len(re.findall(r"[\w’'][\w’'.\-–/]*", " ".join(body)))
    assert words <= 150


@pytest.mark.parametrize("audience,length", BRIEFS)
def test_pdf_and_docx_carry_the_same_text(built, audience, length):
    """Every DOCX paragraph appears in the PDF text: same key points, same order of words."""
    folder, _ = built
    pdf = pdf_text(folder / f"china-russia-{audience}-{length}.pdf").replace(" ", "").casefold()
    for line in docx_lines(folder / f"china-russia-{audience}-{length}.docx"):
        if line.startswith(("[header]", "[footer]", "[table")) or " | " not in line:
            continue
        text = line.split(" | ", 1)[1]
        if line.startswith("Note Text"):
            text = text.split("\t", 1)[1]  # PDF list markers are extracted apart from the text
            # a long note may break across pages, where extraction puts the page's figure text and
            # list markers between its parts: its opening must still match
            text = text[:160]
        assert text.replace(" ", "").casefold() in pdf, line  # case: small caps styles


@pytest.mark.parametrize("audience,length", [b for b in BRIEFS if b[0] != "public"])
def test_each_acronym_is_spelled_out_at_first_use(built, audience, length):
    folder, _ = built
    for fmt, text in (("pdf", pdf_text), ("docx", docx_text)):
        body = text(folder / f"china-russia-{audience}-{length}.{fmt}")
        body = body.split("Source notes")[0]  # citations keep the product's short name
        body = re.sub(r"Source: CRS In Focus IF12100[^.]*\.", "", body)
        body = re.sub(r"CRS In Focus IF12100, updated Sept. 13, 2023 · As of Sept. 13, 2023", "", body)
        for term, expansion in TERMS.items():
            uses = [m.start() for m in re.finditer(rf"(?<![\w.]){re.escape(term)}(?![\w])", body)]
            if not uses:
                continue
            first = uses[0]
            before = body[:first]
            if before.endswith(f"{expansion} ("):
                continue
            # or the reader met the long form already ("United States-led ... U.S. policymakers")
            assert expansion in before and initialism(term, expansion), \
                f"{fmt}: first '{term}' not spelled out: ...{body[max(0, first - 60):first + 10]}"


@pytest.mark.parametrize("length", LENGTHS)
def test_public_briefs_spell_out_every_acronym(built, length):
    folder, _ = built
    for fmt, text in (("pdf", pdf_text), ("docx", docx_text)):
        body = text(folder / f"china-russia-public-{length}.{fmt}")
        for term in TERMS:
            assert not re.search(rf"(?<![\w.]){re.escape(term)}(?![\w])", body), (fmt, term)


@pytest.mark.parametrize("length", LENGTHS)
def test_principal_shape(built, length):
    folder, _ = built
    lines = docx_lines(folder / f"china-russia-principal-{length}.docx")
    text = docx_text(folder / f"china-russia-principal-{length}.docx")
    assert "Box Heading | Bottom line" in lines
    assert lines[lines.index("Box Heading | Bottom line") - 1].startswith("Subtitle |")  # bottom line up front
    assert "Source Line | Source: CRS In Focus IF12100, updated Sept. 13, 2023." in lines
    assert not any(l.startswith(("Note Text", "Notes Heading")) for l in lines)  # no footnotes
    assert not re.search(r"[a-z.”]\d\b", text.split("Source:")[0].replace("2021-2025", ""))  # no note markers
    assert sum(l.startswith("List Bullet") for l in lines) >= 3
    if length != "flash":
        assert "Heading 1 | Why it matters" in lines and "Heading 1 | What to watch" in lines


def test_principal_bottom_line_is_at_most_four_lines(built):
    folder, _ = built
    import pypdf

    page = pypdf.PdfReader(str(folder / "china-russia-principal-one-page.pdf")).pages[0].extract_text()
    lines = page.splitlines()
    start = lines.index("BOTTOM LINE") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Key points"))
    assert 1 <= end - start <= 4


@pytest.mark.parametrize("length", LENGTHS)
def test_staff_shape(built, length):
    folder, _ = built
    lines = docx_lines(folder / f"china-russia-staff-{length}.docx")
    notes = [l for l in lines if l.startswith("Note Text")]
    assert notes and all("CRS In Focus IF12100" in n for n in notes)
    assert all(re.search(r"(May 2, 2022|Sept\. 13, 2023)", n) for n in notes)
    assert [int(n.split("| ")[1].split(".")[0]) for n in notes] == list(range(1, len(notes) + 1))
    if length != "flash":
        assert "Box Heading | What changed since the May 2, 2022 edition" in lines
    if length in ("two-page", "full"):
        assert "Heading 1 | Key dates" in lines
        assert any(l.startswith("Caption | Figure 1.") for l in lines)


def test_staff_full_has_every_item_in_detail_with_quoted_notes(built):
    folder, _ = built
    m = manifest(folder)["china-russia-staff-full.pdf"]
    assert len(m["plan"]["items"]) == len(D.items)
    assert {layer for _, layer in m["plan"]["items"]} == {"detail"}
    notes = [l for l in docx_lines(folder / "china-russia-staff-full.docx") if l.startswith("Note Text")]
    assert any("“" in n for n in notes)


@pytest.mark.parametrize("length", LENGTHS)
def test_public_shape(built, length):
    folder, _ = built
    lines = docx_lines(folder / f"china-russia-public-{length}.docx")
    text = docx_text(folder / f"china-russia-public-{length}.docx")
    assert "What to watch" not in text and "Recommend" not in text  # no recommendations
    assert not any(l.startswith("Note Text") for l in lines)
    plan = manifest(folder)[f"china-russia-public-{length}.pdf"]["plan"]
    by_id = {i.id: i for i in D.items}
    for item_id, layer in plan["items"]:
        assert layer == "plain"
        assert " ".join(by_id[item_id].plain.split()) in text
    if length != "flash":
        assert "Heading 1 | Why it matters" in lines
    if length == "full":
        assert "Heading 1 | Key dates" in lines


def test_audiences_differ(built):
    folder, _ = built
    texts = {a: docx_text(folder / f"china-russia-{a}-two-page.docx") for a in AUDIENCES}
    assert len(set(texts.values())) == 3
    detail = " ".join(D.items[0].detail.split()[:8])
    assert detail.replace("PRC", "People’s Republic of China (PRC)") in texts["staff"]


@pytest.mark.parametrize("audience,length", [("staff", "two-page"), ("staff", "full"), ("public", "full")])
def test_timeline_is_svg_in_pdf_and_a_described_picture_in_docx(built, audience, length):
    folder, _ = built
    with pikepdf.open(folder / f"china-russia-{audience}-{length}.pdf") as pdf:
        figures = []
        for node in _struct_nodes(pdf.Root.StructTreeRoot):
            if node.get("/S") == "/Figure":
                figures.append(str(node.get("/Alt", "")))
        assert any(f.startswith("Timeline of China-Russia Relations: 1960s") for f in figures), figures
    document = docx.Document(str(folder / f"china-russia-{audience}-{length}.docx"))
    descriptions = [shape._inline.docPr.get("descr") or "" for shape in document.inline_shapes]
    assert any(d.startswith("Timeline of China-Russia Relations: 1960s") for d in descriptions), descriptions


def _struct_nodes(node, depth=0):
    if depth > 50:
        return
    if isinstance(node, pikepdf.Dictionary):
        yield node
        kids = node.get("/K")
        if kids is not None:
            yield from _struct_nodes(kids, depth + 1)
    elif isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _struct_nodes(kid, depth + 1)


@pytest.mark.parametrize("audience,length", [("principal", "one-page"), ("staff", "full"), ("public", "flash")])
def test_pdf_is_tagged_with_metadata_and_embedded_fonts(built, audience, length):
    folder, _ = built
    with pikepdf.open(folder / f"china-russia-{audience}-{length}.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-US"
        info = pdf.docinfo
        assert str(info.Title) == f"China-Russia Relations: {audience.capitalize()} brief ({ {'one-page': 'One page', 'full': 'Full', 'flash': 'Flash'}[length] })"
        assert str(info.Author) == "Briefing staff"
        assert "strategic relationship" in str(info.Subject)
        assert "de-dollarization" in str(info.Keywords)
        assert str(info.CreationDate).startswith("D:20230913")
        fonts = set()
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                desc = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in desc or "/FontFile3" in desc or "/FontFile" in desc
                fonts.add(str(font.BaseFont).split("+")[-1])
        assert {f.split("-")[0] for f in fonts} <= {"Carlito", "Caladea"}


@pytest.mark.parametrize("audience,length", [("principal", "one-page"), ("staff", "full"), ("public", "full")])
def test_docx_uses_only_named_styles_and_has_properties(built, audience, length):
    path = built[0] / f"china-russia-{audience}-{length}.docx"
    document = docx.Document(str(path))
    body = document.element.body
    for p in body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            assert {c.tag for c in ppr} <= {qn("w:pStyle")}, "direct paragraph formatting"
        for r in p.iter(qn("w:r")):
            rpr = r.find(qn("w:rPr"))
            if rpr is not None:
                assert {c.tag for c in rpr} <= {qn("w:rStyle")}, "direct run formatting"
    props = document.core_properties
    assert props.title.startswith("China-Russia Relations") and props.author == "Briefing staff"
    assert props.subject and "China" in props.keywords and props.language == "en-US"
    assert props.created.year == 2023
    footer_xml = document.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert document.sections[0].header.paragraphs[0].text.startswith("China-Russia Relations · ")
    levels = [int(p.style.name[-1]) for p in document.paragraphs if p.style.name.startswith("Heading ")]
    for a, b in zip([0] + levels, levels):
        assert b <= a + 1, "skipped heading level"
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_word_styles_come_from_reference_docx(built):
    """Restyling reference.docx restyles the output: the output carries its style definitions."""
    out = docx.Document(str(built[0] / "china-russia-staff-two-page.docx"))
    ref = docx.Document(str(Path(__file__).parent.parent / "templates/reference.docx"))
    for name in ("Body Text", "Box Text", "Heading 1", "Title", "Note Text"):
        assert out.styles[name].element.xml == ref.styles[name].element.xml


def test_the_docx_zip_is_what_zipfile_writes_and_every_entry_reads_back(built):
    """briefgen writes the DOCX container itself (reusing the compressed style parts): the bytes
    must be exactly zipfile's for the same entries, dates, modes and order."""
    import io

    from briefgen.write.docx_zip import zip_members

    data = (built[0] / "china-russia-staff-two-page.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        members = {i.filename: z.read(i) for i in z.infolist()}
        assert [i.filename for i in z.infolist()][:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert {i.external_attr >> 16 for i in z.infolist()} == {0o644}
    members["word/ünïcode.xml"] = b"<x/>" * 3000  # a non-ASCII name is flagged UTF-8, as zipfile does
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["[Content_Types].xml", "_rels/.rels"] + sorted(set(members) - {"[Content_Types].xml", "_rels/.rels"}):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr, info.create_system = zipfile.ZIP_DEFLATED, 0o644 << 16, 0
            z.writestr(info, members[name], compresslevel=6)
    assert zip_members(members) == zip_members(dict(reversed(members.items()))) == expected.getvalue()


# --- one-edition dossiers cite once; glossary rows read as sentences and list used terms ----------


def test_one_edition_dossier_cites_its_single_source_once(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    distill(DistillOptions(reports=[CONTENT / "china-russia/sources/crs-if12100-2023-09-13.txt"],
                           dossier="one", content=content, code="IF12100"))
    build(BuildOptions(content=content, output=tmp_path / "out", audience="staff", length="two-page"))
    folder = tmp_path / "out/one"
    lines = docx_lines(folder / "one-staff-two-page.docx")
    document = docx.Document(str(folder / "one-staff-two-page.docx"))
    refs = [r for p in document.paragraphs for r in p.runs if r.style is not None and r.style.name == "Note Reference"]
    assert refs == []
    assert not [line for line in lines if line.startswith("Note Text")]
    i = lines.index("Notes Heading | Source notes")
    assert lines[i + 1] == "Source Line | CRS In Focus IF12100, “China-Russia Relations,” Sept. 13, 2023."
    text = pdf_text(folder / "one-staff-two-page.pdf")
    assert "Source notes CRS In Focus IF12100, “China-Russia Relations,” Sept. 13, 2023." in text
    assert "1. CRS" not in text


def test_abbreviations_table_lists_used_terms_as_sentences(content, tmp_path):
    g = content / "china-russia/glossary.yaml"
    text = g.read_text()
    old = "definition: A Eurasia-based intergovernmental group"
    assert old in text
    text = text.replace(old, "definition: a Eurasia-based intergovernmental group")
    g.write_text(text + "\n  - term: WMD\n    expansion: Group of 20\n    sources:\n"
                 "      - edition: 2023-09-13\n        quote: the Group of 20 (G20)\n")
    build(BuildOptions(content=content, output=tmp_path / "out", audience="staff", length="full", format="docx"))
    lines = docx_lines(tmp_path / "out/china-russia/china-russia-staff-full.docx")
    start = lines.index("Heading 1 | Abbreviations")
    rows = [line for line in lines[start:] if line.startswith("  Table Text: ")]
    terms = [row.split(" || ")[0].removeprefix("  Table Text: ") for row in rows]
    assert "WMD" not in terms and "SCO" in terms
    assert any("Shanghai Cooperation Organization. A Eurasia-based intergovernmental group" in r for r in rows)
    body = " ".join(lines[:start])
    for term in terms:
        assert term in body, term


# --- the reading grade measures prose, and the manifest says what it measured ---------------------


def test_reading_grade_measures_full_sentences_and_says_so(tmp_path):
    report = build(BuildOptions(content=CONTENT, output=tmp_path / "out", length="flash", format="pdf"))
    by_file = manifest(tmp_path / "out/china-russia")
    principal = by_file["china-russia-principal-flash.pdf"]
    # headline bullets and one bottom-line sentence: nothing a grade can measure
    assert principal["grade"] is None
    assert principal["grade_of"].startswith("not graded: 1 full sentence (1 of 6 blocks")
    public = by_file["china-russia-public-flash.pdf"]
    html = next((tmp_path / "out").rglob("china-russia-public-flash.html")).read_text()
    text, kept, blocks = prose_text(html)
    assert public["grade"] == reading(text).grade and public["grade"] < 9
    assert public["grade_of"].startswith(f"12 full sentences ({kept} of {blocks} blocks")
    assert {o.file: o.grade for o in report.outputs}["china-russia-principal-flash.pdf"] is None
