"""Names and patterns of the content tree that several layers share (kept import-light: the
no-op build path uses them without importing pydantic)."""

from __future__ import annotations

import re
from pathlib import Path

RESERVED_FOLDERS = {"memos"}  # content/ folders that are not dossiers
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"  # ids of dossiers, items, editions, ...


def is_id(name: str) -> bool:
    return re.fullmatch(ID_PATTERN, name) is not None


def dossier_folders(content: Path) -> list[Path]:
    """Dossier folders under ``content``: every visible subfolder except reserved ones."""
    return sorted(
        p for p in content.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in RESERVED_FOLDERS
    )
