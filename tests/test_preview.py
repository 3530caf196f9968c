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

    from briefgen.compose.catalog import load_catalog
    from briefgen.cli import cli
    from briefgen.preview.render import pick
    from briefgen.compose.render import Templates

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


# --- the server: who it answers, how many at once, bad requests (issue 23, item 20) ---------------

import http.client  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

from briefgen.preview import Preview  # noqa: E402
from briefgen.preview import server as server_module  # noqa: E402


@pytest.fixture
def serve(content, monkeypatch):
    """Start a preview server (no render: the page says "No render yet") with given limits."""
    started = []

    def serve(max_connections: int = 4, idle_timeout_seconds: float = 1):
        small = {"max_connections": max_connections, "listen_backlog": 128, "idle_timeout_seconds": idle_timeout_seconds}
        monkeypatch.setattr(server_module, "limits", lambda: small, raising=False)
        said: list[str] = []
        running = Preview(PreviewOptions(content=content, audience="public", length="flash"), said.append)
        thread = threading.Thread(target=running.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        started.append((running, thread))
        return running.server, said

    yield serve
    for running, thread in started:
        running.stop()
        thread.join(10)


@pytest.fixture
def server(serve):
    return serve()


def ask(server, path: str = "/", host: str | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
    for key, value in (headers or {}).items():
        connection.putheader(key, value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_the_server_answers_only_its_own_host_names(server):
    """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends
    'Host: evil.example:PORT'; it gets 403, and nothing of the brief."""
    srv, said = server
    port = srv.server_address[1]
    assert ask(srv)[0] == 200 and ask(srv, host=f"localhost:{port}")[0] == 200
    assert ask(srv, host=f"LOCALHOST:{port}")[0] == 200
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", f"127.0.0.1.evil.example:{port}", ""):
        status, body = ask(srv, "/version", host=host)
        assert status == 403 and b"Preview" not in body, host
    assert ask(srv, "/version", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"})[0] == 403
    assert ask(srv, "/", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})[0] == 200
    assert ask(srv, "/checks", headers={"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"})[0] == 200
    assert said[0] == (f"preview: refused a request for host 'evil.example:{port}': the preview answers only "
                       f"127.0.0.1:{port} and localhost:{port}")


def test_a_bad_events_request_gets_400_and_one_line_not_a_traceback(server, capfd):
    srv, said = server
    for since in ("abc", "-1", "1e3", "9" * 40):
        status, body = ask(srv, f"/events?since={since}")
        assert status == 400 and b"'since' must be a render number" in body, since
    assert said == ["preview: bad request '/events?since=abc': 'since' must be a render number"]
    assert "Traceback" not in capfd.readouterr().err


def test_connections_are_bounded(serve):
    """Many idle connections do not get a thread each: those beyond max_connections are
    answered 503 at once; once connections close, requests are served again."""
    srv, said = serve(max_connections=4, idle_timeout_seconds=120)
    before = threading.active_count()
    idle = [socket.create_connection(srv.server_address[:2], timeout=60) for _ in range(40)]
    try:
        for n, sock in enumerate(idle[4:], 5):  # accepted in order: the first four hold the slots
            assert sock.recv(200).startswith(b"HTTP/1.1 503 Service Unavailable\r\n"), n
        assert threading.active_count() <= before + 4
        assert said == ["preview: more than 4 connections at once: the others are refused "
                        "(briefgen/data/preview.yaml, max_connections)"]
    finally:
        for sock in idle:
            sock.close()
    end = time.monotonic() + 60
    while ask(srv, "/version")[0] != 200 and time.monotonic() < end:  # the four slots come free
        time.sleep(0.1)
    assert ask(srv, "/version") == (200, b"0")


def test_idle_connections_are_closed(serve):
    srv, _ = serve(max_connections=4, idle_timeout_seconds=1)
    idle = [socket.create_connection(srv.server_address[:2], timeout=60) for _ in range(4)]
    try:
        assert [sock.recv(200) for sock in idle] == [b""] * 4  # sent nothing: closed by the server
    finally:
        for sock in idle:
            sock.close()
    assert ask(srv, "/version") == (200, b"0")


def test_a_burst_of_connections_waits_for_the_server_instead_of_being_dropped(content):
    """Python's listen backlog of 5 made the system drop the rest of a burst; their clients
    retried after 1 s, 3 s, 7 s ... (500 requests at once took a minute). The backlog holds a
    burst until the server takes it: here 100 connections while the server is not accepting."""
    import select

    running = Preview(PreviewOptions(content=content, audience="public", length="flash"), lambda line: None)
    socks = []
    try:
        for _ in range(100):
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(running.server.server_address[:2])
            socks.append(sock)
        end, done = time.monotonic() + 10, set()  # nobody accepts: a dropped one never connects
        while len(done) < len(socks) and time.monotonic() < end:
            _, ready, _ = select.select([], [s for s in socks if s not in done], [], 0.5)
            done.update(s for s in ready if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0)
        assert len(done) == 100
    finally:
        for sock in socks:
            sock.close()
        running.server.server_close()
