"""``build()``: every brief of every dossier, in parallel, incrementally, written atomically.

For each dossier: decide which (audience, length) briefs are out of date (cache keys over code,
templates, catalog and the content each brief depends on), render those in a process pool,
stage every file in a temporary folder, optionally check DOCX page counts with LibreOffice, then
rename the files into place and write ``manifest.json`` last. A failure anywhere before that
leaves every previous output and the manifest untouched. A lock file serialises concurrent
builds of the same output folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from typing import TYPE_CHECKING

from .errors import BuildError, BriefgenError, FitError, Problem, display_path

if TYPE_CHECKING:  # the no-op path must not pay for pydantic, Jinja or WeasyPrint imports
    from .catalog import Catalog
    from .model import Dossier

FORMATS = ("pdf", "docx", "html")
MANIFEST = "manifest.json"
HTML_CACHE = ".html"
PACKAGE_DIR = Path(__file__).resolve().parent


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


@dataclass
class Output:
    """One written (or reused) file, as the manifest records it."""

    file: str
    dossier: str
    audience: str
    length: str
    format: str
    pages: int | None
    budget_pages: int
    words: int
    budget_words: int | None
    grade: float | None  # Flesch-Kincaid grade of the brief's full sentences (None: it has none)
    editions: list[str]
    sha256: str
    bytes: int
    key: str
    plan: dict
    renders: int
    grade_of: str = ""  # what the grade measured, e.g. "5 full sentences (6 of 9 blocks)"
    reused: bool = False

    def record(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "reused"}

    @classmethod
    def reused_from(cls, record: dict) -> "Output":
        """The manifest record of a file that is still up to date."""
        return cls(**{k: record[k] for k in cls.__dataclass_fields__ if k in record and k != "reused"},
                   reused=True)


@dataclass
class BuildReport:
    outputs: list[Output] = field(default_factory=list)
    rendered: int = 0
    reused: int = 0
    renders: int = 0
    warnings: list[Problem] = field(default_factory=list)  # e.g. user template files no build uses


Progress = Callable[[str], None]


def code_fingerprint() -> str:
    """Hash of briefgen's own source and the versions of the libraries that shape the output."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for lib in ("weasyprint", "python-docx", "pydyf", "jinja2", "lxml"):
        try:
            h.update(f"{lib}={version(lib)}".encode())
        except Exception:  # noqa: BLE001 - a missing library shows up at render time
            h.update(lib.encode())
    return h.hexdigest()


def _dossier_fingerprint(dossier: Dossier) -> str:
    """Everything in a dossier except the items (they are keyed per brief)."""
    h = hashlib.sha256()
    parts = {
        "meta": dossier.meta.model_dump(mode="json"),
        "bottom_line": dossier.bottom_line.model_dump(mode="json") if dossier.bottom_line else None,
        "why": dossier.why_it_matters.model_dump(mode="json") if dossier.why_it_matters else None,
        "watch": [p.model_dump(mode="json") for p in dossier.what_to_watch],
        "timeline": [e.model_dump(mode="json") for e in dossier.timeline],
        "glossary": [t.model_dump(mode="json") for t in dossier.glossary],
        "changes": [c.model_dump(mode="json") for c in dossier.changes],
        "ranking": [(it.id, it.priority) for it in dossier.items],
    }
    h.update(json.dumps(parts, sort_keys=True).encode())
    return h.hexdigest()


def unit_key(base: str, dossier: "Dossier", audience: str, length: str, fmt: str, plan: dict | None) -> str:
    """Cache key of one output. Items count only if the plan includes them, or is the next one the
    fit loop would add: editing an item re-renders only the briefs it can appear in."""
    h = hashlib.sha256(base.encode())
    from .select import ranked

    h.update(f"{audience}\0{length}\0{fmt}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    order = [it.id for it in ranked(dossier)]
    if plan is None:
        ids = order
    else:
        included = [i for i, _ in plan["items"]]
        ids = list(included)
        rest = [i for i in order if i not in included]
        if rest:
            ids.append(rest[0])
    by_id = {it.id: it for it in dossier.items}
    for item_id in ids:
        if item_id in by_id:
            h.update(json.dumps(by_id[item_id].model_dump(mode="json"), sort_keys=True).encode())
        else:
            h.update(f"missing:{item_id}".encode())
    return h.hexdigest()


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


def build(options: BuildOptions, progress: Progress = lambda line: None) -> BuildReport:
    """Build the selected briefs; raise a ``BriefgenError`` (nothing written) on any problem."""
    from .overrides import ignored_overrides

    warnings = ignored_overrides(options.templates)
    fast = _fast_noop(options, progress)
    if fast is not None:
        fast.warnings.extend(warnings)
        return fast
    # Start the workers now, so they import WeasyPrint while this process reads the content.
    narrow = options.audience and options.length and (options.dossier or len(_dossier_folders(options)) == 1)
    pool = None if narrow else _start_pool(options)
    try:
        report = _build(options, progress, pool)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    report.warnings.extend(warnings)
    return report


def _start_pool(options: BuildOptions) -> ProcessPoolExecutor | None:
    workers = options.jobs or min(os.cpu_count() or 1, 2)
    if workers <= 1:
        return None
    key = str(options.templates) if options.templates else None
    # Workers are forked before this process imports anything heavy; they import WeasyPrint and
    # set up fonts (_warm) while this process reads and checks the content.
    import multiprocessing

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm, initargs=(key,))
    for _ in range(workers):  # workers are spawned on demand: ask for them now
        pool.submit(_nothing)
    return pool


def _nothing() -> None:
    return None


def _build(options: BuildOptions, progress: Progress, pool) -> BuildReport:
    from .catalog import load_catalog
    from .load import load_all
    from .render import Templates

    templates = Templates(options.templates)
    catalog = load_catalog(templates.find("catalog.yaml"), templates.exists)
    audiences, lengths, formats = _select(options, catalog)
    loaded = load_all(options.content, options.dossier)
    loaded.problems.raise_if_errors()
    if not loaded.dossiers:
        raise BuildError(f"{display_path(options.content)}: no dossiers to build")
    base = hashlib.sha256((code_fingerprint() + templates.fingerprint()).encode()).hexdigest()
    report = BuildReport()
    plans: list[_DossierPlan] = []
    locks = []
    browser = None
    try:
        for dossier in loaded.dossiers:
            folder = options.output / dossier.id
            try:
                lock = _locked(folder)
                lock.__enter__()
            except OSError as exc:
                raise BuildError(f"{display_path(folder)}: cannot write output ({exc.strerror})") from None
            locks.append(lock)
            plans.append(_plan_dossier(dossier, options, audiences, lengths, formats, base, folder, progress))
        browser = _browser(plans)  # the accessibility gate's browser starts while briefs render
        _render_all(plans, catalog, options, pool, report, progress)
        for plan in plans:
            if options.verify_docx and plan.staged:
                _verify_docx(plan.staging, plan.staged, catalog)
        _accessibility(plans, progress, browser)
        for plan in plans:
            _commit(plan, _selection(options), report)
    finally:
        if browser is not None:
            browser.close()
        for plan in plans:
            if plan.staging is not None:
                shutil.rmtree(plan.staging, ignore_errors=True)
        for lock in reversed(locks):
            lock.__exit__(None, None, None)
    return report


@dataclass
class _DossierPlan:
    dossier: "Dossier"
    folder: Path
    base: str
    previous: dict
    inputs: dict  # the no-op keys of the previous manifest
    raw_key: str
    jobs: list[dict]
    reused: list[Output]
    staging: Path | None = None
    staged: list[Output] = field(default_factory=list)


def _plan_dossier(dossier, options, audiences, lengths, formats, base, folder, progress) -> _DossierPlan:
    """Which briefs of this dossier are out of date; reuse the rest."""
    base = hashlib.sha256((base + _dossier_fingerprint(dossier)).encode()).hexdigest()
    previous, inputs = _read_manifest(folder)
    # the raw-inputs key is taken before rendering, so an edit made during the build is not
    # mistaken for what was built
    raw_key = _raw_key(options, dossier.folder)
    jobs: list[dict] = []
    reused: list[Output] = []
    for audience in audiences:
        for length in lengths:
            todo = []
            for fmt in formats:
                name = f"{dossier.id}-{audience}-{length}.{fmt}"
                old = previous.get(name)
                if old and not options.force:
                    key = unit_key(base, dossier, audience, length, fmt, old.get("plan"))
                    if key == old.get("key") and _file_sha(folder / name) == old.get("sha256"):
                        reused.append(Output.reused_from(old))
                        continue
                todo.append(fmt)
            if todo:
                jobs.append({"audience": audience, "length": length, "formats": todo,
                             "folder": str(dossier.folder),
                             "templates": str(options.templates) if options.templates else None})
    for out in reused:
        progress(f"up to date  {display_path(folder / out.file)}")
    plan = _DossierPlan(dossier, folder, base, previous, inputs, raw_key, jobs, reused)
    if jobs:
        plan.staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
    return plan


def _render_all(plans: list[_DossierPlan], catalog, options, pool, report, progress) -> None:
    """Render every out-of-date brief of every dossier (in the pool when there are several)."""
    work = [(plan, job) for plan in plans for job in plan.jobs]
    if not work:
        return
    if pool is None or len(work) == 1:
        results = (_run_job(job) for _, job in work)
    else:
        # longest first: the full briefs take longest, so both workers finish together
        order = {"full": 0, "two-page": 1, "one-page": 2, "flash": 3}
        work.sort(key=lambda pj: order.get(pj[1]["length"], 9))
        results = pool.map(_run_job, [job for _, job in work])
    for (plan, _), result in zip(work, results):
        _stage(result, plan.dossier, catalog, plan.base, plan.staging, report, progress)
        plan.staged.extend(result["outputs"])


# --- the no-op fast path ------------------------------------------------------------------------
# A build whose raw inputs (every byte of content, templates and code, and the selection) equal
# those of an earlier successful build, and whose outputs are still the files it wrote, has
# nothing to do. Deciding that needs only hashing, not parsing: no pydantic, Jinja or WeasyPrint.


def _selection(options: BuildOptions) -> str:
    return "|".join(str(x or "*") for x in (options.audience, options.length, options.format,
                                             options.verify_docx, os.environ.get("SOURCE_DATE_EPOCH", "")))


def _tree_digest(h, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())


def _dossier_folders(options: BuildOptions) -> list[Path]:
    from .paths import dossier_folders

    if not options.content.is_dir():
        return []
    return [p for p in dossier_folders(options.content) if options.dossier in (None, p.name)]


def _raw_key(options: BuildOptions, folder: Path) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    builtin = PACKAGE_DIR.parent / "templates"
    for templates in ([options.templates] if options.templates else []) + [builtin]:
        h.update(str(templates).encode())
        _tree_digest(h, templates)
    _tree_digest(h, folder)
    h.update(_selection(options).encode())
    return h.hexdigest()


def _fast_noop(options: BuildOptions, progress: Progress) -> BuildReport | None:
    if options.force:
        return None
    folders = _dossier_folders(options)
    if not folders:
        return None
    report = BuildReport()
    for folder in folders:
        out = options.output / folder.name
        manifest = _load_json(out / MANIFEST)
        try:  # a manifest edited by hand or truncated is no reason to fail: build instead
            entry = manifest.get("inputs", {}).get(_selection(options))
            if not entry or entry.get("key") != _raw_key(options, folder):
                return None
            records = {o["file"]: o for o in manifest.get("outputs", [])}
            for name, sha in entry.get("files", {}).items():
                if _file_sha(out / name) != sha or name not in records:
                    return None
                report.outputs.append(Output.reused_from(records[name]))
                report.reused += 1
                progress(f"up to date  {display_path(out / name)}")
        except (KeyError, TypeError, AttributeError):
            return None
    return report


@contextmanager
def _locked(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read_manifest(folder: Path) -> tuple[dict[str, dict], dict]:
    """The previous manifest's outputs by file name, and its no-op keys."""
    data = _load_json(folder / MANIFEST)
    outputs, inputs = data.get("outputs"), data.get("inputs")
    records = {o["file"]: o for o in (outputs if isinstance(outputs, list) else [])
               if isinstance(o, dict) and _plain_name(o.get("file"))}
    return records, (dict(inputs) if isinstance(inputs, dict) else {})


def _plain_name(name) -> bool:
    """A file name a manifest may list: text, no folder part, not hidden."""
    return isinstance(name, str) and name == Path(name).name and not name.startswith(".") and name != ""


def _load_json(path: Path) -> dict:
    """A JSON object from ``path``, or {} when it is missing, unreadable, not JSON, nested too
    deep for the parser (RecursionError) or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _stage(result, dossier, catalog, base, staging, report, progress):
    from .readability import prose_grade

    length = catalog.lengths[result["length"]]
    grade, grade_of = prose_grade(result["html"])
    editions = sorted({e.id for e in dossier.meta.editions})
    outs = []
    for fmt, data in result["files"].items():
        name = f"{dossier.id}-{result['audience']}-{result['length']}.{fmt}"
        (staging / name).write_bytes(data)
        out = Output(
            file=name, dossier=dossier.id, audience=result["audience"], length=result["length"],
            format=fmt, pages=result["pages"] if fmt == "pdf" else None,
            budget_pages=length.max_pages, words=result["words"], budget_words=length.max_words,
            grade=grade, editions=editions, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
            key=unit_key(base, dossier, result["audience"], result["length"], fmt, result["plan"]),
            plan=result["plan"], renders=result["renders"], grade_of=grade_of,
        )
        outs.append(out)
        report.rendered += 1
        pages = f"{out.pages}/{out.budget_pages} page{'s' * (out.budget_pages > 1)}" if out.pages else f"budget {out.budget_pages}"
        shown = f"grade {grade:.1f}" if grade is not None else "too little prose to grade"
        progress(f"built       {name}  ({pages}, {out.words} words, {shown})")
    report.renders += result["renders"]
    result["outputs"] = outs
    # the final vocabulary HTML of the brief, for memo packets (rendered again with a tab stamp)
    (staging / HTML_CACHE).mkdir(exist_ok=True)
    (staging / HTML_CACHE / f"{dossier.id}-{result['audience']}-{result['length']}.html").write_text(
        result["html"], encoding="utf-8")


def _verify_docx(staging: Path, staged: list[Output], catalog: "Catalog") -> None:
    """Lay every staged DOCX out with LibreOffice and hold it to its page budget."""
    from .docx_pages import docx_page_counts

    docs = [o for o in staged if o.format == "docx"]
    if not docs:
        return
    counts = docx_page_counts([staging / o.file for o in docs])
    problems = []
    for out in docs:
        pages = counts[out.file]
        out.pages = pages
        if pages > out.budget_pages:
            problems.append(Problem(out.file, 0, "", f"Word layout (LibreOffice) needs {pages} pages; "
                                    f"the budget is {out.budget_pages} ({pages - out.budget_pages} over)"))
    if problems:
        raise FitError(problems)


def _browser(plans: list["_DossierPlan"]):
    """A headless browser for the HTML rules, started now, when HTML briefs are to be rendered
    and a browser is installed."""
    if not any("html" in job["formats"] for plan in plans for job in plan.jobs):
        return None
    from .a11y import Browser

    return Browser.start()


def _accessibility(plans: list["_DossierPlan"], progress: Progress, browser) -> None:
    """The accessibility gate (briefgen/a11y, docs/accessibility.md) over every staged file."""
    from .a11y import gate

    files = [(plan.staging / o.file, display_path(plan.folder / o.file)) for plan in plans for o in plan.staged]
    if files:
        gate(files, progress, browser if browser is not None else False)


def _commit(plan: "_DossierPlan", selection: str, report: BuildReport) -> None:
    """Rename staged files into place, then write the manifest (with this build's no-op key)."""
    folder = plan.folder
    for out in plan.staged:
        os.replace(plan.staging / out.file, folder / out.file)
    if plan.staging is not None and (plan.staging / HTML_CACHE).is_dir():
        (folder / HTML_CACHE).mkdir(exist_ok=True)
        for page in (plan.staging / HTML_CACHE).iterdir():
            os.replace(page, folder / HTML_CACHE / page.name)
    outputs = {name: o for name, o in plan.previous.items() if (folder / name).exists()}
    built = plan.reused + plan.staged
    for out in built:
        outputs[out.file] = out.record()
    inputs = dict(plan.inputs)
    if built:
        inputs[selection] = {"key": plan.raw_key, "files": {o.file: o.sha256 for o in sorted(built, key=lambda o: o.file)}}
    manifest = {
        "generator": "briefgen",
        "dossier": folder.name,
        "outputs": [outputs[k] for k in sorted(outputs)],
        "inputs": dict(sorted(inputs.items())),
    }
    _atomic_write(folder / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    report.outputs.extend(built)
    report.reused += len(plan.reused)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- worker side ------------------------------------------------------------------------------

_STATE: dict = {}


def _warm(templates_key: str | None) -> None:
    """Pool initializer: pay WeasyPrint's import and font set-up before the first job arrives."""
    _writers(templates_key)
    try:  # lay out one line in the house fonts: loads fonts and parses the stylesheet once
        _STATE["pdf"].render('<html lang="en"><head><title>warm</title></head><body><main><p>'
                             '<strong>Warm</strong> <em>up</em></p></main></body></html>', "brief.css", "warm-up")
    except BriefgenError:
        pass  # a broken stylesheet is reported by the job that uses it


def _writers(key: str | None) -> None:
    from .catalog import load_catalog
    from .render import Templates

    if _STATE.get("templates_key") != key or "pdf" not in _STATE:
        from .write_pdf import PdfWriter

        templates = Templates(Path(key) if key else None)
        _STATE.update(templates_key=key, templates=templates, pdf=PdfWriter(templates), docx=None,
                      catalog=load_catalog(templates.find("catalog.yaml")), dossiers={})


def _run_job(payload: dict) -> dict:
    """Render one brief in both requested formats (runs in a worker process or inline)."""
    from .brief import make_brief
    from .load import load_one

    _writers(payload["templates"])
    templates = _STATE["templates"]
    folder = payload["folder"]
    if folder not in _STATE["dossiers"]:
        _STATE["dossiers"][folder] = load_one(Path(folder))
    dossier = _STATE["dossiers"][folder]
    brief = make_brief(dossier, _STATE["catalog"], templates, _STATE["pdf"], payload["audience"],
                       payload["length"])
    files = {}
    if "pdf" in payload["formats"]:
        files["pdf"] = _STATE["pdf"].write(brief.rendered)
    if "docx" in payload["formats"]:
        if _STATE["docx"] is None:
            from .write_docx import DocxWriter

            _STATE["docx"] = DocxWriter(templates.find("reference.docx"), templates.locator(""))
        files["docx"] = _STATE["docx"].write(brief.finished.html)
    if "html" in payload["formats"]:
        from .write_html import write_html

        files["html"] = write_html(brief.finished.html, templates)
    return {
        "audience": payload["audience"], "length": payload["length"], "files": files,
        "pages": brief.rendered.pages, "words": brief.finished.body_words,
        "text": brief.finished.body_text, "renders": brief.renders, "html": brief.finished.html,
        "plan": {"items": [list(x) for x in brief.plan.items], "changes": brief.plan.changes,
                 "watch": brief.plan.watch, "events": brief.plan.events},
    }


__all__ = ["BuildOptions", "BuildReport", "Output", "build", "BriefgenError"]
