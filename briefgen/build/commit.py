"""Staging and committing: rendered files go to a staging folder, are optionally checked in
LibreOffice, then renamed into place; ``manifest.json`` is written last. Outputs the build no
longer produces (an audience, length, format or dossier that is gone) are removed, or listed
with ``--keep-stale``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FitError, Problem, display_path
from .outdir import CACHE, atomic_write, cache_folder, refuse_link, write_new
from .records import FORMATS, MANIFEST, STATS, BuildReport, Output, Progress, load_json

if TYPE_CHECKING:
    from ..compose.catalog import Catalog
    from ..content.model import Dossier

STAGED_CACHE = "cache"  # inside the staging folder: what goes to output/.briefgen-cache/<dossier>/


@dataclass
class DossierPlan:
    dossier: "Dossier"
    output: Path  # the output root
    folder: Path  # output/<dossier>
    bases: dict[str, str]  # key base per format
    previous: dict
    inputs: dict  # the no-op keys of the previous manifest
    raw_key: str
    jobs: list[dict]
    reused: list[Output]
    staging: Path | None = None
    staged: list[Output] = field(default_factory=list)


def stage(result: dict, plan: DossierPlan, catalog: "Catalog", report: BuildReport,
          progress: Progress) -> list[Output]:
    """Write one rendered brief's files into the staging folder; return their records."""
    from ..compose.readability import prose_grade
    from .keys import unit_key

    dossier = plan.dossier
    length = catalog.lengths[result["length"]]
    editions = sorted({e.id for e in dossier.meta.editions})
    staged = []
    stem = f"{dossier.id}-{result['audience']}-{result['length']}"
    for fmt, data in result["files"].items():
        name = f"{stem}.{fmt}"
        write_new(plan.staging / name, data)
        staged.append(Output(
            file=name, dossier=dossier.id, audience=result["audience"], length=result["length"],
            format=fmt, pages=result["pages"] if fmt == "pdf" else None,
            budget_pages=length.max_pages, words=result["words"], budget_words=length.max_words,
            grade=None, editions=editions, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
            key=unit_key(plan.bases[fmt], dossier, result["audience"], result["length"], fmt, result["plan"]),
            plan=result["plan"], renders=result["renders"],
            pages_counted_by="WeasyPrint" if fmt == "pdf" else None,
        ))
    # the grade is the brief's, whatever the format: a file the previous build wrote with the same
    # bytes under the same key (a --force rebuild, mostly) came from the same final HTML
    same = [old for out in staged if (old := unchanged(plan, out)) is not None and "grade" in old]
    grade, grade_of = (same[0]["grade"], same[0].get("grade_of", "")) if same else prose_grade(result["html"])
    for out in staged:
        out.grade, out.grade_of = grade, grade_of
        report.rendered += 1
        pages = f"{out.pages}/{out.budget_pages} page{'s' * (out.budget_pages > 1)}" if out.pages else f"budget {out.budget_pages}"
        shown = f"grade {grade:.1f}" if grade is not None else "too little prose to grade"
        progress(f"built       {out.file}  ({pages}, {out.words} words, {shown})")
    report.renders += result["renders"]
    # the final HTML and layout measurements of the brief: memo packets render the HTML again;
    # a later build whose PDF is up to date writes the DOCX from it without a layout render
    cache = plan.staging / STAGED_CACHE
    cache.mkdir(exist_ok=True)
    write_new(cache / f"{stem}.html", result["html"].encode("utf-8"))
    layout_key = unit_key(plan.bases["pdf"], dossier, result["audience"], result["length"], "pdf", result["plan"])
    meta = {"key": layout_key, "plan": result["plan"], "pages": result["pages"], "words": result["words"],
            "text": result["text"]}
    write_new(cache / f"{stem}.json", json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    plan.staged.extend(staged)
    return staged


def unchanged(plan: DossierPlan, out: Output) -> dict | None:
    """The previous build's record of ``out`` if it wrote the same bytes under the same key
    (and so passed the same accessibility rules and measured the same grade), else None."""
    old = plan.previous.get(out.file)
    if isinstance(old, dict) and old.get("sha256") == out.sha256 and old.get("key") == out.key:
        return old
    return None


def read_cached(output: Path, dossier: str, stem: str, layout_key: str) -> dict | None:
    """The cached final HTML and measurements of a brief, if they belong to ``layout_key``."""
    folder = output / CACHE / dossier
    try:
        files = [folder / f"{stem}.json", folder / f"{stem}.html"]
        if folder.is_symlink() or (output / CACHE).is_symlink() or any(f.is_symlink() for f in files):
            return None  # a planted link: lay the brief out again instead of reading through it
        meta = load_json(folder / f"{stem}.json")
        if meta.get("key") != layout_key:
            return None
        meta["html"] = (folder / f"{stem}.html").read_text(encoding="utf-8")
        return meta
    except (OSError, ValueError, AttributeError):
        return None


def verify_docx(plan: DossierPlan, catalog: "Catalog") -> None:
    """Lay every staged DOCX out with LibreOffice, record its pages and hold it to its budget."""
    from ..write.docx_pages import docx_page_counts

    docs = [o for o in plan.staged if o.format == "docx"]
    # up-to-date DOCX files that no earlier build laid out get their count too
    docs += [o for o in plan.reused if o.format == "docx" and o.pages_counted_by != "LibreOffice"]
    if not docs:
        return
    staged = {o.file for o in plan.staged}
    counts = docx_page_counts([(plan.staging if o.file in staged else plan.folder) / o.file for o in docs])
    problems = []
    for out in docs:
        pages = counts[out.file]
        out.pages = pages
        out.pages_counted_by = "LibreOffice"
        if pages > out.budget_pages:
            problems.append(Problem(out.file, 0, "", f"Word layout (LibreOffice) needs {pages} pages; "
                                    f"the budget is {out.budget_pages} ({pages - out.budget_pages} over)"))
    if problems:
        raise FitError(problems)


def commit(plan: DossierPlan, catalog: "Catalog", chosen: str, report: BuildReport, keep_stale: bool,
           progress: Progress) -> None:
    """Rename staged files into place, drop stale outputs, then write the manifest."""
    folder = plan.folder
    refuse_link(folder)
    for out in plan.staged:
        os.replace(plan.staging / out.file, folder / out.file)  # replaces a link, never follows it
    staged_cache = plan.staging / STAGED_CACHE if plan.staging is not None else None
    if staged_cache is not None and staged_cache.is_dir():
        cache = cache_folder(plan.output, folder.name)
        for page in sorted(staged_cache.iterdir()):
            os.replace(page, cache / page.name)
    _drop_legacy(folder)
    outputs = {name: o for name, o in plan.previous.items() if (folder / name).exists()}
    for name in sorted(outputs):
        record = outputs[name]
        if _produced(record, catalog):
            continue
        report.removed.append(display_path(folder / name))
        if keep_stale:
            progress(f"stale       {display_path(folder / name)} (kept: --keep-stale)")
            continue
        _remove(folder / name)
        del outputs[name]
        progress(f"removed     {display_path(folder / name)} (no longer built)")
    built = plan.reused + plan.staged
    for out in built:
        outputs[out.file] = out.record()
    inputs = dict(plan.inputs)
    if built:
        inputs[chosen] = {"key": plan.raw_key,
                          "files": {o.file: o.sha256 for o in sorted(built, key=lambda o: o.file)}}
    manifest = {
        "generator": "briefgen",
        "dossier": folder.name,
        "outputs": [outputs[k] for k in sorted(outputs)],
        "inputs": dict(sorted(inputs.items())),
    }
    atomic_write(folder / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    stats = {"renders": {o.file: o.renders for o in sorted(plan.staged, key=lambda o: o.file)}}
    atomic_write(cache_folder(plan.output, folder.name) / STATS, (json.dumps(stats, indent=2) + "\n").encode())
    report.outputs.extend(built)
    report.reused += len(plan.reused)


LEGACY = (".html", ".build.lock")  # what older builds kept beside the briefs


def _drop_legacy(folder: Path) -> None:
    """Remove the intermediates older builds left in the folder users attach from (a link is
    removed itself, never followed)."""
    for name in LEGACY:
        path = folder / name
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _produced(record: dict, catalog: "Catalog") -> bool:
    """Would a build with this catalog still produce this manifest entry?"""
    audience = catalog.audiences.get(record.get("audience", ""))
    return (audience is not None and record.get("length") in catalog.lengths
            and record.get("length") in audience.layouts and record.get("format") in FORMATS)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)


def remove_gone_dossiers(output: Path, keep: set[str], keep_stale: bool, report: BuildReport,
                         progress: Progress) -> None:
    """Outputs of dossiers no longer in the content folder: the files their manifest lists, the
    manifest and their cache (a folder without a briefgen manifest is never touched)."""
    if not output.is_dir():
        return
    for folder in sorted(output.iterdir()):
        if folder.name.startswith(".") or folder.name in keep or folder.is_symlink() or not folder.is_dir():
            continue
        manifest = load_json(folder / MANIFEST)
        if manifest.get("generator") != "briefgen" or manifest.get("dossier") != folder.name:
            continue
        files = [folder / o["file"] for o in manifest.get("outputs", []) if isinstance(o, dict)
                 and isinstance(o.get("file"), str) and "/" not in o["file"] and not o["file"].startswith(".")]
        for path in [p for p in files if p.exists()] + [folder / MANIFEST]:
            report.removed.append(display_path(path))
            if keep_stale:
                progress(f"stale       {display_path(path)} (kept: --keep-stale; its dossier is gone)")
            else:
                _remove(path)
                progress(f"removed     {display_path(path)} (its dossier is gone)")
        if not keep_stale:
            cache = output / CACHE / folder.name
            if cache.is_dir() and not cache.is_symlink() and not (output / CACHE).is_symlink():
                shutil.rmtree(cache, ignore_errors=True)
            try:
                folder.rmdir()  # only if nothing else is in it
            except OSError:
                pass
