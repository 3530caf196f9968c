"""Fixes from the outside review (issue 14), part A: each test fails without its fix."""

from __future__ import annotations

from conftest import CONTENT, ROOT, SHIPPED


# --- item 11: a user's content never breaks the tests ---------------------------------------


def test_tests_read_a_fixture_tree_not_the_users_content_folder():
    assert CONTENT.resolve() != SHIPPED.resolve()
    assert not CONTENT.resolve().is_relative_to(ROOT.resolve())
    assert sorted(p.name for p in CONTENT.iterdir()) == ["china-russia", "memos"]


# --- item 18: `briefgen --help` shows whole command summaries ----------------------------------


def test_help_lists_every_command_with_a_whole_summary():
    from click.testing import CliRunner

    from briefgen.cli import cli

    for width in (80, 60):
        result = CliRunner().invoke(cli, ["--help"], terminal_width=width)
        assert result.exit_code == 0
        commands = result.output.split("Commands:\n", 1)[1]
        assert "..." not in commands, commands
        names = [line.split()[0] for line in commands.splitlines() if line.startswith("  ") and not line.startswith("   ")]
        assert names == sorted(cli.commands)
        summaries = " ".join(" ".join(line.split()[1:] if line.startswith("  ") and not line.startswith("   ")
                                      else line.split()) for line in commands.splitlines())
        assert summaries.count(".") >= len(names)  # each summary is a whole sentence


# --- item 15: a user template file that nothing uses is named, with a did-you-mean ------------


def test_misnamed_user_template_is_a_warning_with_did_you_mean(tmp_path):
    from conftest import run_briefgen

    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "brief-pricipal.html.j2").write_text("{% extends '_base.html.j2' %}")  # typo
    (tpl / "brief.css").write_text((ROOT / "templates/brief.css").read_text())  # a real override
    (tpl / "extra.css").write_text("p {}")
    (tpl / "catalog.yaml").write_text((ROOT / "templates/catalog.yaml").read_text()
                                      + "\n# extra.css is referred to here\n")
    proc = run_briefgen("build", "--templates", str(tpl), "--audience", "principal", "--length", "flash",
                        "--format", "pdf", "--output", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "warning:" in line]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"{tpl / 'brief-pricipal.html.j2'}: warning: matches no built-in template")
    assert "did you mean 'brief-principal.html.j2'?" in lines[0]
    again = run_briefgen("build", "--templates", str(tpl), "--audience", "principal", "--length", "flash",
                         "--format", "pdf", "--output", str(tmp_path / "out"))  # the no-op path too
    assert "did you mean 'brief-principal.html.j2'?" in again.stderr
    listed = run_briefgen("list", "--templates", str(tpl))
    assert "did you mean 'brief-principal.html.j2'?" in listed.stderr


# --- item 16 (second half): a tab in YAML indentation says "indent with spaces" ----------------


def test_tab_indentation_hints_indent_with_spaces(content):
    from briefgen.errors import ContentError
    from briefgen.content.load import load_one

    import pytest

    f = content / "china-russia/timeline.yaml"
    lines = f.read_text().splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("    ") and i > 2)
    lines[n] = "\t" + lines[n].lstrip(" ")
    f.write_text("".join(lines))
    with pytest.raises(ContentError) as info:
        load_one(content / "china-russia")
    (message,) = str(info.value).splitlines()
    assert message.startswith(f"{f}:{n + 1}: YAML syntax: ")
    assert message.endswith(f"(line {n + 1} is indented with a tab: indent with spaces)")


# --- item 14: quotes start and end on word boundaries; a mark-style mismatch says so -----------


def _quote_errors(content):
    from briefgen.errors import ContentError
    from briefgen.content.load import load_one

    import pytest

    with pytest.raises(ContentError) as info:
        load_one(content / "china-russia")
    return str(info.value).splitlines()


def test_quote_cut_mid_word_is_refused(content):
    f = content / "china-russia/items.yaml"
    text = f.read_text()
    old = "          diplomatic, and economic connections.\n"  # the end of items[0]'s first quote
    assert text.count(old) == 1
    f.write_text(text.replace(old, "          diplomatic, and economic connection\n"))
    (message,) = _quote_errors(content)
    assert "items[0].sources[0].quote" in message
    assert message.endswith("it ends mid-word: the source has 'connections' where the quote ends with 'connection'")


def test_quote_starting_mid_word_is_refused(content):
    f = content / "china-russia/glossary.yaml"
    text = f.read_text()
    f.write_text(text.replace("quote: The People’s Republic of China (PRC or China)",
                              "quote: he People’s Republic of China (PRC or China)", 1))
    (message,) = _quote_errors(content)
    assert message.endswith("it starts mid-word: the source has 'The' where the quote starts with 'he'")


def test_quote_differing_only_in_apostrophe_style_says_so(content):
    f = content / "china-russia/glossary.yaml"
    text = f.read_text()
    f.write_text(text.replace("quote: The People’s Republic of China (PRC or China)",
                              "quote: The People's Republic of China (PRC or China)", 1))
    (message,) = _quote_errors(content)
    assert "glossary[0].sources[0].quote" in message
    assert message.endswith("it differs from the source only in apostrophe or quotation-mark style: "
                            "the source writes ’ where the quote has '")


# --- item 2: DOCX note markers are readable as rendered ----------------------------------------


def test_docx_note_markers_render_at_6pt_or_more(tmp_path):
    import pdfplumber

    from briefgen.build import BuildOptions, build
    from briefgen.write.docx_pages import convert_to_pdf

    build(BuildOptions(content=CONTENT, output=tmp_path / "out", audience="staff", length="two-page",
                       format="docx"))
    docx_file = tmp_path / "out/china-russia/china-russia-staff-two-page.docx"
    pdf = convert_to_pdf([docx_file], tmp_path)[docx_file.name]
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars]
    body = max({round(c["size"], 1) for c in chars}, key=lambda s: sum(round(c["size"], 1) == s for c in chars))
    markers = [c for c in chars if c["text"].isdigit() and c["size"] < body - 2]
    assert len(markers) >= 5  # the staff brief cites its sources
    assert min(c["size"] for c in markers) >= 6.0, sorted({round(c["size"], 1) for c in markers})


# --- item 5: acronyms spelled out as an editor would; numerals and names are not acronyms -------

TERMS = {"Fed": "Federal Reserve", "SWIFT": "global bank messaging network",
         "IMF": "International Monetary Fund", "RMB": "renminbi"}


def _finished_text(paragraphs: list[str], mode: str) -> list[str]:
    from briefgen.compose.vocab import finish, parse

    html = ("<!DOCTYPE html><html lang='en-US'><head><title>t</title></head><body><main>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</main></body></html>")
    root = parse(finish(html, "t.html.j2", TERMS, mode).html)
    return [" ".join(p.text_content().split()) for p in root.iter("p")]


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
    from briefgen.check import check

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


# --- item 12: public timelines spell acronyms out in the figure too; check says when they cannot --


def test_public_timeline_figure_spells_acronyms_out(content, tmp_path):
    import base64
    import re

    from briefgen.build import BuildOptions, build
    from briefgen.check import check
    from extract import pdf_text

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


# --- item 17: one-edition dossiers cite once; glossary rows read as sentences and list used terms --


def test_one_edition_dossier_cites_its_single_source_once(tmp_path):
    import docx

    from briefgen.build import BuildOptions, build
    from briefgen.distill import DistillOptions, distill
    from extract import docx_lines, pdf_text

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
    from briefgen.build import BuildOptions, build
    from extract import docx_lines

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


# --- item 6: the reading grade measures prose, and the manifest says what it measured ----------


def test_reading_grade_measures_full_sentences_and_says_so(tmp_path):
    import json

    from briefgen.build import BuildOptions, build
    from briefgen.compose.readability import reading
    from briefgen.compose.vocab import prose_text

    report = build(BuildOptions(content=CONTENT, output=tmp_path / "out", length="flash", format="pdf"))
    manifest = json.loads((tmp_path / "out/china-russia/manifest.json").read_text())
    by_file = {o["file"]: o for o in manifest["outputs"]}
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


# --- item 4: Word readers get the timeline figure, drawn from the same SVG, with alt text -------


def test_docx_timeline_is_the_pdf_figure_as_a_picture_with_alt_text(tmp_path):
    import base64
    import re

    import docx
    from docx.oxml.ns import qn

    from briefgen.build import BuildOptions, build

    build(BuildOptions(content=CONTENT, output=tmp_path / "out", audience="staff", length="two-page"))
    folder = tmp_path / "out/china-russia"
    document = docx.Document(str(folder / "china-russia-staff-two-page.docx"))
    (shape,) = document.inline_shapes
    html = next((tmp_path / "out").rglob("china-russia-staff-two-page.html")).read_text()
    alt = re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', html).group(1)
    import html as html_lib

    assert shape._inline.docPr.get("descr") == html_lib.unescape(alt)
    assert shape._inline.docPr.get("descr").startswith("Timeline of China-Russia Relations: 1960s, Border war")
    # as wide as the PDF's figure (468 pt), the SVG's aspect ratio kept
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)).decode()
    w, h = (float(x) for x in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    assert abs(shape.width.pt - 468) < 0.5 and abs(shape.height.pt - 468 * h / w) < 1
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    png = document.part.related_parts[blip.get(qn("r:embed"))].blob
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a drawn figure, not a blank
    # the timeline is no longer repeated as a table under the picture
    assert not [t for t in document.tables if "Date" in t.rows[0].cells[0].text]


# --- item 9: extreme input fails cleanly, located, exit 2, outputs untouched --------------------


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _built_once(content, out):
    from conftest import run_briefgen

    proc = run_briefgen("build", "--content", str(content), "--output", str(out), "--audience", "principal",
                        "--length", "flash")
    assert proc.returncode == 0, proc.stderr
    return _snapshot(out)


import pytest  # noqa: E402


@pytest.mark.parametrize("nesting", ["a: " + "[" * 300_000 + "\n", "".join("  " * i + "k:\n" for i in range(60))],
                         ids=["flow", "block"])
def test_pathologically_nested_yaml_is_a_located_error(content, tmp_path, nesting):
    from conftest import run_briefgen

    out = tmp_path / "out"
    before = _built_once(content, out)
    f = content / "china-russia/zz-nested.yaml"
    f.write_text(nesting)
    proc = run_briefgen("build", "--content", str(content), "--output", str(out), "--audience", "principal",
                        "--length", "flash", "--force")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    line = 1 if nesting.startswith("a:") else 51
    assert proc.stderr.strip() == f"{f}:{line}: YAML syntax: nested more than 50 levels deep"
    assert _snapshot(out) == before


@pytest.mark.parametrize("field,old,limit", [
    ("dossier.title", "  title: China-Russia Relations\n", 200),
    ("dossier.author", "  author: Briefing staff\n", 200),
    ("dossier.editions[0].title", "      title: China-Russia Relations\n", 300),
])
def test_metadata_text_too_long_for_documents_is_a_located_error(content, tmp_path, field, old, limit):
    from conftest import run_briefgen

    out = tmp_path / "out"
    before = _built_once(content, out)
    f = content / "china-russia/dossier.yaml"
    text = f.read_text()
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    f.write_text(text.replace(old, old.split(":")[0] + ": " + "Relations " * 40 + "\n", 1))
    proc = run_briefgen("build", "--content", str(content), "--output", str(out), "--force")
    assert proc.returncode == 2 and "internal error" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith(f"{f}:{line}: {field}: must be at most {limit} characters, got 'Relations")
    assert _snapshot(out) == before


def test_long_topic_and_keywords_build_with_metadata_cut_to_docx_limits(content, tmp_path):
    import docx

    from briefgen.build import BuildOptions, build

    f = content / "china-russia/dossier.yaml"
    text = f.read_text()
    text = text.replace("  topic: >-\n", "  topic: >-\n    " + "Relations between two powers, " * 25 + "\n", 1)
    text = text.replace("    - sanctions\n", "".join(f"    - keyword number {n} about sanctions and trade\n" for n in range(12)))
    f.write_text(text)
    build(BuildOptions(content=content, output=tmp_path / "out", audience="principal", length="flash", format="docx"))
    props = docx.Document(str(tmp_path / "out/china-russia/china-russia-principal-flash.docx")).core_properties
    assert len(props.subject) <= 255 and props.subject.endswith("…") and props.subject.startswith("Relations between")
    assert len(props.keywords) <= 255 and props.keywords.endswith("…")


@pytest.mark.parametrize("source,line,missing", [
    ('{% extends "_base.html.j2" %}\n{% block main %}\n<p>x</p>\n{% include "missing-part.html.j2" %}\n{% endblock %}\n',
     4, "missing-part.html.j2"),
    ('{% extends "_base.html.j2" %}\n{% block main %}\n{% include "../../../etc/passwd" %}\n{% endblock %}\n',
     3, "../../../etc/passwd"),
    ('\n{% extends "no-such-base.html.j2" %}\n', 2, "no-such-base.html.j2"),
    ('{% import "no-macros.j2" as x %}\n{% extends "_base.html.j2" %}\n', 1, "no-macros.j2"),
    ('{% extends "_base.html.j2" %}\n{% block main %}\n\n<img src="{{ figure_uri(\'nope.svg.j2\') }}" alt="x">\n{% endblock %}\n',
     4, "nope.svg.j2"),
])
def test_missing_or_outside_template_names_the_template_and_line(tmp_path, source, line, missing):
    from conftest import run_briefgen

    out = tmp_path / "out"
    before = _built_once(CONTENT, out)
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "brief-principal.html.j2").write_text(source)
    proc = run_briefgen("build", "--templates", str(tpl), "--output", str(out), "--audience", "principal",
                        "--length", "flash")
    assert proc.returncode == 2 and "internal error" not in proc.stderr
    assert proc.stderr.startswith(f"{tpl / 'brief-principal.html.j2'}:{line}: template not found: {missing} (looked in ")
    assert _snapshot(out) == before


def test_catalog_naming_a_missing_template_is_located_in_the_catalog(tmp_path):
    from conftest import run_briefgen

    tpl = tmp_path / "tpl"
    tpl.mkdir()
    catalog = (ROOT / "templates/catalog.yaml").read_text()
    old = "template: brief-principal.html.j2"
    line = catalog[: catalog.index(old)].count("\n") + 1
    (tpl / "catalog.yaml").write_text(catalog.replace(old, "template: brief-pricipal.html.j2"))
    proc = run_briefgen("build", "--templates", str(tpl), "--output", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert f"catalog.yaml:{line}: audiences.principal.template: no template 'brief-pricipal.html.j2'" in proc.stderr


def test_template_output_nested_too_deep_is_a_located_error(tmp_path):
    from conftest import run_briefgen

    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "brief-principal.html.j2").write_text(
        '{% extends "_base.html.j2" %}\n{% block main %}\n'
        '<div>{% for i in range(5000) %}<span>{% endfor %}deep{% for i in range(5000) %}</span>{% endfor %}</div>\n'
        '{% endblock %}\n')
    proc = run_briefgen("build", "--templates", str(tpl), "--output", str(tmp_path / "out"), "--audience",
                        "principal", "--length", "flash")
    assert proc.returncode == 2 and "internal error" not in proc.stderr
    assert proc.stderr.strip() == f"{tpl / 'brief-principal.html.j2'}:3: output nests elements more than 100 deep (<span>)"


@pytest.mark.parametrize("manifest", ["[" * 200_000, "[1, 2]", '{"inputs": [], "outputs": [{"file": 3}, 5, {"file": "../../x"}]}'],
                         ids=["deep", "list", "bad-records"])
def test_a_damaged_manifest_is_rebuilt_not_a_crash(tmp_path, manifest):
    from conftest import run_briefgen

    out = tmp_path / "out"
    _built_once(CONTENT, out)
    (out / "china-russia/manifest.json").write_text(manifest)
    proc = run_briefgen("build", "--output", str(out), "--audience", "principal", "--length", "flash")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "3 outputs: 3 built, 0 up to date, 1 layout renders"


def test_memo_subject_too_long_is_located(tmp_path):
    from briefgen.errors import ContentError
    from briefgen.memo.make import build_memos

    content = tmp_path / "content"
    import shutil

    shutil.copytree(CONTENT, content)
    f = content / "memos/china-russia-info.yaml"
    text = f.read_text()
    old = "subject: China and Russia, an alignment"
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    f.write_text(text.replace(old, "subject: " + "China and Russia " * 20 + "an alignment", 1))
    with pytest.raises(ContentError) as info:
        build_memos(content, [f], tmp_path / "out")
    assert str(info.value).startswith(f"{f}:{line}: memo.subject: must be at most 200 characters")


def test_spelling_out_a_second_dossiers_terms_reads_as_written():
    """Seen on a distilled Space Force dossier: no article inside parentheses or after a code,
    and an inline definition "anti-satellite (ASAT)" is not spelled out twice."""
    from briefgen.compose.acronyms import Expander

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


def test_template_asking_for_a_missing_word_style_is_located(tmp_path):
    from briefgen.errors import BuildError
    from briefgen.memo.make import build_memos

    tpl = tmp_path / "tpl"
    tpl.mkdir()
    source = (ROOT / "templates/memo.html.j2").read_text()
    old = 'data-style="Memo Label">Attachments'
    assert old in source
    line = source[: source.index(old)].count("\n") + 1
    (tpl / "memo.html.j2").write_text(source.replace(old, 'data-style="Memo Lable">Attachments'))
    out = tmp_path / "out"
    with pytest.raises(BuildError) as info:
        build_memos(CONTENT, [CONTENT / "memos/china-russia-info.yaml"], out, tpl)
    assert str(info.value) == (f"{tpl / 'memo.html.j2'}:{line}: reference.docx has no style 'Memo Lable' "
                               "(asked for by data-style on <p>)")
    assert not any((out / "memos").iterdir())


def test_notes_cited_without_a_notes_list_is_located(tmp_path):
    from conftest import run_briefgen

    tpl = tmp_path / "tpl"
    tpl.mkdir()
    source = (ROOT / "templates/brief-staff.html.j2").read_text()
    start = source.index("{% block end %}")
    (tpl / "brief-staff.html.j2").write_text(source[:start] + "{% block end %}{% endblock %}\n")
    proc = run_briefgen("build", "--templates", str(tpl), "--output", str(tmp_path / "out"), "--audience",
                        "staff", "--length", "flash")
    assert proc.returncode == 2
    first_cite = next(n for n, text in enumerate(source.splitlines(), 1) if "cite(" in text)
    assert proc.stderr.strip() == (f"{tpl / 'brief-staff.html.j2'}:{first_cite}: notes are cited but there is "
                                   'no <ol class="notes">')


def test_acronym_expansion_never_changes_words_in_quotation_marks():
    from briefgen.compose.acronyms import Expander

    text = ("In July 2025, DOD announced contracts “to accelerate Department of Defense (DoD) adoption of "
            "advanced AI capabilities” and “DOD use” of models.")
    out = Expander({"DOD": "Department of Defense"}, "first-use")(text)
    assert "“to accelerate Department of Defense (DoD) adoption of advanced AI capabilities”" in out
    assert "“DOD use”" in out
    assert out.startswith("In July 2025, Department of Defense (DOD) announced")
    spelled = Expander({"DOD": "Department of Defense"}, "spell-out")(text)
    assert "“DOD use”" in spelled and "Department of Defense announced" in spelled
