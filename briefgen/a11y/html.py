"""Accessibility of HTML briefs: axe-core (vendored in briefgen/data/axe-core/) run in Debian's
headless Chromium, spoken to over the DevTools protocol on a pipe (``cdp``). The build prefers
``chromium-headless-shell`` (Blink and V8 without the browser's user interface: the same
findings for 0.6 s less CPU per build) and falls back to ``chromium``.

axe-core is evaluated once per browser, in a blank tab; each brief's markup then replaces that
tab's document (DevTools ``Page.setDocumentContent``: ``document.open/write/close``, which
keeps the window and the scripts it holds), so a build does not parse and compile 650 kB of
axe-core for every page. ``run(url)`` checks a page at a URL instead (the preview page).

``browser_missing()`` says why no check can run (no browser); the build then skips the HTML rules
with a one-line notice, while the tests require the browser. ``chrome()`` is the Selenium-driven
browser the preview's browser test clicks through (it needs ``chromium-driver`` and Selenium).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .cdp import BrowserError, Chromium

Finding = tuple[str, str, str]
AXE_SCRIPT = Path(__file__).resolve().parent.parent / "data" / "axe-core" / "axe.min.js"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")  # what Selenium drives (the preview test)
# what runs axe-core, in order of preference (the headless shell starts in half the time)
AXE_BROWSERS = ("chromium-headless-shell", *CHROMIUM)
DRIVER = ("chromedriver",)
WIDTH, HEIGHT = 1100, 1400

# wait for the document and its fonts (layout decides what is visible and what overlaps), run
# every axe rule that applies, and keep what a finding needs
RUN = """(async () => {
  if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r, {once: true}));
  await document.fonts.ready;
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({target: n.target}))}));
})()"""


def _which(names) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_missing() -> str | None:
    """None when axe can run here, else what is missing (one line, with the fix)."""
    if not _which(AXE_BROWSERS):
        return "no headless Chromium installed (Debian: apt-get install chromium-headless-shell)"
    return None


def driver_missing() -> str | None:
    """None when Selenium can drive the browser here (the preview's browser test), else what is missing."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Selenium is not installed (pip install -e '.[browser]')"
    missing = [pkg for pkg, names in (("chromium", CHROMIUM), ("chromium-driver", DRIVER)) if not _which(names)]
    if missing:
        return f"{' and '.join(missing)} not installed (Debian: apt-get install {' '.join(missing)})"
    return None


def chrome(width: int = WIDTH, height: int = HEIGHT):
    """A headless Chromium driven by Selenium, offline (no Selenium Manager downloads)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _which(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                f"--window-size={width},{height}"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(_which(DRIVER)))


class Axe:
    """One browser for many pages: ``with Axe() as axe: axe.check(path)``.

    The browser process starts when the object is made; the tab and axe-core are set up at the
    first check, by which time a build's browser has come up beside its rendering."""

    def __init__(self, binary: str | None = None):
        binary = binary or _which(AXE_BROWSERS)
        if binary is None:
            raise BrowserError(browser_missing())
        self.browser = Chromium(binary, WIDTH, HEIGHT)
        self.session: str | None = None
        self.frame: str | None = None
        self.resident = False  # axe-core is loaded in the tab's current window

    def __enter__(self) -> "Axe":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.browser.close()

    def _tab(self) -> str:
        if self.session is None:
            # a background tab whose frames are drawn only on request (never): laid out on
            # demand like any other, but not painted for a screen nobody watches (together a
            # third less CPU for the same findings)
            target = self.browser.call("Target.createTarget", {"url": "about:blank", "background": True,
                                                               "enableBeginFrameControl": True})["targetId"]
            self.session = self.browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self.frame = self.browser.call("Page.getFrameTree", session=self.session)["frameTree"]["frame"]["id"]
            self.browser.call("Page.enable", session=self.session)
        return self.session

    def _evaluate(self, expression: str, what: str):
        answer = self.browser.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                         "returnByValue": True}, session=self._tab())
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            text = (details.get("exception") or {}).get("description") or details.get("text", "")
            raise BrowserError(f"axe-core failed on {what}: {text.splitlines()[0] if text else 'unknown error'}")
        return answer["result"].get("value")

    def _load_axe(self) -> None:
        if not self.resident:
            self._evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;typeof axe", "loading axe-core")
            self.resident = True

    def prepare(self) -> None:
        """Open the tab and load axe-core into it (else the first check does)."""
        self._tab()
        self._load_axe()

    def run(self, url: str) -> list[dict]:
        """axe-core's violations for the page at ``url`` (every rule that applies)."""
        session = self._tab()
        self.browser.call("Page.navigate", {"url": url}, session=session)
        self.browser.wait_event("Page.loadEventFired", session=session)
        self.resident = False  # a new window: axe-core is loaded into it again
        self._load_axe()
        return self._evaluate(RUN, url)

    def run_html(self, html: str, what: str = "page") -> list[dict]:
        """axe-core's violations for a page with this markup."""
        session = self._tab()
        self._load_axe()
        self.browser.call("Page.setDocumentContent", {"frameId": self.frame, "html": html}, session=session)
        return self._evaluate(RUN, what)

    def check(self, path: Path) -> list[Finding]:
        """Findings ``(element, rule, message)`` of the HTML file at ``path``."""
        path = Path(path)
        findings = []
        for violation in self.run_html(path.read_text(encoding="utf-8"), str(path)):
            for node in violation["nodes"]:
                target = " ".join(str(t) for t in node.get("target", [])) or "document"
                findings.append((target, f"axe-{violation['id']}", violation["help"]))
        return findings


__all__ = ["AXE_BROWSERS", "AXE_SCRIPT", "Axe", "BrowserError", "browser_missing", "chrome", "driver_missing"]
