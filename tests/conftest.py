"""Shared fixtures: paths, a disposable copy of the content tree, and a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DOSSIER = CONTENT / "china-russia"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of content/ that a test may break."""
    dst = tmp_path / "content"
    shutil.copytree(CONTENT, dst)
    return dst


def run_briefgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real console entry point in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen.cli", *args],
        cwd=cwd or ROOT,
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
