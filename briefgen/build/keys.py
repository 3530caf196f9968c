"""Cache keys: when is an output still up to date?

Each format has its own key. A PDF depends on the code, the templates and the content that reach
its layout; a DOCX on all of that (its plan comes from the PDF layout) plus ``reference.docx``
and the DOCX writer; an HTML brief on the layout plus its writer and ``brief-web.css``. So
editing ``reference.docx`` rebuilds the DOCX files only (``brief-web.css`` the HTML files only),
and those reuse the cached final HTML instead of laying the briefs out again.

The no-op fast path needs no parsing: a build whose raw inputs (every byte of content,
templates and code, and the selection) equal those of an earlier successful build, and whose
outputs are still the files it wrote, has nothing to do.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from .outdir import file_sha
from .records import MANIFEST, BuildReport, Output, Progress, load_json, plain_name
from ..errors import display_path

if TYPE_CHECKING:  # the no-op path must not pay for pydantic, Jinja or WeasyPrint imports
    from ..content.model import Dossier

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BUILTIN_TEMPLATES = PACKAGE_DIR.parent / "templates"
DOCX_TEMPLATE_FILES = {"reference.docx"}
HTML_TEMPLATE_FILES = {"brief-web.css"}
LAYOUT_LIBS = ("weasyprint", "pydyf", "jinja2", "lxml")
DOCX_LIBS = ("python-docx",)


def _is_docx_code(path: Path) -> bool:
    return path.name.startswith(("write_docx", "docx"))


def _is_html_code(path: Path) -> bool:
    return path.name.startswith("write_html")


def _leaves_out(fmt: str | None, path: Path) -> bool:
    """Is ``path`` (code) no part of ``fmt``'s output? None: every format's code counts."""
    if fmt == "pdf":
        return _is_docx_code(path) or _is_html_code(path)
    if fmt == "docx":
        return _is_html_code(path)
    if fmt == "html":
        return _is_docx_code(path)
    return False


def _code_files() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def _libs(h, libs) -> None:
    for lib in libs:
        try:
            h.update(f"{lib}={version(lib)}".encode())
        except Exception:  # noqa: BLE001 - a missing library shows up at render time
            h.update(lib.encode())


@lru_cache(maxsize=None)
def code_fingerprint(fmt: str | None = None) -> str:
    """Hash of briefgen's own source and the versions of the libraries that shape the output;
    ``fmt`` leaves out what only another format's writer uses."""
    h = hashlib.sha256()
    for path in _code_files():
        if _leaves_out(fmt, path):
            continue
        h.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes())
    _libs(h, LAYOUT_LIBS if fmt in ("pdf", "html") else LAYOUT_LIBS + DOCX_LIBS)
    return h.hexdigest()


def templates_fingerprint(dirs: list[Path], fmt: str | None = None) -> str:
    """Hash of every file in the template folders, less those only another format uses."""
    return _templates_fingerprint(tuple(dirs), fmt)


@lru_cache(maxsize=8)
def _templates_fingerprint(dirs: tuple[Path, ...], fmt: str | None) -> str:
    h = hashlib.sha256()
    for folder in dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if (fmt in ("pdf", "html") and path.name in DOCX_TEMPLATE_FILES
                    or fmt in ("pdf", "docx") and path.name in HTML_TEMPLATE_FILES):
                continue
            h.update(str(path.relative_to(folder)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def dossier_fingerprint(dossier: "Dossier") -> str:
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


def format_bases(template_dirs: list[Path], dossier: "Dossier") -> dict[str, str]:
    """The key base of each format for one dossier: ``{"pdf": ..., "docx": ..., "html": ...}``."""
    content = dossier_fingerprint(dossier)
    layout = hashlib.sha256((code_fingerprint("pdf") + templates_fingerprint(template_dirs, "pdf")
                             + content).encode()).hexdigest()
    out = {"pdf": layout}
    for fmt in ("docx", "html"):
        own = code_fingerprint(fmt) + templates_fingerprint(template_dirs, fmt)
        out[fmt] = hashlib.sha256((layout + own).encode()).hexdigest()
    return out


def unit_key(base: str, dossier: "Dossier", audience: str, length: str, fmt: str, plan: dict | None) -> str:
    """Cache key of one output. Items count only if the plan includes them, or is the next one the
    fit loop would add: editing an item re-renders only the briefs it can appear in."""
    from ..compose.select import ranked

    h = hashlib.sha256(base.encode())
    h.update(f"{audience}\0{length}\0{fmt}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    order = [it.id for it in ranked(dossier)]
    if plan is None:
        ids = order
    else:
        included = [i for i, _ in plan["items"]]
        ids = list(included)
        seen = set(included)
        # the next item by each order a brief may use (select.ranked: by priority; headlines or
        # plain versions first)
        for layer in (None, "headline", "plain"):
            rest = next((it.id for it in ranked(dossier, layer) if it.id not in seen), None)
            if rest is not None and rest not in ids:
                ids.append(rest)
    by_id = {it.id: it for it in dossier.items}
    for item_id in ids:
        if item_id in by_id:
            h.update(json.dumps(by_id[item_id].model_dump(mode="json"), sort_keys=True).encode())
        else:
            h.update(f"missing:{item_id}".encode())
    return h.hexdigest()


def read_manifest(folder: Path) -> tuple[dict[str, dict], dict]:
    """The previous manifest's outputs by file name, and its no-op keys."""
    data = load_json(folder / MANIFEST)
    outputs, inputs = data.get("outputs"), data.get("inputs")
    records = {o["file"]: o for o in (outputs if isinstance(outputs, list) else [])
               if isinstance(o, dict) and plain_name(o.get("file"))}
    return records, (dict(inputs) if isinstance(inputs, dict) else {})


# --- the no-op fast path ------------------------------------------------------------------------


def selection(audience, length, fmt, verify_docx) -> str:
    return "|".join(str(x or "*") for x in (audience, length, fmt, verify_docx,
                                             os.environ.get("SOURCE_DATE_EPOCH", "")))


def _tree_digest(h, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())


def raw_key(templates: Path | None, folder: Path, chosen: str) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    for tree in ([templates] if templates else []) + [BUILTIN_TEMPLATES]:
        h.update(str(tree).encode())
        _tree_digest(h, tree)
    _tree_digest(h, folder)
    h.update(chosen.encode())
    return h.hexdigest()


def fast_noop(output: Path, templates: Path | None, folders: list[Path], chosen: str,
              progress: Progress) -> BuildReport | None:
    """The report of a build with nothing to do, or None when something may have changed."""
    if not folders:
        return None
    report = BuildReport()
    for folder in folders:
        out = output / folder.name
        if out.is_symlink():
            return None  # the full build explains the refusal
        records, inputs = read_manifest(out)
        entry = inputs.get(chosen)
        if not isinstance(entry, dict) or entry.get("key") != raw_key(templates, folder, chosen):
            return None
        files = entry.get("files")
        if not isinstance(files, dict):
            return None
        for name, sha in files.items():
            if name not in records or file_sha(out / name) != sha:
                return None
            try:
                report.outputs.append(Output.reused_from(records[name]))
            except (KeyError, TypeError):
                return None
            report.reused += 1
            progress(f"up to date  {display_path(out / name)}")
    return report
