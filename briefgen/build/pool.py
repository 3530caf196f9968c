"""The worker side of a build: a process pool that renders briefs, and the job it runs.

Workers are forked when a build starts, before the parent reads the content. Each imports the
writers and sets up its fonts and stylesheet (``_warm``) on its own core while the parent reads
and plans, unless the parent did so before forking (``warm_here``: when a browser starts on the
other core, so none stands idle); each reads the dossier it renders once. A worker never prints a
traceback for a user's mistake (the job that meets it reports it, located) and ignores Ctrl-C:
the parent stops the pool and reports "interrupted".
"""

from __future__ import annotations

import os
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import BriefgenError

_STATE: dict = {}
_STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # what stops a build (build.signals)


def start_pool(jobs: int | None, templates: Path | None) -> ProcessPoolExecutor | None:
    workers = jobs or min(os.cpu_count() or 1, 2)
    if workers <= 1:
        return None
    import multiprocessing

    context = multiprocessing.get_context("fork")
    key = str(templates) if templates else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm, initargs=(key, os.getpid()))
    # A worker would meet a Ctrl-C (sent to the whole process group) or SIGTERM that arrives
    # between its fork and its initializer with the parent's handler, and print a traceback
    # from multiprocessing's _after_fork: the signals wait, blocked, until the initializer
    # ignores them there; here they arrive when the forks are done.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        try:
            for _ in range(workers):  # workers are spawned on demand: ask for them now
                pool.submit(_nothing)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    except BaseException:
        stop_pool(pool, True)
        raise
    return pool


def stop_pool(pool: ProcessPoolExecutor, interrupted: bool) -> None:
    """Shut the pool down; on Ctrl-C or an error, end the workers now instead of waiting (and
    ignore a second Ctrl-C or SIGTERM meanwhile, so the clean-up itself is not interrupted)."""
    if not interrupted:
        pool.shutdown(wait=True, cancel_futures=True)
        return
    import threading

    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in _STOPPING}
    hook = threading.excepthook
    # the pool's manager thread may trip over futures the interrupted map already cancelled
    # (Python 3.11 raises InvalidStateError there): nothing a user needs to see
    threading.excepthook = lambda args: None
    try:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
        # A worker ended while sending its result leaves half a message in the result pipe, and
        # the pool's manager thread would wait for the rest for ever (this process holds the
        # pipe's write end too). Close that end: the read ends, the pool sees its workers gone.
        writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
        if writer is not None:
            writer.close()
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        threading.excepthook = hook
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _nothing() -> None:
    return None


def _warm(templates_key: str | None, parent: int | None = None) -> None:
    """Pool initializer: pay WeasyPrint's import and font set-up before the first job arrives
    (nothing to do when the parent did it before forking: ``warm_here``)."""
    import gc

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for signum in _STOPPING - {signal.SIGINT}:  # the parent's handler raises: here they just end the worker
        signal.signal(signum, signal.SIG_DFL)
    _end_with_parent(parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)  # blocked since the fork (start_pool)
    # Importing WeasyPrint makes tens of thousands of objects that live as long as the worker:
    # no point in the cyclic collector walking them again and again (0.05-0.1 s of the import),
    # and frozen afterwards, the collections during rendering skip them too.
    gc.disable()
    try:
        warm_here(templates_key)
    finally:
        gc.freeze()
        gc.enable()


def _end_with_parent(parent: int | None) -> None:
    """A worker ends when the build that forked it dies, however it dies (killed, aborted in a
    compiled library): otherwise it waits for jobs for ever, holding the terminal's pipes, and
    whatever waits for the build's output waits with it. Linux's parent-death signal; elsewhere
    the pool's own shutdown is all there is."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)


def warm_here(templates_key: str | None, everything: bool = False) -> None:
    """Import the writers and lay out one line in the house fonts in this process (fonts loaded,
    stylesheet parsed), once per template folder. ``everything``: also import what a job
    imports when it first needs it (composing, DOCX and HTML writers, CairoSVG for DOCX
    figures), for a parent about to fork workers that would each import it again.

    Nothing raised here may escape (a pool would print "Exception in initializer" and a
    traceback): a broken catalog or stylesheet is reported by the parent or the job."""
    if _STATE.get("warm") == templates_key and "pdf" in _STATE:
        return
    try:
        if everything:
            from ..compose import brief; from ..write import docx as write_docx, html as write_html  # noqa: F401

            try:
                import cairosvg  # noqa: F401
            except ImportError:  # the DOCX writer says so when a figure needs it
                pass
        _writers(templates_key)
        _STATE["pdf"].render('<html lang="en"><head><title>warm</title></head><body><main><p>'
                             '<strong>Warm</strong> <em>up</em></p></main></body></html>', "brief.css", "warm-up")
        _STATE["warm"] = templates_key
    except BriefgenError:
        _STATE.clear()
    except Exception:  # noqa: BLE001 - the job that meets the same problem reports it
        _STATE.clear()


def _writers(key: str | None) -> None:
    from ..compose.catalog import load_catalog
    from ..compose.render import Templates

    if _STATE.get("templates_key") != key or "pdf" not in _STATE:
        from ..write.pdf import PdfWriter

        templates = Templates(Path(key) if key else None)
        _STATE.update(templates_key=key, templates=templates, pdf=PdfWriter(templates), docx=None,
                      catalog=load_catalog(templates.find("catalog.yaml")), dossiers={})


def _docx_writer():
    if _STATE["docx"] is None:
        from ..write.docx import DocxWriter

        _STATE["docx"] = DocxWriter(_STATE["templates"].find("reference.docx"), _STATE["templates"].locator(""))
    return _STATE["docx"]


def run_job(payload: dict) -> dict:
    """Render one brief in the requested formats (runs in a worker process or inline).

    ``payload["cached"]``: the final HTML and measurements of the brief's current layout (the
    PDF is up to date): only the DOCX is written, no layout. ``payload["start"]``: the previous
    build's plan, tried first; ``payload["known"]``: it is still the fit."""
    from ..compose.brief import make_brief
    from ..content.load import load_one
    from ..compose.select import Plan

    _writers(payload["templates"])
    cached = payload.get("cached")
    if cached is not None:
        return {"audience": payload["audience"], "length": payload["length"],
                "files": _writes(payload["formats"], cached["html"]), "pages": cached["pages"],
                "words": cached["words"], "text": cached["text"], "renders": 0, "html": cached["html"],
                "plan": cached["plan"]}
    model = _model(payload.get("model"))
    folder = payload["folder"]
    if folder not in _STATE["dossiers"]:
        _STATE["dossiers"][folder] = load_one(Path(folder))
    dossier = _STATE["dossiers"][folder]
    start = payload.get("start")
    plan = Plan(tuple(tuple(x) for x in start["items"]), start["changes"], start["watch"],
                start.get("events")) if start else None
    brief = make_brief(dossier, _STATE["catalog"], _STATE["templates"], _STATE["pdf"], payload["audience"],
                       payload["length"], start=plan, known=bool(payload.get("known")), model=model)
    files = {}
    if "pdf" in payload["formats"]:
        files["pdf"] = _STATE["pdf"].write(brief.rendered)
    files.update(_writes([f for f in payload["formats"] if f != "pdf"], brief.finished.html))
    return {
        "audience": payload["audience"], "length": payload["length"], "files": files,
        "pages": brief.rendered.pages, "words": brief.finished.body_words,
        "text": brief.finished.body_text, "renders": brief.renders, "html": brief.finished.html,
        "plan": {"items": [list(x) for x in brief.plan.items], "changes": brief.plan.changes,
                 "watch": brief.plan.watch, "events": brief.plan.events},
        "model": model.to_json(),
    }


def _model(shared: dict | None):
    """This process's fit model for the current templates (``fitmodel``), with what the build
    shares (the cached calibration and the other workers' renders so far) folded in."""
    from ..compose.fitmodel import FitModel

    models = _STATE.setdefault("models", {})
    key = _STATE.get("templates_key")
    if key not in models:
        models[key] = FitModel()
    if shared:
        models[key].merge(FitModel(shared))
    return models[key]


def _writes(formats, html: str) -> dict[str, bytes]:
    """The DOCX and HTML files of a brief, from its final vocabulary HTML."""
    files = {}
    if "docx" in formats:
        files["docx"] = _docx_writer().write(html)
    if "html" in formats:
        from ..write.html import write_html

        files["html"] = write_html(html, _STATE["templates"])
    return files
