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
    """Headless Chromium with axe-core, started in a thread so it can come up while briefs
    render; ``None`` from ``Browser.start()`` when it is not installed (``missing`` says why)."""

    def __init__(self):
        import concurrent.futures

        from .html import Axe

        starter = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="a11y-browser")
        self._ready = starter.submit(Axe().__enter__)
        starter.shutdown(wait=False)

    @staticmethod
    def missing() -> str | None:
        from .html import browser_missing

        return browser_missing()

    @classmethod
    def start(cls) -> "Browser | None":
        return cls() if cls.missing() is None else None

    def axe(self):
        return self._ready.result()

    def close(self) -> None:
        try:
            self._ready.result().__exit__(None, None, None)
        except Exception:  # noqa: BLE001 - a browser that failed to start has nothing to close
            pass


def gate(files: list[tuple[Path, str]], progress: Callable[[str], None] = lambda line: None,
         browser: "Browser | None | bool" = None) -> None:
    """Check ``files`` (path on disk, name to show); raise ``AccessibilityError`` listing every
    finding. HTML files are checked with axe-core in ``browser`` (a started ``Browser``, which
    the caller closes), or in a browser started here when ``browser`` is None and Chromium is
    installed; ``browser=False`` skips them with a notice."""
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
            for element, rule, message in check_bytes(kind, path.read_bytes()):
                problems.append(Problem(shown, 0, element, f"{rule}: {message}"))
        if pages and browser:
            axe = browser.axe()
            for path, shown in pages:
                for element, rule, message in axe.check(path):
                    problems.append(Problem(shown, 0, element, f"{rule}: {message}"))
    finally:
        if own is not None:
            own.close()
    if problems:
        raise AccessibilityError(problems)


__all__ = ["AccessibilityError", "Browser", "gate", "check_bytes"]
