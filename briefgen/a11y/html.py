"""Accessibility of HTML briefs: axe-core run in headless Chromium (Debian ``chromium`` and
``chromium-driver``) through Selenium. axe-core is vendored in briefgen/data/axe-core/.

``browser_missing()`` says why no check can run (no browser, no driver, no Selenium); the build
then skips the HTML rules with a one-line notice, while the tests require the browser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

Finding = tuple[str, str, str]
AXE_SCRIPT = Path(__file__).resolve().parent.parent / "data" / "axe-core" / "axe.min.js"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVER = ("chromedriver",)


def _which(names) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_missing() -> str | None:
    """None when axe can run here, else what is missing (one line, with the fix)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Selenium is not installed (pip install -e '.[browser]')"
    missing = [pkg for pkg, names in (("chromium", CHROMIUM), ("chromium-driver", DRIVER)) if not _which(names)]
    if missing:
        return f"{' and '.join(missing)} not installed (Debian: apt-get install {' '.join(missing)})"
    return None


def chrome(width: int = 1100, height: int = 1400):
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
    """One browser for many pages: ``with Axe() as axe: axe.check(path)``."""

    def __init__(self):
        self.driver = None
        self._script: str | None = None

    def __enter__(self) -> "Axe":
        self._script = AXE_SCRIPT.read_text(encoding="utf-8")
        self.driver = chrome()
        # Chromium evaluates axe in every new document itself (DevTools), which is cheaper than
        # sending 650 kB through WebDriver for each page; run() injects it if that did not happen
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": self._script})
        return self

    def __exit__(self, *exc) -> None:
        if self.driver is not None:
            self.driver.quit()
            self.driver = None

    def run(self, url: str) -> list[dict]:
        """axe-core's violations for the page at ``url`` (every rule that applies)."""
        self.driver.get(url)
        if not self.driver.execute_script("return typeof axe === 'object'"):
            self.driver.execute_script(self._script)
        result = self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); },"
            " function (e) { done({error: String(e)}); });")
        if isinstance(result, dict) and "error" in result:
            raise RuntimeError(f"axe-core failed on {url}: {result['error']}")
        return result

    def check(self, path: Path) -> list[Finding]:
        findings = []
        for violation in self.run(Path(path).resolve().as_uri()):
            for node in violation["nodes"]:
                target = " ".join(str(t) for t in node.get("target", [])) or "document"
                findings.append((target, f"axe-{violation['id']}", violation["help"]))
        return findings
