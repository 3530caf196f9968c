"""Load dossiers: YAML files (with line numbers) -> validated ``Dossier``, every error collected.

Checks, in one pass, and reported together:
schema (types, required and unknown fields), one ``dossier:`` section per dossier, unique ids,
known edition ids, readable source files, verbatim quotes, and change kinds that match the
editions they quote.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Collector, ContentError, display_path
from .model import LIST_SECTIONS, SINGLE_SECTIONS, Capture, Dossier, Part, Strict
from .provenance import SourceText, check_quote
from .schema_errors import element_model, validate
from ..text import bad_character
from .yamlsafe import MAX_BYTES, YamlDoc, format_loc, read_yaml

from ..paths import dossier_folders, is_id, no_dossier
MAX_FILES = 200


@dataclass
class Located:
    """Where a model object came from, for cross-file error messages."""

    doc: YamlDoc
    loc: tuple

    def at(self, *more) -> tuple[str, int, str]:
        loc = self.loc + tuple(more)
        return self.doc.file, self.doc.line(loc), format_loc(loc)


def where(obj: Strict, *more) -> tuple[str, int, str]:
    """(file, line, field path) of ``obj`` or of a field below it."""
    located: Located = obj._where  # type: ignore[assignment]
    return located.at(*more)


@dataclass
class LoadResult:
    dossiers: list[Dossier] = field(default_factory=list)
    problems: Collector = field(default_factory=Collector)
    quotes_checked: int = 0


def find_dossiers(content: Path) -> list[Path]:
    """Dossier folders under ``content``: every visible subfolder except reserved ones."""
    if not content.is_dir():
        raise ContentError(f"{display_path(content)}: content folder not found")
    return dossier_folders(content)


def load_all(content: Path, only: str | None = None) -> LoadResult:
    """Load every dossier under ``content`` (or just ``only``), collecting all problems."""
    result = LoadResult()
    folders = find_dossiers(content)
    if only is not None:
        folders = [f for f in folders if f.name == only]
        if not folders:
            raise ContentError(no_dossier(content, only))
    for folder in folders:
        dossier = load_dossier(folder, result.problems, result)
        if dossier is not None:
            result.dossiers.append(dossier)
    return result


def load_one(folder: Path) -> Dossier:
    """Load one dossier folder or raise ``ContentError`` with every problem found."""
    result = LoadResult()
    dossier = load_dossier(folder, result.problems, result)
    result.problems.raise_if_errors(ContentError)
    assert dossier is not None
    return dossier


def load_dossier(folder: Path, problems: Collector, stats: LoadResult | None = None) -> Dossier | None:
    """Read, validate and cross-check one dossier folder; None when it has errors."""
    shown_folder = display_path(folder)
    before = len(problems.errors)
    if not is_id(folder.name):
        problems.error(shown_folder, 0, "", "dossier folder names must be lower-case letters, digits and hyphens")
        return None
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    for path in files:
        if not path.resolve().is_relative_to(folder.resolve()):
            problems.error(display_path(path), 0, "", "links to a file outside the dossier folder")
    files = [p for p in files if p.resolve().is_relative_to(folder.resolve())]
    if not files:
        problems.error(shown_folder, 0, "", "no YAML files in this dossier folder")
        return None
    if len(files) > MAX_FILES:
        problems.error(shown_folder, 0, "", f"{len(files)} YAML files; the limit is {MAX_FILES}")
        return None

    docs: list[YamlDoc] = []
    unreadable = False
    for path in files:
        doc = read_yaml(path, display_path(path), problems)
        if doc is None:
            unreadable = True
            continue
        docs.append(doc)
    context = {"draft": any(_is_draft(doc) for doc in docs)}
    parts: list[tuple[YamlDoc, Part]] = []
    for doc in docs:
        part = _validate_part(doc, problems, context)
        _locate(part, doc)
        parts.append((doc, part))

    # Cross-checks run over every entry that passed the schema, even when others failed,
    # so one run reports every problem.
    dossier = _join(folder, parts, problems, quiet=unreadable)
    if dossier is None:
        return None
    dossier.files = files
    _cross_check(dossier, problems, stats)
    if len(problems.errors) > before:
        return None
    return dossier


def _is_draft(doc: YamlDoc) -> bool:
    """Does this file mark its dossier as a draft (``dossier: {draft: true}``)?"""
    data = doc.data
    meta = data.get("dossier") if isinstance(data, dict) else None
    return isinstance(meta, dict) and str(meta.get("draft", "")).lower() in ("true", "yes", "on")


def _validate_part(doc: YamlDoc, problems: Collector, context: dict | None = None) -> Part:
    """Validate a file section by section and entry by entry, keeping every valid piece."""
    if not isinstance(doc.data, dict):
        validate(Part, doc, problems)  # reports "expected a mapping"
        return Part()
    fields = Part.model_fields
    kept: dict = {}
    for key, value in doc.data.items():
        if key not in fields:
            validate(Part, doc, problems, data={key: value})  # reports the unknown key
            continue
        entry_model = element_model(fields[key].annotation)
        if key in LIST_SECTIONS and isinstance(entry_model, type) and issubclass(entry_model, Strict):
            if not isinstance(value, list):
                validate(Part, doc, problems, data={key: value})
                continue
            entries = []
            for i, entry in enumerate(value):
                obj = validate(entry_model, doc, problems, (key, i), entry, context)
                if obj is not None:
                    entries.append(obj)
            kept[key] = entries
        else:
            single = validate(Part, doc, problems, data={key: value}, context=context)
            if single is not None:
                kept[key] = getattr(single, key)
    return Part.model_construct(**kept)


def _locate(part: Part, doc: YamlDoc) -> None:
    """Attach (file, location) to every object so cross-checks can name the line."""

    def visit(obj, loc):
        if isinstance(obj, Strict):
            obj._where = Located(doc, loc)
            for name in type(obj).model_fields:
                visit(getattr(obj, name), loc + (name,))
        elif isinstance(obj, list):
            for i, child in enumerate(obj):
                visit(child, loc + (i,))

    visit(part, ())


def _join(folder: Path, parts: list[tuple[YamlDoc, Part]], problems: Collector, quiet: bool = False) -> Dossier | None:
    singles: dict[str, tuple] = {}
    lists: dict[str, list] = {name: [] for name in LIST_SECTIONS}
    todo_at: list[tuple[str, int, str]] = []
    declared: dict[str, tuple[str, int]] = {}  # where each section's key is written (even empty)
    for doc, part in parts:
        for key in doc.data if isinstance(doc.data, dict) else ():
            declared.setdefault(key, (doc.file, doc.line((key,))))
        for name in SINGLE_SECTIONS:
            value = getattr(part, name)
            if value is None:
                continue
            if name in singles:
                first = singles[name][0]
                problems.error(
                    doc.file, doc.line((name,)), name,
                    f"section '{name}' is already defined in {first.file}:{first.line((name,))}",
                )
                continue
            singles[name] = (doc, value)
        for name in LIST_SECTIONS:
            lists[name].extend(getattr(part, name))
        todo_at.extend((doc.file, doc.line(("todo", i)), f"todo[{i}]", text) for i, text in enumerate(part.todo))
    if "dossier" not in singles:
        if quiet or any(isinstance(doc.data, dict) and "dossier" in doc.data for doc, _ in parts):
            return None  # present but invalid, or in a file that could not be read: reported
        problems.error(display_path(folder), 0, "dossier", "no file in this dossier has a 'dossier:' section")
        return None
    return Dossier(
        todo_at=todo_at,
        declared=declared,
        id=folder.name,
        folder=folder,
        meta=singles["dossier"][1],
        bottom_line=singles.get("bottom_line", (None, None))[1],
        why_it_matters=singles.get("why_it_matters", (None, None))[1],
        **lists,
    )


def _cross_check(dossier: Dossier, problems: Collector, stats: LoadResult | None) -> None:
    meta = dossier.meta
    _unique(meta.editions, "id", problems)
    _unique(dossier.items, "id", problems)
    _unique(dossier.changes, "id", problems)
    _unique(dossier.glossary, "term", problems)

    texts: dict[str, list[tuple[Capture, SourceText]]] = {}
    for edition in meta.editions:
        for capture in edition.all_captures:
            source = _read_capture(dossier, capture, problems)
            if source is not None:
                texts.setdefault(edition.id, []).append((capture, source))
        if edition.id in texts:
            dossier.captures[edition.id] = texts[edition.id]
            dossier.sources[edition.id] = main_capture(texts[edition.id])[1].report

    known = [e.id for e in meta.editions]
    quoted: list[tuple[Strict, str]] = []  # (owner, label)
    for item in dossier.items:
        quoted.append((item, f"item '{item.id}'"))
    for name in ("bottom_line", "why_it_matters"):
        point = getattr(dossier, name)
        if point is not None:
            quoted.append((point, name))
    for i, point in enumerate(dossier.what_to_watch):
        quoted.append((point, f"what_to_watch[{i}]"))
    for event in dossier.timeline:
        quoted.append((event, f"timeline event '{event.when}: {event.short}'"))
    for term in dossier.glossary:
        quoted.append((term, f"glossary term '{term.term}'"))
    for change in dossier.changes:
        quoted.append((change, f"change '{change.id}'"))

    for owner, label in quoted:
        for j, source in enumerate(owner.sources):
            if source.edition not in known:
                problems.error(
                    *where(owner, "sources", j, "edition"),
                    f"unknown edition '{source.edition}' in {label} (known: {', '.join(known)})",
                )
                continue
            if source.edition not in texts:
                continue  # its file is missing; reported above
            if stats is not None:
                stats.quotes_checked += 1
            captures = texts[source.edition]
            problem = check_quote(source.quote, main_capture(captures)[1])
            if problem and any(check_quote(source.quote, text) is None for _, text in captures):
                problem = None
            if problem:
                problems.error(
                    *where(owner, "sources", j, "quote"),
                    f"quote for {label} is not verbatim in edition '{source.edition}': {problem}",
                )

    if len(meta.editions) > 1:
        # A change compares two editions; which two follows from its quotes.
        order = dossier.ordered
        for change in dossier.changes:
            if dossier.span(change) is None:
                need = {
                    "added": "a quote from one edition that has an edition before it",
                    "dropped": "a quote from one edition that has an edition after it",
                    "changed": "quotes from two editions",
                }[change.kind]
                cited = ", ".join(sorted({s.edition for s in change.sources})) or "none"
                problems.error(*where(change, "sources"),
                               f"a '{change.kind}' change needs {need} (cites: {cited}; "
                               f"editions oldest first: {', '.join(order)})")
    elif dossier.changes:
        problems.warning(*where(dossier.changes[0], "kind"),
                         "changes need two editions; a one-edition dossier shows no 'what changed' box")


def main_capture(captures: list[tuple[Capture, SourceText]]) -> tuple[Capture, SourceText]:
    """The capture that stands for an edition: complete before partial, the publisher's words
    before a library's, a library's before a re-post's, verbatim before unknown before reworded."""
    origin = {"publisher": 0, "library": 1, "unknown": 2, "repost": 3}
    fidelity = {"verbatim": 0, "unknown": 1, "reworded": 2}
    return min(captures, key=lambda c: (c[0].partial, fidelity[c[0].fidelity], origin[c[0].origin]))


def _read_capture(dossier: Dossier, capture: Capture, problems: Collector) -> SourceText | None:
    """Read one capture file, checking place, size, hash, encoding and markers."""
    path = dossier.folder / capture.file
    file, line, fpath = where(capture, "file")
    if not path.is_file():
        problems.error(file, line, fpath, f"source file not found: {display_path(path)}")
        return None
    if not path.resolve().is_relative_to((dossier.folder / "sources").resolve()):
        problems.error(file, line, fpath, f"source file must be inside sources/ (got '{capture.file}')")
        return None
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        problems.error(file, line, fpath, f"source file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
        return None
    if capture.sha256 and hashlib.sha256(raw).hexdigest() != capture.sha256:
        problems.error(
            *where(capture, "sha256"),
            f"{display_path(path)} has changed: its sha256 is {hashlib.sha256(raw).hexdigest()}",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.error(file, line, fpath, f"source file is not UTF-8 text: {display_path(path)}")
        return None
    source = SourceText.from_capture(text, capture.report_starts_after, capture.report_ends_before)
    for marker in ("report_starts_after", "report_ends_before"):
        if getattr(capture, marker) and not source.marker_found(marker):
            problems.error(
                *where(capture, marker),
                f"marker {getattr(capture, marker)!r} not found in {display_path(path)}",
            )
    return source


def _unique(objects: list[Strict], key: str, problems: Collector) -> None:
    seen: dict[str, Strict] = {}
    for obj in objects:
        value = getattr(obj, key)
        if value in seen:
            first_file, first_line, _ = where(seen[value], key)
            problems.error(
                *where(obj, key), f"duplicate {key} '{value}' (first used at {first_file}:{first_line})"
            )
        else:
            seen[value] = obj
