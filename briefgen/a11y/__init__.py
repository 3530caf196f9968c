"""The accessibility gate: every PDF, DOCX and HTML brief a build writes is checked against the
rules of docs/accessibility.md before it replaces the previous output.

A failure names the output, the element and the rule::

    output/china-russia/china-russia-staff-full.pdf: Figure 1: pdf-figure-alt: figure has no alternate text (/Alt)

PDF and DOCX rules run everywhere (pikepdf, lxml). HTML rules are axe-core's, run in headless
Chromium; where Chromium or its driver is missing the build says so in one line and goes on.
"""

from __future__ import annotations

import queue
import threading
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
    """Headless Chromium with axe-core for the HTML rules, talked to by a thread of its own.

    ``Browser.start()`` only launches the process, so a build starts it first (before it forks
    its render workers); it is ``None`` when no browser is installed (``missing`` says why).
    ``begin()`` (after the fork: a process that forks must not have threads) starts the thread,
    which opens the tab and loads axe-core while the first briefs render. ``submit(path)``
    queues an HTML file and returns at once, so the build goes on with the PDF and DOCX rules
    while the browser checks; ``findings(path, shown)`` waits for that file's answer (and is
    memoized: the gate finds the answers of files submitted earlier ready)."""

    def __init__(self):
        from .cdp import BrowserError
        from .html import Axe

        self._results: dict[Path, object] = {}  # path -> findings, or the exception that stopped them
        self._queued: set[Path] = set()
        self._queue: "queue.Queue[Path | None]" = queue.Queue()
        self._done = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
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

    def begin(self) -> None:
        """Start the thread that sets the browser up and checks queued files (idempotent)."""
        if self._thread is None and self._axe is not None:
            self._thread = threading.Thread(target=self._serve, name="briefgen-axe", daemon=True)
            self._thread.start()

    def _serve(self) -> None:
        try:
            self._axe.prepare()
        except Exception as exc:  # noqa: BLE001 - every queued file reports it
            self._error = exc
        while (path := self._queue.get()) is not None:
            try:
                if self._error is not None:
                    raise self._error
                result: object = self._axe.check(path)
            except Exception as exc:  # noqa: BLE001 - handed to the caller waiting for this file
                result = exc
            with self._done:
                self._results[path] = result
                self._done.notify_all()

    def submit(self, path: Path) -> None:
        """Queue ``path`` for checking; return at once."""
        if path not in self._queued:
            self._queued.add(path)
            if self._axe is None or self._closed:  # no browser to wait for
                from .cdp import BrowserError

                self._results[path] = self._error or BrowserError("the browser was closed")
                return
            self.begin()
            self._queue.put(path)

    def findings(self, path: Path, shown: str) -> list[tuple[str, str, str]]:
        from .cdp import BrowserError

        self.submit(path)
        with self._done:
            self._done.wait_for(lambda: path in self._results)
        result = self._results[path]
        if isinstance(result, BrowserError):
            raise AccessibilityError([Problem(shown, 0, "document", f"axe-core could not run: {result}")]) from None
        if isinstance(result, BaseException):
            raise result
        return result  # type: ignore[return-value]

    def close(self) -> None:
        """Stop the browser (a check under way ends with an error nobody waits for), then the
        thread, then remove the browser's profile."""
        if self._axe is None or self._closed:
            return
        self._closed = True
        self._axe.browser.kill()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
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
