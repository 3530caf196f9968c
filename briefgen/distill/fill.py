"""``briefgen draft DOSSIER``: machine drafts for an existing dossier's empty fields.

Every item without a headline or a plain version, and a bottom line or why-it-matters without a
plain version, gets a draft when one passes the gates (``drafting``); a filled field is never
touched. The drafts are written into the YAML files where the entries stand, each marked under
``drafted:``; the rest of each file (comments, order, wording) stays byte for byte. The files are
written only when all drafts are ready, each replaced whole (a failure leaves them as they were).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportError, display_path
from ..content.model import draft_mark
from .drafting import DraftLog, draft_many, layer_gate, rests_on
from .emit import _scalar


@dataclass
class FillReport:
    folder: Path
    log: DraftLog
    files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return self.log.lines() + [self.log.summary(), f"wrote {', '.join(self.files) or 'nothing'}"]


def _sentence(owner) -> str:
    return rests_on(getattr(owner, "summary", None) or owner.text, [s.quote for s in owner.sources])


def _edits_for(owner, label: str, layers: list[str], done: dict, log: DraftLog) -> dict[str, str]:
    sentence = _sentence(owner)
    out = {}
    for layer in layers:
        text, failure = done[(layer, sentence)]
        if text is None:
            log.failed.append((label, layer, failure))
        else:
            out[layer] = text
            log.written.append((label, layer))
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" -")) if line.lstrip().startswith("- ") else len(line) - len(line.lstrip())


def _apply(lines: list[str], doc, loc: tuple, fields: dict[str, str], owner) -> None:
    """Write ``fields`` (layer -> text) and their marks into the mapping at ``loc`` of ``lines``."""
    anchor = doc.lines[loc + ("sources",)] - 1  # every entry has sources
    line = lines[anchor]
    pad = " " * (len(line) - len(line.lstrip()) + (2 if line.lstrip().startswith("- ") else 0))
    ops: list[tuple[int, int, list[str]]] = []  # (start, end, new lines), applied from the bottom up
    for layer, text in fields.items():
        entry = [f"{pad}{layer}: {_scalar(text, len(pad), len(layer) + 2)}"]
        key = loc + (layer,)
        if key in doc.lines:  # "headline:" with no value, or "headline: null": replaced
            ops.append((doc.lines[key] - 1, doc.lines[key], entry))
        elif layer == "headline" and loc + ("summary",) in doc.lines:
            ops.append((doc.lines[loc + ("summary",)] - 1, doc.lines[loc + ("summary",)] - 1, entry))
        else:
            ops.append((anchor, anchor, entry))
    marks = {**owner.drafted, **{layer: draft_mark(text) for layer, text in fields.items()}}
    block = [f"{pad}drafted:"] + [f"{pad}  {layer}: \"{mark}\"" for layer, mark in marks.items()]
    old = loc + ("drafted",)
    if old in doc.lines:
        at = doc.lines[old] - 1
        end = at + 1
        while end < len(lines) and lines[end].strip() and _indent(lines[end]) > len(pad):
            end += 1
        ops.append((at, end, block))
    else:
        ops.append((anchor, anchor, [f"{pad}# {REVIEW}"] + block))
    for start, end, new in sorted(ops, key=lambda op: (op[0], op[1]), reverse=True):
        lines[start:end] = new


REVIEW = "machine-drafted by briefgen: review; an edit makes a field yours (then delete its line below)"


def fill(content: Path, name: str) -> FillReport:
    """Draft every empty headline and plain field of dossier ``name``; write them in place."""
    from ..errors import ContentError
    from ..content.load import load_one
    from ..compose.select import glossary_terms

    folder = content / name
    if not (folder / "").is_dir():
        raise ReportError(f"{display_path(folder)}: no such dossier (make one with briefgen distill)")
    dossier = load_one(folder)
    terms = glossary_terms(dossier)
    grade = dossier.meta.readability.plain_max_grade
    log = DraftLog()
    by_file: dict[str, list] = {}
    owners = [(i, f"item '{i.id}'", [x for x in ("headline", "plain") if getattr(i, x) is None]) for i in dossier.items]
    owners += [(p, name.replace("_", " "), ["plain"]) for name in ("bottom_line", "why_it_matters")
               if (p := getattr(dossier, name)) is not None and p.plain is None]
    done = draft_many([(layer, _sentence(o)) for o, _, layers in owners for layer in layers], terms, grade)
    from ..check import plain_layer

    done = layer_gate(done, [_sentence(o) for o, _, layers in owners if "plain" in layers], [plain_layer(dossier)], grade)
    for owner, label, layers in owners:
        if not layers:
            continue
        fields = _edits_for(owner, label, layers, done, log)
        if fields:
            by_file.setdefault(owner._where.doc.file, []).append((owner, fields))
    paths = {display_path(p): p for p in dossier.files}
    before: dict[Path, str] = {}
    new: dict[Path, str] = {}
    for shown, entries in by_file.items():
        path = paths.get(shown)
        if path is None:  # pragma: no cover - every owner comes from a file of the dossier
            raise ContentError(f"{shown}: not a file of dossier {name}")
        before[path] = path.read_text(encoding="utf-8")
        lines = before[path].split("\n")
        for owner, fields in sorted(entries, key=lambda e: -e[0]._where.doc.line(e[0]._where.loc)):
            _apply(lines, owner._where.doc, tuple(owner._where.loc), fields, owner)
        new[path] = "\n".join(lines)
    try:
        for path, text in new.items():
            _replace(path, text)
        load_one(folder)  # what was written loads (it always should: a bug otherwise)
    except BaseException:
        for path, text in before.items():
            _replace(path, text)
        raise
    return FillReport(folder, log, sorted(display_path(p) for p in new))


def _replace(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".draft-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["FillReport", "fill"]
