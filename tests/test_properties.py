"""Property-based: arbitrary text in a content field either builds with that text in both
outputs, or fails with a typed briefgen error. It never crashes."""

from __future__ import annotations

import io
import json
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.compose.brief import make_brief
from briefgen.compose.catalog import load_catalog
from briefgen.errors import BriefgenError
from briefgen.content.load import load_one
from briefgen.compose.render import Templates
from briefgen.text import normalise

SOURCE = "From the report The two countries share a long border and many interests. Download"
QUOTE = "The two countries share a long border and many interests."

# field -> (YAML location, audience, length that shows it)
FIELDS = {
    "headline": ("item", "headline", "principal", "flash"),
    "summary": ("item", "summary", "principal", "one-page"),
    "detail": ("item", "detail", "staff", "two-page"),
    "plain": ("item", "plain", "public", "one-page"),
    "bottom_line": ("bottom_line", "text", "principal", "flash"),
    "title": ("meta", "title", "principal", "flash"),
}

_TEMPLATES = Templates()
_CATALOG = load_catalog(_TEMPLATES.find("catalog.yaml"))
_WRITERS: dict = {}


def writers():
    if not _WRITERS:
        from briefgen.write.docx import DocxWriter
        from briefgen.write.pdf import PdfWriter

        _WRITERS["pdf"] = PdfWriter(_TEMPLATES)
        _WRITERS["docx"] = DocxWriter(_TEMPLATES.find("reference.docx"))
    return _WRITERS["pdf"], _WRITERS["docx"]


def dossier_with(field: str, value: str) -> Path:
    where, key, _, _ = FIELDS[field]
    values = {"title": "A test dossier", "headline": "A short headline", "summary": "One sentence here.",
              "detail": "A paragraph of detail.", "plain": "Plain words.", "text": "The bottom line."}
    meta_title = values["title"]
    item = dict(headline=values["headline"], summary=values["summary"], detail=values["detail"], plain=values["plain"])
    bottom = values["text"]
    if where == "item":
        item[key] = value
    elif where == "bottom_line":
        bottom = value
    else:
        meta_title = value
    q = json.dumps  # JSON strings are valid YAML double-quoted scalars
    src = {"edition": "e1", "quote": QUOTE}
    folder = Path(tempfile.mkdtemp(prefix="prop-")) / "prop"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources/e1.txt").write_text(SOURCE)
    (folder / "d.yaml").write_text(
        "dossier:\n"
        f"  title: {q(meta_title, ensure_ascii=False)}\n  subtitle: Sub\n  topic: Topic\n  author: Staff\n"
        "  as_of: 2023-09-13\n"
        "  product: {series: In Focus, code: X1, publisher: Test Publisher}\n"
        "  editions:\n    - {id: e1, date: 2023-09-13, title: T, file: sources/e1.txt,"
        " report_starts_after: From the report, report_ends_before: Download}\n"
        f"bottom_line: {{text: {q(bottom, ensure_ascii=False)}, plain: Plain bottom line., sources: [{q(src)}]}}\n"
        "items:\n"
        "  - {id: a, topic: t, priority: 1, "
        + ", ".join(f"{k}: {q(v, ensure_ascii=False)}" for k, v in item.items())
        + f", sources: [{q(src)}]}}\n"
        + "".join(f"  - {{id: x{i}, topic: t, priority: 2, headline: Filler {i}, summary: Filler {i}.,"
                  f" detail: Filler {i}., plain: Filler {i}., sources: [{q(src)}]}}\n" for i in range(3))
    )
    return folder


def pdf_text(data: bytes) -> str:
    import pypdf

    return "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return " ".join(p.text for p in document.paragraphs)


def build_one(field: str, value: str):
    folder = dossier_with(field, value)
    dossier = load_one(folder)  # may raise ContentError
    _, _, audience, length = FIELDS[field]
    pdf, docx_writer = writers()
    brief = make_brief(dossier, _CATALOG, _TEMPLATES, pdf, audience, length)  # may raise FitError
    return pdf.write(brief.rendered), docx_writer.write(brief.finished.html)


def check(field: str, value: str) -> None:
    try:
        pdf_bytes, docx_bytes = build_one(field, value)
    except BriefgenError as exc:
        assert exc.problems, "a typed error always says what is wrong"
        return
    expected = normalise(value)
    assert expected in " ".join(docx_text(docx_bytes).split()), (field, value)
    squashed = "".join(expected.split())
    assert squashed in "".join(pdf_text(pdf_bytes).split()), (field, value)


# Characters the embedded fonts cover, so PDF text extraction can read them back, plus every
# character that means something to HTML, Jinja, YAML or the acronym pass.
PRINTABLE = st.characters(
    min_codepoint=0x20, max_codepoint=0x24F,
    blacklist_categories=("Cc", "Cs", "Co", "Cn", "Mn", "Me"),
    blacklist_characters="\u00ad",
) | st.sampled_from(list("<>&\"'{}%#=/\\;:*[]|!?@`~^$") + ["{{", "}}", "{%", "%}", "<script>", "&amp;", "U.S.", "—", "“", "”", "’", "…"])


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(field=st.sampled_from(sorted(FIELDS)), value=st.lists(PRINTABLE, min_size=1, max_size=40).map("".join))
def test_printable_text_appears_in_both_outputs_or_is_a_typed_error(field, value):
    check(field, value)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(sorted(FIELDS)), value=st.text(min_size=0, max_size=60))
def test_any_unicode_builds_or_fails_typed_never_crashes(field, value):
    try:
        build_one(field, value)
    except BriefgenError as exc:
        assert exc.problems


@pytest.mark.parametrize("value", ["\u202eevil", "a\x07b", "\ufffe", "x\U0010ffffy", "\ue000", "", "   "])
def test_known_bad_values_are_typed_errors(value):
    with pytest.raises(BriefgenError) as info:
        build_one("headline", value)
    msg = str(info.value)
    assert "d.yaml:" in msg and ("items[0].headline" in msg or "U+" in msg)
    assert "dossier:' section" not in msg


def test_unicode_survives_as_written():
    value = "Ελληνικά, кириллица, Ünïcödé — “quotes” & <tags> {{ 7*7 }}"
    check("detail", value)
    assert unicodedata.is_normalized("NFC", normalise(value))
