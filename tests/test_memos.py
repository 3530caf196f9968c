"""Memos: header fields, tabs, embedded briefs, packets, the .eml, and every author mistake."""

from __future__ import annotations

import email
import email.policy
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import CONTENT, run_briefgen
from extract import docx_lines, docx_text, pdf_pages

from briefgen.compose.render import Templates
from briefgen.errors import ContentError, FitError
from briefgen.memo.make import build_memos, load_memos


@pytest.fixture(scope="session")
def memos(tmp_path_factory):
    out = tmp_path_factory.mktemp("memo-output")
    build_memos(CONTENT, [], out)
    return out


def test_files_written(memos):
    names = sorted(p.name for p in (memos / "memos").iterdir())
    assert names == sorted(
        f"china-russia-{k}{suffix}" for k in ("info", "action")
        for suffix in (".pdf", ".docx", "-packet.pdf", "-packet.docx", ".eml")
    )


@pytest.mark.parametrize("kind,fields", [
    ("info", ["FOR", "FROM", "SUBJECT", "DATE"]),
    ("action", ["FOR", "THROUGH", "FROM", "SUBJECT", "DATE"]),
])
def test_header_fields_in_order(memos, kind, fields):
    lines = docx_lines(memos / f"memos/china-russia-{kind}.docx")
    body = [l for l in lines if not l.startswith("[")]
    assert body[0] == f"Memo Kind | {kind.upper()} MEMO"
    assert [l.split(" | ")[1].split(":")[0] for l in body[1:1 + len(fields)]] == fields
    assert all(l.startswith("Memo Field | ") for l in body[1:1 + len(fields)])
    pdf = pdf_pages(memos / f"memos/china-russia-{kind}.pdf")[0].splitlines()
    assert pdf[0] == f"{kind.upper()} MEMO"
    assert [l.split(":")[0] for l in pdf[1:1 + len(fields)]] == fields


def test_attachments_listed_as_tabs(memos):
    lines = docx_lines(memos / "memos/china-russia-info.docx")
    i = lines.index("Memo Label | Attachments:")
    assert lines[i + 1] == "Memo Attachment | Tab A – China-Russia Relations (principal, one-page)"
    action = docx_lines(memos / "memos/china-russia-action.docx")
    assert "Memo Attachment | Tab A – China-Russia Relations (staff, two-page)" in action
    assert any(l.startswith("Decision Line | Approve") and "Disapprove" in l for l in action)
    assert any("RECOMMENDATION:" in l for l in action)


def test_memo_is_at_most_two_pages_in_both_formats(memos, tmp_path):
    for kind in ("info", "action"):
        with pikepdf.open(memos / f"memos/china-russia-{kind}.pdf") as pdf:
            assert len(pdf.pages) <= 2
    from briefgen.write.docx_pages import docx_page_counts

    counts = docx_page_counts([memos / "memos/china-russia-info.docx", memos / "memos/china-russia-action.docx"])
    assert all(n <= 2 for n in counts.values())


def test_memo_has_no_footnotes(memos):
    for kind in ("info", "action"):
        assert not any(l.startswith("Note Text") for l in docx_lines(memos / f"memos/china-russia-{kind}.docx"))


def test_briefs_are_embedded_as_pdf_attachments(memos):
    with pikepdf.open(memos / "memos/china-russia-info.pdf") as pdf:
        files = dict(pdf.attachments)
        assert list(files) == ["china-russia-principal-one-page.pdf"]
        spec = files["china-russia-principal-one-page.pdf"]
        assert spec.obj.AFRelationship == pikepdf.Name("/Supplement")
        stream = spec.obj.EF.F
        assert stream.Subtype == pikepdf.Name("/application#2fpdf") or str(stream.Subtype) == "/application/pdf"
        data = spec.get_file().read_bytes()
        assert data == (memos / "china-russia/china-russia-principal-one-page.pdf").read_bytes()
        assert len(pdf.Root.AF) == 1
        assert pdf.Root.MarkInfo.Marked is True
    listing = subprocess.run(["pdfdetach", "-list", str(memos / "memos/china-russia-info.pdf")],
                             capture_output=True, text=True).stdout
    assert "1 embedded files" in listing and "china-russia-principal-one-page.pdf" in listing


@pytest.mark.parametrize("kind,brief", [("info", "principal-one-page"), ("action", "staff-two-page")])
def test_pdf_packet_pages_bookmarks_tags_links(memos, kind, brief):
    packet = memos / f"memos/china-russia-{kind}-packet.pdf"
    with pikepdf.open(memos / f"memos/china-russia-{kind}.pdf") as m, \
         pikepdf.open(memos / f"china-russia/china-russia-{brief}.pdf") as b, pikepdf.open(packet) as p:
        memo_pages = len(m.pages)
        assert len(p.pages) == memo_pages + len(b.pages)
        with p.open_outline() as outline:
            titles = [item.title for item in outline.root]
        audience, length = brief.split("-", 1)
        assert titles[1] == f"Tab A – China-Russia Relations ({audience}, {length})"
        assert titles[0].startswith(f"{kind.capitalize()} memo: ")
        assert p.Root.MarkInfo.Marked is True and "/StructTreeRoot" in p.Root
        assert str(p.docinfo.Title).startswith(f"{kind.capitalize()} Memo: ")
        if audience == "staff":  # note references link to the notes, inside the packet
            links = [a for page in p.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
            assert links
    pages = pdf_pages(packet)
    assert "Tab A" in pages[memo_pages].splitlines()  # the stamp on the attachment's first page
    assert not any("Tab A" in page.splitlines() for page in pages[memo_pages + 1:])


def test_docx_packet_contains_the_brief_with_styles(memos):
    lines = docx_lines(memos / "memos/china-russia-action-packet.docx")
    brief = [l for l in docx_lines(memos / "china-russia/china-russia-staff-two-page.docx")
             if not l.startswith(("[header]", "[footer]"))]
    start = lines.index(brief[0])
    assert lines[start:start + len(brief)] == brief  # every paragraph, with its style name
    assert "Box Heading | What changed since the May 2, 2022 edition" in lines
    import docx

    document = docx.Document(str(memos / "memos/china-russia-action-packet.docx"))
    assert len(document.sections) == 2
    assert document.sections[1].header.paragraphs[0].text.startswith("Tab A · China-Russia Relations")


def test_eml_parses_with_text_html_and_pdf_attachments(memos):
    raw = (memos / "memos/china-russia-action.eml").read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "Briefing Members of Congress on relations between China and Russia"
    assert msg["To"] == "Front Office <front.office@example.gov>"
    assert msg["X-Unsent"] == "1"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    text = text.replace("\r\n", "\n")
    assert text.startswith("ACTION MEMO\n") and "Tab A – China-Russia Relations (staff, two-page)" in text
    assert "<h1" in html and "RECOMMENDATION" in html
    # the action memo asks for the brief as DOCX (format: docx)
    atts = [(p.get_filename(), p.get_content_type()) for p in msg.iter_attachments()]
    assert atts == [("china-russia-staff-two-page.docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    (part,) = msg.iter_attachments()
    assert part.get_content() == (memos / "china-russia/china-russia-staff-two-page.docx").read_bytes()
    info = email.message_from_bytes((memos / "memos/china-russia-info.eml").read_bytes(), policy=email.policy.default)
    assert [p.get_filename() for p in info.iter_attachments()] == ["china-russia-principal-one-page.pdf"]


# --- author mistakes: a clear located error, nothing written ----------------------------------

def _memo_tree(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text()
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1))
    return line


MISTAKES = [
    ("audience: principal", "audience: minister",
     "memo.attachments[0].brief.audience: unknown audience 'minister' (known: principal, staff, public)"),
    ("    - >-\n      The two countries share", "    - >-\n      See also Tab B. The two countries share",
     "memo.body[0]: Tab B is mentioned but the memo has 1 attachment"),
    ("at Tab A summarizes", "summarizes", None),
    ("subject: China and Russia, an alignment", "subject: The PRC and Russia, an alignment",
     "memo.subject: the subject must use plain words, not acronyms: 'PRC'"),
    ("format: pdf", "format: odt",
     "memo.attachments[0].brief.format: must be one of 'pdf' or 'docx', got 'odt'"),
]


@pytest.mark.parametrize("old,new,message", MISTAKES)
def test_memo_mistakes_are_located_and_nothing_is_written(tmp_path, old, new, message):
    content = _memo_tree(tmp_path)
    f = content / "memos/china-russia-info.yaml"
    line = _edit(f, old, new)
    if message is None:
        _edit(f, "The brief at Tab A also lists", "The brief also lists")
    out = tmp_path / "out"
    with pytest.raises(ContentError) as info:
        build_memos(content, [f], out)
    msgs = [str(p) for p in info.value.errors]
    if message is None:  # the only mention of Tab A removed -> the attachment is never mentioned
        assert len(msgs) == 1 and "memo.attachments[0]: attachment Tab A is never mentioned in the memo" in msgs[0]
    else:
        assert msgs == [f"{f}:{line}: {message}"] or any(m.startswith(f"{f}:") and m.endswith(message) for m in msgs)
    assert not (out / "memos").exists() or not any((out / "memos").iterdir())


def test_attachment_file_not_found(tmp_path):
    content = _memo_tree(tmp_path)
    f = content / "memos/china-russia-info.yaml"
    line = _edit(f, "    - brief:\n        dossier: china-russia\n        audience: principal\n        length: one-page\n        format: pdf\n",
                 "    - file: annex.pdf\n")
    with pytest.raises(ContentError) as info:
        build_memos(content, [f], tmp_path / "out")
    assert [str(p) for p in info.value.errors] == [f"{f}:{line}: memo.attachments[0].file: attachment not found: {f.parent / 'annex.pdf'}"]


def test_tabs_follow_order_of_first_mention(tmp_path):
    content = _memo_tree(tmp_path)
    f = content / "memos/china-russia-action.yaml"
    text = f.read_text()
    extra = "    - brief:\n        dossier: china-russia\n        audience: public\n        length: flash\n"
    f.write_text(text.replace("  email:", extra + "  email:").replace(
        "We propose to brief", "See Tab B. We propose to brief"))
    with pytest.raises(ContentError) as info:
        build_memos(content, [f], tmp_path / "out")
    msgs = [str(p) for p in info.value.errors]
    assert any("memo.bottom_line: Tab B is mentioned before Tab A: tabs are lettered in order of first "
               "mention; reorder the attachments" in m for m in msgs), msgs


def test_memo_over_two_pages_is_refused(tmp_path):
    content = _memo_tree(tmp_path)
    f = content / "memos/china-russia-info.yaml"
    long_body = "".join(f"    - >-\n      Paragraph {i} of a memo that runs far too long for a principal to read in one sitting, "
                        "repeating itself to fill the page and more.\n" for i in range(60))
    _edit(f, "  body:\n", "  body:\n" + long_body)
    out = tmp_path / "out"
    with pytest.raises(FitError) as info:
        build_memos(content, [f], out)
    assert str(info.value).startswith(f"{f}:1: memo: the memo is ")
    assert str(info.value).endswith("pages; a memo is at most 2")
    assert not any((out / "memos").iterdir())


def test_memo_subject_too_long_is_located(tmp_path):
    content = tmp_path / "content"
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


def test_a_memo_recipient_entry_holds_one_address(tmp_path, content):
    memo = content / "memos/china-russia-info.yaml"
    text = memo.read_text()
    entry = "      - Front Office <front.office@example.gov>"
    assert entry in text
    memo.write_text(text.replace(entry, '      - "Front Office <front.office@example.gov>, b@example.gov"'))
    line = next(n for n, t in enumerate(memo.read_text().splitlines(), 1) if "b@example.gov" in t)
    with pytest.raises(ContentError) as info:
        load_memos([memo], content, Templates())
    message = str(info.value)
    assert f"china-russia-info.yaml:{line}:" in message and "one e-mail address per entry (got 2" in message


def test_memo_cli(tmp_path):
    proc = run_briefgen("memo", "content/memos/china-russia-info.yaml", "--output", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "wrote       " in proc.stdout
    assert (tmp_path / "memos/china-russia-info.eml").is_file()


def test_docx_packet_footers_count_each_sections_pages(memos, tmp_path):
    """Each section of the Word packet numbers its own pages ("Page 2 of 2" on the brief's last
    page, not "of 1" or the packet's total): SECTIONPAGES, whose shown value is the section's
    page count from the PDF layout, which is what LibreOffice (unable to count a section)
    prints."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(memos / "memos/china-russia-action-packet.docx"))
    with pikepdf.open(memos / "memos/china-russia-action.pdf") as m, \
         pikepdf.open(memos / "china-russia/china-russia-staff-two-page.pdf") as b:
        expected = [len(m.pages), len(b.pages)]
    shown = []
    for section in document.sections:
        fields = {f.get(qn("w:instr")).split()[0]: "".join(t.text for t in f.iter(qn("w:t")))
                  for f in section.footer._element.iter(qn("w:fldSimple"))}
        assert set(fields) == {"PAGE", "SECTIONPAGES"}
        shown.append(int(fields["SECTIONPAGES"]))
    assert shown == expected and expected[1] == 2
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(memos / "memos/china-russia-action-packet.docx")], capture_output=True, timeout=180)
    pages = pdf_pages(tmp_path / "china-russia-action-packet.pdf")
    footers = [line.split()[-4:] for page in pages for line in page.splitlines() if "Page" in line.split()[-4:]]
    assert footers == [["Page", "1", "of", "1"], ["Page", "1", "of", "2"], ["Page", "2", "of", "2"]]
