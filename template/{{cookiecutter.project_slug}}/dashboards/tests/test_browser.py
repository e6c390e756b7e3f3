"""The learning dashboard in a real browser (Debian's chromium through Playwright): it
renders for a national and an organisation administrator, its charts show, and axe-core
finds nothing wrong in the dashboard's own markup. Run with ``pytest -m browser``.

Wagtail's admin chrome (sidebar, header, its chooser widgets) is Wagtail's to fix: axe
runs on the whole page, and only violations inside ``.govlearn-dashboard`` sections fail.
Screenshots go to ``$GOVLEARN_SCREENSHOTS`` when set, else the test's temporary directory.
"""

import os
import shutil
from pathlib import Path

import pytest

from portal.testing.browser import session_cookie, signed_in_page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OWN_MARKUP = ".govlearn-dashboard"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dashboard_renders_its_charts_and_passes_axe(live_server, tmp_path, country, history):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    world = country.world
    cookies = {
        "national": session_cookie(world.national_admin),
        "org-admin": session_cookie(world.union_admin),
    }
    shots = Path(os.environ.get("GOVLEARN_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    failures, wagtail_chrome = [], set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        for who, cookie in cookies.items():
            page = signed_in_page(browser, live_server.url, cookie)
            page.goto(f"{live_server.url}/admin/reports/learning/")
            expect(page.locator("#series-chart-title")).to_have_count(1)
            expect(page.get_by_role("img").filter(has=page.locator("desc"))).to_have_count(2)
            page.screenshot(path=str(shots / f"dashboard-{who}.png"), full_page=True)
            for section in ("series", "organisations"):
                page.locator(f"section[aria-labelledby='{section}-heading']").screenshot(
                    path=str(shots / f"dashboard-{who}-{section}.png")
                )
            results = Axe().run(page)
            for violation in results.response["violations"]:
                own = []
                for node in violation["nodes"]:
                    inside = page.evaluate(
                        "([target, selector]) => !!document.querySelector(target)"
                        "?.closest(selector)",
                        [node["target"][0], OWN_MARKUP],
                    )
                    if inside:
                        own.append(node["target"])
                    else:
                        wagtail_chrome.add(violation["id"])
                if own:
                    failures.append((who, violation["id"], own))
            page.context.close()
        browser.close()
    print(f"screenshots in {shots}; axe rules failing only in Wagtail's chrome: {wagtail_chrome}")
    assert failures == []
