"""Shared fixtures: paths, a disposable copy of the content tree, a CLI runner, and build helpers.

Tests never read the user's ``content/`` folder as a whole: ``CONTENT`` is a fixture tree made
once per session from the dossier the tests are about (``china-russia``) and the memos, so a
dossier a user adds to ``content/`` (as the README describes) cannot change what tests see.
"""

from __future__ import annotations

import atexit
import json
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


# --- build helpers shared by several test files ---------------------------------------------------

NARROW = dict(audience="principal", length="flash")  # the smallest build: one brief in each format


def opts(tmp_path: Path, **kw):
    """BuildOptions writing to ``tmp_path/out``, reading the fixture tree unless ``content=`` says."""
    from briefgen.build import BuildOptions

    kw.setdefault("content", CONTENT)
    return BuildOptions(output=tmp_path / "out", **kw)


def manifest(out: Path, dossier: str = "china-russia") -> dict:
    """A dossier's manifest entries under an output folder, by file name."""
    return {o["file"]: o for o in json.loads((out / dossier / "manifest.json").read_text())["outputs"]}


def snapshot_tree(folder: Path) -> dict[Path, bytes]:
    """Every file under ``folder`` (recursively), by relative path, with its bytes."""
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_principal_flash(content: Path, out: Path) -> dict[Path, bytes]:
    """Build the principal flash brief with the CLI and return a snapshot of the output folder,
    for tests that check a refused build leaves it untouched."""
    proc = run_briefgen("build", "--content", str(content), "--output", str(out), "--audience", "principal",
                        "--length", "flash")
    assert proc.returncode == 0, proc.stderr
    return snapshot_tree(out)
