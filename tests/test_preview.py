"""The preview's renderer and watcher filter, without a browser (tests/test_browser.py drives
the page in Chromium)."""

from __future__ import annotations

import re

import pytest

from briefgen.errors import BuildError
from briefgen.preview import describe
from briefgen.preview.page import preview_page
from briefgen.preview.render import PreviewOptions, Renderer, resolve_dossier
from briefgen.preview.server import relevant
from conftest import ROOT


def test_a_render_shows_pages_budgets_and_the_fit(content):
    renderer = Renderer(PreviewOptions(content=content, audience="staff", length="two-page"))
    snap = renderer.render()
    assert snap.rendered_ok and snap.version == 1 and not snap.problems
    assert snap.name == "china-russia-staff-two-page" and snap.budget_pages == 2 and len(snap.pages) == 2
    assert all(png.startswith(b"\x89PNG") for png in snap.pages) and snap.pdf.startswith(b"%PDF-")
    assert snap.dropped == ("long-history", "bri-eeu") and snap.checks == ()
    assert describe(snap)[0].startswith("render 1: china-russia-staff-two-page: 2/2 pages (")
    page = preview_page(snap)
    assert re.search(r"Dropped by the fit loop</h2><p>[^<]+</p><ul><li>long-history</li><li>bri-eeu</li></ul>", page)
    assert renderer.docx(snap).startswith(b"PK")


def test_the_page_says_what_each_fit_fact_means_and_when_the_checks_found_nothing(content):
    """Issue 23, item 13: "Shortened" and "Trimmed" are explained where they are shown, and an
    empty accessibility list says that no problem was found (not "nothing")."""
    snap = Renderer(PreviewOptions(content=content, audience="staff", length="two-page")).render()
    page = preview_page(snap)
    explained = dict(re.findall(r"<h2>([^<]+)</h2><p>([^<]+)</p>", page))
    assert set(explained) == {"Dropped by the fit loop", "Shortened by the fit loop", "Trimmed by the fit loop",
                              "Accessibility (PDF)"}
    assert "shorter than planned" in explained["Shortened by the fit loop"]
    assert "Lists cut short" in explained["Trimmed by the fit loop"]
    assert snap.finished and snap.checks == ()
    assert '<ul id="checks" aria-live="polite" data-none="no problems found" data-pending=""><li>no problems found</li>' in page
    assert "<li>nothing</li>" not in page and "'nothing'" not in page


@pytest.mark.parametrize("file, old, new, expected", [
    ("items.yaml", "priority: 1", "priority: first", "items[0].priority: expected a whole number, got 'first'"),
    ("items.yaml", "          maintain a strategic and multifaceted", "          maintain a strong and multifaceted",
     "items[0].sources[0].quote: quote for item 'alignment-not-alliance' is not verbatim in edition '2023-09-13'"),
])
def test_a_broken_save_keeps_the_last_good_pages_and_says_where(content, file, old, new, expected):
    renderer = Renderer(PreviewOptions(content=content, audience="staff", length="two-page"))
    good = renderer.render()
    path = content / "china-russia" / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    bad = renderer.render()
    assert bad.version == 2 and bad.pages == good.pages and bad.pdf == good.pdf
    # a failed render does not count as one (issue 23, item 14): the page still shows render 1
    assert (good.number, bad.number) == (1, 1) and describe(bad)[-1] == "render failed; the page keeps render 1"
    assert "<span>render 1</span>" in preview_page(bad)
    assert bad.problems and all(p.startswith(f"{path}:") for p in bad.problems), bad.problems
    assert any(expected in p for p in bad.problems), bad.problems
    assert "The latest save did not render (older render shown below)" in preview_page(bad)
    path.write_text(text)
    fixed = renderer.render()
    assert fixed.problems == () and (fixed.version, fixed.number) == (3, 2)
    assert describe(fixed)[0].startswith("render 2: ")


def test_a_template_error_names_the_template_line(content, tmp_path):
    tpl = tmp_path / "templates"
    tpl.mkdir()
    base = (ROOT / "templates/brief-staff.html.j2").read_text()
    renderer = Renderer(PreviewOptions(content=content, templates=tpl, audience="staff", length="flash"))
    assert renderer.render().rendered_ok
    (tpl / "brief-staff.html.j2").write_text(base.replace("{% block main %}", "{% block main %}{{ no_such_name }}"))
    snap = renderer.render()
    line = base.split("\n").index(next(l for l in base.split("\n") if "{% block main %}" in l)) + 1
    assert snap.problems == (f"{tpl / 'brief-staff.html.j2'}:{line}: undefined name: 'no_such_name' is undefined",)


def test_which_saves_re_render(content, tmp_path):
    folders = [content / "china-russia", ROOT / "templates"]
    assert relevant({(2, str(content / "china-russia/items.yaml"))}, folders)
    assert relevant({(2, str(ROOT / "templates/brief.css"))}, folders)
    assert not relevant({(2, str(content / "china-russia/.items.yaml.swp"))}, folders)
    assert not relevant({(2, str(content / "china-russia/items.yaml~"))}, folders)
    assert not relevant({(2, str(content / "other-dossier/items.yaml"))}, folders)


def test_every_example_in_the_help_runs_as_written_beside_a_second_dossier(content):
    """Issue 23, item 4: the examples of ``briefgen preview --help`` choose what they show, so
    they still work once content/ holds a second dossier (as the README invites)."""
    import shutil

    from click.testing import CliRunner

    from briefgen.catalog import load_catalog
    from briefgen.cli import cli
    from briefgen.preview.render import pick
    from briefgen.render import Templates

    shutil.copytree(content / "china-russia", content / "second-dossier")
    text = CliRunner().invoke(cli, ["preview", "--help"]).output
    examples = [line.split() for line in text.split("Example:")[1].splitlines()
                if line.strip().startswith("briefgen preview")]
    assert len(examples) >= 2
    catalog = load_catalog(Templates(None).find("catalog.yaml"))
    for words in examples:
        params = cli.commands["preview"].make_context("preview", words[2:] + ["--content", str(content)]).params
        options = PreviewOptions(**params)
        assert resolve_dossier(options).name == "china-russia", words
        assert pick(catalog, options), words


def test_choosing_the_dossier(content, tmp_path):
    assert resolve_dossier(PreviewOptions(content=content)).name == "china-russia"
    with pytest.raises(BuildError) as info:
        resolve_dossier(PreviewOptions(content=content, dossier="nope"))
    assert str(info.value).lstrip(": ") == f"no dossier 'nope' in {content} (dossiers: china-russia)"
    (tmp_path / "empty").mkdir()
    with pytest.raises(BuildError) as info:
        resolve_dossier(PreviewOptions(content=tmp_path / "empty"))
    assert str(info.value).lstrip(": ") == f"{tmp_path / 'empty'}: no dossiers to preview"
