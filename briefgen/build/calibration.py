"""The fit model's calibration (``fitmodel``), kept between builds: once per template set.

What a template set's blocks cost on the page (line heights, characters per line, the space
around each kind of block) does not depend on the content or on the output folder, so it is
kept in the user's cache (``$XDG_CACHE_HOME/briefgen``, else ``~/.cache/briefgen``, as the
syllable table of ``readability``), one file per template set and layout engine: a build into
an empty output folder, a fresh clone's first ``make brief`` after any earlier build, starts
from it. It only decides where the fit search looks first; what a brief shows never depends on
it. A cache that cannot be read or written is ignored (the model is learnt again).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

from ..compose.fitmodel import FitModel
from .keys import templates_fingerprint


def cache_file(template_dirs: list[Path]) -> Path:
    try:
        engine = version("weasyprint")
    except Exception:  # noqa: BLE001 - any version is as good a key as none
        engine = "?"
    key = hashlib.sha256((templates_fingerprint(template_dirs, "pdf") + engine).encode()).hexdigest()[:20]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "briefgen" / f"fit-model-{key}.json"


def load(template_dirs: list[Path]) -> FitModel:
    try:
        return FitModel(json.loads(cache_file(template_dirs).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return FitModel()


def save(template_dirs: list[Path], model: FitModel) -> None:
    if not model:
        return
    path = cache_file(template_dirs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".fit-model-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(model.to_json(), f, sort_keys=True)
        os.replace(tmp, path)
    except OSError:
        pass  # no writable cache: the next build learns again
