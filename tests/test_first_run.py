"""The first `make brief` on a fresh clone (issue 23, item 15): a line per step saying what it
does, and nothing a user must decode: pip's notes about package indexes and extras go to a log,
shown only when the install fails.

The Makefile runs for real, with a stand-in for python3 (PYTHON=...) whose venv's pip makes the
noise a real one made on the development machine, so no package is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

# what pip printed on a fresh machine with local package indexes, on every first install
PIP_NOISE = "\n".join(
    [f"WARNING: Location 'file:///opt/pypi-more/simple/{name}/' is ignored: it is neither a file nor a directory."
     for name in ("courlan", "htmldate", "justext", "anyio", "pydyf", "cffi", "tinyhtml5", "fonttools")] * 4
    + ["WARNING: lxml 6.2.0 does not provide the extra 'html_clean'",
       "WARNING: lxml 6.1.3 does not provide the extra 'html_clean'",
       "Successfully installed briefgen-0.1.0 weasyprint-70.0"])

FAKE_PYTHON = """#!/bin/sh
# stands in for python3: "-m venv DIR" makes DIR/bin/python (a pip that prints noise) and briefgen
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  cat > "$3/bin/python" <<'PY'
#!/bin/sh
if [ "$1 $2 $3" = "-m pip install" ]; then
  cat "$FAKE_PIP_NOISE" >&2
  if [ -n "${FAKE_PIP_FAIL:-}" ]; then
    echo "ERROR: No matching distribution found for weasyprint==70.0" >&2
    exit 1
  fi
  exit 0
fi
exit 0
PY
  printf '#!/bin/sh\\necho "built       output/x.pdf"\\n' > "$3/bin/briefgen"
  chmod +x "$3/bin/python" "$3/bin/briefgen"
  exit 0
fi
exit 3
"""


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, dict]:
    """The files `make brief` needs, as a fresh clone has them, and a stand-in python3."""
    work = tmp_path / "briefgen"
    work.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, work / name)
    shutil.copytree(ROOT / "tools", work / "tools")
    fake = tmp_path / "python3"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    noise = tmp_path / "pip-noise.txt"
    noise.write_text(PIP_NOISE + "\n")
    env = {**os.environ, "FAKE_PIP_NOISE": str(noise), "MAKEFLAGS": ""}
    env.pop("FAKE_PIP_FAIL", None)
    return work, env | {"PYTHON_STANDIN": str(fake)}


def make(work: Path, env: dict, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(work), *targets,
                           f"PYTHON={env['PYTHON_STANDIN']}"],
                          capture_output=True, text=True, env=env, timeout=120)


def test_first_make_brief_says_what_it_does_and_nothing_to_decode(clone):
    work, env = clone
    proc = make(work, env, "brief")
    assert proc.returncode == 0, proc.stderr
    lines = (proc.stdout + proc.stderr).splitlines()
    assert lines[0] == "briefgen: installing the Python packages into .venv/ (once; about a minute)"
    assert any(line.startswith("briefgen: system packages (") for line in lines)
    assert "briefgen: building the briefs into output/" in lines
    assert "built       output/x.pdf" in lines
    noise = [line for line in lines if "WARNING" in line or "html_clean" in line or line.startswith((".venv/", "tools/"))]
    assert not noise, noise  # pip's notes and the raw commands stay out of sight
    assert len(lines) <= 5, lines
    log = (work / ".venv/install.log").read_text()
    assert "does not provide the extra 'html_clean'" in log  # kept, for whoever wants to look
    again = make(work, env, "brief")  # installed: no install step the second time
    assert "installing" not in again.stdout and again.returncode == 0


def test_a_failed_install_shows_pip_s_error_and_where_the_rest_is(clone):
    work, env = clone
    proc = make(work, env | {"FAKE_PIP_FAIL": "1"}, "brief")
    assert proc.returncode != 0
    assert "briefgen: pip could not install the Python packages (all it said: .venv/install.log):" in proc.stderr
    assert "ERROR: No matching distribution found for weasyprint==70.0" in proc.stderr
    assert "WARNING" not in proc.stdout + proc.stderr
    assert not (work / ".venv/.installed").exists()  # the next run tries again
