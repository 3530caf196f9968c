"""The HTML brief: one self-contained, accessible web page per audience and length.

(The axe-core run over every page is in tests/test_browser.py.)
"""

from __future__ import annotations

import json
import re

import lxml.html
import pytest

from briefgen.build import BuildOptions, build
from conftest import CONTENT

AUDIENCES = ("principal", "staff", "public")
LENGTHS = ("flash", "one-page", "two-page", "full")


def pages(built):
    folder, _ = built
    return sorted(p for p in folder.glob("*.html") if p.is_file())  # .html/ is the build's own cache folder


def test_twelve_html_briefs_in_the_manifest(built):
    folder, _ = built
    files = [p.name for p in pages(built)]
    assert files == sorted(f"china-russia-{a}-{n}.html" for a in AUDIENCES for n in LENGTHS)
    manifest = json.loads((folder / "manifest.json").read_text())
    records = {o["file"]: o for o in manifest["outputs"] if o["format"] == "html"}
    assert sorted(records) == files
    for name, record in records.items():
        assert record["words"] > 0 and record["plan"]["items"]
        assert record["sha256"] == __import__("hashlib").sha256((folder / name).read_bytes()).hexdigest()


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("length", LENGTHS)
def test_a_self_contained_accessible_page(built, audience, length):
    folder, _ = built
    text = (folder / f"china-russia-{audience}-{length}.html").read_text(encoding="utf-8")
    root = lxml.html.document_fromstring(text)
    # nothing to fetch: no external or relative references, CSS inline, a policy that forbids requests
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            value = el.get(name)
            assert value is None or value.startswith("#") or value.startswith("data:"), (el.tag, name, value)
    assert root.find(".//link") is None and root.find(".//script") is None
    assert "url(" not in re.sub(r"/\*.*?\*/", "", root.findtext(".//style"), flags=re.S)
    csp = root.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert csp.startswith("default-src 'none'")
    # language, title, landmarks
    assert root.get("lang") == "en-US"
    assert root.findtext(".//title").startswith("China-Russia Relations: ")
    body = root.find("body")
    assert [el.tag for el in body if el.tag in ("header", "main", "footer", "nav", "aside")] in (
        ["header", "main", "footer"], ["header", "main"])
    assert all(el.tag in ("header", "main", "footer") for el in body), [el.tag for el in body]
    # headings in order, one h1
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    # figures: inline SVG with a text alternative; tables with header cells
    for svg in root.iter("svg"):
        assert svg.get("role") == "img" and len(svg.get("aria-label", "")) > 20
        assert svg.get("viewBox") or svg.get("viewbox")
    assert root.find(".//img") is None  # every image is inline
    for table in root.iter("table"):
        assert table.find(".//th[@scope]") is not None
    # notes: every link has a target; each reference links to its note and back
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    links = [a.get("href")[1:] for a in root.iter("a")]
    assert all(target in ids for target in links), [t for t in links if t not in ids]
    if audience == "staff":
        notes = root.findall(".//ol[@class='notes']/li")
        assert notes and all(li.find("a[@class='back']") is not None for li in notes)
        assert {f"note-{n}" for n in range(1, len(notes) + 1)} <= set(links)


def test_timeline_svg_is_inline_where_the_brief_has_one(built):
    folder, _ = built
    text = (folder / "china-russia-staff-full.html").read_text(encoding="utf-8")
    assert '<svg viewBox="0 0 ' in text and 'role="img"' in text and "data:image" not in text


def test_rebuilds_are_byte_identical(built, tmp_path):
    folder, _ = built
    build(BuildOptions(content=CONTENT, output=tmp_path, format="html", jobs=1))
    again = sorted(p for p in (tmp_path / "china-russia").glob("*.html") if p.is_file())
    assert len(again) == 12
    for path in again:
        assert path.read_bytes() == (folder / path.name).read_bytes(), path.name


def test_restyled_by_its_own_stylesheet(tmp_path):
    from conftest import ROOT

    tpl = tmp_path / "templates"
    tpl.mkdir()
    css = (ROOT / "templates/brief-web.css").read_text() + "\nh1 { color: #000000; }\n"
    (tpl / "brief-web.css").write_text(css)
    build(BuildOptions(content=CONTENT, output=tmp_path / "out", templates=tpl, audience="public",
                       length="flash", format="html", jobs=1))
    text = (tmp_path / "out/china-russia/china-russia-public-flash.html").read_text()
    assert "h1 { color: #000000; }" in text


def test_a_web_stylesheet_may_not_load_anything(tmp_path):
    from briefgen.errors import TemplateError
    from conftest import ROOT

    tpl = tmp_path / "templates"
    tpl.mkdir()
    (tpl / "brief-web.css").write_text((ROOT / "templates/brief-web.css").read_text()
                                       + '\nbody { background: url("https://example.com/x.png"); }\n')
    with pytest.raises(TemplateError) as info:
        build(BuildOptions(content=CONTENT, output=tmp_path / "out", templates=tpl, audience="public",
                           length="flash", format="html", jobs=1))
    assert str(info.value) == f"{tpl / 'brief-web.css'}: the web stylesheet may not load anything (url() or @import)"
