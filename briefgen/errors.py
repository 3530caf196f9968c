"""Typed, located errors: every user mistake becomes a ``Problem`` that names file, line and field.

Problems are collected (never raised one by one) and reported together, mkdocs-style::

    content/china-russia/items.yaml:12: items[3].headline: at most 12 words (got 15)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem. ``severity`` is ``"error"``, ``"warning"`` or ``"note"`` (information a
    reviewer should see, e.g. where two captures disagree; never an error, even with --strict)."""

    file: str
    line: int
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field_part = f" {self.path}:" if self.path else ""
        prefix = {"warning": " warning:", "note": " note:"}.get(self.severity, "")
        if not where and not field_part and not prefix:
            return self.message  # a message that names its file itself
        return f"{where}:{field_part}{prefix} {self.message}"


def display_path(path: str | Path) -> str:
    """A path as users should see it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


class BriefgenError(Exception):
    """Base of every error briefgen reports to a user (exit code 2, no traceback)."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", 0, "", problems)]
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.path, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def __reduce__(self):  # keep the located problems when crossing process boundaries
        return (type(self), (self.problems,))


class ContentError(BriefgenError):
    """Dossier, memo or catalog YAML is malformed or does not match the schema."""


class TemplateError(BriefgenError):
    """A template does not compile, uses an undefined name, breaks the sandbox or runs too long."""


class FetchError(BriefgenError):
    """A template or stylesheet asked for a resource outside the allowed folders."""


class FitError(BriefgenError):
    """A brief cannot be fitted to its page or word budget."""


class BuildError(BriefgenError):
    """Anything else that stops a build: an unknown audience, an unwritable output folder, ..."""


@dataclass
class Collector:
    """Accumulates problems across files so a run can report them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(file, line, path, message))

    def warn(self, file: str, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(file, line, path, message, "warning"))

    def note(self, file: str, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(file, line, path, message, "note"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "note"]

    def raise_if_errors(self, kind: type[BriefgenError] = ContentError) -> None:
        if self.errors:
            raise kind(self.problems)


class ReportError(BriefgenError):
    """A report file cannot be read: unknown format, no text layer, encrypted, corrupt, too big."""
