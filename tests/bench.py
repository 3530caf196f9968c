"""Benchmark briefgen against the pandoc pipeline a user would otherwise script.

This is a benchmark, not a test: pytest does not collect it (the file name does not start with
``test_``). Run it from the repository root::

    make bench                                 # full run: 3 repetitions, scale 1/10/50 dossiers
    .venv/bin/python tests/bench.py            # the same
    .venv/bin/python tests/bench.py --quick    # 1 repetition, scale 1/10 dossiers only

(Run it as a script: textstat 0.7.8's wheel installs a top-level ``tests`` package into
site-packages, which shadows this folder for ``python -m tests.bench``.)

It prints a table to stdout (progress goes to stderr) and writes every number to
``bench/results/bench.json`` (git-ignored). The exit status is 1 if a section crashed;
failed targets alone only fail the run with ``--strict``. Nothing in the repository is
written except that JSON file: every build goes to a temporary folder.

What each number means
----------------------
1. **Cold full matrix** -- ``python -m briefgen.cli build --output <tmp> --force`` in a fresh
   process: 3 audiences x 4 lengths x {pdf, docx, html} = 36 outputs plus ``manifest.json``
   (since issue 15; the accessibility gate, axe-core in Chromium included, is part of it).
   Each run alternates with the same build where no browser is installed (``PATH`` without
   ``chromium-headless-shell`` or ``chromium``: the HTML rules are skipped with a notice), so the gate's cost shows side by side.
   *wall*: elapsed seconds; *cpu*: user+sys seconds of the child and every descendant it
   waited for (the build's process-pool workers), from ``os.wait4`` -- not the helper
   processes of the browser, which the build ends with SIGKILL, so they are nobody's to reap;
   *cpu, whole machine*: the machine's busy seconds over the run from ``/proc/stat``, which
   counts them (and anything else running, so read it on a quiet machine); *cpu/wall*: how many
   cores were busy on average; *peak RSS*: ``ru_maxrss`` from ``os.wait4``, i.e. the largest
   resident set of any *single* process in the tree, or the largest sampled from ``/proc`` for
   processes nobody waits for (the browser's) (this is the figure held to the target);
   *tree RSS*: the largest *sum* of the resident sets of the whole process tree, sampled from
   ``/proc`` every 0.1 s (counts pages shared between forked workers once per process, so an
   upper bound; informative only). Median and min over the repetitions.
2. **Fit-to-budget re-renders** -- from the cold build's ``last-build.json`` (in the cache folder): each of the 12
   (audience, length) briefs is laid out by WeasyPrint once per fit attempt (``renders``; the
   PDF and DOCX entries of a brief carry the same number, counted once). *extra per brief* is
   the mean of ``renders - 1``. Only PDF outputs need layout renders, so this is also the
   extra renders per PDF output, and it is the number held to the target; *renders per output*
   and *extra per output* divide the totals by all 24 outputs.
   **Per-output time** -- in this process, warm (after one warm-up brief), with the library:
   ``make_brief`` (compose + fit loop), ``PdfWriter.write`` and ``DocxWriter.write`` timed
   separately for every brief (median over the repetitions). A PDF output costs fit + write_pdf;
   a DOCX output costs write_docx (it reuses the fitted HTML). Aggregated by length and format.
3. **No-op rebuild** -- the build command again (without ``--force``) in a fresh process into
   the folder the last cold build filled: wall time and its summary line, which should say
   ``0 built``.
4. **One-item edit** -- a copy of ``content/`` is built, one sentence of one item's ``detail``
   is changed, and the tree is built again: wall time and how many outputs were rebuilt (from
   the summary line ``N outputs: B built, U up to date, R layout renders``). The benchmark also
   checks the result: every brief whose plan shows that item at the ``detail`` layer must now
   contain the new sentence (otherwise it reports stale outputs).
5. **Baseline** -- pandoc (from the ``pypandoc-binary`` wheel) converting the final HTML of the
   same 12 briefs to DOCX and, with ``--pdf-engine=weasyprint``, to PDF: 24 conversions, two at a
   time. The HTML files are written before timing. *ratio* = cold matrix median wall / baseline
   wall (lower is better for briefgen). Note the baseline does no content selection, no fitting
   to page budgets and no tagged PDF; it is the cost of "just convert it".
6. **Scale** -- content trees of 1, 10 and 50 copies of ``content/china-russia`` (folders
   ``dossier-001`` ...), each built in a fresh process with
   ``--format pdf --length flash --audience principal`` (one output per dossier, to keep 50
   dossiers affordable). *s/output* = wall / outputs; *marginal s/output* = (wall(N) - wall(1)) /
   (N - 1), the cost of one more dossier without process start-up. Growth counts as roughly
   linear when s/output at 50 is within 1.5x of s/output at 10 (skipped with ``--quick``).
6b. **Engine floor** -- bare WeasyPrint (same stylesheet, ``pdf/ua-1``) rendering the 12 final
   HTML briefs of the build (from ``output/.briefgen-cache/``) in two fresh processes, one
   render each, alternated with ``build --force --format pdf`` (the same 12 PDFs; the full
   matrix with DOCX, HTML and the accessibility gate is section 1) in a fresh process into a
   folder holding a previous build (whose plans are tried first: one render per PDF when they still fit). Prints
   floor, build and their ratio (wall, and CPU of all processes); also a new user's first
   build (an empty output folder and no fit model in the user's cache: issue 23, item 24), a
   build into an empty folder with the fit model a first build keeps, and a ``--format docx``
   build after deleting the DOCX files (layout from the cache). Each build has its own
   ``XDG_CACHE_HOME``. At least 5 pairs. Targets: build <= 1.25x floor, and the first build
   <= 1.25x floor with <= 14 layout renders for the 12 PDFs, as the median of the per-pair
   ratios (each build runs right after its floor, so drift in a shared machine's speed hits
   both; the ratio of the two medians is printed too). ``--only floor`` runs just this.
6c. **Long dossiers** -- the full matrix of dossiers of 600 and 5,000 items (china-russia's
   items repeated under new ids, ``tests/bigdossier.py``) in a fresh process and an empty output
   folder: wall, CPU, layout renders (per PDF and the most for one PDF), peak RSS. Targets:
   600 items <= 30 s, 5,000 <= 120 s. ``--only long`` runs just this.
7. **Targets** -- pass/fail lines: cold matrix <= 4 s; ratio <= 0.2; no-op <= 0.3 s and 0 built;
   one-item edit rebuilds fewer than 24 outputs; peak RSS <= 300 MiB; extra renders <= 1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = Path("content")  # relative to ROOT (the benchmark runs with ROOT as cwd)
DOSSIER = "china-russia"
RESULTS = ROOT / "bench" / "results" / "bench.json"
VENV_BIN = Path(sys.executable).parent

MATRIX_OUTPUTS = 36  # 3 audiences x 4 lengths x 3 formats (pdf, docx, html; html with the axe gate)
SCALE_ARGS = ["--format", "pdf", "--length", "flash", "--audience", "principal"]
EDIT_FILE = "items.yaml"
EDIT_OLD = "overlapping ventures, such as the BRI and the EEU.\n    plain"
EDIT_NEW = "overlapping ventures, such as the BRI and the EEU, the two said.\n    plain"
EDIT_MARK = "the two said"

TARGET_COLD_WALL = 4.0
TARGET_RATIO = 0.2
TARGET_NOOP_WALL = 0.3
TARGET_PEAK_MIB = 300.0
TARGET_EXTRA_RENDERS = 1.0
TARGET_LINEAR = 1.5
TARGET_FLOOR_RATIO = 1.25  # cold-process build (previous plans known) / bare WeasyPrint, same 12 briefs
TARGET_FIRST_RENDERS = 14  # layout renders for the 12 PDFs of a first build (issue 23, item 24)
FLOOR_PAIRS = 5  # floor/build pairs at least (a pair takes about 4 s)
TARGET_LONG_S = {600: 30.0, 5000: 120.0}
LONG_SIZES = [600, 5000]
BUSY_LOAD = 0.5  # 1-minute load average above which the machine was not idle when we started

SUMMARY = re.compile(r"^(\d+) outputs: (\d+) built, (\d+) up to date, (\d+) layout renders$")


class BenchError(Exception):
    """A benchmark step could not run (a build failed, an output is missing, ...)."""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- running builds in fresh processes -----------------------------------------------------------


@dataclass
class Run:
    """One command run in a fresh process."""

    args: list[str]
    wall: float
    cpu: float
    maxrss_mib: float
    tree_rss_mib: float
    returncode: int
    machine_cpu: float  # the whole machine's busy CPU seconds over the run (machine_busy_s)
    last_line: str
    stdout: str
    stderr: str

    @property
    def summary(self) -> dict:
        """The build's closing line ``N outputs: B built, U up to date, R layout renders``."""
        m = SUMMARY.match(self.last_line)
        if not m:
            raise BenchError(f"no build summary on the last stdout line: {self.last_line!r}")
        outputs, built, up_to_date, renders = map(int, m.groups())
        return {"line": self.last_line, "outputs": outputs, "built": built, "up_to_date": up_to_date,
                "renders": renders}

    def record(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k not in ("stdout", "stderr")}
        data["cpu_per_wall"] = self.cpu / self.wall if self.wall else None
        return data


def _tree_rss_bytes(root: int) -> tuple[int, int]:
    """Sum of the resident sets of ``root`` and all its descendants, and the largest of them,
    read from /proc."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # the process exited meanwhile
        fields = stat[stat.rindex(b")") + 2:].split()
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * page
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        todo.extend(child for child, ppid in parent.items() if ppid == pid)
    return total, largest


class TreeRssSampler(threading.Thread):
    """Samples the summed RSS of a process tree until stopped; ``peak`` is the largest sample,
    ``largest`` the largest single process seen (the browser's renderer, which the build ends
    with SIGKILL and so never reaches ``os.wait4``'s ru_maxrss)."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.largest = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                total, largest = _tree_rss_bytes(self.pid)
                self.peak, self.largest = max(self.peak, total), max(self.largest, largest)
            except Exception:  # noqa: BLE001 - a sampling hiccup must not stop the benchmark
                pass
            self._halt.wait(self.interval)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def machine_busy_s() -> float:
    """CPU seconds the whole machine has been busy (user, nice, system, irq, softirq; from
    /proc/stat). A difference over a run counts every process, also those ``os.wait4`` cannot:
    the browser's helper processes, which end with the killed browser unreaped by it."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:8]]
    return (v[0] + v[1] + v[2] + v[5] + v[6]) / os.sysconf("SC_CLK_TCK")


def run_cli(*args: str, env: dict | None = None) -> Run:
    """Run ``python -m briefgen.cli ARGS`` in a fresh process (cwd ROOT) and measure it.

    ``os.wait4`` returns the child's resource usage including every descendant it waited for
    (the process-pool workers), so cpu and ru_maxrss cover the whole build.
    """
    if args[:1] == ("build",) and "--content" not in args and "--dossier" not in args:
        args = (*args, "--dossier", DOSSIER)  # content/ may hold other dossiers (the README invites them)
    cmd = [sys.executable, "-m", "briefgen.cli", *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy = machine_busy_s()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err, env=env)
        sampler = TreeRssSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        busy = machine_busy_s() - busy
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        tree_peak = sampler.stop()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    lines = [line for line in stdout.splitlines() if line.strip()]
    run = Run(args=list(args), wall=wall, cpu=usage.ru_utime + usage.ru_stime,
              # Linux reports KiB; a process nobody reaped (the browser's) only shows in the samples
              maxrss_mib=max(usage.ru_maxrss / 1024, sampler.largest / 2**20),
              tree_rss_mib=tree_peak / 2**20, returncode=proc.returncode, machine_cpu=busy,
              last_line=lines[-1] if lines else "", stdout=stdout, stderr=stderr)
    if run.returncode != 0:
        tail = "\n".join(stderr.splitlines()[-15:])
        raise BenchError(f"`briefgen {' '.join(args)}` exited {run.returncode}:\n{tail}")
    return run


def stats(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": list(values)}


# --- 1. cold full matrix -----------------------------------------------------------------------


def bench_cold(tmp: Path, reps: int) -> tuple[dict, Path]:
    runs, nobrowser = [], []
    out = tmp
    for i in range(reps):
        out = tmp / f"cold-{i + 1}"
        log(f"cold full matrix {i + 1}/{reps} ...")
        run = run_cli("build", "--output", str(out), "--force")
        summary = run.summary
        if summary["built"] != MATRIX_OUTPUTS:
            raise BenchError(f"cold build built {summary['built']} outputs, expected {MATRIX_OUTPUTS}")
        if not (out / DOSSIER / "manifest.json").is_file():
            raise BenchError(f"cold build wrote no {DOSSIER}/manifest.json")
        log(f"  {run.wall:.2f} s wall, {run.cpu:.2f} s cpu, {run.maxrss_mib:.0f} MiB peak RSS")
        runs.append(run)
        # the same build where no browser is installed (PATH without chromium): what the
        # accessibility gate's axe-core run costs, side by side
        bare = tmp / f"cold-nobrowser-{i + 1}"
        (tmp / "no-browser-bin").mkdir(exist_ok=True)
        nobrowser.append(run_cli("build", "--output", str(bare), "--force",
                                 env={**os.environ, "PATH": str(tmp / "no-browser-bin")}))
    result = {
        "command": "python -m briefgen.cli build --output <tmp> --force",
        "repetitions": reps,
        "wall_s": stats([r.wall for r in runs]),
        "cpu_s": stats([r.cpu for r in runs]),
        "cpu_per_wall": stats([r.cpu / r.wall for r in runs]),
        "peak_rss_mib": stats([r.maxrss_mib for r in runs]),
        "tree_rss_mib": stats([r.tree_rss_mib for r in runs]),
        "summary": runs[-1].summary,
        "runs": [r.record() for r in runs],
        "no_browser_wall_s": stats([r.wall for r in nobrowser]),
        "no_browser_cpu_s": stats([r.cpu for r in nobrowser]),
        "machine_cpu_s": stats([r.machine_cpu for r in runs]),
        "no_browser_machine_cpu_s": stats([r.machine_cpu for r in nobrowser]),
    }
    return result, out  # the last output folder feeds sections 2 and 3


# --- 2. re-renders and per-output time -------------------------------------------------------------


def bench_renders(out: Path) -> dict:
    manifest = json.loads((out / DOSSIER / "manifest.json").read_text())
    stats = json.loads((out / ".briefgen-cache" / DOSSIER / "last-build.json").read_text())["renders"]
    outputs = [dict(o, renders=stats[o["file"]]) for o in manifest["outputs"]]
    briefs: dict[tuple[str, str], dict] = {}
    mismatched = []
    for o in outputs:
        key = (o["audience"], o["length"])
        brief = briefs.setdefault(key, {"audience": o["audience"], "length": o["length"], "renders": None})
        brief[f"{o['format']}_pages"] = o.get("pages")
        brief["budget_pages"] = o.get("budget_pages")
        brief["words"] = o.get("words")
        if o["format"] == "pdf" or brief["renders"] is None:
            if brief["renders"] is not None and brief["renders"] != o["renders"]:
                mismatched.append(key)
            brief["renders"] = o["renders"]
        elif brief["renders"] != o["renders"]:
            mismatched.append(key)
    total = sum(b["renders"] for b in briefs.values())
    extra = total - len(briefs)
    return {
        "outputs": len(outputs),
        "briefs": len(briefs),
        "renders_total": total,
        "extra_renders_total": extra,
        "renders_per_brief": total / len(briefs),
        "extra_renders_per_brief": extra / len(briefs),
        "renders_per_output": total / len(outputs),
        "extra_renders_per_output": extra / len(outputs),
        "pdf_docx_renders_mismatch": [list(k) for k in mismatched],
        "per_brief": list(briefs.values()),
    }


def bench_inprocess(reps: int) -> tuple[dict, dict[tuple[str, str], str]]:
    """Warm per-brief timings in this process; also returns each brief's final HTML."""
    start = time.perf_counter()
    from briefgen.compose.brief import make_brief
    from briefgen.compose.catalog import load_catalog
    from briefgen.content.load import load_one
    from briefgen.compose.render import Templates
    from briefgen.write.docx import DocxWriter
    from briefgen.write.pdf import PdfWriter

    imported = time.perf_counter()
    dossier = load_one(CONTENT / DOSSIER)
    tpl = Templates()
    catalog = load_catalog(tpl.find("catalog.yaml"))
    pdf = PdfWriter(tpl)
    dw = DocxWriter(tpl.find("reference.docx"))
    ready = time.perf_counter()
    audiences, lengths = list(catalog.audiences), list(catalog.lengths)

    log("in-process warm-up ...")
    warm = make_brief(dossier, catalog, tpl, pdf, audiences[0], lengths[0])
    pdf.write(warm.rendered)
    dw.write(warm.finished.html)
    warmed = time.perf_counter()

    samples = {(a, l): {"fit": [], "write_pdf": [], "write_docx": []} for a in audiences for l in lengths}
    renders: dict[tuple[str, str], int] = {}
    html: dict[tuple[str, str], str] = {}
    for rep in range(reps):
        log(f"in-process timings {rep + 1}/{reps} ...")
        for a in audiences:
            for l in lengths:
                t0 = time.perf_counter()
                brief = make_brief(dossier, catalog, tpl, pdf, a, l)
                t1 = time.perf_counter()
                pdf_bytes = pdf.write(brief.rendered)
                t2 = time.perf_counter()
                docx_bytes = dw.write(brief.finished.html)
                t3 = time.perf_counter()
                if not pdf_bytes or not docx_bytes:
                    raise BenchError(f"empty output for {a}/{l}")
                s = samples[(a, l)]
                s["fit"].append(t1 - t0)
                s["write_pdf"].append(t2 - t1)
                s["write_docx"].append(t3 - t2)
                renders[(a, l)] = brief.renders
                html[(a, l)] = brief.finished.html

    per_brief = []
    for (a, l), s in samples.items():
        fit, wp, wd = (statistics.median(s[k]) for k in ("fit", "write_pdf", "write_docx"))
        per_brief.append({"audience": a, "length": l, "renders": renders[(a, l)], "fit_s": fit,
                          "write_pdf_s": wp, "write_docx_s": wd, "pdf_s": fit + wp, "docx_s": wd})

    def aggregate(rows: list[dict]) -> dict:
        pdf_s = [r["pdf_s"] for r in rows]
        docx_s = [r["docx_s"] for r in rows]
        return {"pdf_s_per_output": statistics.mean(pdf_s), "docx_s_per_output": statistics.mean(docx_s),
                "s_per_output": statistics.mean(pdf_s + docx_s),
                "fit_s": statistics.mean(r["fit_s"] for r in rows),
                "write_pdf_s": statistics.mean(r["write_pdf_s"] for r in rows)}

    result = {
        "repetitions": reps,
        "import_s": imported - start,
        "setup_s": ready - imported,
        "warmup_s": warmed - ready,
        "by_length": {l: aggregate([r for r in per_brief if r["length"] == l]) for l in lengths},
        "by_audience": {a: aggregate([r for r in per_brief if r["audience"] == a]) for a in audiences},
        "by_format": aggregate(per_brief),
        "serial_matrix_s": sum(r["pdf_s"] + r["docx_s"] for r in per_brief),
        "per_brief": per_brief,
    }
    return result, html


# --- 3. no-op rebuild --------------------------------------------------------------------------


def bench_noop(out: Path) -> dict:
    log("no-op rebuild ...")
    run = run_cli("build", "--output", str(out))
    summary = run.summary
    return {"command": "python -m briefgen.cli build --output <folder of the last cold build>",
            "wall_s": run.wall, "cpu_s": run.cpu, "last_line": run.last_line,
            "built": summary["built"], "up_to_date": summary["up_to_date"], "run": run.record()}


# --- 4. one-item edit --------------------------------------------------------------------------


def bench_edit(tmp: Path) -> dict:
    content = tmp / "edit-content"
    out = tmp / "edit-output"
    shutil.copytree(ROOT / CONTENT / DOSSIER, content / DOSSIER)
    log("one-item edit: initial build ...")
    first = run_cli("build", "--content", str(content), "--output", str(out))
    items = content / DOSSIER / EDIT_FILE
    text = items.read_text(encoding="utf-8")
    if text.count(EDIT_OLD) != 1:
        raise BenchError(f"{EDIT_FILE}: expected the edit target exactly once, found it "
                         f"{text.count(EDIT_OLD)} times (has the content changed?)")
    before = {o["file"]: o["sha256"] for o in
              json.loads((out / DOSSIER / "manifest.json").read_text())["outputs"]}
    items.write_text(text.replace(EDIT_OLD, EDIT_NEW), encoding="utf-8")
    if EDIT_NEW not in items.read_text(encoding="utf-8"):
        raise BenchError(f"{EDIT_FILE}: the replacement did not happen")
    log("one-item edit: rebuild ...")
    run = run_cli("build", "--content", str(content), "--output", str(out))
    summary = run.summary

    # Which item was edited, and did every brief that shows its detail pick the edit up?
    from briefgen.content.load import load_one

    edited = [it.id for it in load_one(content / DOSSIER).items
              if EDIT_MARK in json.dumps(it.model_dump(mode="json"))]
    manifest = json.loads((out / DOSSIER / "manifest.json").read_text())
    stale = []
    should_change = set()
    for o in manifest["outputs"]:
        if any(item in edited and layer == "detail" for item, layer in o["plan"]["items"]):
            should_change.add(f"{o['dossier']}-{o['audience']}-{o['length']}")
    for name in sorted(should_change):
        cached = out / ".briefgen-cache" / DOSSIER / f"{name}.html"
        if not cached.is_file() or EDIT_MARK not in cached.read_text(encoding="utf-8"):
            stale.append(name)
    # Why was each output rebuilt: how does its plan show the edited item, and did its bytes change?
    rebuilt = []
    built_names = {line.split()[1] for line in run.stdout.splitlines() if line.startswith("built ")}
    for o in manifest["outputs"]:
        if o["file"] not in built_names:
            continue
        layers = [layer for item, layer in o["plan"]["items"] if item in edited]
        rebuilt.append({"file": o["file"], "edited_item_layer": layers[0] if layers else None,
                        "bytes_changed": before.get(o["file"]) != o["sha256"]})
    return {
        "edit": {"file": f"{DOSSIER}/{EDIT_FILE}", "item": edited, "old": EDIT_OLD, "new": EDIT_NEW},
        "initial_build_wall_s": first.wall,
        "wall_s": run.wall, "cpu_s": run.cpu, "last_line": run.last_line,
        "built": summary["built"], "up_to_date": summary["up_to_date"], "renders": summary["renders"],
        "briefs_showing_edited_detail": sorted(should_change),
        "stale_briefs": stale,
        "rebuilt": rebuilt,
        "rebuilt_unchanged": sum(not r["bytes_changed"] for r in rebuilt),
        "run": run.record(),
    }


# --- 5. pandoc baseline --------------------------------------------------------------------------


def bench_baseline(tmp: Path, html: dict[tuple[str, str], str]) -> dict:
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    weasyprint = shutil.which("weasyprint", path=str(VENV_BIN))
    if weasyprint is None:
        raise BenchError(f"no weasyprint executable in {VENV_BIN}")
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    src = tmp / "baseline-in"
    dst = tmp / "baseline-out"
    src.mkdir()
    dst.mkdir()
    jobs = []
    for (audience, length), page in html.items():
        name = f"{DOSSIER}-{audience}-{length}"
        (src / f"{name}.html").write_text(page, encoding="utf-8")
        jobs.append((src / f"{name}.html", dst / f"{name}.docx", []))
        jobs.append((src / f"{name}.html", dst / f"{name}.pdf", ["--pdf-engine=weasyprint"]))

    def convert(job):
        source, target, extra = job
        t0 = time.perf_counter()
        proc = subprocess.run([pandoc, str(source), "-o", str(target), *extra], cwd=tmp, env=env,
                              capture_output=True, text=True)
        return target, proc, time.perf_counter() - t0

    log(f"baseline: {len(jobs)} pandoc conversions, 2 at a time ...")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(convert, jobs))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)

    failures = []
    by_format: dict[str, list[float]] = {"pdf": [], "docx": []}
    for target, proc, seconds in results:
        by_format[target.suffix[1:]].append(seconds)
        if proc.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            failures.append({"file": target.name, "returncode": proc.returncode,
                             "stderr": proc.stderr[-500:]})
    if failures:
        raise BenchError(f"baseline: {len(failures)} conversions failed, first: {failures[0]}")
    return {
        "pandoc": pandoc,
        "pandoc_version": pypandoc.get_pandoc_version(),
        "pdf_engine": weasyprint,
        "outputs": len(results),
        "parallel": 2,
        "wall_s": wall,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "job_s_per_output": {fmt: statistics.mean(v) for fmt, v in by_format.items()},
    }


# --- 6. scale ------------------------------------------------------------------------------------


def bench_scale(tmp: Path, sizes: list[int]) -> dict:
    rows = []
    for n in sizes:
        content = tmp / f"scale-{n}" / "content"
        content.mkdir(parents=True)
        for i in range(1, n + 1):
            shutil.copytree(ROOT / CONTENT / DOSSIER, content / f"dossier-{i:03d}")
        log(f"scale: {n} dossier{'s' * (n != 1)} ...")
        run = run_cli("build", "--content", str(content), "--output", str(tmp / f"scale-{n}" / "output"),
                      *SCALE_ARGS)
        summary = run.summary
        if summary["outputs"] != n or summary["built"] != n:
            raise BenchError(f"scale {n}: expected {n} outputs built, got: {summary['line']}")
        rows.append({"dossiers": n, "outputs": summary["outputs"], "wall_s": run.wall, "cpu_s": run.cpu,
                     "peak_rss_mib": run.maxrss_mib, "s_per_output": run.wall / summary["outputs"]})
    one = next((r for r in rows if r["dossiers"] == 1), None)
    for r in rows:
        r["marginal_s_per_output"] = ((r["wall_s"] - one["wall_s"]) / (r["dossiers"] - 1)
                                      if one and r["dossiers"] > 1 else None)
    per = {r["dossiers"]: r["s_per_output"] for r in rows}
    growth = per[50] / per[10] if 50 in per and 10 in per else None
    return {"build_args": SCALE_ARGS, "note": "one output per dossier: --format pdf --length flash "
            "--audience principal", "sizes": rows, "growth_50_vs_10": growth,
            "linear": None if growth is None else growth <= TARGET_LINEAR}


# --- 6b. the engine floor: bare WeasyPrint on the same final HTML ---------------------------------

FLOOR_SCRIPT = """
import sys, weasyprint
from weasyprint.text.fonts import FontConfiguration
css_path, base, *files = sys.argv[1:]
fonts = FontConfiguration()
css = weasyprint.CSS(filename=css_path, font_config=fonts)
for f in files:
    weasyprint.HTML(filename=f, base_url=base).write_pdf(
        f[:-5] + ".pdf", stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1")
"""


def _floor_once(tmp: Path, pages: list[Path]) -> tuple[float, float]:
    """Two fresh processes render the final HTML files with bare WeasyPrint (one render each)."""
    script = tmp / "floor.py"
    script.write_text(FLOOR_SCRIPT, encoding="utf-8")
    ordered = sorted(pages, key=lambda p: -p.stat().st_size)
    halves = [ordered[0::2], ordered[1::2]]
    templates = ROOT / "templates"
    errors = [tmp / f"floor-{i}.err" for i in range(2)]
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, str(script), str(templates / "brief.css"),
                               templates.as_uri() + "/", *map(str, half)], cwd=tmp,
                              stdout=subprocess.DEVNULL, stderr=err.open("wb")) for half, err in zip(halves, errors)]
    cpu = 0.0
    for proc, err in zip(procs, errors):
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
        if proc.returncode != 0:
            raise BenchError(f"floor: bare WeasyPrint failed: {err.read_text()[-400:]}")
    return time.perf_counter() - start, cpu


def bench_floor(tmp: Path, reps: int) -> dict:
    """Floor and build side by side, alternating, so machine load hits both alike.

    *floor*: bare WeasyPrint rendering the 12 final HTML briefs (taken from the build's cache)
    in two fresh processes, one render each. *build*: ``build --force --format pdf`` (the same
    12 PDFs: like for like; the full matrix with DOCX, HTML and the gate is section 1) in a fresh process into
    a folder holding a previous build (its plans are tried first: one render per PDF when they
    still fit). Also a build into an empty folder (no previous measurements) and a DOCX-only
    build after deleting the DOCX files (layout taken from the cache: no renders)."""
    out = tmp / "floor-build"
    # every build here has its own user cache: "warm" holds the fit model a first build leaves
    # (build/calibration.py); a new user's first build has none ("cold": a copy of "warm" less
    # the fit model, so fontconfig's cache and readability's syllable table, once-per-machine
    # costs that are no part of fitting, are not paid again: a fresh XDG_CACHE_HOME made
    # fontconfig scan the fonts in every process, 0.8 s of CPU)
    warm = {**os.environ, "XDG_CACHE_HOME": str(tmp / "xdg-warm")}
    log("floor: initial build ...")
    run_cli("build", "--output", str(out), "--force", env=warm)
    src = tmp / "floor-html"
    src.mkdir()
    pages = []
    for page in sorted((out / ".briefgen-cache" / DOSSIER).glob("*.html")):
        pages.append(Path(shutil.copy(page, src / page.name)))
    if len(pages) != 12:
        raise BenchError(f"floor: expected 12 cached final HTML briefs, found {len(pages)}")
    floors, builds, renders, fresh, first, floor_cpu, build_cpu, first_cpu = [], [], [], [], [], [], [], []
    reps = max(reps, FLOOR_PAIRS)
    for i in range(reps):
        log(f"floor vs build {i + 1}/{reps} ...")
        wall, cpu = _floor_once(tmp, pages)
        floors.append(wall)
        floor_cpu.append(cpu)
        run = run_cli("build", "--output", str(out), "--force", "--format", "pdf", env=warm)
        builds.append(run.wall)
        build_cpu.append(run.cpu)
        renders.append(run.summary["renders"])
        cold = tmp / f"xdg-cold-{i}"
        shutil.copytree(tmp / "xdg-warm", cold)
        for model in (cold / "briefgen").glob("fit-model-*.json"):
            model.unlink()
        run = run_cli("build", "--output", str(tmp / f"floor-first-{i}"), "--format", "pdf",
                      env={**os.environ, "XDG_CACHE_HOME": str(cold)})
        first.append((run.wall, run.summary["renders"]))
        first_cpu.append(run.cpu)
        run = run_cli("build", "--output", str(tmp / f"floor-fresh-{i}"), "--format", "pdf", env=warm)
        fresh.append((run.wall, run.summary["renders"]))
    for docx in (out / DOSSIER).glob("*.docx"):
        docx.unlink()
    docx_run = run_cli("build", "--output", str(out), "--format", "docx", env=warm)
    floor, build = statistics.median(floors), statistics.median(builds)
    paired = [b / f for b, f in zip(builds, floors)]
    # the target is held to the median of the paired ratios: each build runs right after its
    # floor, so a machine whose speed drifts between pairs (a shared machine does) slows both
    return {"floor_s": stats(floors), "build_s": stats(builds), "ratio": statistics.median(paired),
            "ratio_of_medians": build / floor,
            "floor_cpu_s": stats(floor_cpu), "build_cpu_s": stats(build_cpu),
            "cpu_ratio": statistics.median(build_cpu) / statistics.median(floor_cpu),
            "ratios": paired,
            "build_renders": renders, "fresh_s": stats([w for w, _ in fresh]),
            "fresh_renders": [r for _, r in fresh], "fresh_ratio": statistics.median(w for w, _ in fresh) / floor,
            "fresh_ratios": [w / f for (w, _), f in zip(fresh, floors)],
            "first_s": stats([w for w, _ in first]), "first_renders": [r for _, r in first],
            "first_ratios": [w / f for (w, _), f in zip(first, floors)],
            "first_ratio": statistics.median(w / f for (w, _), f in zip(first, floors)),
            "first_cpu_ratio": statistics.median(first_cpu) / statistics.median(floor_cpu),
            "docx_only_s": docx_run.wall, "docx_only_renders": docx_run.summary["renders"],
            "docx_only_built": docx_run.summary["built"]}


# --- 6c. long dossiers: 600 and 5,000 items ------------------------------------------------------


def bench_long(tmp: Path, sizes: list[int]) -> dict:
    """The full matrix (24 outputs) of a dossier whose items are china-russia's repeated under
    new ids, in a fresh process and an empty output folder: no previous plan helps."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bigdossier import make_big_dossier

    rows = []
    for n in sizes:
        content = tmp / f"long-{n}" / "content"
        make_big_dossier(content, n)
        log(f"long dossier: {n} items, full matrix ...")
        run = run_cli("build", "--content", str(content), "--output", str(tmp / f"long-{n}" / "output"))
        summary = run.summary
        stats = json.loads((tmp / f"long-{n}" / "output" / ".briefgen-cache" / DOSSIER / "last-build.json").read_text())
        per_pdf = {f: r for f, r in stats["renders"].items() if f.endswith(".pdf")}
        rows.append({"items": n, "outputs": summary["outputs"], "wall_s": run.wall, "cpu_s": run.cpu,
                     "renders": summary["renders"], "renders_per_pdf": summary["renders"] / max(1, len(per_pdf)),
                     "max_renders_one_pdf": max(per_pdf.values()), "peak_rss_mib": run.maxrss_mib})
    return {"sizes": rows}


# --- 7. targets and 8. report --------------------------------------------------------------------


def targets(r: dict) -> list[dict]:
    out = []

    def add(name, ok, detail):
        out.append({"target": name, "pass": bool(ok) if ok is not None else None, "detail": detail})

    cold, base, noop, edit, rend, scale = (r.get(k) for k in ("cold", "baseline", "noop", "edit", "renders", "scale"))
    if cold:
        w = cold["wall_s"]["median"]
        add(f"cold full matrix <= {TARGET_COLD_WALL:g} s wall", w <= TARGET_COLD_WALL, f"median {w:.2f} s")
    else:
        add(f"cold full matrix <= {TARGET_COLD_WALL:g} s wall", False, "not measured")
    if r.get("ratio") is not None:
        add(f"briefgen/baseline wall ratio <= {TARGET_RATIO:g}", r["ratio"] <= TARGET_RATIO,
            f"{r['ratio']:.2f} ({cold['wall_s']['median']:.2f} s / {base['wall_s']:.2f} s)")
    else:
        add(f"briefgen/baseline wall ratio <= {TARGET_RATIO:g}", False, "not measured")
    if noop:
        add(f"no-op rebuild <= {TARGET_NOOP_WALL:g} s and 0 built",
            noop["wall_s"] <= TARGET_NOOP_WALL and noop["built"] == 0,
            f"{noop['wall_s']:.2f} s, {noop['built']} built")
    else:
        add(f"no-op rebuild <= {TARGET_NOOP_WALL:g} s and 0 built", False, "not measured")
    if edit:
        ok = 0 < edit["built"] < MATRIX_OUTPUTS and not edit["stale_briefs"]
        detail = f"{edit['built']} of {MATRIX_OUTPUTS} rebuilt in {edit['wall_s']:.2f} s"
        if edit["stale_briefs"]:
            detail += f"; STALE: {', '.join(edit['stale_briefs'])}"
        add(f"one-item edit rebuilds some but fewer than {MATRIX_OUTPUTS} outputs", ok, detail)
    else:
        add(f"one-item edit rebuilds some but fewer than {MATRIX_OUTPUTS} outputs", False, "not measured")
    if cold:
        m = cold["peak_rss_mib"]["max"]
        add(f"peak RSS <= {TARGET_PEAK_MIB:g} MiB (largest process)", m <= TARGET_PEAK_MIB,
            f"{m:.0f} MiB (whole tree, sampled: {cold['tree_rss_mib']['max']:.0f} MiB)")
    else:
        add(f"peak RSS <= {TARGET_PEAK_MIB:g} MiB (largest process)", False, "not measured")
    if rend:
        e = rend["extra_renders_per_brief"]
        add(f"extra layout renders per (PDF) output <= {TARGET_EXTRA_RENDERS:g}", e <= TARGET_EXTRA_RENDERS,
            f"{e:.2f} per brief/PDF, {rend['extra_renders_per_output']:.2f} over all {rend['outputs']} outputs")
    else:
        add(f"extra layout renders per (PDF) output <= {TARGET_EXTRA_RENDERS:g}", False, "not measured")
    if floor := r.get("floor"):
        add(f"build / engine floor <= {TARGET_FLOOR_RATIO:g}", floor["ratio"] <= TARGET_FLOOR_RATIO,
            f"{floor['ratio']:.2f} (median of {len(floor['ratios'])} paired runs; ratio of the medians "
            f"{floor.get('ratio_of_medians', floor['ratio']):.2f}: {floor['build_s']['median']:.2f} s / "
            f"{floor['floor_s']['median']:.2f} s)")
        add("DOCX-only build lays nothing out", floor["docx_only_renders"] == 0,
            f"{floor['docx_only_renders']} renders for {floor['docx_only_built']} DOCX")
        if floor.get("first_renders"):
            most = max(floor["first_renders"])
            add(f"a new user's first build (empty folder, no fit model): <= {TARGET_FIRST_RENDERS} renders "
                f"for 12 PDFs", most <= TARGET_FIRST_RENDERS, f"{'/'.join(map(str, floor['first_renders']))}")
            add(f"a new user's first build / engine floor <= {TARGET_FLOOR_RATIO:g}",
                floor["first_ratio"] <= TARGET_FLOOR_RATIO,
                f"{floor['first_ratio']:.2f} (median of the paired ratios "
                f"{', '.join(f'{x:.2f}' for x in floor['first_ratios'])})")
    for row in (r.get("long") or {}).get("sizes", []):
        limit = TARGET_LONG_S.get(row["items"])
        if limit:
            add(f"{row['items']}-item dossier matrix <= {limit:g} s", row["wall_s"] <= limit,
                f"{row['wall_s']:.1f} s, {row['renders']} renders ({row['renders_per_pdf']:.1f} per PDF)")
    if scale and scale["linear"] is not None:
        add(f"scale roughly linear (s/output at 50 within {TARGET_LINEAR:g}x of at 10)", scale["linear"],
            f"{scale['growth_50_vs_10']:.2f}x")
    return out


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    fmt = lambda row: "  ".join(str(x).rjust(w) if i else str(x).ljust(w)  # noqa: E731
                                for i, (x, w) in enumerate(zip(row, widths)))
    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *map(fmt, rows)])


def report(r: dict) -> str:
    lines = []
    m = r["meta"]
    lines.append(f"briefgen benchmark  {m['timestamp']}  {m['cpus']} cpus  python {m['python']}  "
                 f"git {m['git']}{' (quick)' if m['quick'] else ''}")
    if m["loadavg_start"][0] > BUSY_LOAD:
        lines.append(f"WARNING: load average {m['loadavg_start'][0]:.2f} at start: other processes were "
                     f"busy, timings may be inflated (compare the min columns and cpu/wall)")

    def section(title):
        lines.append("")
        lines.append(title)

    if cold := r.get("cold"):
        section(f"1. Cold full matrix ({cold['summary']['outputs']} outputs, fresh process, "
                f"{cold['repetitions']} run{'s' * (cold['repetitions'] != 1)})")
        rows = [["wall (s)", cold["wall_s"], "{:.2f}"], ["cpu user+sys (s)", cold["cpu_s"], "{:.2f}"],
                ["cpu/wall (cores busy)", cold["cpu_per_wall"], "{:.2f}"],
                ["peak RSS, largest process (MiB)", cold["peak_rss_mib"], "{:.0f}"],
                ["peak RSS, whole tree sampled (MiB)", cold["tree_rss_mib"], "{:.0f}"]]
        if "machine_cpu_s" in cold:
            rows[2:2] = [["cpu, whole machine (s)", cold["machine_cpu_s"], "{:.2f}"]]
        if "no_browser_wall_s" in cold:
            rows[-2:-2] = [["wall, no browser installed (s)", cold["no_browser_wall_s"], "{:.2f}"],
                           ["cpu, no browser installed (s)", cold["no_browser_cpu_s"], "{:.2f}"]]
            if "no_browser_machine_cpu_s" in cold:
                rows[-2:-2] = [["cpu, whole machine, no browser (s)", cold["no_browser_machine_cpu_s"], "{:.2f}"]]
        lines.append(table([[n, f.format(s["median"]), f.format(s["min"])] for n, s, f in rows],
                           ["", "median", "min"]))
        lines.append(f"layout renders in the build: {cold['summary']['renders']}")
    if rend := r.get("renders"):
        section("2. Fit-to-budget re-renders (from .briefgen-cache/<dossier>/last-build.json)")
        lines.append(f"{rend['renders_total']} renders for {rend['briefs']} briefs: "
                     f"{rend['extra_renders_per_brief']:.2f} extra per brief (= per PDF output), "
                     f"{rend['renders_per_output']:.2f} renders and {rend['extra_renders_per_output']:.2f} "
                     f"extra per output over all {rend['outputs']} outputs")
        busy = [f"{b['audience']}/{b['length']}={b['renders']}" for b in rend["per_brief"] if b["renders"] > 1]
        lines.append(f"briefs needing more than one render: {', '.join(busy) or 'none'}")
        if rend["pdf_docx_renders_mismatch"]:
            lines.append(f"WARNING: pdf/docx renders differ for {rend['pdf_docx_renders_mismatch']}")
    if inp := r.get("inprocess"):
        section(f"   Per-output time, warm, in-process (median of {inp['repetitions']}; "
                f"PDF = fit + write_pdf, DOCX = write_docx)")
        rows = []
        for name, agg in [*inp["by_length"].items(), *inp["by_audience"].items(), ("all", inp["by_format"])]:
            rows.append([name, f"{agg['fit_s']:.3f}", f"{agg['write_pdf_s']:.3f}", f"{agg['pdf_s_per_output']:.3f}",
                         f"{agg['docx_s_per_output']:.3f}", f"{agg['s_per_output']:.3f}"])
        lines.append(table(rows, ["s per output", "fit", "write_pdf", "PDF", "DOCX", "either"]))
        lines.append(f"serial sum over the 24 outputs: {inp['serial_matrix_s']:.2f} s  "
                     f"(import {inp['import_s']:.2f} s, setup {inp['setup_s']:.2f} s, "
                     f"first brief {inp['warmup_s']:.2f} s)")
    if noop := r.get("noop"):
        section("3. No-op rebuild (fresh process)")
        lines.append(f"{noop['wall_s']:.2f} s wall, {noop['cpu_s']:.2f} s cpu: {noop['last_line']}")
    if edit := r.get("edit"):
        section(f"4. One-item edit ({edit['edit']['file']}, item {', '.join(edit['edit']['item'])})")
        lines.append(f"{edit['wall_s']:.2f} s wall (initial build {edit['initial_build_wall_s']:.2f} s): "
                     f"{edit['last_line']}")
        lines.append(f"briefs showing the edited detail: {len(edit['briefs_showing_edited_detail'])}; "
                     f"stale after rebuild: {', '.join(edit['stale_briefs']) or 'none'}")
        layers: dict[str, int] = {}
        for o in edit["rebuilt"]:
            key = o["edited_item_layer"] or "not shown (next candidate)"
            layers[key] = layers.get(key, 0) + 1
        lines.append(f"rebuilt outputs by how they show the item: "
                     f"{', '.join(f'{k} {v}' for k, v in sorted(layers.items())) or 'none'}; "
                     f"byte-identical to before: {edit['rebuilt_unchanged']} of {len(edit['rebuilt'])}")
    if base := r.get("baseline"):
        section(f"5. Baseline: pandoc {base['pandoc_version']} HTML -> DOCX and PDF (weasyprint), "
                f"{base['outputs']} outputs, {base['parallel']} at a time")
        lines.append(table([
            ["pandoc baseline", f"{base['wall_s']:.2f}", f"{base['cpu_s']:.2f}",
             f"{base['job_s_per_output']['pdf']:.2f}", f"{base['job_s_per_output']['docx']:.2f}"],
            *([["briefgen cold matrix", f"{cold['wall_s']['median']:.2f}", f"{cold['cpu_s']['median']:.2f}",
                f"{r['inprocess']['by_format']['pdf_s_per_output']:.2f}" if r.get("inprocess") else "-",
                f"{r['inprocess']['by_format']['docx_s_per_output']:.2f}" if r.get("inprocess") else "-"]]
              if cold else []),
        ], ["", "wall (s)", "cpu (s)", "s/PDF", "s/DOCX"]))
        lines.append("(baseline s/PDF, s/DOCX: each pandoc process, start-up included; "
                     "briefgen: warm in-process)")
        if r.get("ratio") is not None:
            lines.append(f"ratio briefgen / baseline wall: {r['ratio']:.2f}")
    if scale := r.get("scale"):
        section(f"6. Scale ({scale['note']}; fresh process per tree)")
        lines.append(table([[str(s["dossiers"]), str(s["outputs"]), f"{s['wall_s']:.2f}", f"{s['cpu_s']:.2f}",
                             f"{s['s_per_output']:.3f}",
                             "-" if s["marginal_s_per_output"] is None else f"{s['marginal_s_per_output']:.3f}",
                             f"{s['peak_rss_mib']:.0f}"] for s in scale["sizes"]],
                           ["dossiers", "outputs", "wall (s)", "cpu (s)", "s/output", "marginal s/output",
                            "peak MiB"]))
        if scale["growth_50_vs_10"] is not None:
            lines.append(f"s/output at 50 vs 10: {scale['growth_50_vs_10']:.2f}x "
                         f"({'roughly linear' if scale['linear'] else 'worse than linear'})")
        else:
            lines.append("linearity (50 vs 10 dossiers) not measured in --quick mode")
    if floor := r.get("floor"):
        section(f"6b. Engine floor: bare WeasyPrint, 12 final HTML briefs, 2 processes "
                f"({len(floor['floor_s']['runs'])} runs, alternating with the build)")
        lines.append(table([
            ["floor (bare WeasyPrint)", f"{floor['floor_s']['median']:.2f}", f"{floor['floor_s']['min']:.2f}", "12", "1.00"],
            ["build --force --format pdf (previous plans)", f"{floor['build_s']['median']:.2f}", f"{floor['build_s']['min']:.2f}",
             "/".join(map(str, floor["build_renders"])), f"{floor.get('ratio_of_medians', floor['ratio']):.2f}"],
            ["build --format pdf, empty folder, no fit model (first build)", f"{floor['first_s']['median']:.2f}",
             f"{floor['first_s']['min']:.2f}", "/".join(map(str, floor["first_renders"])), f"{floor['first_ratio']:.2f}"],
            ["build --format pdf, empty folder, fit model kept", f"{floor['fresh_s']['median']:.2f}", f"{floor['fresh_s']['min']:.2f}",
             "/".join(map(str, floor["fresh_renders"])), f"{statistics.median(floor['fresh_ratios']):.2f}"],
            ["build --format docx (cache)", f"{floor['docx_only_s']:.2f}", "-", str(floor["docx_only_renders"]), "-"],
        ], ["", "median (s)", "min (s)", "renders", "ratio"]))
        lines.append(f"per-run build/floor wall ratios: {', '.join(f'{x:.2f}' for x in floor['ratios'])} "
                     f"(median {floor['ratio']:.2f}, the figure held to the target); "
                     f"cpu (user+sys, all processes): floor {floor['floor_cpu_s']['median']:.2f} s, build "
                     f"{floor['build_cpu_s']['median']:.2f} s, ratio {floor['cpu_ratio']:.2f}; first build "
                     f"cpu ratio {floor['first_cpu_ratio']:.2f}")
    if long := r.get("long"):
        section("6c. Long dossiers: full matrix, fresh process, empty output folder")
        lines.append(table([[str(x["items"]), str(x["outputs"]), f"{x['wall_s']:.1f}", f"{x['cpu_s']:.1f}",
                             str(x["renders"]), f"{x['renders_per_pdf']:.1f}", str(x["max_renders_one_pdf"]),
                             f"{x['peak_rss_mib']:.0f}"] for x in long["sizes"]],
                           ["items", "outputs", "wall (s)", "cpu (s)", "renders", "per PDF", "max one PDF", "peak MiB"]))
    section("7. Targets")
    for t in r["targets"]:
        mark = {True: "PASS", False: "FAIL", None: "----"}[t["pass"]]
        lines.append(f"[{mark}] {t['target']}: {t['detail']}")
    if r["errors"]:
        section("Errors")
        for name, message in r["errors"].items():
            if name.endswith("_traceback"):
                continue
            lines.append(f"{name}: {message.splitlines()[0] if message else ''}")
    return "\n".join(lines)


def _git() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 repetition; scale 1 and 10 dossiers only")
    parser.add_argument("--no-floor", action="store_true", help="skip the engine-floor comparison")
    parser.add_argument("--no-long", action="store_true", help="skip the 600- and 5,000-item dossiers")
    parser.add_argument("--only", choices=["floor", "long"], default=None,
                        help="run only the engine floor or the long dossiers")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"JSON results (default {RESULTS})")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    reps = 1 if args.quick else 3
    sizes = [1, 10] if args.quick else [1, 10, 50]

    results: dict = {
        "meta": {"timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "quick": args.quick, "repetitions": reps, "cpus": os.cpu_count(),
                 "python": platform.python_version(), "platform": platform.platform(),
                 "executable": sys.executable, "git": _git(), "loadavg_start": os.getloadavg()},
        "errors": {},
    }
    started = time.perf_counter()

    def step(name, fn, *a):
        try:
            return fn(*a)
        except Exception as exc:  # noqa: BLE001 - record and carry on with the other sections
            log(f"{name} FAILED: {exc}")
            results["errors"][name] = "".join(traceback.format_exception_only(exc)).strip()
            results["errors"][f"{name}_traceback"] = traceback.format_exc()
            return None

    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as t:
        tmp = Path(t)
        if args.only == "floor":
            results["floor"] = step("floor", bench_floor, tmp, reps)
        elif args.only == "long":
            results["long"] = step("long", bench_long, tmp, LONG_SIZES)
        else:
            cold = step("cold", bench_cold, tmp, reps)
            last_out = None
            if cold:
                results["cold"], last_out = cold
                results["renders"] = step("renders", bench_renders, last_out)
            inprocess = step("inprocess", bench_inprocess, reps)
            html = None
            if inprocess:
                results["inprocess"], html = inprocess
                renders = {(b["audience"], b["length"]): b["renders"] for b in results["inprocess"]["per_brief"]}
                if results.get("renders"):
                    manifest = {(b["audience"], b["length"]): b["renders"] for b in results["renders"]["per_brief"]}
                    results["renders"]["inprocess_matches_manifest"] = renders == manifest
            if last_out:
                results["noop"] = step("noop", bench_noop, last_out)
            results["edit"] = step("edit", bench_edit, tmp)
            if html:
                results["baseline"] = step("baseline", bench_baseline, tmp, html)
            results["scale"] = step("scale", bench_scale, tmp, sizes)
            if not args.no_floor:
                results["floor"] = step("floor", bench_floor, tmp, reps)
            if not args.no_long:
                results["long"] = step("long", bench_long, tmp, LONG_SIZES)

    if results.get("cold") and results.get("baseline"):
        results["ratio"] = results["cold"]["wall_s"]["median"] / results["baseline"]["wall_s"]
    results["targets"] = targets(results)
    results["meta"]["bench_wall_s"] = time.perf_counter() - started
    results["meta"]["loadavg_end"] = os.getloadavg()

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(report(results))
    print(f"\nresults: {args.output}  (benchmark took {results['meta']['bench_wall_s']:.0f} s)")
    if any(not k.endswith("_traceback") for k in results["errors"]):
        return 1
    if args.strict and any(t["pass"] is False for t in results["targets"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
