"""Driving Debian's chromium: launching it, finding the portal's pages, checking them.

The portal grows apps over time (catalogue, learning…); pages are found by following the
portal's own links — the header's ``data-nav`` entries and links into the page tree — so a
test names what a visitor does, not URLs that may move.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from portal_server import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DEMO_PASSWORD, KIT_ROOT

BLOCKING_IMPACTS = {"serious", "critical"}
DOCS_SCREENSHOTS = KIT_ROOT / "docs" / "screenshots"
_axe = Axe()


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical findings, one readable line each."""
    results = _axe.run(page)
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING_IMPACTS:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            lines.append(
                f"{violation['impact']}: {violation['id']}: {violation['help']} ({targets})"
            )
    return lines


def screenshot(page, portal_name: str, page_name: str) -> Path:
    folder = ARTIFACTS / portal_name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{page_name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def publish_screenshot(page, portal_name: str, page_name: str) -> None:
    """With GOVLEARN_DOCS_SCREENSHOTS=1, refresh the screenshots committed in docs/."""
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SCREENSHOTS / f"{portal_name}-{page_name}.png"))


def sign_in(page, base_url: str, username: str = "amina") -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def nav_url(page, key: str) -> str | None:
    link = page.locator(f'header [data-nav="{key}"]')
    return link.first.get_attribute("href") if link.count() else None


def deeper_link(page, url: str) -> str | None:
    """The first link in <main> to a page below ``url`` in the page tree."""
    base = urlsplit(url).path
    for href in page.locator("main a[href]").evaluate_all("els => els.map(e => e.href)"):
        path = urlsplit(href).path
        if path.startswith(base) and path != base and not re.search(r"/(enrol|unenrol)/", path):
            return path
    return None


def clear_artifacts(portal_name: str) -> None:
    shutil.rmtree(ARTIFACTS / portal_name, ignore_errors=True)
