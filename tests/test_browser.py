"""In a real browser (Debian chromium + chromium-driver, headless, via Selenium): the live
preview follows a save, and every HTML brief passes axe-core with 0 violations.

CI installs the browser (tools/sysdeps.sh test). Without it these tests fail: they are not
skipped, so a missing browser cannot hide a broken preview or an inaccessible page.
"""

from __future__ import annotations

import re

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefgen.a11y.html import Axe, chrome, driver_missing
from briefgen.preview import start
from briefgen.preview.render import PreviewOptions
from conftest import ROOT


@pytest.fixture(scope="module")
def driver():
    assert driver_missing() is None, driver_missing()
    d = chrome()
    yield d
    d.quit()


def wait_for(predicate, what: str, limit: float = 30.0):
    """Poll until ``predicate()`` is true (a limit so a broken preview fails instead of hanging)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def version(driver) -> int:
    try:
        return int(driver.find_element("tag name", "body").get_attribute("data-version"))
    except Exception:  # noqa: BLE001 - the page is reloading
        return -1


@pytest.fixture
def served(content):
    lines: list[str] = []
    running = start(PreviewOptions(content=content, dossier="china-russia", audience="staff",
                                   length="two-page"), say=lines.append)
    yield running.server, running.url, lines
    running.stop()


def test_the_preview_follows_a_save(driver, served, content):
    server, url, lines = served
    assert server.server_address[0] == "127.0.0.1"
    driver.get(url)
    assert driver.find_element("css selector", "header h1").text == "Preview: China-Russia Relations · Staff · Two pages"
    header = driver.find_element("tag name", "header").text
    assert "Fits: 2 pages of 2" in header and re.search(r"· \d{3,4} words \(no word budget\)", header), header
    images = driver.find_elements("css selector", ".pages img")
    assert len(images) == 2 and all(driver.execute_script("return arguments[0].naturalWidth", i) > 800 for i in images)
    links = [a.get_attribute("href") for a in driver.find_elements("css selector", "header a")]
    assert links == [url + "files/china-russia-staff-two-page.pdf", url + "files/china-russia-staff-two-page.docx"]
    # the tagged PDF behind the link passes the gate's PDF rules, and the page says so
    import urllib.request

    from briefgen.a11y import check_bytes

    pdf = urllib.request.urlopen(links[0], timeout=60).read()
    assert pdf.startswith(b"%PDF-") and check_bytes("pdf", pdf) == []
    assert urllib.request.urlopen(links[1], timeout=60).read().startswith(b"PK")
    wait_for(lambda: driver.find_element("id", "checks").text == "no problems found", "the PDF checks in the page")
    before = version(driver)

    # save a content file: the page reloads by itself and shows the new render
    meta = content / "china-russia/dossier.yaml"
    meta.write_text(meta.read_text().replace("title: China-Russia Relations", "title: China and Russia"))
    wait_for(lambda: version(driver) > before, "the page to reload after a save")
    assert driver.find_element("css selector", "header h1").text == "Preview: China and Russia · Staff · Two pages"
    assert not driver.find_elements("css selector", ".problems")

    # a broken save: the problem, located, in the page and the terminal; the last pages stay
    before = version(driver)
    items = content / "china-russia/items.yaml"
    good = items.read_text()
    items.write_text(good.replace("priority: 1", "priority: first", 1))
    wait_for(lambda: version(driver) > before, "the page to show the problem")
    problem = driver.find_element("css selector", ".problems pre").text
    line = next(n for n, text in enumerate(good.splitlines(), 1) if "priority: 1" in text)
    assert problem.startswith(f"{items}:{line}: items[0].priority: ") or f"{items}:{line}: " in problem, problem
    assert any(entry.startswith(f"{items}:{line}: ") for entry in lines), lines
    assert len(driver.find_elements("css selector", ".pages img")) == 2
    assert driver.find_element("css selector", "header h1").text == "Preview: China and Russia · Staff · Two pages"

    # fixed: the problem goes away
    before = version(driver)
    items.write_text(good)
    wait_for(lambda: version(driver) > before, "the page to recover")
    assert not driver.find_elements("css selector", ".problems")


GEOMETRY = """
var header = document.querySelector('header').getBoundingClientRect();
var facts = document.querySelector('.facts').getBoundingClientRect();
var page = document.querySelector('.pages img').getBoundingClientRect();
return [header.bottom, facts.top, page.top, window.scrollY, document.querySelectorAll('.problems').length];
"""


def test_a_reload_with_a_problem_banner_hides_nothing_under_the_header(driver, served, content):
    """Issue 23, item 12: the banner makes the sticky header taller; after the reload that
    brings it, the reader stays where they were and the header covers nothing of it (the
    browser's own scroll restoring moved the page by the banner's height, under the header)."""
    _, url, _ = served
    items = content / "china-russia/items.yaml"
    good = items.read_text()

    def save(text: str, problems: int):
        before = version(driver)
        items.write_text(text)
        wait_for(lambda: version(driver) > before and driver.execute_script("return document.readyState") ==
                 "complete" and driver.execute_script(GEOMETRY)[4] == problems, "the page to reload")
        return driver.execute_script(GEOMETRY)

    driver.get(url)
    header, facts, _, y, _ = driver.execute_script(GEOMETRY)
    assert y == 0 and facts >= header
    header, facts, _, y, _ = save(good.replace("priority: 1", "priority: first", 1), 1)
    assert y == 0 and facts >= header, (header, facts, y)

    save(good, 0)
    driver.execute_script("window.scrollTo(0, 400)")
    header, _, page, y, _ = driver.execute_script(GEOMETRY)
    assert y == 400
    shown = page - header  # where the first page stands below the header
    header, _, page, y, _ = save(good.replace("priority: 1", "priority: first", 1), 1)
    assert y == 400 and abs((page - header) - shown) <= 1, (shown, page - header)
    save(good, 0)


def test_the_preview_page_itself_passes_axe(served):
    _, url, _ = served
    with Axe() as axe:
        assert axe.run(url) == []


def test_every_html_brief_has_no_axe_violation(built):
    folder, _ = built
    files = sorted(p for p in folder.glob("*.html") if p.is_file())
    assert len(files) == 12
    with Axe() as axe:
        found = {p.name: axe.check(p) for p in files}
    assert found == {p.name: [] for p in files}


def test_axe_does_find_violations(tmp_path):
    """The checker is live: a page outside landmarks with an image without alt text fails."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><h1>x</h1>'
                    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>')
    with Axe() as axe:
        rules = sorted({rule for _, rule, _ in axe.check(page)})
    assert "axe-image-alt" in rules and "axe-region" in rules


def test_ctrl_c_stops_cleanly_and_writes_nothing(content, tmp_path):
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    proc = subprocess.Popen([sys.executable, "-m", "briefgen.cli", "preview", "--content", str(content),
                             "--audience", "public", "--length", "flash"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        second = proc.stdout.readline()
        assert first.startswith("render 1: china-russia-public-flash: 1/1 pages"), first
        assert second.startswith("preview of china-russia-public-flash at http://127.0.0.1:"), second
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert out.strip().endswith("preview stopped") and err == ""
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before


def test_the_gate_browser_leaves_nothing_behind_and_fails_cleanly(tmp_path):
    """The build's browser (DevTools over a pipe): closing it ends every process of its group and
    removes its profile folder; a browser that dies mid-build gives a located one-line error; a
    process forked meanwhile (a render worker) does not hold the browser's pipe open."""
    import multiprocessing

    from briefgen.a11y import AccessibilityError, Browser

    page = tmp_path / "ok.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main><h1>x</h1>'
                    '<p>Fine.</p></main></body></html>')
    browser = Browser.start()
    assert browser is not None
    chromium = browser._axe.browser
    pipes = {_identity(fd) for fd in (chromium._out, chromium._in)}
    child_fds = multiprocessing.get_context("fork").Queue()
    forked = multiprocessing.get_context("fork").Process(
        target=lambda: child_fds.put(sorted(fd for fd in _open_fds() if _identity(fd) in pipes)))
    forked.start()
    forked.join(30)
    assert child_fds.get(timeout=5) == []
    assert browser.findings(page, "OUT.html") == []
    group, profile = chromium.process.pid, Path(chromium.profile)
    browser.close()
    assert not profile.exists()
    wait_for(lambda: not _group_alive(group), "the browser's helper processes to end (killed, reaped by init)", 10)

    broken = Browser.start()
    os.killpg(broken._axe.browser.process.pid, signal.SIGKILL)
    with pytest.raises(AccessibilityError) as caught:
        broken.findings(page, "OUT.html")
    assert str(caught.value).startswith("OUT.html: document: axe-core could not run: the browser stopped"), str(caught.value)
    broken.close()


def _open_fds() -> list[int]:
    return [int(name) for name in os.listdir("/proc/self/fd")]


def _identity(fd: int):
    try:
        stat = os.fstat(fd)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
        return True
    except ProcessLookupError:
        return False


def test_a_browser_that_cannot_start_fails_the_html_rules_with_its_reason(tmp_path, monkeypatch):
    """Installed but not startable (here: a 'chromium' on PATH that is no program): the HTML
    rules do not pass silently; each HTML brief gets a located error naming the reason."""
    from briefgen.a11y import AccessibilityError, Browser

    fake = tmp_path / "bin" / "chromium"
    fake.parent.mkdir()
    fake.write_bytes(b"\0\1\2 not a program")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    browser = Browser.start()
    assert browser is not None
    with pytest.raises(AccessibilityError) as caught:
        browser.findings(tmp_path / "ok.html", "OUT.html")
    assert str(caught.value) == f"OUT.html: document: axe-core could not run: cannot start {fake}: Exec format error"
    browser.close()


def test_closing_the_gate_browser_mid_check_neither_hangs_nor_leaves_its_thread(tmp_path):
    """The browser is spoken to by a thread of its own, so a build goes on while pages are
    checked. Closing it while checks are queued and one is under way (Ctrl-C, or another
    output failing) ends the browser, the thread and the profile folder at once."""
    import time

    from briefgen.a11y import AccessibilityError, Browser

    pages = []
    for n in range(5):
        page = tmp_path / f"p{n}.html"
        page.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main><h1>x</h1>'
                        + "<p>Words in a paragraph.</p>" * 3000 + "</main></body></html>")
        pages.append(page)
    from briefgen.a11y.cdp import TIMEOUT

    browser = Browser.start()
    browser.begin()
    for page in pages:
        browser.submit(page)
    # close once the first check is under way: set-up done, the first page taken from the
    # queue (not after a fixed sleep, which on a loaded machine can fall within the set-up)
    wait_for(lambda: browser._queue.qsize() < len(pages), "the first check to start", 120)
    profile, thread = Path(browser._axe.browser.profile), browser._thread
    started = time.monotonic()
    browser.close()
    # no speed target (load only slows it): a hang would be a wait for the browser's answer
    # (TIMEOUT) or for the thread (30 s). That close does not wait for the queued pages shows
    # below: the last one is never checked.
    assert time.monotonic() - started < min(TIMEOUT, 30)
    assert not thread.is_alive() and not profile.exists()
    with pytest.raises(AccessibilityError, match="axe-core could not run"):
        browser.findings(pages[-1], "OUT.html")
    with pytest.raises(AccessibilityError, match="axe-core could not run: the browser was closed"):
        browser.findings(tmp_path / "never-submitted.html", "OUT.html")
