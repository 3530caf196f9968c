"""Accessibility of HTML briefs: axe-core run in headless Chromium (Debian ``chromium`` and
``chromium-driver``) through Selenium. axe-core ships with ``axe-selenium-python``.

``browser_missing()`` says why no check can run (no browser, no driver, no Selenium); the build
then skips the HTML rules with a one-line notice, while the tests require the browser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

Finding = tuple[str, str, str]
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
        import axe_selenium_python  # noqa: F401
        import selenium  # noqa: F401
    except ImportError:
        return "Selenium and axe-selenium-python are not installed (pip install -e '.[dev]')"
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

    def __enter__(self) -> "Axe":
        from axe_selenium_python import Axe as _Axe

        self.driver = chrome()
        self._axe = _Axe(self.driver)
        return self

    def __exit__(self, *exc) -> None:
        if self.driver is not None:
            self.driver.quit()
            self.driver = None

    def run(self, url: str) -> list[dict]:
        """axe-core's violations for the page at ``url``."""
        self.driver.get(url)
        self._axe.inject()
        return self._axe.run()["violations"]

    def check(self, path: Path) -> list[Finding]:
        findings = []
        for violation in self.run(Path(path).resolve().as_uri()):
            for node in violation["nodes"]:
                target = " ".join(str(t) for t in node.get("target", [])) or "document"
                findings.append((target, f"axe-{violation['id']}", violation["help"]))
        return findings
