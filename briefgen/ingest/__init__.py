"""Ingest: report files -> captured text and the report's blocks, one reader per format.

``read_report(path)`` picks the reader by extension (``.txt``, ``.html``/``.htm``, ``.pdf``,
``.docx``) and returns a ``Captured`` (see ``document``). Every failure is a ``ReportError`` with
one line naming the file: unknown format, too big, empty, not UTF-8, encrypted, no text layer,
corrupt or truncated. Limits and the chrome/publisher rules are data: briefgen/data/ingest.yaml.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReportError, display_path
from .document import Block, Captured, to_text
from .rules import rules

READERS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


def read_report(path: Path) -> Captured:
    """Read one report file with the reader for its format."""
    shown = display_path(path)
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(READERS))
        raise ReportError(f"{shown}: unknown format '{path.suffix or '(no extension)'}' "
                          f"(briefgen reads {known})")
    if not path.is_file():
        raise ReportError(f"{shown}: no such file")
    limits = rules()
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ReportError(f"{shown}: {size:,} bytes; the limit is {limits.max_file_bytes:,} "
                          "(briefgen/data/ingest.yaml, limits.max_file_bytes)")
    data = path.read_bytes()
    if not data.strip():
        raise ReportError(f"{shown}: the file is empty")
    if kind == "txt":
        from . import txt as reader
    elif kind == "html":
        from . import html as reader
    elif kind == "pdf":
        from . import pdf as reader
    else:
        from . import docx as reader
    captured = reader.read(path, data, shown)
    if not any(b.kind == "paragraph" for b in captured.blocks):
        raise ReportError(f"{shown}: no report text found (the document has no paragraphs)")
    size = len(captured.text.encode("utf-8"))
    if size > limits.max_text_bytes:
        raise ReportError(f"{shown}: its text is {size:,} bytes; the limit is {limits.max_text_bytes:,} "
                          "(briefgen/data/ingest.yaml, limits.max_text_bytes)")
    return captured


__all__ = ["read_report", "Captured", "Block", "to_text", "READERS"]
