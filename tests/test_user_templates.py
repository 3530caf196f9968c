"""A user's templates folder (--templates): a file that overrides nothing is named with a
did-you-mean, and every mistake in a template, the catalog or a stylesheet is a located error
(file and line, exit 2, no traceback) that leaves the outputs untouched."""

from __future__ import annotations

import pytest
from conftest import CONTENT, NARROW, ROOT, build_principal_flash, opts, run_briefgen, snapshot_tree

from briefgen.build import build
from briefgen.errors import BuildError, FetchError
from briefgen.memo.make import build_memos


# --- a user template file that nothing uses is named, with a did-you-mean -------------------------


def test_misnamed_user_template_is_a_warning_with_did_you_mean(tmp_path):
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


# --- templates and the catalog: located errors, outputs untouched ---------------------------------


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
    out = tmp_path / "out"
    before = build_principal_flash(CONTENT, out)
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "brief-principal.html.j2").write_text(source)
    proc = run_briefgen("build", "--templates", str(tpl), "--output", str(out), "--audience", "principal",
                        "--length", "flash")
    assert proc.returncode == 2 and "internal error" not in proc.stderr
    assert proc.stderr.startswith(f"{tpl / 'brief-principal.html.j2'}:{line}: template not found: {missing} (looked in ")
    assert snapshot_tree(out) == before


def test_catalog_naming_a_missing_template_is_located_in_the_catalog(tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    catalog = (ROOT / "templates/catalog.yaml").read_text()
    old = "template: brief-principal.html.j2"
    line = catalog[: catalog.index(old)].count("\n") + 1
    (tpl / "catalog.yaml").write_text(catalog.replace(old, "template: brief-pricipal.html.j2"))
    proc = run_briefgen("build", "--templates", str(tpl), "--output", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert f"catalog.yaml:{line}: audiences.principal.template: no template 'brief-pricipal.html.j2'" in proc.stderr


def test_a_refused_catalog_prints_no_worker_traceback(tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    text = (ROOT / "templates/catalog.yaml").read_text()
    (tpl / "catalog.yaml").write_text(text.replace("template: brief-staff.html.j2", "template: ../../x.html.j2"))
    result = run_briefgen("build", "--output", str(tmp_path / "out"), "--templates", str(tpl))
    assert result.returncode == 2
    assert "catalog.yaml:" in result.stderr and "audiences.staff.template" in result.stderr
    assert "Traceback" not in result.stderr and "Exception in initializer" not in result.stderr


def test_template_output_nested_too_deep_is_a_located_error(tmp_path):
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


def test_notes_cited_without_a_notes_list_is_located(tmp_path):
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


def test_template_asking_for_a_missing_word_style_is_located(tmp_path):
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


# --- a fetch the build refuses names the stylesheet or template and its line ---------------------


def test_a_refused_fetch_names_the_stylesheet_and_line(tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    css = (ROOT / "templates/brief.css").read_text()
    (tpl / "brief.css").write_text(css + '\nbody { background: url("file:///etc/passwd"); }\n')
    line = len(css.splitlines()) + 2
    with pytest.raises(FetchError) as info:
        build(opts(tmp_path, templates=tpl, format="pdf", **NARROW))
    assert str(info.value).startswith(f"{tpl / 'brief.css'}:{line}: "), str(info.value)
    assert "china-russia-principal-flash" in str(info.value)


def test_a_refused_fetch_names_the_template_and_line(tmp_path, listener=None):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    base = (ROOT / "templates/brief-principal.html.j2").read_text()
    text = base.replace("{% block main %}", '{% block main %}<img src="http://127.0.0.1:9/x.png" alt="x">')
    (tpl / "brief-principal.html.j2").write_text(text)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "127.0.0.1:9" in t)
    with pytest.raises(FetchError) as info:
        build(opts(tmp_path, templates=tpl, format="pdf", **NARROW))
    assert str(info.value).startswith(f"{tpl / 'brief-principal.html.j2'}:{line}: "), str(info.value)
