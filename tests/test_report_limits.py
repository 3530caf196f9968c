"""Hostile report files (issue 23, items 16-18): decompression and size bombs, text a draft
cannot hold, special files. Each is refused in one line naming the file (and the limit in
briefgen/data/ingest.yaml it broke), or read with what it cannot hold left out and said so;
nothing is written. The bombs are made here, small on disk (tests/hostile_files.py); their
memory and time are measured by tests/bench_hostile.py, not here.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
import yaml

import hostile_files as hostile
from briefgen.errors import BriefgenError, ReportError, display_path
from briefgen.ingest import read_report
from briefgen.content.load import load_one
from conftest import run_briefgen

REPORTS = Path(__file__).parent / "data" / "reports"
DOCX = REPORTS / "if12100-infocus-2col.docx"
META = ["--date", "2024-01-01", "--title", "A report", "--publisher", "Example Office", "--series", "Report",
        "--code", "R1"]
OPENING = ("The People's Republic of China and Russia have deepened their strategic partnership over the "
           "past decade.")


def refused(path: Path) -> str:
    """The one-line message ``read_report`` refuses ``path`` with."""
    with pytest.raises(ReportError) as info:
        read_report(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{display_path(path)}"), message
    return message


def tree(folder: Path) -> dict[str, str]:
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


def distill(tmp_path: Path, *reports: Path, dossier: str = "x") -> tuple[subprocess.CompletedProcess, Path]:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    proc = run_briefgen("distill", *map(str, reports), "--dossier", dossier, "--content", str(content), *META)
    return proc, content


# --- 16: decompression and size bombs -------------------------------------------------------------


def test_a_pdf_page_holding_too_many_words_is_refused_at_that_page(tmp_path):
    # 20,000 words on one page: 100,000 characters, twice the page limit (the page held a
    # million and took 4 GiB and 239 s); a real report's densest page holds about 6,700
    f = hostile.write(tmp_path / "words.pdf", hostile.pdf_many_words(20_000))
    assert f.stat().st_size < 10_000
    message = refused(f)
    assert "page 1 holds more than 50,000 characters, lines, shapes and images" in message
    assert message.endswith("(briefgen/data/ingest.yaml, limits.max_pdf_page_objects)")


def test_a_pdf_stream_that_inflates_past_the_limit_is_refused_before_it_is_inflated(tmp_path):
    # a readable report whose content stream inflates to 60 MB of spaces first: the issue's
    # 1 GiB stream took 2 GiB and gave a draft
    f = hostile.write(tmp_path / "flate.pdf", hostile.pdf_inflating_to(60_000_000))
    assert f.stat().st_size < 200_000
    message = refused(f)
    assert "inflates to more than 50,000,000 bytes" in message
    assert message.endswith("limits.max_inflated_bytes)")


def test_pdf_streams_that_inflate_past_the_limit_together_are_refused(tmp_path):
    page = hostile.deflate_chunks([b" " * 45_000_000, hostile.text_stream([hostile.REPORT[:80]])])
    f = hostile.write(tmp_path / "pages.pdf", hostile.pdf([page] * 5))
    assert "limits.max_inflated_total)" in refused(f)


def test_a_pdf_stream_inflated_twice_over_is_followed_through_both_layers(tmp_path):
    inner = hostile.deflate_chunks([b" " * 60_000_000, hostile.text_stream([hostile.REPORT[:80]])])
    head = b"/Filter [/FlateDecode /FlateDecode]"
    data = hostile.pdf([zlib.compress(inner)]).replace(b"/Filter /FlateDecode", head)
    f = hostile.write(tmp_path / "twice.pdf", data)
    assert "limits.max_inflated_bytes)" in refused(f)


def test_a_pdf_stream_keyword_followed_by_spaces_is_found_as_pdfminer_finds_it(tmp_path):
    data = hostile.pdf_inflating_to(60_000_000).replace(b"stream\n", b"stream   \n", 1)
    assert "limits.max_inflated_bytes)" in refused(hostile.write(tmp_path / "spaced.pdf", data))


def test_a_pdf_stream_whose_content_only_looks_compressed_again_is_still_counted(tmp_path):
    f = hostile.write(tmp_path / "fake.pdf", hostile.pdf([hostile.deflate_chunks([b"x\x9c" + b" " * 60_000_000])]))
    assert "limits.max_inflated_bytes)" in refused(f)


def test_an_ordinary_pdf_is_read(tmp_path):
    f = hostile.write(tmp_path / "plain.pdf", hostile.plain_pdf())
    assert OPENING in read_report(f).text


def test_a_word_part_declaring_a_huge_size_is_refused_before_it_is_read(tmp_path):
    # the document.xml inflated to 1 GiB: 4 GiB, 30 s and "unknown error"
    f = hostile.write(tmp_path / "bomb.docx", hostile.zip_declaring(DOCX.read_bytes(), "word/document.xml", 1 << 30))
    message = refused(f)
    assert "its part word/document.xml inflates to 1,073,741,824 bytes; the limit is 20,000,000" in message
    assert message.endswith("limits.max_xml_bytes)")


def test_a_word_part_that_really_inflates_past_the_limit_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("word/media/image9.bin", b"\0" * 60_000_000)
    f = hostile.write(tmp_path / "media.docx", out.getvalue())
    assert f.stat().st_size < 500_000
    assert "its part word/media/image9.bin inflates to 60,000,000 bytes" in refused(f)


def test_a_word_part_that_understates_its_size_fails_at_the_size_it_declares(tmp_path):
    big = hostile.docx_with_document_of(3_000_000, DOCX.read_bytes())
    f = hostile.write(tmp_path / "liar.docx", hostile.zip_declaring(big, "word/document.xml", 100_000))
    assert "not a readable Word document (Bad CRC-32 for file 'word/document.xml'" in refused(f)


def test_a_word_file_of_too_many_parts_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        for n in range(5001):
            dst.writestr(f"customXml/item{n}.bin", b"")
    f = hostile.write(tmp_path / "parts.docx", out.getvalue())
    message = refused(f)
    assert "a Word document of 5,021 parts; the limit is 5,000" in message and message.endswith("limits.max_zip_members)")


def test_a_web_page_of_too_many_elements_is_refused(tmp_path):
    f = hostile.write(tmp_path / "many.html", hostile.html_page(15_000))  # 30,000 elements, 0.6 MB
    message = refused(f)
    assert "elements; the limit is 20,000" in message and message.endswith("limits.max_html_elements)")


def test_a_web_page_element_with_too_many_children_is_refused(tmp_path):
    page = (b"<html><body><main><h1>Report</h1><p>" + b"<b>word</b> text " * 2000 + b"</p><p>"
            + hostile.REPORT.encode() + b"</p></main></body></html>")
    f = hostile.write(tmp_path / "inline.html", page)
    assert "an element <p> holds 2,000 inline elements; the limit is 1,000" in refused(f)


def test_a_web_page_of_too_much_text_is_refused_before_extraction(tmp_path):
    para = b"<p>" + b"The report says this again and again. " * 2000 + b"</p>"
    f = hostile.write(tmp_path / "text.html", b"<html><body><main><h1>Report</h1>" + para * 80 + b"</main></body></html>")
    message = refused(f)
    assert "characters of text; the limit is 5,000,000" in message and message.endswith("limits.max_html_text)")


def test_a_text_report_over_the_capture_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    from briefgen.ingest import txt

    monkeypatch.setattr(txt, "parse", lambda text: pytest.fail("parsed a text over the limit"))
    f = hostile.write(tmp_path / "long.txt", (hostile.REPORT + "\n\n").encode() * 4000)
    assert "limits.max_text_bytes)" in refused(f)


def test_a_bomb_given_to_distill_is_one_line_exit_2_and_writes_nothing(tmp_path):
    f = hostile.write(tmp_path / "bomb.docx", hostile.zip_declaring(DOCX.read_bytes(), "word/document.xml", 1 << 30))
    proc, content = distill(tmp_path, f)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "bomb.docx" in proc.stderr and "Traceback" not in proc.stderr
    assert list(content.iterdir()) == []


# --- 17: text a draft cannot hold ----------------------------------------------------------------


def test_a_report_opening_with_a_too_short_sentence_makes_a_draft_that_loads(tmp_path):
    f = tmp_path / "short.txt"
    f.write_text(f"Short one. {OPENING} Military cooperation has grown in scale and scope.\n\n"
                 "In 2019, the two countries held joint exercises. Go on.\n")
    proc, content = distill(tmp_path, f)
    assert proc.returncode == 0, proc.stderr
    dossier = load_one(content / "x")  # the draft loads: every quote is long enough to be one
    assert dossier.bottom_line.sources[0].quote == OPENING  # the next sentence stands in


@pytest.mark.parametrize("inserted,expected", [
    ("\x00", "control characters are not allowed (found U+0000)"),
    ("\x07", "control characters are not allowed (found U+0007)"),
    ("\u202e", "bidirectional control characters are not allowed (found U+202E RIGHT-TO-LEFT OVERRIDE)"),
    ("\ufffe", "Unicode noncharacters are not allowed (found U+FFFE)"),
])
def test_a_text_report_holding_a_character_content_may_not_is_refused_at_its_offset(tmp_path, inserted, expected):
    text = f"Report title\n\n{OPENING}\nThe second line{inserted} of the paragraph goes on here.\n"
    f = tmp_path / "bad.txt"
    f.write_text(text, encoding="utf-8")
    offset = len(text[:text.index(inserted)].encode("utf-8"))
    proc, content = distill(tmp_path, f)
    assert proc.returncode == 2
    assert proc.stderr == f"{display_path(f)}: byte {offset} (line 4): {expected}; a report's words are quoted " \
                          "as they are, so remove it from the file first\n"
    assert list(content.iterdir()) == []


def test_characters_a_rebuilt_capture_cannot_hold_are_left_out_and_said(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("A report", level=0)
    # a right-to-left override and a symbol font's private-use bullet, as Word files carry them
    document.add_paragraph(f"{OPENING} Military co\u202eoperation has grown in scale\uf0b7 and scope.")
    document.add_paragraph("Both governments oppose what they describe as a United States-led world order.")
    f = tmp_path / "report.docx"
    document.save(f)
    proc, content = distill(tmp_path, f)
    assert proc.returncode == 0, proc.stderr
    assert ("  note: 2 characters content may not hold left out of the capture (the first: U+202E "
            "RIGHT-TO-LEFT OVERRIDE)") in proc.stdout.splitlines()
    capture = (content / "x/sources/report.txt").read_text()
    assert "Military cooperation has grown in scale and scope." in capture
    load_one(content / "x")


def test_a_report_run_together_into_one_huge_paragraph_is_refused_not_drafted_past_the_file_limit(tmp_path):
    f = tmp_path / "one-paragraph.txt"
    f.write_text(hostile.varied_text(600_000) + "\n")
    proc, content = distill(tmp_path, f)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{display_path(f)}: its draft's items.yaml would be ")
    assert ", over the 1,000,000 a content file may hold (its longest paragraph has 599,999 characters); " \
           "break the report into paragraphs first\n" in proc.stderr and proc.stderr.count("\n") == 1
    assert list(content.iterdir()) == []


def test_a_pdf_page_a_million_points_wide_gives_a_draft_that_loads(tmp_path):
    lines = ["Home ?", hostile.REPORT[:90], hostile.REPORT[90:180], hostile.REPORT[180:]]
    f = hostile.write(tmp_path / "wide.pdf", hostile.pdf([zlib.compress(hostile.text_stream(lines, x=700_000))],
                                                         width=1_400_000))
    proc, content = distill(tmp_path, f)
    assert proc.returncode == 0, proc.stderr
    load_one(content / "x")


def test_a_draft_that_does_not_load_names_where_it_would_be_not_the_staging_folder(tmp_path, monkeypatch):
    import briefgen.distill as distill_module
    from briefgen.distill import DistillOptions

    original = distill_module.build_draft

    def broken(*args, **kwargs):  # a bug that makes the stand-in's quote too short
        draft = original(*args, **kwargs)
        text = draft.files["framing.yaml"]
        at = text.index("quote: ")
        draft.files["framing.yaml"] = text[:at] + 'quote: "Too short."' + text[text.index("\n", at):]
        return draft

    monkeypatch.setattr(distill_module, "build_draft", broken)
    content = tmp_path / "content"
    with pytest.raises(BriefgenError) as info:
        distill_module.distill(DistillOptions(reports=[REPORTS / "crs-if12100-2023-09-13.txt"], dossier="x",
                                              content=content, code="IF12100"))
    message = str(info.value)
    assert message.startswith(f"{display_path(content / 'x' / 'framing.yaml')}:"), message
    assert ".distill-" not in message and "crs-if12100-2023-09-13.txt" in message
    assert list(content.iterdir()) == []


# --- 18: special files ----------------------------------------------------------------------------


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    proc, content = distill(tmp_path, fifo)  # reading it would wait for ever
    assert proc.returncode == 2
    assert proc.stderr == f"{display_path(fifo)}: a named pipe (FIFO), not a report file; briefgen reads regular files only\n"


def test_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert refused(link) == (f"{display_path(link)} (a link to /dev/zero): a device, not a report file; "
                             "briefgen reads regular files only")


def test_a_proc_file_given_to_update_is_refused_and_nothing_changes(content, tmp_path):
    link = tmp_path / "environ.txt"
    link.symlink_to("/proc/self/environ")
    before = tree(content)
    proc = run_briefgen("update", "china-russia", str(link), "--content", str(content), "--date", "2024-03-01")
    assert proc.returncode == 2, proc.stdout
    assert proc.stderr.count("\n") == 1
    assert "holds more than its size of 0 bytes (a /proc or /sys file" in proc.stderr
    assert tree(content) == before


def test_a_symlinked_report_is_read_and_its_target_recorded_and_said(tmp_path):
    real = tmp_path / "elsewhere" / "if12100.txt"
    real.parent.mkdir()
    real.write_bytes((REPORTS / "crs-if12100-2023-09-13.txt").read_bytes())
    link = tmp_path / "report.txt"
    link.symlink_to(real)
    content = tmp_path / "content"
    proc = run_briefgen("distill", str(link), "--dossier", "x", "--content", str(content), "--code", "IF12100")
    assert proc.returncode == 0, proc.stderr
    assert f"note: {display_path(link)} is a symbolic link: read {real} (recorded in read_from)" in proc.stdout
    meta = yaml.safe_load((content / "x/dossier.yaml").read_text())
    assert meta["dossier"]["editions"][0]["captures"][0]["read_from"]["file"] == str(real)


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "report.txt"
    folder.mkdir()
    assert refused(folder).endswith("a folder, not a report file; briefgen reads regular files only")


def test_the_reader_of_a_file_swapped_for_a_pipe_meanwhile_refuses_it(tmp_path, monkeypatch):
    from briefgen.ingest import guard

    f = tmp_path / "report.txt"
    f.write_text(OPENING + "\n")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real_open = os.open
    monkeypatch.setattr(guard.os, "open", lambda path, flags: real_open(fifo, flags))
    assert "not a report file" in refused(f)
