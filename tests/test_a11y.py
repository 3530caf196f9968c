"""The accessibility gate: each rule of docs/accessibility.md, broken by a template (or, where no
template can break it, by editing a built file), fails the build with its exact message.

The HTML rules need Debian's chromium and chromium-driver (tools/sysdeps.sh test installs them);
without them these tests fail rather than skip.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest

from briefgen.a11y import AccessibilityError, check_bytes
from briefgen.a11y.html import browser_missing
from briefgen.build import BuildOptions, build
from conftest import CONTENT, ROOT

NAME = "china-russia-principal-flash"
BASE = (ROOT / "templates/brief-principal.html.j2").read_text()
FRAME = (ROOT / "templates/_base.html.j2").read_text()
CSS = (ROOT / "templates/brief.css").read_text()


def in_main(markup: str) -> dict[str, str]:
    return {"brief-principal.html.j2": BASE.replace("{% block main %}", "{% block main %}" + markup)}


def failing_build(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """Build the principal flash brief in all formats with these template files; the gate's
    messages, with the output folder written as OUT."""
    assert browser_missing() is None, browser_missing()
    tpl = tmp_path / "templates"
    tpl.mkdir()
    for name, text in files.items():
        (tpl / name).write_text(text)
    shutil.copy(ROOT / "tests/data/dot.png", tpl / "dot.png")
    out = tmp_path / "out"
    with pytest.raises(AccessibilityError) as info:
        build(BuildOptions(content=CONTENT, output=out, audience="principal", length="flash", templates=tpl, jobs=1))
    assert not list((out / "china-russia").glob(f"{NAME}.*")), "nothing is written when the gate fails"
    return str(info.value).replace(str(out / "china-russia" / NAME), "OUT").splitlines()


def test_an_image_without_alt_text(tmp_path):
    assert failing_build(tmp_path, in_main('<img src="dot.png">')) == [
        "OUT.html: img: axe-image-alt: Images must have alternative text",
        "OUT.pdf: Figure 1: pdf-figure-alt: figure has no alternate text (/Alt)",
    ]


def test_a_skipped_heading_level(tmp_path):
    assert failing_build(tmp_path, in_main("<h4>Skipped</h4>")) == [
        "OUT.docx: paragraph 4 'Skipped': docx-heading-order: heading 3 follows Title: a level is skipped",
        "OUT.html: h4: axe-heading-order: Heading levels should only increase by one",
        "OUT.pdf: H4 (heading 2): pdf-heading-order: heading level 4 follows level 1: a level is skipped",
    ]


def test_a_table_without_header_cells(tmp_path):
    assert failing_build(tmp_path, in_main("<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>")) == [
        "OUT.docx: table 1: docx-header-rows: first row is not marked as a header row that repeats (w:tblHeader)",
        "OUT.pdf: Table 1: pdf-table-headers: table has no header cells (TH)",
    ]


def test_no_document_language(tmp_path):
    assert failing_build(tmp_path, {"_base.html.j2": FRAME.replace(' lang="{{ dossier.language }}"', "")}) == [
        "OUT.docx: core properties: docx-lang: no document language (dc:language)",
        "OUT.docx: styles: default run properties: docx-lang: no document language (w:lang)",
        "OUT.html: html: axe-html-has-lang: <html> element must have a lang attribute",
        "OUT.pdf: document: pdf-lang: no document language (/Lang)",
    ]


def test_no_document_title(tmp_path):
    frame = re.sub(r"<title>.*?</title>", "", FRAME)
    assert failing_build(tmp_path, {"_base.html.j2": frame}) == [
        "OUT.html: html: axe-document-title: Documents must have <title> element to aid in navigation",
        "OUT.pdf: document: pdf-title: no document title",
    ]


def test_a_block_drawn_out_of_reading_order(tmp_path):
    css = CSS + "\n.bottom-line { position: absolute; bottom: 0.5in; }\n"
    assert failing_build(tmp_path, {"brief.css": css}) == [
        "OUT.pdf: H2 on page 1: pdf-reading-order: tagged after P but drawn before it",
    ]


# --- rules no template can break: the built file is edited instead ------------------------------


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("good")
    build(BuildOptions(content=CONTENT, output=out, audience="staff", length="two-page", format=None, jobs=1))
    folder = out / "china-russia"
    return {fmt: (folder / f"china-russia-staff-two-page.{fmt}").read_bytes() for fmt in ("pdf", "docx")}


def test_the_built_files_pass(good):
    assert check_bytes("pdf", good["pdf"]) == []
    assert check_bytes("docx", good["docx"]) == []


def edit_pdf(data: bytes, change) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()


def test_an_untagged_pdf(good):
    def untag(pdf):
        del pdf.Root["/StructTreeRoot"]
        del pdf.Root["/MarkInfo"]

    assert check_bytes("pdf", edit_pdf(good["pdf"], untag)) == [
        ("document", "pdf-tagged", "no structure tree (the PDF is not tagged)")]


def test_a_window_showing_the_file_name(good):
    def hide(pdf):
        pdf.Root.ViewerPreferences.DisplayDocTitle = False

    assert check_bytes("pdf", edit_pdf(good["pdf"], hide)) == [
        ("document", "pdf-title", "the window shows the file name, not the title (/DisplayDocTitle is not true)")]


def test_fonts_without_unicode_maps_or_not_embedded(good):
    def strip(pdf):
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        del font["/ToUnicode"]
        descriptor = font.DescendantFonts[0].FontDescriptor
        for key in [k for k in descriptor.keys() if k.startswith("/FontFile")]:
            del descriptor[key]

    found = check_bytes("pdf", edit_pdf(good["pdf"], strip))
    base = found[0][0].split(" ")[1]
    assert found == [(f"font {base} (page 1)", "pdf-fonts", "font is not embedded"),
                     (f"font {base} (page 1)", "pdf-fonts", "font has no Unicode map (/ToUnicode)")]


def edit_docx(data: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            body = src.read(name)
            dst.writestr(name, change(body.decode()).encode() if name == "word/document.xml" else body)
    return out.getvalue()


def test_a_picture_without_alt_text(good):
    picture = ('<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
               'wordprocessingDrawing"><wp:docPr id="7" name="Picture 7"/></wp:inline></w:drawing></w:r>')
    data = edit_docx(good["docx"], lambda xml: xml.replace("</w:p>", picture + "</w:p>", 1))
    assert check_bytes("docx", data) == [("picture 1 'Picture 7'", "docx-picture-alt", "picture has no alternative text (descr)")]


def test_text_in_direct_formatting_only(good):
    def bold_title(xml: str) -> str:
        start = xml.index('<w:pStyle w:val="Title"/>')
        run = xml.index("<w:r>", start)
        return xml[:run] + '<w:r><w:rPr><w:b/><w:sz w:val="40"/></w:rPr><w:t>Looks like a heading</w:t></w:r>' + xml[run:]

    found = check_docx_direct = check_bytes("docx", edit_docx(good["docx"], bold_title))
    assert len(check_docx_direct) == 1 and found[0][1:] == (
        "docx-direct-formatting", "text formatted directly (b, sz) instead of with a named style")
    assert found[0][0].startswith("body paragraph ") and "Looks like a heading" in found[0][0]


def test_the_vendored_axe_core_is_the_documented_one():
    import hashlib

    from briefgen.a11y.html import AXE_SCRIPT

    readme = (AXE_SCRIPT.parent / "README.md").read_text()
    data = AXE_SCRIPT.read_bytes()
    version = re.search(r"axe-core \*\*([\d.]+)\*\*", readme).group(1)
    assert data.startswith(f"/*! axe v{version}\n".encode())
    assert f"sha256 `{hashlib.sha256(data).hexdigest()}`" in readme


def test_without_a_browser_the_build_says_so_in_one_line(tmp_path, content):
    """Where Chromium is not installed (here: not on PATH) the HTML rules are skipped with one
    line; the PDF and DOCX rules still run. The build names its dossier: a second one in the
    content folder (as the README invites) changes nothing."""
    import os
    import subprocess
    import sys

    shutil.copytree(content / "china-russia", content / "second-dossier")
    env = dict(os.environ, PATH=str(tmp_path / "empty-bin"))
    proc = subprocess.run([sys.executable, "-m", "briefgen.cli", "build", "--content", str(content), "--dossier",
                           "china-russia", "--audience", "public", "--length", "flash", "--output",
                           str(tmp_path / "out")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    notices = [line for line in proc.stdout.splitlines() if line.startswith("accessibility:")]
    assert notices == ["accessibility: 1 HTML brief(s) not checked with axe-core: no headless Chromium installed "
                       "(Debian: apt-get install chromium-headless-shell)"]


def test_the_headless_shell_and_the_browser_find_the_same():
    """axe-core runs in chromium-headless-shell where it is installed, else in chromium: both
    must give the same findings on a page that breaks several rules (contrast needs layout)."""
    from briefgen.a11y.html import Axe

    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><main><h1>T</h1>'
            '<h4>Skipped</h4><img src="data:,"><p style="color:#bbb;background:#fff">Faint</p>'
            '<a href="#x"></a></main></body></html>')
    binaries = [shutil.which(name) for name in ("chromium-headless-shell", "chromium")]
    assert all(binaries), "tools/sysdeps.sh test installs chromium-headless-shell and chromium"
    found = []
    for binary in binaries:
        with Axe(binary) as axe:
            found.append(sorted((v["id"], str(n["target"])) for v in axe.run_html(page) for n in v["nodes"]))
    assert found[0] == found[1]
    assert {rule for rule, _ in found[0]} == {"color-contrast", "document-title", "heading-order", "html-has-lang",
                                             "image-alt", "link-name"}
