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


def gate(files: list[tuple[Path, str]], progress: Callable[[str], None] = lambda line: None,
         browser: bool | None = None) -> None:
    """Check ``files`` (path on disk, name to show); raise ``AccessibilityError`` listing every
    finding. ``browser``: run axe on HTML files (None: when Chromium is installed)."""
    problems: list[Problem] = []
    pages = [(path, shown) for path, shown in files if path.suffix.lower() == ".html"]
    browser_ready = None
    if pages:
        from .html import Axe, browser_missing

        missing = browser_missing()
        if browser is None:
            browser = missing is None
        if not browser:
            progress(f"accessibility: {len(pages)} HTML brief(s) not checked with axe-core: {missing}")
        else:  # start the browser while the PDF and DOCX rules run
            import concurrent.futures

            starter = concurrent.futures.ThreadPoolExecutor(max_workers=1)
            browser_ready = starter.submit(Axe().__enter__)
            starter.shutdown(wait=False)
    for path, shown in files:
        kind = path.suffix.lstrip(".").lower()
        if kind == "html":
            continue
        for element, rule, message in check_bytes(kind, path.read_bytes()):
            problems.append(Problem(shown, 0, element, f"{rule}: {message}"))
    if browser_ready is not None:
        axe = browser_ready.result()
        try:
            for path, shown in pages:
                for element, rule, message in axe.check(path):
                    problems.append(Problem(shown, 0, element, f"{rule}: {message}"))
        finally:
            axe.__exit__(None, None, None)
    if problems:
        raise AccessibilityError(problems)


__all__ = ["AccessibilityError", "gate", "check_bytes"]
