"""Benchmark of hostile report files (issue 23, items 16-18): peak memory and seconds of each
case against the goals, in a fresh process each.

Not a test (pytest does not collect it). Run from the repository root::

    .venv/bin/python tests/bench_hostile.py            # every case (about 3 minutes)
    .venv/bin/python tests/bench_hostile.py pdf html   # the cases whose name holds a word

Each case is ``briefgen distill FILE`` (the bombs are made here, small on disk: see
tests/hostile_files.py) with a time limit of 120 s, its peak resident memory measured by
GNU time (``%M``; ``wait4`` when it is missing), and a listener on 127.0.0.1 counting
requests (the web pages link to it). The goal for every case (issue 23): one line naming the
file and exit 2 (or a draft that loads, where the case is text a draft can hold), peak memory
<= 500 MiB, <= 30 s, nothing written to content/, no process left, no request.

"within limits" cases are the worst this checkout lets through: a file just under every limit
of briefgen/data/ingest.yaml; they show what the limits cost at most.
"""

from __future__ import annotations

import http.server
import os
import signal
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import hostile_files as hostile  # noqa: E402

META = ["--date", "2024-01-01", "--title", "A report", "--publisher", "Example Office", "--series", "Report",
        "--code", "R1"]
GOAL_MIB, GOAL_S, LIMIT_S = 500, 30, 120
TIME = "/usr/bin/time"  # GNU time (Debian: time), for the peak memory of the command alone


def _listener():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", hits


def _cases(folder: Path, url: str) -> list[tuple[str, Path, str]]:
    """(name, report file, what is expected: "refused" or "draft")."""
    docx = (HERE / "data/reports/if12100-infocus-2col.docx").read_bytes()
    link = f'<link rel="stylesheet" href="{url}/x.css"><img src="{url}/x.png" alt="">'.encode()

    def make(name: str, data: bytes) -> Path:
        return hostile.write(folder / name, data)

    def symlink(name: str, target: str) -> Path:
        (folder / name).symlink_to(target)
        return folder / name

    def fifo(name: str) -> Path:
        os.mkfifo(folder / name)
        return folder / name

    words = " ".join(["word"] * 12)
    dense = zlib.compress(hostile.text_stream([words] * 790, size=1, lead=1))  # 47,000 characters
    big_text = (b"<p>" + b"The report says this again and again. " * 2000 + b"</p>")
    paragraph = hostile.varied_text(900_000)  # one paragraph of 900 kB
    return [
        ("16 pdf: one page of 1,000,000 words", make("words.pdf", hostile.pdf_many_words(1_000_000)), "refused"),
        ("16 pdf: a 1 GiB flate stream", make("gib.pdf", hostile.pdf_inflating_to(1 << 30)), "refused"),
        ("16 pdf: within limits, 25 pages of 47,000 characters", make("dense.pdf", hostile.pdf([dense] * 25)),
         "refused"),
        ("16 docx: document.xml inflating to 1 GiB", make("gib.docx", hostile.docx_with_document_of(1 << 30, docx)),
         "refused"),
        ("16 docx: within limits, document.xml of 19 MB", make("d19.docx", hostile.docx_with_document_of(19_000_000, docx)),
         "refused"),
        ("16 html: 49.9 MB of text", make("text.html", b"<html><head>" + link + b"</head><body><main><h1>R</h1>"
                                         + big_text * 650 + b"</main></body></html>"), "refused"),
        ("16 html: 49.9 MB of elements", make("elements.html", b"<html><head>" + link + b"</head><body><main>"
                                             + b"<p><span>word</span> text. <a href=x>link</a></p>" * 1_000_000
                                             + b"</main></body></html>"), "refused"),
        ("16 html: within limits, 4.9 MB of text and 19,500 links", make("worst.html", b"<html><body><main><h1>R</h1>"
                                                                     + big_text * 62 + (b"<p>" + b"<a href=x>word</a> text. " * 500 + b"</p>") * 39
                                                                     + b"</main></body></html>"), "draft"),
        ("16 txt: within limits, one paragraph of 900 kB", make("paragraph.txt", paragraph.encode()), "refused"),
        ("17 txt: opening sentence 'Short one.'", make("short.txt", f"Short one. {hostile.REPORT}\n".encode()), "draft"),
        ("17 txt: NUL bytes", make("nul.txt", f"{hostile.REPORT[:60]}\0{hostile.REPORT[60:]}\n".encode()), "refused"),
        ("17 txt: bidi and bell controls, U+FFFE", make("controls.txt", f"{hostile.REPORT[:60]}\u202e\x07\ufffe"
                                                  f"{hostile.REPORT[60:]}\n".encode()), "refused"),
        ("17 pdf: a page 1.4 million points wide", make("wide.pdf", hostile.pdf(
            [zlib.compress(hostile.text_stream(["Home ?", hostile.REPORT[:90], hostile.REPORT[90:]], x=700_000))],
            width=1_400_000)), "draft"),
        ("18: a named pipe", fifo("pipe.txt"), "refused"),
        ("18: a link to /dev/zero", symlink("zero.txt", "/dev/zero"), "refused"),
        ("18: a link to /proc/self/environ", symlink("environ.txt", "/proc/self/environ"), "refused"),
    ]


def _tree(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*"))


def _left(text: str) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and text in (proc / "cmdline").read_bytes().decode(errors="replace"):
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def run(name: str, report: Path, expected: str, work: Path) -> dict:
    content = Path(tempfile.mkdtemp(prefix="content-", dir=work))
    before = _tree(content)
    out, err, peak = work / "stdout", work / "stderr", work / "peak"
    args = [sys.executable, "-m", "briefgen.cli", "distill", str(report), "--dossier", "x", "--content",
            str(content), *META]
    # through /usr/bin/time: a child spawned from this process (which holds the bombs it made)
    # would count this process's size as its own peak
    if Path(TIME).exists():
        args = [TIME, "-f", "%M", "-o", str(peak), *args]
    peak.unlink(missing_ok=True)
    start = time.monotonic()
    pid = os.posix_spawn(args[0], args, {**os.environ, "PYTHONPATH": str(ROOT)}, setsid=True, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, str(out), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
        (os.POSIX_SPAWN_OPEN, 2, str(err), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)])
    killed = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - start > LIMIT_S:
            killed = True
            try:  # the command under GNU time first, so that time still reports its peak
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                children = []
            for child in children:
                os.kill(int(child), signal.SIGKILL)
            if not children:
                os.killpg(pid, signal.SIGKILL)
            done, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.02)
    seconds = time.monotonic() - start
    message = err.read_text(errors="replace").strip()
    code = os.waitstatus_to_exitcode(status)
    written = _tree(content) != before
    if expected == "refused":
        ok_result = code == 2 and message.count("\n") == 0 and report.name in message and not written
    else:
        ok_result = code == 0 and not message
    kib = int(peak.read_text().split()[-1]) if peak.exists() and peak.read_text().strip() else usage.ru_maxrss
    return {"name": name, "exit": code, "seconds": seconds, "mib": kib / 1024, "killed": killed,
            "message": message.splitlines()[0] if message else "(a draft)", "ok": ok_result and not killed,
            "written": written and expected == "refused", "left": _left(str(content))}


def main(words: list[str]) -> int:
    server, url, hits = _listener()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-hostile-") as tmp:
        work = Path(tmp)
        made = work / "reports"
        made.mkdir()
        cases = [c for c in _cases(made, url) if not words or any(w in c[0] for w in words)]
        print(f"{'case':<58} {'exit':>4} {'peak MiB':>8} {'s':>6}  goal met  message")
        for name, report, expected in cases:
            r = run(name, report, expected, work)
            met = r["ok"] and r["mib"] <= GOAL_MIB and r["seconds"] <= GOAL_S and not r["left"]
            failed += not met
            note = " (killed at the time limit)" if r["killed"] else ""
            note += " (wrote into content/)" if r["written"] else ""
            note += f" (processes left: {r['left']})" if r["left"] else ""
            message = r["message"].replace(f"{made}/", "")
            print(f"{name:<58} {r['exit']:>4} {r['mib']:>8.0f} {r['seconds']:>6.1f}  {'yes' if met else 'NO':<8}  "
                  f"{message[:110]}{note}", flush=True)
    server.shutdown()
    print(f"requests to the listener: {len(hits)} (goal: 0)")
    print(f"goals: exit 2 with one line naming the file (or a draft that loads), <= {GOAL_MIB} MiB, <= {GOAL_S} s, "
          f"nothing written, no process left; {len(cases) - failed} of {len(cases)} cases meet them")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
