"""Benchmark the live preview and the cost of the HTML brief and the accessibility gate.

Not a test (pytest does not collect it); run from the repository root::

    .venv/bin/python tests/bench_preview.py          # part of `make bench`

1. **Save -> view** -- ``briefgen preview`` of the staff two-page brief on a copy of content/,
   opened in headless Chromium. Ten times: save items.yaml (a one-word edit, alternating), then
   wait until the page has reloaded with the new render and its page images have loaded. The
   time from the write to that moment; median, min and max. Goal: median <= 1 s.
2. **Build with HTML** -- ``briefgen build --force`` of china-russia in a fresh process (36
   outputs: pdf, docx, html; the gate includes axe-core in Chromium), next to the same build of
   the PDF and DOCX formats only (two builds, ``--format pdf`` then ``--format docx``), and the
   gate's parts timed alone on the built files: PDF and DOCX rules, axe-core on the 12 pages.
3. **Server under load** -- 500 requests for the page from 500 clients at once (goal: <= 5 s,
   every one answered), and the server's threads while 500 connections sit idle (goal: no more
   than ``max_connections`` of briefgen/data/preview.yaml).

Only the china-russia dossier is used, whatever else content/ holds.

Nothing in the repository is written: everything goes to a temporary folder.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.a11y import check_bytes  # noqa: E402
from briefgen.a11y.html import Axe, chrome  # noqa: E402
from briefgen.preview import start  # noqa: E402
from briefgen.preview.render import PreviewOptions  # noqa: E402


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def save_to_view(tmp: Path, saves: int = 10) -> list[float]:
    content = tmp / "content"
    shutil.copytree(ROOT / "content" / "china-russia", content / "china-russia")
    running = start(PreviewOptions(content=content, dossier="china-russia", audience="staff", length="two-page"),
                    say=log)
    driver = chrome()
    times = []
    try:
        driver.get(running.url)
        items = content / "china-russia/items.yaml"
        original = items.read_text()
        edited = original.replace("They have no pact", "They have no treaty pact")
        assert edited != original
        for n in range(saves):
            version = int(driver.find_element("tag name", "body").get_attribute("data-version"))
            time.sleep(0.3)  # let the watcher settle between saves
            start_t = time.perf_counter()
            items.write_text(edited if n % 2 == 0 else original)
            while True:
                try:
                    ready = driver.execute_script(
                        "return Number(document.body.dataset.version) > arguments[0] && document.readyState"
                        " === 'complete' && Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)",
                        version)
                except Exception:  # noqa: BLE001 - the page is reloading
                    ready = False
                if ready:
                    break
                if time.perf_counter() - start_t > 30:
                    raise RuntimeError("the page did not update within 30 s")
                time.sleep(0.01)
            times.append(time.perf_counter() - start_t)
            log(f"save {n + 1}: {times[-1]:.3f} s")
    finally:
        driver.quit()
        running.stop()
    return times


def timed(*args: str) -> float:
    start_t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen.cli", *args], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start_t


def builds(tmp: Path) -> dict[str, float]:
    out = {}
    one = ("--dossier", "china-russia")
    out["pdf+docx (two builds)"] = (timed("build", *one, "--output", str(tmp / "a"), "--force", "--format", "pdf")
                                    + timed("build", *one, "--output", str(tmp / "a"), "--force", "--format", "docx"))
    out["pdf+docx+html, gate with axe"] = timed("build", *one, "--output", str(tmp / "b"), "--force")
    folder = tmp / "b/china-russia"
    t = time.perf_counter()
    for path in sorted(folder.glob("*.pdf")) + sorted(folder.glob("*.docx")):
        assert check_bytes(path.suffix[1:], path.read_bytes()) == []
    out["gate: PDF+DOCX rules (24 files)"] = time.perf_counter() - t
    t = time.perf_counter()
    pages = sorted(p for p in folder.glob("*.html") if p.is_file())
    with Axe() as axe:
        violations = sum(len(axe.check(p)) for p in pages)
    out["gate: axe-core (12 pages, with browser start)"] = time.perf_counter() - t
    out["axe violations (12 pages)"] = violations
    return out


def server_load(tmp: Path) -> dict[str, float]:
    """500 requests at once, and the threads while 500 connections sit idle."""
    import http.client
    import socket
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from briefgen.preview.server import limits

    content = tmp / "load" / "content"
    shutil.copytree(ROOT / "content" / "china-russia", content / "china-russia")
    running = start(PreviewOptions(content=content, dossier="china-russia", audience="public", length="flash"),
                    say=log)
    host, port = running.server.server_address[:2]

    def get(_):
        try:
            connection = http.client.HTTPConnection(host, port, timeout=60)
            connection.request("GET", "/")
            status = connection.getresponse().status
            connection.close()
            return status
        except OSError:
            return None

    out = {}
    try:
        start_t = time.perf_counter()
        with ThreadPoolExecutor(500) as pool:
            statuses = list(pool.map(get, range(500)))
        out["500 requests at once (s)"] = time.perf_counter() - start_t
        out["of them answered 200"] = statuses.count(200)
        before = threading.active_count()
        idle = [socket.create_connection((host, port)) for _ in range(500)]
        time.sleep(1)
        out["server threads with 500 idle connections"] = threading.active_count() - before
        out["max_connections"] = limits()["max_connections"]
        for sock in idle:
            sock.close()
    finally:
        running.stop()
    return out


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-preview-") as name:
        tmp = Path(name)
        times = save_to_view(tmp)
        build_times = builds(tmp)
        load = server_load(tmp)
    median = statistics.median(times)
    print("\nPreview: save -> updated view (staff two-page brief, 10 saves)")
    print(f"  median {median:.3f} s   min {min(times):.3f} s   max {max(times):.3f} s   "
          f"goal <= 1 s: {'met' if median <= 1.0 else 'NOT met'}")
    print("\nBuild of china-russia in a fresh process (seconds)")
    for key, value in build_times.items():
        print(f"  {key:<48} {value:.2f}" if isinstance(value, float) else f"  {key:<48} {value}")
    print("\nPreview server under load")
    for key, value in load.items():
        print(f"  {key:<48} {value:.2f}" if isinstance(value, float) else f"  {key:<48} {value}")
    met = (load["500 requests at once (s)"] <= 5 and load["of them answered 200"] == 500
           and load["server threads with 500 idle connections"] <= load["max_connections"])
    print(f"  goal <= 5 s, all answered, threads <= max_connections: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
