"""Ingest: report files -> captured text and the report's blocks, one reader per format.

``read_report(path)`` picks the reader by extension (``.txt``, ``.html``/``.htm``, ``.pdf``,
``.docx``) and returns a ``Captured`` (see ``document``). Every failure is a ``ReportError`` with
one line naming the file: unknown format, not a regular file, too big, empty, not UTF-8, encrypted,
no text layer, corrupt or truncated, or costing more to read than the limits allow (``guard``).
Limits and the chrome/publisher rules are data: briefgen/data/ingest.yaml.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReportError, display_path
from .document import Block, Captured, to_text
from .guard import check_characters, check_text_size, read_file

READERS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


def read_report(path: Path) -> Captured:
    """Read one report file with the reader for its format."""
    shown = display_path(path)
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(READERS))
        raise ReportError(f"{shown}: unknown format '{path.suffix or '(no extension)'}' "
                          f"(briefgen reads {known})")
    data, target = read_file(path, shown)  # a regular file only, within max_file_bytes
    if not data.strip():
        raise ReportError(f"{shown}: the file is empty")
    if kind == "txt":
        from . import txt as reader

        check_text_size(shown, len(data) - 3 * data.startswith(b"\xef\xbb\xbf"))  # the capture is the file
    elif kind == "html":
        from . import html as reader
    elif kind == "pdf":
        from . import pdf as reader
    else:
        from . import docx as reader
    captured = check_characters(reader.read(path, data, shown), shown)
    captured.resolved = target
    if not any(b.kind == "paragraph" for b in captured.blocks):
        raise ReportError(f"{shown}: no report text found (the document has no paragraphs)")
    check_text_size(shown, len(captured.text.encode("utf-8")))
    return captured


__all__ = ["read_report", "Captured", "Block", "to_text", "READERS"]
