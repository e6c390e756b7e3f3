"""The public campaign page in chromium: readable, axe-core clean, and its counters and
leaderboard move by themselves when a completion arrives (the static script polling the
JSON feed, under the portal's strict Content-Security-Policy: no inline script).

Run with ``pytest -m browser``. The database is prepared before the browser starts; the
completion that arrives meanwhile is written from another thread (Playwright's sync API
runs an event loop in this one, inside which Django refuses database calls).
"""

import shutil
import threading
from pathlib import Path

import pytest
from django.db import connection

from campaigns.tests.conftest import complete, make_campaign
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _accessibility_violations(page) -> str:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_campaign_page_updates_itself_and_passes_axe(live_server, country, person, settings):
    from playwright.sync_api import expect, sync_playwright

    settings.CAMPAIGN_STANDINGS_CACHE_SECONDS = 1
    world = country.world
    campaign = make_campaign(
        name="National Learning Week",
        slug="nlw",
        description="Nine days, one course each.",
        target_completions=10,
        target_hours=20,
    )
    complete(person(world.office), country.course)
    complete(person(world.office), country.course)
    complete(person(world.district), country.course)
    newcomer = person(world.district)
    shots = Path(settings.BASE_DIR) / "test-artifacts"
    shots.mkdir(exist_ok=True)

    def another_completion():
        try:
            complete(newcomer, country.other_course)
            complete(newcomer, country.competency_course)
        finally:
            connection.close()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_page()
        blocked = []
        page.on("console", lambda message: blocked.append(message.text))
        page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
        expect(page.get_by_role("heading", level=1)).to_have_text("National Learning Week")
        expect(page.locator('[data-live="completions"]')).to_have_text("3")
        board = page.get_by_role("table").first
        expect(board.get_by_role("row").nth(1)).to_contain_text(world.office.name)
        page.screenshot(path=str(shots / "campaign-page.png"), full_page=True)
        assert _accessibility_violations(page) == ""

        writer = threading.Thread(target=another_completion)
        writer.start()
        writer.join(timeout=30)
        # The south overtakes the north: counters and leaderboards follow within seconds.
        expect(page.locator('[data-live="completions"]')).to_have_text("5", timeout=15_000)
        expect(page.locator('[data-live="completions_percent"]')).to_have_text("50")
        expect(page.locator('[data-live-board="regions"] tr').first).to_contain_text(
            country.south.name
        )
        expect(page.get_by_text(shown("Running now"))).to_be_visible()
        page.screenshot(path=str(shots / "campaign-page-updated.png"), full_page=True)
        assert _accessibility_violations(page) == ""
        browser.close()
    assert not [text for text in blocked if "Content Security Policy" in text]
