"""Names and patterns of the content tree that several layers share (kept import-light: the
no-op build path uses them without importing pydantic)."""

from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
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


def no_dossier(content: Path, name: str) -> str:
    """The one message for a dossier name that ``content`` does not hold (build, check,
    preview, update and memos alike), with the closest name when one is near."""
    import difflib

    from .errors import display_path

    names = [p.name for p in dossier_folders(content)] if content.is_dir() else []
    known = f"(dossiers: {', '.join(names) or 'none'})"
    if name in RESERVED_FOLDERS:
        return f"'{name}' in {display_path(content)} holds {name}, not a dossier {known}"
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"no dossier '{name}' in {display_path(content)}{hint} {known}"


def swap_in(staged: Path, target: Path) -> None:
    """Put the folder ``staged`` where ``target`` is, replacing it whole: a failure leaves
    ``target`` as it was (the old folder is moved aside first and put back)."""
    if not target.exists():
        os.replace(staged, target)
        return
    backup = target.parent / f".{target.name}.replaced-{os.getpid()}"
    os.replace(target, backup)
    try:
        os.replace(staged, target)
    except OSError:
        os.replace(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


@contextmanager
def changing(content: Path, waiting=lambda: None):
    """Hold the lock that lets one command at a time change the dossiers of ``content``
    (``distill``, ``update``): another waits here (``waiting()`` is called once, to say so)
    until the first has swapped its result in, then reads what it left. The lock is the
    folder's own (``flock`` on it): no file is written, and it ends with the process."""
    import fcntl

    fd = os.open(content, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
