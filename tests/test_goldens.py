"""Golden text of every output: page-split text for PDF, "Style | text" lines for DOCX.

A failing golden shows the diff. To accept changes: `make goldens`, then review
`git diff tests/goldens` before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from extract import docx_lines, pdf_golden

GOLDENS = Path(__file__).parent / "goldens"
UPDATE = os.environ.get("BRIEFGEN_UPDATE_GOLDENS") == "1"
NAMES = [
    f"china-russia-{a}-{length}.{fmt}"
    for a in ("principal", "staff", "public")
    for length in ("flash", "one-page", "two-page", "full")
    for fmt in ("pdf", "docx")
]


def extracted(path: Path) -> str:
    if path.suffix == ".pdf":
        return pdf_golden(path)
    return "\n".join(docx_lines(path)) + "\n"


@pytest.mark.parametrize("name", NAMES)
def test_golden(built, name):
    folder, _ = built
    actual = extracted(folder / name)
    golden = GOLDENS / (name + ".txt")
    if UPDATE:
        GOLDENS.mkdir(exist_ok=True)
        golden.write_text(actual)
        return
    assert golden.exists(), f"no golden for {name}: run `make goldens` and review"
    expected = golden.read_text()
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), f"golden/{name}", f"built/{name}"))
        pytest.fail(f"{name} differs from its golden (run `make goldens` to accept):\n{diff}")


def test_no_stale_goldens():
    stale = sorted(p.name for p in GOLDENS.glob("*.txt") if p.name[:-4] not in NAMES)
    assert stale == []
