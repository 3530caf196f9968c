"""The accessibility gate: every PDF, DOCX and HTML brief a build writes is checked against the
rules of docs/accessibility.md before it replaces the previous output.

A failure names the output, the element and the rule::

    output/china-russia/china-russia-staff-full.pdf: Figure 1: pdf-figure-alt: figure has no alternate text (/Alt)

PDF and DOCX rules run everywhere (pikepdf, lxml). HTML rules are axe-core's, run in headless
Chromium; where Chromium or its driver is missing the build says so in one line and goes on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import BriefgenError, Problem


class AccessibilityError(BriefgenError):
    """An output breaks an accessibility rule (docs/accessibility.md)."""


def check_bytes(kind: str, data: bytes) -> list[tuple[str, str, str]]:
    """Findings ``(element, rule, message)`` for one PDF or DOCX file's bytes."""
    if kind == "pdf":
        from .pdf import check_pdf

        return check_pdf(data)
    if kind == "docx":
        from .docx import check_docx

        return check_docx(data)
    raise ValueError(f"no byte-level rules for {kind}")


class Browser:
    """Headless Chromium with axe-core for the HTML rules. ``Browser.start()`` only launches the
    process (no thread, nothing to wait for), so a build starts it first and lets it come up
    while briefs render; it is ``None`` when no browser is installed (``missing`` says why).

    ``findings(path, shown)`` checks one HTML file once and remembers the answer, so a build can
    check each brief as soon as it is rendered and the gate finds the result ready."""

    def __init__(self):
        from .cdp import BrowserError
        from .html import Axe

        self._done: dict[Path, list[tuple[str, str, str]]] = {}
        self._axe, self._error = None, None
        try:
            self._axe = Axe()
        except BrowserError as exc:  # installed but cannot be started: each HTML brief says so
            self._error = exc

    @staticmethod
    def missing() -> str | None:
        from .html import browser_missing

        return browser_missing()

    @classmethod
    def start(cls) -> "Browser | None":
        return cls() if cls.missing() is None else None

    def findings(self, path: Path, shown: str) -> list[tuple[str, str, str]]:
        if path not in self._done:
            from .cdp import BrowserError

            try:
                if self._error is not None:
                    raise self._error
                self._done[path] = self._axe.check(path)
            except BrowserError as exc:
                raise AccessibilityError([Problem(shown, 0, "document", f"axe-core could not run: {exc}")]) from None
        return self._done[path]

    def close(self) -> None:
        if self._axe is not None:
            self._axe.close()


def gate(files: list[tuple[Path, str]], progress: Callable[[str], None] = lambda line: None,
         browser: "Browser | None | bool" = None,
         found: "dict[Path, list[tuple[str, str, str]]] | None" = None) -> None:
    """Check ``files`` (path on disk, name to show); raise ``AccessibilityError`` listing every
    finding. HTML files are checked with axe-core in ``browser`` (a started ``Browser``, which
    the caller closes), or in a browser started here when ``browser`` is None and Chromium is
    installed; ``browser=False`` skips them with a notice. ``found``: findings of PDF and DOCX
    files the caller already checked (``check_bytes``), by path."""
    problems: list[Problem] = []
    pages = [(path, shown) for path, shown in files if path.suffix.lower() == ".html"]
    own = None
    if pages and browser is None:
        own = browser = Browser.start()  # comes up while the PDF and DOCX rules run
    if pages and not browser:
        progress(f"accessibility: {len(pages)} HTML brief(s) not checked with axe-core: "
                 f"{Browser.missing() or 'not asked for'}")
    try:
        for path, shown in files:
            kind = path.suffix.lstrip(".").lower()
            if kind == "html":
                continue
            known = (found or {}).get(path)
            for element, rule, message in known if known is not None else check_bytes(kind, path.read_bytes()):
                problems.append(Problem(shown, 0, element, f"{rule}: {message}"))
        if pages and browser:
            for path, shown in pages:
                for element, rule, message in browser.findings(path, shown):
                    problems.append(Problem(shown, 0, element, f"{rule}: {message}"))
    finally:
        if own is not None:
            own.close()
    if problems:
        raise AccessibilityError(problems)


__all__ = ["AccessibilityError", "Browser", "gate", "check_bytes"]
