"""Hardening: hostile or mistaken content and templates get a clear error and never read files,
reach the network, run code or destroy a good brief; builds are reproducible."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, WORKDIR, run_briefgen
from extract import docx_text, pdf_text

from briefgen.compose import render
from briefgen.build import BuildOptions, build
from briefgen.errors import ContentError, FetchError, TemplateError
from briefgen.content.load import load_one

# --- helpers ----------------------------------------------------------------------------------


def copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def set_headline(content: Path, text_yaml: str) -> Path:
    """Replace the first item's headline with a raw YAML value; return items.yaml."""
    f = content / "china-russia/items.yaml"
    f.write_text(f.read_text().replace("    headline: An alignment, not an alliance", f"    headline: {text_yaml}", 1))
    return f


def user_templates(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def listener():
    """A local HTTP server that counts every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


# --- errors: located, exit 2, no traceback unless --debug ---------------------------------------


def test_cli_errors_have_no_traceback_unless_debug(tmp_path):
    content = copy_content(tmp_path)
    set_headline(content, "[not, text]")
    proc = run_briefgen("build", "--content", str(content), "--output", str(tmp_path / "o"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().endswith("items[0].headline: expected text, got a list")
    debug = run_briefgen("--debug", "build", "--content", str(content), "--output", str(tmp_path / "o"))
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_unwritable_output_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run_briefgen("build", "--length", "flash", "--audience", "public", "--output", str(blocker))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and str(blocker) in proc.stderr


# --- YAML: values stay as written, through to the outputs --------------------------------------


def test_values_yaml_would_change_reach_the_brief_as_written(tmp_path):
    content = copy_content(tmp_path)
    set_headline(content, "NO 012345 1.10 12:30 yes")
    out = tmp_path / "out"
    build(BuildOptions(content=content, output=out, audience="principal", length="flash"))
    for fmt, text in (("pdf", pdf_text), ("docx", docx_text)):
        assert "NO 012345 1.10 12:30 yes" in text(out / f"china-russia/china-russia-principal-flash.{fmt}")


@pytest.mark.parametrize("raw,needle", [
    ("a: &x 1\nb: *x\n", "anchors (&x) are not allowed"),
    ("a: !!python/object/apply:os.system ['true']\n", "tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"),
    ("a: !!binary aGVsbG8=\n", "tags (tag:yaml.org,2002:binary) are not allowed"),
    ("a: 1\na: 2\n", "duplicate key 'a' (first defined on line 1)"),
])
def test_yaml_traps_in_a_dossier_file(tmp_path, raw, needle):
    content = copy_content(tmp_path)
    (content / "china-russia/extra.yaml").write_text(raw)
    with pytest.raises(ContentError) as info:
        load_one(content / "china-russia")
    assert any(needle in str(p) and "extra.yaml:" in str(p) for p in info.value.errors)


def test_symlinked_yaml_outside_the_dossier_is_refused(tmp_path):
    content = copy_content(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("items: []\n")
    (content / "china-russia/evil.yaml").symlink_to(secret)
    with pytest.raises(ContentError) as info:
        load_one(content / "china-russia")
    assert "evil.yaml: links to a file outside the dossier folder" in str(info.value)


def test_source_file_outside_sources_is_refused(tmp_path):
    content = copy_content(tmp_path)
    f = content / "china-russia/dossier.yaml"
    f.write_text(f.read_text().replace("file: sources/crs-if12100-2022-05-02.txt", "file: sources/../../../etc/passwd"))
    with pytest.raises(ContentError) as info:
        load_one(content / "china-russia")
    assert "dossier.editions[0].captures[1].file: must be a path inside sources/" in str(info.value)


# --- text: forbidden characters are rejected, markup stays text --------------------------------


@pytest.mark.parametrize("char,what", [
    ("\\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\\u202A", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\\uFFFE", "U+FFFE"),
    ("\\uFDD0", "U+FDD0"),
    ("\\u0007", "U+0007"),
    ("\\u001B", "U+001B"),
    ("\\u0085", "U+0085"),
    ("\\uE000", "U+E000"),
    ("\\x00", "U+0000"),
])
def test_forbidden_characters_are_rejected_with_their_code_point(tmp_path, char, what):
    content = copy_content(tmp_path)
    f = set_headline(content, f'"An alignment{char}, not an alliance"')
    with pytest.raises(ContentError) as info:
        load_one(content / "china-russia")
    (msg,) = [str(p) for p in info.value.errors]
    assert msg.startswith(f"{f}:") and "items[0].headline:" in msg and what in msg


def test_raw_control_character_in_a_file_is_located(tmp_path):
    content = copy_content(tmp_path)
    f = content / "china-russia/items.yaml"
    f.write_bytes(f.read_bytes().replace(b"not an alliance", b"not an \x07alliance", 1))
    with pytest.raises(ContentError) as info:
        load_one(content / "china-russia")
    (msg,) = [str(p) for p in info.value.errors]
    assert msg.startswith(f"{f}:9: ")


MARKUP = '<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }} {% if 1 %}X{% endif %} &amp; <b>bold</b>'


def test_html_and_jinja_in_content_are_literal_text_in_both_formats(tmp_path):
    content = copy_content(tmp_path)
    f = content / "china-russia/framing.yaml"
    f.write_text(f.read_text().replace("  text: >-\n    China and Russia are aligned", f"  text: >-\n    {MARKUP} China and Russia are aligned", 1))
    out = tmp_path / "out"
    build(BuildOptions(content=content, output=out, audience="principal", length="flash"))
    for fmt, text in (("pdf", pdf_text), ("docx", docx_text)):
        assert MARKUP in text(out / f"china-russia/china-russia-principal-flash.{fmt}"), fmt
    assert "49" not in pdf_text(out / "china-russia/china-russia-principal-flash.pdf")


# --- templates: sandbox, strictness, limits ------------------------------------------------------

SANDBOX_CASES = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "not allowed in templates: access to attribute '__class__'"),
    ("{{ cycler.__init__.__globals__ }}", "not allowed in templates"),
    ("{{ dossier|attr('__class__') }}", "No filter named 'attr'"),
    ("{{ dossier.title|safe }}", "No filter named 'safe'"),
    ("{{ 'a' * 10**8 }}", "repetition would make 100,000,000 elements"),
    ("{{ 'a'|center(10**9) }}", "filter center: argument 1,000,000,000 is too large"),
    ("{{ 'a'.ljust(10**9) }}", "call to ljust: argument 1,000,000,000 is too large"),
    ("{{ '{:>999999999}'.format(1) }}", "format: field width too large"),
    ("{{ '%*d' % (10**9, 1) }}", "argument 1,000,000,000 is too large"),
    ("{{ range(10**9)|list }}", "too large"),
    ("{{ ('a'*100000)|replace('a', 'a'*100000) }}", "filter replace: result would be too large"),
    ("{{ lipsum(5) }}", "undefined name"),
    ("{{ no_such_name }}", "undefined name: 'no_such_name' is undefined"),
    ("{% for x in %}", "template syntax: Expected an expression"),
    ("{% include '/etc/passwd' %}", "template not found"),
    ("{% include '../../../etc/passwd' %}", "template not found"),
]


@pytest.mark.parametrize("source,message", SANDBOX_CASES)
def test_template_sandbox(tmp_path, source, message):
    tpl = user_templates(tmp_path, {"brief-principal.html.j2": "line one\n" + source + "\n"})
    with pytest.raises(TemplateError) as info:
        build(BuildOptions(content=CONTENT, output=tmp_path / "o", audience="principal",
                           length="flash", templates=tpl))
    msg = str(info.value)
    assert message in msg
    if "not found" not in message:
        assert f"{tpl / 'brief-principal.html.j2'}:2:" in msg


def test_a_render_that_runs_too_long_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "TIME_LIMIT_S", 1.0)
    tpl = user_templates(tmp_path, {"brief-principal.html.j2":
                                    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"})
    with pytest.raises(TemplateError) as info:
        build(BuildOptions(content=CONTENT, output=tmp_path / "o", audience="principal", length="flash",
                           templates=tpl, jobs=1))
    assert "took longer than 1 s" in str(info.value)


def test_markup_outside_the_vocabulary_is_refused(tmp_path):
    # missing alt text and skipped heading levels: the accessibility gate (tests/test_a11y.py)
    base = (ROOT / "templates/brief-principal.html.j2").read_text()
    for extra, message in [
        ("<script>alert(1)</script>", "<script> is not part of the briefgen HTML vocabulary"),
        ('<p style="color:red">x</p>', "attribute 'style' on <p> is not part of the vocabulary"),
        ('<a href="https://example.com">x</a>', "only links inside the document (#id) are allowed"),
        ('<a rel="attachment" href="file:///etc/passwd">x</a>', "only links inside the document"),
        ('<p onclick="x()">x</p>', "attribute 'onclick'"),
    ]:
        tpl = user_templates(tmp_path, {"brief-principal.html.j2": base.replace("{% block main %}", "{% block main %}" + extra)})
        with pytest.raises(TemplateError) as info:
            build(BuildOptions(content=CONTENT, output=tmp_path / "o", audience="principal", length="flash", templates=tpl))
        assert message in str(info.value), extra
        line = base.replace("{% block main %}", "{% block main %}" + extra).split("\n").index(
            next(l for l in base.replace("{% block main %}", "{% block main %}" + extra).split("\n") if extra in l)) + 1
        assert str(info.value).startswith(f"{tpl / 'brief-principal.html.j2'}:{line}: "), str(info.value)


# --- fetching: only template files and data: URLs; the listener must count 0 -------------------


def fetch_cases(url: str) -> list[tuple[dict, str]]:
    css = (ROOT / "templates/brief.css").read_text()
    base = (ROOT / "templates/brief-principal.html.j2").read_text()

    def with_img(src: str) -> str:
        return base.replace("{% block main %}", f'{{% block main %}}<img src="{src}" alt="x">')

    return [
        ({"brief.css": f'@import url("{url}/import.css");\n' + css}, "outside the templates folder"),
        ({"brief.css": css + f'\n@font-face {{ font-family: X; src: url("{url}/font.woff"); }}\n'}, "outside the templates folder"),
        ({"brief.css": css + f'\nbody {{ background: url("{url}/bg.png"); }}\n'}, "outside the templates folder"),
        ({"brief.css": css + '\nbody { background: url("file:///etc/passwd"); }\n'}, "outside the templates folder"),
        ({"brief-principal.html.j2": with_img(f"{url}/img.png")}, "outside the templates folder"),
        ({"brief-principal.html.j2": with_img("file:///etc/hostname")}, "outside the templates folder"),
        ({"brief-principal.html.j2": with_img("missing.png")}, "missing.png is not in the templates folder"),
        ({"brief.css": css.replace("font-family: Carlito, Calibri, sans-serif;", "font-family: NoSuchFont, sans-serif;", 1)},
         "font 'NoSuchFont' is not installed"),
    ]


def test_no_request_leaves_the_machine_and_no_file_outside_templates_is_read(tmp_path, listener):
    url, hits = listener
    for n, (files, message) in enumerate(fetch_cases(url)):
        tpl = user_templates(tmp_path / str(n), files) if (tmp_path / str(n)).mkdir() is None else None
        with pytest.raises(FetchError) as info:
            build(BuildOptions(content=CONTENT, output=tmp_path / "o", audience="principal",
                               length="flash", format="pdf", templates=tpl, force=True))
        assert message in str(info.value), (files, str(info.value))
    assert hits == []


def test_template_files_and_data_urls_are_allowed(tmp_path):
    png = (ROOT / "tests/data/dot.png")
    base = (ROOT / "templates/brief-principal.html.j2").read_text()
    tpl = user_templates(tmp_path, {"brief-principal.html.j2": base.replace(
        "{% block main %}", '{% block main %}<img src="dot.png" alt="A dot"><img src="data:image/png;base64,'
        + __import__("base64").b64encode(png.read_bytes()).decode() + '" alt="Another dot">')})
    shutil.copy(png, tpl / "dot.png")
    build(BuildOptions(content=CONTENT, output=tmp_path / "o", audience="principal", length="flash",
                       format="pdf", templates=tpl))


# --- layout: long words and wide tables stay on the page ---------------------------------------


def _max_right_edge(html: str, stylesheet: str = "brief.css") -> tuple[float, float]:
    from briefgen.compose.render import Templates
    from briefgen.write.pdf import PdfWriter

    rendered = PdfWriter(Templates()).render(html, stylesheet, "layout-test")
    worst = 0.0
    page_box = rendered.document.pages[0]._page_box
    right_limit = page_box.content_box_x() + page_box.width
    for page in rendered.document.pages:
        for box in page._page_box.descendants():
            if hasattr(box, "position_x") and getattr(box, "element_tag", "") not in ("html", "body"):
                if type(box).__name__ in ("TextBox", "LineBox", "BlockBox", "TableBox", "TableCellBox"):
                    worst = max(worst, box.position_x + box.margin_width())
    return worst, right_limit


def test_overlong_word_and_wide_table_stay_inside_the_page():
    word = "Supercalifragilistic" * 20
    cells = "".join(f"<td>{word[:60]}{i}</td>" for i in range(12))
    html = ("<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><main>"
            f"<p>{word}</p><ul><li>{word}</li></ul>"
            f"<table><thead><tr>{''.join(f'<th>Column{i}</th>' for i in range(12))}</tr></thead>"
            f"<tbody><tr>{cells}</tr></tbody></table></main></body></html>")
    worst, limit = _max_right_edge(html)
    assert worst <= limit + 0.5


def test_overlong_word_in_content_builds_within_budget(tmp_path):
    content = copy_content(tmp_path)
    set_headline(content, "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6)
    report = build(BuildOptions(content=content, output=tmp_path / "o", audience="principal",
                                length="flash", verify_docx=True))
    assert all(o.pages == 1 for o in report.outputs if o.format != "html")  # a web page has no pages


# --- nothing lost: atomic outputs, failed builds, concurrent builds ----------------------------


def test_failed_content_build_leaves_outputs_and_manifest_byte_identical(tmp_path):
    content = copy_content(tmp_path)
    out = tmp_path / "out"
    build(BuildOptions(content=content, output=out, audience="staff", length="flash"))
    before = snapshot(out / "china-russia")
    set_headline(content, '"bad \\u202e text"')
    proc = run_briefgen("build", "--content", str(content), "--output", str(out), "--audience", "staff")
    assert proc.returncode == 2
    assert snapshot(out / "china-russia") == before


def test_concurrent_builds_never_leave_torn_or_mixed_files(tmp_path):
    out = tmp_path / "out"
    css = (ROOT / "templates/brief.css").read_text()
    tpl_a = user_templates(tmp_path / "a", {"brief.css": css}) if (tmp_path / "a").mkdir() is None else None
    tpl_b = user_templates(tmp_path / "b", {"brief.css": css.replace("#1f3a5f", "#5f1f3a")}) if (tmp_path / "b").mkdir() is None else None
    cmd = [sys.executable, "-m", "briefgen.cli", "build", "--audience", "public", "--output", str(out), "--force"]
    procs = [subprocess.Popen(cmd + ["--templates", str(t)], cwd=WORKDIR, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for t in (tpl_a, tpl_b, tpl_a)]
    for p in procs:
        assert p.wait(timeout=600) == 0, p.stderr.read()
    manifest = json.loads((out / "china-russia/manifest.json").read_text())
    import hashlib

    for entry in manifest["outputs"]:
        data = (out / "china-russia" / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
    assert not [p for p in (out / "china-russia").iterdir() if p.name.startswith((".staging", ".manifest"))]


# --- reproducible builds ------------------------------------------------------------------------


def _hashes(out: Path) -> dict[str, str]:
    return {o["file"]: o["sha256"] for o in json.loads((out / "china-russia/manifest.json").read_text())["outputs"]}


def test_two_builds_in_separate_processes_are_byte_identical(tmp_path):
    for name in ("a", "b"):
        proc = run_briefgen("build", "--output", str(tmp_path / name), "--length", "two-page")
        assert proc.returncode == 0, proc.stderr
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")
    for f in (tmp_path / "a/china-russia").glob("*.*"):
        if f.is_dir():
            continue
        assert f.read_bytes() == (tmp_path / "b/china-russia" / f.name).read_bytes()


def test_source_date_epoch_sets_document_dates(tmp_path):
    import pikepdf

    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")  # 2023-11-14
    for name in ("a", "b"):
        subprocess.run([sys.executable, "-m", "briefgen.cli", "build", "--output", str(tmp_path / name),
                        "--audience", "public", "--length", "flash"], cwd=WORKDIR, env=env, check=True,
                       capture_output=True)
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")
    with pikepdf.open(tmp_path / "a/china-russia/china-russia-public-flash.pdf") as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20231114")
    import docx

    props = docx.Document(str(tmp_path / "a/china-russia/china-russia-public-flash.docx")).core_properties
    assert props.created.date().isoformat() == "2023-11-14"


# --- names and dates (issue 23, item 19) -------------------------------------------------------

IF12100 = ROOT / "tests/data/reports/crs-if12100-2023-09-13.txt"


def test_a_name_holding_a_line_break_is_reported_on_one_line(tmp_path):
    proc = run_briefgen("distill", str(IF12100), "--dossier", "x\n", "--content", str(tmp_path / "c"))
    assert proc.returncode == 2
    assert proc.stderr == ("--dossier 'x\\n': a dossier name is lower-case letters, digits and hyphens "
                           "(e.g. china-russia)\n")
    proc = run_briefgen("check", "--dossier", "china\x1b[2Jrussia\n")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "\\x1b[2J" in proc.stderr, proc.stderr


def test_update_of_the_memos_folder_says_it_is_no_dossier_in_one_line(content, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(IF12100.read_text())
    proc = run_briefgen("update", "memos", str(report), "--content", str(content))
    assert proc.returncode == 2
    assert proc.stderr == f"'memos' is not a dossier: {content / 'memos'} holds memos (briefgen memo builds them)\n"


def test_update_refuses_an_empty_date(content, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(IF12100.read_text().replace("Sept. 13, 2023", "March 1, 2024"))
    before = sorted((content / "china-russia").rglob("*"))
    proc = run_briefgen("update", "china-russia", str(report), "--content", str(content), "--date", "")
    assert proc.returncode == 2, proc.stdout
    assert "Error: Invalid value for --date: '' is not YYYY-MM-DD" in proc.stderr
    assert sorted((content / "china-russia").rglob("*")) == before


def _edition(tmp_path: Path, content: Path, date: str, name: str) -> Path:
    from bench_update import later_edition

    report = tmp_path / name
    report.write_text(later_edition((content / "china-russia/sources/crs-if12100-2023-09-13.txt").read_text())
                      .replace("March 1, 2024", date))
    return report


def _update(content: Path, report: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "briefgen.cli", "update", "china-russia", str(report),
                             "--content", str(content)], cwd=WORKDIR, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_an_update_waits_while_another_command_changes_the_content(content, tmp_path):
    import fcntl

    report = _edition(tmp_path, content, "March 1, 2024", "if12100-2024.txt")
    meta = (content / "china-russia/dossier.yaml").read_bytes()
    held = os.open(content, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a running update or distill holds it
    try:
        proc = _update(content, report)
        line = proc.stderr.readline()  # at once, before it reads the dossier
        assert line == f"waiting: another briefgen command is changing {content}/ …\n", line
        assert proc.poll() is None and (content / "china-russia/dossier.yaml").read_bytes() == meta
    finally:
        fcntl.flock(held, fcntl.LOCK_UN)
        os.close(held)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err  # stale claims, as any later edition here
    assert out.startswith("edition 2024-03-01 added;")


def test_sigterm_to_a_waiting_update_stops_it_cleanly(content, tmp_path):
    import fcntl
    import signal

    report = _edition(tmp_path, content, "March 1, 2024", "if12100-2024.txt")
    before = sorted(p.name for p in content.rglob("*"))
    held = os.open(content, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        proc = _update(content, report)
        assert proc.stderr.readline().startswith("waiting:")
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(held)
    assert proc.returncode == 128 + signal.SIGTERM and err.strip() == "stopped by SIGTERM", err
    assert sorted(p.name for p in content.rglob("*")) == before


def test_two_updates_at_once_both_add_their_edition(content, tmp_path):
    first = _update(content, _edition(tmp_path, content, "March 1, 2024", "if12100-2024-03.txt"))
    second = _update(content, _edition(tmp_path, content, "June 3, 2024", "if12100-2024-06.txt"))
    for proc in (first, second):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 1, err
    dossier = load_one(content / "china-russia")
    assert dossier.ordered[-2:] == ["2024-03-01", "2024-06-03"]
    assert {p.name for p in (content / "china-russia/sources").iterdir()} >= {"if12100-2024-03.txt",
                                                                               "if12100-2024-06.txt"}


# --- signals (issue 23, item 21) ----------------------------------------------------------------


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if proc.name.isdigit() and text in cmdline:
            found.append(f"{proc.name}: {cmdline[:120]}")
    return found


def test_sigterm_during_the_accessibility_gate_removes_the_browser_and_its_profile(tmp_path):
    import signal
    import time

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "briefgen.cli", "build", "--dossier", "china-russia",
                             "--format", "html", "--output", str(out)], cwd=WORKDIR,
                            env={**os.environ, "TMPDIR": str(tmp)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 120
    while not list(tmp.glob("briefgen-chromium-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp.glob("briefgen-chromium-*")), "the gate's browser never started"
    time.sleep(0.5)  # the browser runs (a CI cancel, `timeout`)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert err.strip() == "stopped by SIGTERM" and "Traceback" not in err
    assert list(tmp.iterdir()) == []  # no briefgen-chromium-* profile folder, nothing else
    assert _processes_mentioning(str(tmp_path)) == []  # no worker, no browser
    assert not (out / "china-russia" / "manifest.json").exists()


def test_ctrl_c_while_the_workers_start_prints_no_worker_traceback():
    # Ctrl-C goes to the whole process group: a worker that meets it between its fork and its
    # set-up printed multiprocessing's "_after_fork" traceback. Here it meets it right there.
    code = """
import multiprocessing.process as mpp, os, signal
from briefgen.build import build as _  # noqa: F401 - the build's modules, as a build has them
from briefgen.build.pool import start_pool, stop_pool
from briefgen.build.signals import INTERRUPT

after_fork = mpp.BaseProcess._after_fork
def interrupted_after_fork():
    os.kill(os.getpid(), signal.SIGINT)
    after_fork()
mpp.BaseProcess._after_fork = staticmethod(interrupted_after_fork)
with INTERRUPT:
    pool = start_pool(2, None)
    print(sorted(pool.map(abs, [-1, -2, -3])))
    stop_pool(pool, False)
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=WORKDIR, capture_output=True, text=True, timeout=300)
    assert proc.stderr == "" and proc.stdout == "[1, 2, 3]\n", proc.stderr


# --- figures (issue 23, item 22) ----------------------------------------------------------------


def figure_cases(url: str) -> list[tuple[str, str]]:
    svg = (ROOT / "templates/timeline.svg.j2").read_text()
    return [
        (svg + f'<img src="{url}/after.png">\n', "not a well-formed SVG document (Extra content at the end of the document)"),
        (svg.replace("</svg>", f'<image href="{url}/x.png" width="9" height="9"/>\n</svg>'), f"'{url}/x.png' is outside the figure"),
        (svg.replace("</svg>", '<a href="file:///etc/passwd"><text>x</text></a>\n</svg>'), "'file:///etc/passwd' is outside"),
        (svg.replace("<svg ", f'<?xml-stylesheet href="{url}/x.css"?>\n<svg ', 1), "no processing instruction"),
        (svg.replace("</svg>", f'<style>@import "{url}/x.css";</style>\n</svg>'), f"'{url}/x.css' is outside the figure"),
    ]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_figure_template_that_loads_or_attaches_anything_is_named_with_its_line(tmp_path, listener, fmt):
    url, hits = listener
    for n, (svg, message) in enumerate(figure_cases(url)):
        tpl = user_templates(tmp_path / str(n), {}) if (tmp_path / str(n)).mkdir() is None else None
        (tpl / "timeline.svg.j2").write_text(svg)
        culprit = next(i for i, line in enumerate(svg.splitlines(), 1)
                       if any(s in line for s in ("after.png", "x.png", "passwd", "x.css")))
        with pytest.raises(TemplateError) as info:
            build(BuildOptions(content=CONTENT, output=tmp_path / "o", audience="staff", length="two-page",
                               format=fmt, templates=tpl, force=True))
        assert str(info.value).startswith(f"{tpl / 'timeline.svg.j2'}:{culprit}: figure timeline.svg.j2: "), str(info.value)
        assert message in str(info.value)
    assert hits == []
