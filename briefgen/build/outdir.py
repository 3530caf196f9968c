"""The output folder: where a build may write, and how, without ever following a planted link.

``output/<dossier>/`` holds what users attach: the briefs and ``manifest.json``. Everything
else a build keeps (the final HTML of each brief for memo packets, the layout measurements that
let a DOCX-only build skip layout, the lock) lives in ``output/.briefgen-cache/<dossier>/``.

Every folder below the output folder must be a real folder: a symlink there (planted to send
writes elsewhere) is refused with a message. Files are replaced by renaming a fresh file over
them (a link in the way is replaced, never followed) and the lock is opened with ``O_NOFOLLOW``.
Written files get the same mode as any file the user creates (0666 less the umask).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError, display_path

CACHE = ".briefgen-cache"


def refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise BuildError(f"{display_path(path)}: is a symbolic link; briefgen writes only inside the "
                         f"output folder and does not follow links there (remove the link)")


def safe_folder(root: Path, *parts: str) -> Path:
    """``root/parts...``, created as needed; every part must be a real folder inside ``root``.
    (``root`` itself may be a link: where the output folder lives is the user's choice.)"""
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{display_path(root)}: cannot write output ({exc.strerror})") from None
    real_root = root.resolve()
    folder = root
    for part in parts:
        folder = folder / part
        refuse_link(folder)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise BuildError(f"{display_path(folder)}: cannot write output ({exc.strerror})") from None
        refuse_link(folder)
        if not folder.is_dir():
            raise BuildError(f"{display_path(folder)}: is not a folder")
    if not folder.resolve().is_relative_to(real_root):
        raise BuildError(f"{display_path(folder)}: resolves outside the output folder {display_path(root)}")
    return folder


def cache_folder(output: Path, dossier: str) -> Path:
    return safe_folder(output, CACHE, dossier)


def cached_html(output: Path, dossier: str, audience: str, length: str) -> Path:
    """Where a build keeps the final HTML of a brief (memo packets render it again)."""
    return output / CACHE / dossier / f"{dossier}-{audience}-{length}.html"


@contextmanager
def locked(output: Path, dossier: str):
    """An exclusive lock on building ``output/<dossier>`` (kept in the cache folder)."""
    folder = cache_folder(output, dossier)
    path = folder / "build.lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if path.is_symlink():
            refuse_link(path)
        raise BuildError(f"{display_path(path)}: cannot open the build lock ({exc.strerror})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def file_mode() -> int:
    """0666 less the process umask: what ``open(..., "w")`` would give."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (which must not exist: staging folders are fresh) without following links."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` by a complete new file (a link at ``path`` is replaced, not followed)."""
    refuse_link(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_sha(path: Path) -> str | None:
    """sha256 of a regular file (None if it is missing, unreadable or a link)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
