"""The run page in a real browser: its numbers follow the run without a reload, and the
page shows the outcome once the run ends. Run with ``pytest -m browser``.

Playwright's sync API runs an event loop in the test's thread, where Django refuses
database calls, so the run advances from a second thread (its own connection).
"""

import shutil
import threading

import pytest
from django.contrib.auth.models import Group

from accounts.factories import UserFactory
from onboarding.models import ImportRun
from organisations.scope import NATIONAL_ADMINS, ensure_role_groups

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _advance(run_id: int, **fields) -> None:
    from django.db import connection

    ImportRun.objects.filter(pk=run_id).update(**fields)
    connection.close()


def advance(run_id: int, **fields) -> None:
    worker = threading.Thread(target=_advance, args=(run_id,), kwargs=fields)
    worker.start()
    worker.join()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_run_page_follows_the_import_and_shows_its_outcome(live_server, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    ensure_role_groups()
    admin = UserFactory(username="nat", password="correct horse battery")
    admin.groups.add(Group.objects.get(name=NATIONAL_ADMINS))
    run = ImportRun.objects.create(
        uploaded_by=admin,
        file_name="hrms.csv",
        file_size=2048,
        status="running",
        rows_total=1000,
        rows_done=250,
        created=240,
        rejected=10,
    )
    run_url = f"{live_server.url}/admin/people/import/runs/{run.uuid}/"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(f"{live_server.url}/admin/login/?next={run_url}")
        page.fill("input[name=username]", "nat")
        page.fill("input[name=password]", "correct horse battery")
        page.locator("button[type=submit]").click()
        expect(page.locator("[data-field=rows_done]")).to_have_text("250")
        results = Axe().run(page, context="[data-import-run]")
        assert results.violations_count == 0, results.generate_report()

        advance(run.pk, rows_done=750, created=730, unchanged=10)
        expect(page.locator("[data-field=rows_done]")).to_have_text("750")
        expect(page.locator("[data-field=accepted]")).to_have_text("740")
        expect(page.locator("progress")).to_have_attribute("value", "75")

        advance(run.pk, rows_done=1000, created=980, status="finished")
        expect(page.get_by_role("link", name="Download the rejected rows (CSV)")).to_have_count(0)
        expect(page.get_by_text("No row was rejected.")).to_have_count(0)
        expect(page.locator("[data-field=status_label]")).to_have_text("Finished")
        page.screenshot(path=tmp_path / "run-page.png", full_page=True)
        browser.close()
