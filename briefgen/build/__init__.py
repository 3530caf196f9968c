"""``build()``: every brief of every dossier, in parallel, incrementally, written atomically.

For each dossier: decide which outputs are out of date (``keys``: one cache key per format),
render those in a process pool (``pool``), stage every file in a temporary folder, optionally
check DOCX page counts with LibreOffice, then rename the files into place and write
``manifest.json`` last (``commit``). A failure anywhere before that leaves every previous output
and the manifest untouched. A lock serialises concurrent builds of the same output folder; it
and the build's intermediates live in ``output/.briefgen-cache/`` (``outdir``), away from the
files users attach.

Modules import one way: ``__init__`` -> ``commit``, ``pool``, ``calibration`` -> ``keys`` -> ``outdir``, ``records``;
``signals`` (Ctrl-C, SIGTERM) stands alone.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BriefgenError, BuildError, display_path
from .commit import DossierPlan, commit, read_cached, remove_gone_dossiers, stage, unchanged, verify_docx
from .keys import code_fingerprint, fast_noop, format_bases, raw_key, read_manifest, selection, unit_key
from .outdir import CACHE, cached_html, file_sha, locked, safe_folder
from .pool import run_job, start_pool, stop_pool
from .records import FORMATS, MANIFEST, BuildReport, Output, Progress, load_json
from .signals import INTERRUPT as _INTERRUPT
from .signals import Terminated  # noqa: F401 - for callers of build()

if TYPE_CHECKING:
    from ..compose.catalog import Catalog


@dataclass
class BuildOptions:
    content: Path = Path("content")
    templates: Path | None = None
    output: Path = Path("output")
    dossier: str | None = None
    audience: str | None = None
    length: str | None = None
    format: str | None = None
    jobs: int | None = None
    verify_docx: bool = False
    force: bool = False
    keep_stale: bool = False  # list outputs the build no longer produces instead of removing them


def _chosen(options: BuildOptions) -> str:
    return selection(options.audience, options.length, options.format, options.verify_docx)


def _select(options: BuildOptions, catalog: "Catalog") -> tuple[list[str], list[str], list[str]]:
    def pick(value: str | None, known: list[str], what: str) -> list[str]:
        if value is None:
            return known
        if value not in known:
            raise BuildError(f"unknown {what} '{value}' (known: {', '.join(known)})")
        return [value]

    audiences = pick(options.audience, list(catalog.audiences), "audience")
    lengths = pick(options.length, list(catalog.lengths), "length")
    formats = pick(options.format, list(FORMATS), "format")
    return audiences, lengths, formats


def _dossier_folders(options: BuildOptions) -> list[Path]:
    from ..paths import dossier_folders

    if not options.content.is_dir():
        return []
    return [p for p in dossier_folders(options.content) if options.dossier in (None, p.name)]


def _gone_dossiers(options: BuildOptions) -> bool:
    """Does the output folder hold a dossier's outputs whose content folder is gone?"""
    if options.dossier is not None or not options.output.is_dir():
        return False
    names = {p.name for p in _dossier_folders(options)}
    return any(p.name not in names and not p.name.startswith(".") and (p / MANIFEST).is_file()
               for p in options.output.iterdir())




def build(options: BuildOptions, progress: Progress = lambda line: None) -> BuildReport:
    """Build the selected briefs; raise a ``BriefgenError`` (nothing written) on any problem."""
    with _INTERRUPT:
        report = _build_interruptible(options, progress)
        _INTERRUPT.check()  # Ctrl-C lost in a destructor while committing: the build is whole, but say so
        return report


def _build_interruptible(options: BuildOptions, progress: Progress) -> BuildReport:
    from ..write.overrides import ignored_overrides

    warnings = ignored_overrides(options.templates)
    if not options.force and not _gone_dossiers(options):
        fast = fast_noop(options.output, options.templates, _dossier_folders(options), _chosen(options), progress)
        if fast is not None:
            fast.warnings.extend(warnings)
            return fast
    # Everything that takes long to start is started first, so it comes up beside the reading
    # and planning: the accessibility gate's browser (a plain process, spawned first) and the
    # render workers (forked next; see _Early for who imports WeasyPrint).
    narrow = options.audience and options.length and (options.dossier or len(_dossier_folders(options)) == 1)
    early = _Early(options, narrow)
    interrupted = True
    try:
        report = _build(options, progress, early)
        report.warnings.extend(warnings)
        interrupted = False
    finally:
        early.stop(interrupted)
    return report


class _Early:
    """The pool and the browser a build starts before it knows exactly what it will render;
    whichever turns out not to be needed is stopped at once."""

    def __init__(self, options: BuildOptions, narrow: bool):
        self.browser = None
        if options.format in (None, "html"):
            from ..a11y import Browser

            self.browser = Browser.start()  # a process: it comes up on the other core from here
        try:
            self._fork(options, narrow)
        except BaseException:  # Ctrl-C or a failure before the build owns us: no browser left behind
            self.drop_browser()
            raise
        if self.browser is not None:
            self.browser.begin()  # a thread: only once the workers are forked

    def _fork(self, options: BuildOptions, narrow: bool) -> None:
        import gc

        gc.disable()  # the modules imported now live as long as the process: nothing to collect
        try:
            from ..compose.catalog import load_catalog  # noqa: F401 - imported once, inherited by the workers
            from ..content.load import load_all  # noqa: F401
            from ..compose.render import Templates  # noqa: F401

            if self.browser is not None and not narrow:
                # With the browser starting beside it, no core would stand idle while this
                # process imports WeasyPrint and loads the fonts: done once here and inherited,
                # instead of in each worker (0.3 s less CPU). Without a browser the workers do
                # it, each on its own core, while this process reads the content.
                from .pool import warm_here

                warm_here(str(options.templates) if options.templates else None, everything=True)
            gc.freeze()  # and the workers' collections leave them (and their pages) alone
            self.pool = None if narrow else start_pool(options.jobs, options.templates)
        finally:
            gc.enable()

    def get_pool(self, count: int):
        """The pool for ``count`` jobs (None: render in this process)."""
        if count <= 1 and self.pool is not None:
            stop_pool(self.pool, True)
            self.pool = None
        return self.pool

    def drop_browser(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.browser = None

    def stop(self, interrupted: bool) -> None:
        try:
            if self.pool is not None:
                try:
                    stop_pool(self.pool, interrupted)
                except KeyboardInterrupt:  # Ctrl-C while the workers were let go: end them instead
                    stop_pool(self.pool, True)
                    raise
        finally:
            self.drop_browser()


def _build(options: BuildOptions, progress: Progress, early: _Early) -> BuildReport:
    from ..compose.catalog import load_catalog
    from ..content.load import load_all
    from ..compose.render import Templates
    from . import calibration

    templates = Templates(options.templates)
    catalog = load_catalog(templates.find("catalog.yaml"), templates.exists)
    audiences, lengths, formats = _select(options, catalog)
    loaded = load_all(options.content, options.dossier)
    loaded.problems.raise_if_errors()
    if not loaded.dossiers:
        raise BuildError(f"{display_path(options.content)}: no dossiers to build")
    report = BuildReport()
    plans: list[DossierPlan] = []
    with ExitStack() as stack:
        try:
            for dossier in loaded.dossiers:
                folder = safe_folder(options.output, dossier.id)
                stack.enter_context(locked(options.output, dossier.id))
                plans.append(_plan_dossier(dossier, options, templates, audiences, lengths, formats, folder, progress))
            count = sum(len(plan.jobs) for plan in plans)
            pool = early.get_pool(count)
            if not any("html" in job["formats"] for plan in plans for job in plan.jobs):
                early.drop_browser()
            found: dict[Path, list] = {}  # accessibility findings of files checked as they came
            if count:
                model = calibration.load(templates.dirs)
                _render_all(plans, catalog, pool, report, progress, early.browser, found, model)
            _INTERRUPT.check()
            if options.verify_docx:
                for plan in plans:
                    verify_docx(plan, catalog)
            _accessibility(plans, progress, early.browser, found)
            _INTERRUPT.check()  # the last moment: from here on, files replace the previous outputs
            chosen = _chosen(options)
            for plan in plans:
                commit(plan, catalog, chosen, report, options.keep_stale, progress)
            if options.dossier is None:
                remove_gone_dossiers(options.output, {d.id for d in loaded.dossiers}, options.keep_stale,
                                     report, progress)
            if count:
                calibration.save(templates.dirs, model)
        finally:
            for plan in plans:
                if plan.staging is not None:
                    shutil.rmtree(plan.staging, ignore_errors=True)
    return report


def _plan_dossier(dossier, options, templates, audiences, lengths, formats, folder, progress) -> DossierPlan:
    """Which outputs of this dossier are out of date; reuse the rest."""
    bases = format_bases(templates.dirs, dossier)
    previous, inputs = read_manifest(folder)
    # the raw-inputs key is taken before rendering, so an edit made during the build is not
    # mistaken for what was built
    key = raw_key(options.templates, dossier.folder, _chosen(options))
    jobs: list[dict] = []
    reused: list[Output] = []
    for audience in audiences:
        for length in lengths:
            stem = f"{dossier.id}-{audience}-{length}"
            todo = []
            for fmt in formats:
                name = f"{stem}.{fmt}"
                old = previous.get(name)
                if old and not options.force:
                    if (unit_key(bases[fmt], dossier, audience, length, fmt, old.get("plan")) == old.get("key")
                            and file_sha(folder / name) == old.get("sha256")):
                        reused.append(Output.reused_from(old))
                        continue
                todo.append(fmt)
            if not todo:
                continue
            job = {"audience": audience, "length": length, "formats": todo, "folder": str(dossier.folder),
                   "templates": str(options.templates) if options.templates else None}
            # the previous build's plan: tried first, and taken after one render when nothing it
            # depends on changed (its PDF key still matches)
            old_pdf = previous.get(f"{stem}.pdf")
            if old_pdf and isinstance(old_pdf.get("plan"), dict):
                job["start"] = old_pdf["plan"]
                job["known"] = unit_key(bases["pdf"], dossier, audience, length, "pdf", old_pdf["plan"]) == old_pdf.get("key")
            if "pdf" not in todo and not options.force:
                # the layout is current: write the DOCX (and HTML) from the cached final HTML, no render
                cached = _cached_layout(options.output, dossier, stem, bases, audience, length)
                if cached is not None:
                    job["cached"] = cached
            jobs.append(job)
    for out in reused:
        progress(f"up to date  {display_path(folder / out.file)}")
    plan = DossierPlan(dossier, options.output, folder, bases, previous, inputs, key, jobs, reused)
    if jobs:
        plan.staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    return plan


def _cached_layout(output, dossier, stem, bases, audience, length):
    """The cached final HTML of a brief, if the layout key of the plan it records is current."""
    plan = load_json(output / CACHE / dossier.id / f"{stem}.json").get("plan")
    if not isinstance(plan, dict):
        return None
    return read_cached(output, dossier.id, stem, unit_key(bases["pdf"], dossier, audience, length, "pdf", plan))


def _accessibility(plans: list[DossierPlan], progress: Progress, browser, found) -> None:
    """The accessibility gate (briefgen/a11y, docs/accessibility.md) over every staged file."""
    from ..a11y import gate

    files = [(plan.staging / o.file, display_path(plan.folder / o.file)) for plan in plans for o in plan.staged]
    if files:
        gate(files, progress, browser if browser is not None else False, found)


def _render_all(plans: list[DossierPlan], catalog, pool, report, progress, browser, found, model) -> None:
    """Render every out-of-date brief of every dossier (in the pool when there are several).
    Each file is put through the accessibility rules as soon as it is staged, while the rest
    render (``found``; the gate reports them all at the end). ``model``: the fit model
    (``calibration``), handed to each job and refined by what each job rendered."""
    from ..a11y import check_bytes

    work = [(plan, job) for plan in plans for job in plan.jobs]
    if not work:
        return
    # longest first: the full briefs take longest, so both workers finish together, and they
    # usually fit at their fullest plan (one render each) while teaching the fit model every
    # kind of block the shorter briefs hold; taken as they finish, so their checks spread over
    # the rendering instead of piling up after
    order = {"full": 0, "two-page": 1, "one-page": 2, "flash": 3}
    work.sort(key=lambda pj: ("cached" in pj[1], order.get(pj[1]["length"], 9)))
    if pool is None or len(work) == 1:
        results = ((plan, _learnt(model, run_job(dict(job, model=model.to_json())))) for plan, job in work)
    else:
        results = _as_finished(pool, work, model)
    for plan, result in results:
        _INTERRUPT.check()
        staged = stage(result, plan, catalog, report, progress)
        if browser is not None:  # the browser checks the HTML while this process does the rest
            for out in staged:
                if out.format == "html":
                    browser.submit(plan.staging / out.file)
        for out in staged:
            if out.format in ("pdf", "docx"):
                # the same bytes under the same key (rules included) passed when they were written
                same = unchanged(plan, out) is not None
                found[plan.staging / out.file] = [] if same else check_bytes(out.format, result["files"][out.format])
    for plan in plans:  # in the order of the plan, whatever order the workers finished in
        plan.staged.sort(key=lambda out: out.file)


def _learnt(model, result: dict) -> dict:
    """Fold what a job's renders taught its worker into the build's model."""
    from ..compose.fitmodel import FitModel

    if result.get("model"):
        model.merge(FitModel(result["model"]))
    return result


def _as_finished(pool, work, model=None):
    """``(plan, result)`` of each job as its worker finishes it. Jobs are handed out one per
    free worker, each with the fit model as the finished jobs left it (so a brief whose kind of
    page another worker has laid out already starts where that layout says). When jobs fail,
    the error raised (once every job is done) is that of the first failed job in ``work``'s
    order, so the message does not depend on which worker was quicker.

    No job is cancelled: a future cancelled while it waits in a process pool's queue is marked
    done for ``as_completed`` only when the pool's manager thread next looks at its queue, and
    nothing may wake that thread again, so ``as_completed`` waited for ever (seen once in 30
    runs of three concurrent builds). A job is submitted as another finishes, one more than
    there are workers, so none waits for the next."""
    from concurrent.futures import FIRST_COMPLETED, wait

    waiting = list(enumerate(work))
    running: dict = {}
    laid_out: set = set()  # audiences (templates) a finished job has taught the model

    def submit() -> None:
        # next, a brief whose kind of page the model has seen, if any waits: one whose
        # template no job has laid out yet would start from the word model
        at = next((k for k, (_, (_, job)) in enumerate(waiting) if job.get("audience") in laid_out), 0) \
            if model is not None and laid_out else 0
        n, (_, job) = waiting.pop(at)
        running[pool.submit(run_job, dict(job, model=model.to_json()) if model is not None else job)] = n

    for _ in range(min(len(waiting), getattr(pool, "_max_workers", 2) + 1)):  # one ready for each worker to take
        submit()
    failed: dict[int, BaseException] = {}
    while running:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: running[f]):
            n = running.pop(future)
            error = future.exception()
            if error is not None:
                failed[n] = error
            elif model is not None:
                _learnt(model, future.result())
                laid_out.add(work[n][1].get("audience"))
            if waiting:
                submit()
            if error is None and not failed:
                yield work[n][0], future.result()
    if failed:
        raise failed[min(failed)]


__all__ = ["BuildOptions", "BuildReport", "Output", "build", "BriefgenError", "cached_html",
           "code_fingerprint", "MANIFEST"]
