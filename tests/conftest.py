"""Shared fixtures: paths, a disposable copy of the content tree, and a CLI runner.

Tests never read the user's ``content/`` folder as a whole: ``CONTENT`` is a fixture tree made
once per session from the dossier the tests are about (``china-russia``) and the memos, so a
dossier a user adds to ``content/`` (as the README describes) cannot change what tests see.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content"
FIXTURE_FOLDERS = ("china-russia", "memos")


def _fixture_tree() -> Path:
    """<tmp>/content/{china-russia,memos}: copies of the shipped folders the tests use."""
    base = Path(tempfile.mkdtemp(prefix="briefgen-tests-"))
    atexit.register(shutil.rmtree, base, True)
    for name in FIXTURE_FOLDERS:
        shutil.copytree(SHIPPED / name, base / "content" / name)
    return base


WORKDIR = _fixture_tree()  # the working directory of CLI runs: its content/ is the fixture tree
CONTENT = WORKDIR / "content"
DOSSIER = CONTENT / "china-russia"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of content/ that a test may break."""
    dst = tmp_path / "content"
    shutil.copytree(CONTENT, dst)
    return dst


def run_briefgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real console entry point in a fresh process, by default in ``WORKDIR`` (whose
    ``content/`` is the fixture tree)."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen.cli", *args],
        cwd=cwd or WORKDIR,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Every china-russia brief, built once per test session, DOCX pages checked in LibreOffice."""
    from briefgen.build import BuildOptions, build

    out = tmp_path_factory.mktemp("output")
    report = build(BuildOptions(content=CONTENT, output=out, verify_docx=True))
    return out / "china-russia", report
