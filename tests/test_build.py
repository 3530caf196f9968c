"""build(): narrowing, caching, atomic outputs, template overrides, fit failures, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CONTENT, ROOT, WORKDIR, opts, run_briefgen

from briefgen.build import BuildOptions, build
from briefgen.cli import cli
from briefgen.errors import BuildError, FitError, TemplateError


def test_narrowed_build_writes_only_what_was_asked(tmp_path):
    report = build(opts(tmp_path, audience="principal", length="flash", format="pdf"))
    folder = tmp_path / "out/china-russia"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "china-russia-principal-flash.pdf", "manifest.json"]
    assert report.rendered == 1


def test_unknown_audience_is_a_clear_error(tmp_path):
    with pytest.raises(BuildError) as info:
        build(opts(tmp_path, audience="minister"))
    assert str(info.value) == ": unknown audience 'minister' (known: principal, staff, public)".lstrip(": ") or \
        "unknown audience 'minister' (known: principal, staff, public)" in str(info.value)


def test_noop_rebuild_renders_nothing_and_changes_no_byte(tmp_path):
    o = opts(tmp_path, audience="staff", length="one-page")
    build(o)
    folder = tmp_path / "out/china-russia"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    report = build(o)
    assert report.rendered == 0 and report.reused == 3 and report.renders == 0  # pdf, docx, html
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_editing_one_item_rerenders_only_briefs_that_include_it(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    o = opts(tmp_path, content=content, audience="principal", format="pdf")
    build(o)
    manifest = json.loads((tmp_path / "out/china-russia/manifest.json").read_text())
    included = {o["length"]: [i for i, _ in o["plan"]["items"]] for o in manifest["outputs"]}
    # the lowest-priority item is in the full brief but not in flash (nor next in line for it)
    assert "bri-eeu" in included["full"] and "bri-eeu" not in included["flash"]
    items = content / "china-russia/items.yaml"
    items.write_text(items.read_text().replace(
        "overlapping ventures, such as the BRI and the EEU.\n    plain",
        "overlapping ventures, such as the BRI and the EEU, the two said.\n    plain"))
    report = build(o)
    rebuilt = sorted(out.length for out in report.outputs if not out.reused)
    assert rebuilt == ["full", "two-page"]


def test_a_failed_build_leaves_previous_outputs_untouched(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    o = opts(tmp_path, content=content, audience="public", length="flash")
    build(o)
    folder = tmp_path / "out/china-russia"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "brief-public.html.j2").write_text('{% extends "_base.html.j2" %}{% block main %}{{ nope }}{% endblock %}')
    with pytest.raises(TemplateError) as info:
        build(opts(tmp_path, content=content, audience="public", length="flash", templates=templates, force=True))
    assert "brief-public.html.j2:1" in str(info.value) and "nope" in str(info.value)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".staging")]


def test_user_templates_override_file_by_file(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    base = (ROOT / "templates/brief-principal.html.j2").read_text()
    (templates / "brief-principal.html.j2").write_text(base.replace("Key points", "Main points"))
    build(opts(tmp_path, audience="principal", length="one-page", templates=templates))
    from extract import docx_lines, pdf_text

    folder = tmp_path / "out/china-russia"
    assert "Heading 1 | Main points" in docx_lines(folder / "china-russia-principal-one-page.docx")
    assert "Main points" in pdf_text(folder / "china-russia-principal-one-page.pdf")


def test_catalog_is_data_a_new_length_needs_no_code(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    catalog = (ROOT / "templates/catalog.yaml").read_text()
    catalog = catalog.replace("lengths:\n", "lengths:\n  half-page:\n    label: Half page\n    max_pages: 1\n    max_words: 90\n", 1)
    for audience in ("principal", "staff", "public"):
        catalog = catalog.replace(f"  {audience}:\n", f"  {audience}:\n", 1)
    catalog = catalog.replace("    layouts:\n", "    layouts:\n      half-page:\n        layer: headline\n        min_items: 2\n        sections: [key_points]\n")
    (templates / "catalog.yaml").write_text(catalog)
    report = build(opts(tmp_path, audience="principal", length="half-page", format="pdf", templates=templates))
    (out,) = report.outputs
    assert out.file == "china-russia-principal-half-page.pdf" and out.words <= 90


def test_brief_that_cannot_fit_fails_naming_it_and_by_how_much(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    catalog = (ROOT / "templates/catalog.yaml").read_text()
    catalog = catalog.replace("    max_words: 150\n", "    max_words: 20\n")
    (templates / "catalog.yaml").write_text(catalog)
    with pytest.raises(FitError) as info:
        build(opts(tmp_path, audience="staff", length="flash", templates=templates))
    msg = str(info.value)
    assert msg.startswith("china-russia-staff-flash: cannot fit 20 words of body: ")
    assert "over)" in msg
    assert not (tmp_path / "out/china-russia/manifest.json").exists()


def test_outputs_are_reproducible(tmp_path):
    a = build(BuildOptions(content=CONTENT, output=tmp_path / "a", audience="staff", length="two-page"))
    b = build(BuildOptions(content=CONTENT, output=tmp_path / "b", audience="staff", length="two-page"))
    assert {o.file: o.sha256 for o in a.outputs} == {o.file: o.sha256 for o in b.outputs}
    assert (tmp_path / "a/china-russia/manifest.json").read_bytes() == (tmp_path / "b/china-russia/manifest.json").read_bytes()


# --- a rebuild lays out only what changed: one layout per PDF, none for DOCX -------------------


def test_forced_rebuild_renders_once_per_pdf_and_docx_only_builds_lay_nothing_out(tmp_path):
    build(opts(tmp_path, audience="staff"))
    again = build(opts(tmp_path, audience="staff", force=True))
    assert again.rendered == 12 and again.renders == 4  # one layout per PDF: the previous plan holds
    for p in (tmp_path / "out/china-russia").glob("*.docx"):
        p.unlink()
    docx = build(opts(tmp_path, audience="staff", format="docx"))
    assert docx.rendered == 4 and docx.renders == 0


# --- CLI ------------------------------------------------------------------------------------

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example_and_a_readme_mention(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"briefgen {name}" in result.output
    assert f"briefgen {name}" in (ROOT / "README.md").read_text()


def test_help_lists_every_command_with_a_whole_summary():
    """`briefgen --help` shows each command's whole summary, never one cut off with '...'."""
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


def test_list_shows_audiences_and_lengths():
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == 0
    for word in ("principal", "staff", "public", "flash", "one-page", "two-page", "full", "150 words"):
        assert word in result.output


def test_build_cli_prints_progress_and_a_summary_table(tmp_path):
    proc = run_briefgen("build", "--audience", "public", "--length", "flash", "--output", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("built       china-russia-public-flash.")
    assert "output" in lines[4] and "pages/budget" in lines[4]  # after pdf, docx, html and a blank line
    assert lines[-1] == "3 outputs: 3 built, 0 up to date, 1 layout renders"


def test_build_cli_error_exit_2_without_traceback(tmp_path):
    proc = run_briefgen("build", "--length", "tweet", "--output", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.strip() == "unknown length 'tweet' (known: flash, one-page, two-page, full)"


def test_noop_fast_path_still_notices_a_changed_output(tmp_path):
    o = opts(tmp_path, audience="public", length="flash")
    build(o)
    target = tmp_path / "out/china-russia/china-russia-public-flash.pdf"
    good = target.read_bytes()
    manifest = json.loads((tmp_path / "out/china-russia/manifest.json").read_text())
    assert manifest["inputs"]  # the raw-input keys the fast path compares
    target.write_bytes(b"%PDF-1.7 tampered")
    report = build(o)
    assert report.rendered == 1 and target.read_bytes() == good


def test_noop_fast_path_notices_a_content_edit(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    o = opts(tmp_path, content=content, audience="public", length="flash")
    build(o)
    assert build(o).rendered == 0
    items = content / "china-russia/items.yaml"
    items.write_text(items.read_text().replace("They have no pact", "They have no treaty pact"))
    assert build(o).rendered == 3  # pdf, docx, html


@pytest.mark.parametrize("args", [["--help"], ["list"], ["check"], ["build"]])
def test_quick_commands_never_import_weasyprint(args, tmp_path):
    """--help, list, check and a no-op build stay fast: WeasyPrint is imported only to render."""
    import subprocess
    import sys

    if args == ["build"]:
        build(opts(tmp_path, audience="public", length="flash"))
        args = ["build", "--audience", "public", "--length", "flash", "--output", str(tmp_path / "out")]
    code = ("import sys\nfrom briefgen.cli import main\nsys.argv = ['briefgen'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('WEASYPRINT' if 'weasyprint' in sys.modules else 'NO-WEASYPRINT', file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=WORKDIR, capture_output=True, text=True)
    assert proc.stderr.strip().endswith("NO-WEASYPRINT"), proc.stderr


def test_catalog_mistakes_are_located(tmp_path):
    from briefgen.errors import ContentError

    templates = tmp_path / "tpl"
    templates.mkdir()
    catalog = (ROOT / "templates/catalog.yaml").read_text()
    catalog = catalog.replace("    max_pages: 2\n", "    max_page: 2\n", 1)
    (templates / "catalog.yaml").write_text(catalog)
    line = catalog.split("\n").index("    max_page: 2") + 1
    with pytest.raises(ContentError) as info:
        build(opts(tmp_path, templates=templates))
    msgs = [str(p) for p in info.value.errors]
    assert f"{templates / 'catalog.yaml'}:{line}: lengths.two-page.max_page: unknown field 'max_page' (did you mean 'max_pages'?)" in msgs


def test_a_rebuild_of_the_same_bytes_reuses_their_rule_checks_and_grade(tmp_path, monkeypatch):
    """--force that writes the same bytes under the same key (rules and code included) reuses
    what the previous build measured of them: their accessibility checks passed when they were
    written, and the grade is the same. A different key (e.g. changed rules) checks again."""
    import briefgen.a11y as a11y
    import briefgen.compose.readability as readability

    checked, graded = [], []
    check_bytes, prose_grade = a11y.check_bytes, readability.prose_grade
    monkeypatch.setattr(a11y, "check_bytes", lambda kind, data: checked.append(kind) or check_bytes(kind, data))
    monkeypatch.setattr(readability, "prose_grade", lambda html: graded.append(1) or prose_grade(html))
    o = opts(tmp_path, audience="staff", length="two-page", format="pdf")
    manifest_file = tmp_path / "out/china-russia/manifest.json"
    build(o)
    first = json.loads(manifest_file.read_text())
    assert (checked, len(graded)) == (["pdf"], 1)

    checked.clear(), graded.clear()
    build(BuildOptions(**{**o.__dict__, "force": True}))
    assert (checked, graded) == ([], [])
    assert json.loads(manifest_file.read_text())["outputs"] == first["outputs"]  # the same grade, and all

    manifest = json.loads(manifest_file.read_text())
    records = manifest["outputs"] if isinstance(manifest["outputs"], list) else list(manifest["outputs"].values())
    for record in records:
        record["key"] = "0" * 64  # as if the rules (code) had changed since
    manifest_file.write_text(json.dumps(manifest))
    build(BuildOptions(**{**o.__dict__, "force": True}))
    assert (checked, len(graded)) == (["pdf"], 1)
    assert json.loads(manifest_file.read_text())["outputs"] == first["outputs"]


def test_results_are_taken_as_workers_finish_and_the_first_failure_in_job_order_is_raised(monkeypatch):
    """The build takes each brief as its worker finishes it (so its checks overlap the rest of
    the rendering); when several jobs fail, the error raised does not depend on which worker
    was quicker: it is the first failed job's in the build's order."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    import briefgen.build as B

    finished = []
    gate = threading.Event()

    def fake_job(job):
        if job["n"] == 0:
            gate.wait(10)  # the first job finishes last
        time.sleep(0.01 * job["n"])
        finished.append(job["n"])
        if job.get("fail"):
            raise FitError(f"job {job['n']} failed")
        if job["n"] == 3:
            gate.set()
        return {"n": job["n"]}

    monkeypatch.setattr(B, "run_job", fake_job)
    work = [(f"plan{n}", {"n": n}) for n in range(4)]
    with ThreadPoolExecutor(4) as pool:
        taken = [result["n"] for _, result in B._as_finished(pool, work)]
    assert taken[-1] == 0 and sorted(taken) == [0, 1, 2, 3]

    gate.clear()
    work = [(f"plan{n}", {"n": n, "fail": n in (0, 2)}) for n in range(4)]
    with ThreadPoolExecutor(4) as pool, pytest.raises(FitError, match="job 0 failed"):
        list(B._as_finished(pool, work))

    # after a failure every job still runs to its end (none is cancelled: see _as_finished), and
    # the error is still the first failed job's
    finished.clear()
    work = [(f"plan{n}", {"n": n + 1, "fail": n in (0, 3)}) for n in range(6)]
    with ThreadPoolExecutor(1) as pool, pytest.raises(FitError, match="job 1 failed"):
        list(B._as_finished(pool, work))
    assert sorted(finished) == [1, 2, 3, 4, 5, 6]


def test_a_ctrl_c_swallowed_by_a_destructor_still_stops_the_build_before_it_writes(tmp_path, monkeypatch):
    """Python prints and ignores a KeyboardInterrupt raised inside an object's __del__ (seen
    with ZipFile.__del__ in the parent's DOCX check): the build then carried on and committed,
    exit 0. The build's handler remembers the signal and stops before anything is written."""
    import signal

    import briefgen.build as B

    original = B.stage
    calls = []

    def stage(*args, **kwargs):
        staged = original(*args, **kwargs)
        if not calls:
            calls.append(1)
            try:  # Ctrl-C arrives while a destructor runs: the exception goes nowhere
                signal.getsignal(signal.SIGINT)(signal.SIGINT, None)
            except KeyboardInterrupt:
                pass
        return staged

    monkeypatch.setattr(B, "stage", stage)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        build(BuildOptions(content=CONTENT, output=out, audience="public", jobs=1))
    assert calls == [1]
    assert not list(out.glob("*/*.pdf")) and not list(out.glob("*/manifest.json"))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
