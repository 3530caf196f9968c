"""Ctrl-C during a build: exit 130 with one line, "interrupted", no traceback, no staging
folder left; and stopping the worker pool never hangs on a result half-sent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from bigdossier import make_big_dossier
from conftest import ROOT


def test_ctrl_c_during_a_build_prints_no_traceback(tmp_path):
    content = tmp_path / "content"
    make_big_dossier(content, 600)  # a matrix that takes far longer than the latest Ctrl-C below
    for delay in (1.0, 2.5, 4.0):  # reading content, starting workers, rendering
        proc = subprocess.Popen([sys.executable, "-m", "briefgen.cli", "build", "--content", str(content),
                                 "--output", str(tmp_path / "out"), "--force"], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, (delay, err)
        assert err.strip() == "interrupted", (delay, err)
        assert not list((tmp_path / "out").glob("*/.staging-*"))


STOP_MID_RESULT = """
import os, sys, time
from briefgen.build.pool import start_pool, stop_pool

def result(mark):
    open(mark, "w").close()
    return b"x" * 150_000_000  # pickled and sent after this returns: a long write into the pipe

for delay in (0.0, 0.1, 0.2, 0.3, 0.4, 0.6):
    mark = f"{sys.argv[1]}-{delay}"
    pool = start_pool(2, None)
    pool.submit(result, mark)
    while not os.path.exists(mark):
        time.sleep(0.01)
    time.sleep(delay)
    stop_pool(pool, True)
    print("stopped", delay, flush=True)
"""


def test_ctrl_c_while_a_worker_sends_its_result_does_not_hang(tmp_path):
    """A worker ended half-way through sending a result leaves half a message in the pool's
    pipe; stopping the pool must not wait for the rest (seen: a build hung after Ctrl-C)."""
    proc = subprocess.run([sys.executable, "-c", STOP_MID_RESULT, str(tmp_path / "mark")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split("\n")[:-1] == [f"stopped {d}" for d in (0.0, 0.1, 0.2, 0.3, 0.4, 0.6)]


IMPORT_INTERRUPTED = """
import os, signal, sys, time
sys.path.insert(0, sys.argv[1])
from briefgen.build.signals import INTERRUPT
try:
    with INTERRUPT:
        import slow_module  # Ctrl-C arrives half-way through its set-up
        print("imported whole:", slow_module.WHOLE, flush=True)
        for _ in range(1000):  # the interrupt is delivered again once the import is done (0.05 s; 10 s of slack)
            time.sleep(0.01)
        print("never interrupted", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""

SLOW_MODULE = """
import os, signal, time
os.kill(os.getpid(), signal.SIGINT)
for _ in range(20):
    time.sleep(0.01)
WHOLE = True
"""


def test_ctrl_c_inside_an_import_waits_for_the_import(tmp_path):
    """Ctrl-C raised inside a compiled extension's set-up aborts the process (CI: "Critical
    nanobind error" importing pikepdf, and the build's workers then held the pipes for ever).
    An interrupt inside an import is delivered when the import is done."""
    (tmp_path / "slow_module.py").write_text(SLOW_MODULE)
    proc = subprocess.run([sys.executable, "-c", IMPORT_INTERRUPTED, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.split("\n")[:-1] == ["imported whole: True", "interrupted"], proc.stdout + proc.stderr


ORPHANED_WORKERS = """
import os, sys
from briefgen.build.pool import start_pool
pool = start_pool(2, None)
print(" ".join(str(p) for p in pool._processes), flush=True)
os._exit(3)  # the build dies without stopping its pool (killed, or aborted in a compiled library)
"""


def test_workers_end_when_the_build_dies(tmp_path):
    proc = subprocess.run([sys.executable, "-c", ORPHANED_WORKERS], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 3, proc.stderr[-2000:]
    workers = [int(pid) for pid in proc.stdout.split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 30
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in workers if _alive(pid)]
        time.sleep(0.1)
    assert not alive, f"workers {alive} outlived the build"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
