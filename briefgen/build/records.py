"""What a build records: one ``Output`` per file (as ``manifest.json`` lists it) and the report."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

FORMATS = ("pdf", "docx", "html")
MANIFEST = "manifest.json"
STATS = "last-build.json"  # in the cache folder: layout renders per output of the last build

Progress = Callable[[str], None]


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
    renders: int = 0  # layout renders this build made for it: not in the manifest, which must
    # not depend on what an earlier build left (a --force rebuild gives the same bytes)
    # who counted ``pages``: "WeasyPrint" (the PDF itself), "LibreOffice" (a DOCX laid out with
    # --verify-docx) or None (a DOCX nobody laid out: Word decides)
    pages_counted_by: str | None = None
    grade_of: str = ""  # what the grade measured, e.g. "5 full sentences (6 of 9 blocks)"
    reused: bool = False

    def record(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("reused", "renders")}

    @classmethod
    def reused_from(cls, record: dict) -> "Output":
        """The manifest record of a file that is still up to date."""
        return cls(**{k: record[k] for k in cls.__dataclass_fields__
                      if k in record and k not in ("reused", "renders")}, reused=True)


@dataclass
class BuildReport:
    outputs: list[Output] = field(default_factory=list)
    rendered: int = 0
    reused: int = 0
    renders: int = 0
    removed: list[str] = field(default_factory=list)  # stale outputs deleted (or listed)
    warnings: list = field(default_factory=list)  # Problems, e.g. user template files no build uses


def load_json(path: Path) -> dict:
    """A JSON object from ``path``, or {} when it is missing, unreadable, not JSON, nested too
    deep for the parser (RecursionError) or not an object: a damaged manifest or cache record
    is a reason to build again, never to fail."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def plain_name(name) -> bool:
    """A file name a manifest may list: text, no folder part, not hidden."""
    return isinstance(name, str) and name != "" and "/" not in name and "\\" not in name and not name.startswith(".")
