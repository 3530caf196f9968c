"""The Word output: note markers readable as rendered, the timeline as a picture with alt text,
page counts recorded with who counted them, and a house-style edit that rebuilds only the DOCX."""

from __future__ import annotations

import base64
import html as html_lib
import re
import shutil

import docx
import pdfplumber
import pytest
from conftest import CONTENT, ROOT, manifest, opts, run_briefgen
from docx.oxml.ns import qn

from briefgen.build import BuildOptions, Output, build
from briefgen.build.summary import page_differences
from briefgen.write.docx_pages import convert_to_pdf


# --- note markers are readable as rendered --------------------------------------------------------


def test_docx_note_markers_render_at_6pt_or_more(tmp_path):
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


# --- Word readers get the timeline figure, drawn from the same SVG, with alt text -----------------


def test_docx_timeline_is_the_pdf_figure_as_a_picture_with_alt_text(tmp_path):
    build(BuildOptions(content=CONTENT, output=tmp_path / "out", audience="staff", length="two-page"))
    folder = tmp_path / "out/china-russia"
    document = docx.Document(str(folder / "china-russia-staff-two-page.docx"))
    (shape,) = document.inline_shapes
    html = next((tmp_path / "out").rglob("china-russia-staff-two-page.html")).read_text()
    alt = re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', html).group(1)
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


# --- page counts ----------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed to lay DOCX out")
def test_docx_page_counts_are_recorded_with_who_counted_them(tmp_path):
    result = run_briefgen("build", "--output", str(tmp_path / "out"), "--audience", "principal",
                          "--length", "flash", "--verify-docx")
    assert result.returncode == 0, result.stderr
    m = manifest(tmp_path / "out")
    docx, pdf = m["china-russia-principal-flash.docx"], m["china-russia-principal-flash.pdf"]
    assert docx["pages"] == 1 and docx["pages_counted_by"] == "LibreOffice"
    assert pdf["pages"] == 1 and pdf["pages_counted_by"] == "WeasyPrint"
    assert "?/1" not in result.stdout
    assert re.search(r"china-russia-principal-flash\.docx +1/1 .*LibreOffice", result.stdout), result.stdout
    plain = run_briefgen("build", "--output", str(tmp_path / "o2"), "--audience", "principal",
                         "--length", "flash", "--format", "docx")
    assert "-/1" in plain.stdout and "not laid out (--verify-docx)" in plain.stdout
    # a later build with --verify-docx counts the up-to-date DOCX it did not rebuild
    again = run_briefgen("build", "--output", str(tmp_path / "o2"), "--audience", "principal",
                         "--length", "flash", "--format", "docx", "--verify-docx")
    assert "0 built" in again.stdout
    assert manifest(tmp_path / "o2")["china-russia-principal-flash.docx"]["pages_counted_by"] == "LibreOffice"


def test_summary_reports_a_docx_that_lays_out_at_other_pages_than_its_pdf():
    def out(fmt, pages, by):
        return Output(f"d-staff-full.{fmt}", "d", "staff", "full", fmt, pages, 6, 900, None, 11.0, [],
                      "", 0, "", {}, 1, by)

    rows = [out("docx", 4, "LibreOffice"), out("pdf", 5, "WeasyPrint")]
    assert page_differences(rows) == ["note: d-staff-full: the DOCX lays out at 4 pages in LibreOffice, the PDF at 5"]
    assert page_differences([out("docx", None, None), out("pdf", 5, "WeasyPrint")]) == []


# --- the DOCX has its own cache key: a house-style edit lays nothing out -------------------------


def test_editing_reference_docx_rebuilds_only_the_docx_files_without_layout(tmp_path):
    build(opts(tmp_path, audience="principal"))
    before = {n: o["sha256"] for n, o in manifest(tmp_path / "out").items()}
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    doc = docx.Document(str(ROOT / "templates/reference.docx"))
    doc.core_properties.comments = "house style, edited"
    doc.save(str(tpl / "reference.docx"))
    report = build(opts(tmp_path, audience="principal", templates=tpl))
    rebuilt = sorted(o.file for o in report.outputs if not o.reused)
    assert rebuilt == sorted(n for n in before if n.endswith(".docx"))
    assert report.renders == 0
    after = manifest(tmp_path / "out")
    assert all(after[n]["sha256"] == before[n] for n in before if n.endswith(".pdf"))
