"""Which files of a user's ``--templates`` folder are used, and which are silently ignored.

A user folder overrides built-in files by name (``brief-principal.html.j2``, ``brief.css``,
``reference.docx`` ...) and may add files that something refers to (a template named in its
``catalog.yaml``, a stylesheet, an ``{% include %}`` target). A file that matches no built-in
name and that no template, stylesheet or catalog mentions is ignored by every build, usually
because of a typo: say so, with the closest built-in name. Import-light (no Jinja): the no-op
build path runs it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..errors import Problem, display_path

_TEXT = (".j2", ".css", ".yaml", ".yml")
BUILTIN = Path(__file__).resolve().parent.parent.parent / "templates"


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def ignored_overrides(user: Path | None, builtin: Path = BUILTIN) -> list[Problem]:
    """A warning for each file in ``user`` that matches no built-in file and is referred to by
    no template, stylesheet or catalog in either folder."""
    if user is None or not user.is_dir() or user.resolve() == builtin.resolve():
        return []
    known = _files(builtin)
    mine = _files(user)
    texts = []
    for folder, names in ((user, mine), (builtin, known)):
        for name in names:
            if name.endswith(_TEXT):
                try:
                    texts.append((folder / name).read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    continue
    corpus = "\n".join(texts)
    out = []
    for name in mine:
        if name in known or Path(name).name in corpus:
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; the built-in files are: {', '.join(known)}"
        out.append(Problem(display_path(user / name), 0, "",
                           "matches no built-in template and nothing refers to it, so no build uses it"
                           + hint, "warning"))
    return out
