"""A learner opens My certificates in chromium, follows the share link and sees the
verification page say "valid"; both pages pass axe-core. Screenshots go to
``test-artifacts/`` for a person to look at.

Run with ``pytest -m browser``. The database is prepared before the browser starts:
Playwright's sync API runs an event loop in this thread, inside which Django refuses
database calls.
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.factories import UserFactory
from catalog.factories import course_tree
from certificates.factories import CertificateFactory
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _accessibility_violations(page) -> str:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_learner_shares_a_certificate_and_the_verify_page_says_valid(live_server):
    from playwright.sync_api import expect, sync_playwright

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    tree = course_tree()
    learner = UserFactory(
        username="leila", first_name="Leïla", last_name="Haddad", password="correct horse battery"
    )
    certificate = CertificateFactory(enrolment__user=learner, enrolment__course=tree.course)
    share_url = certificate.credential["id"]
    shots = Path(settings.BASE_DIR) / "test-artifacts"
    shots.mkdir(exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", "leila")
        page.fill("input[name=password]", "correct horse battery")
        page.get_by_role("button", name=shown("Sign in")).click()

        page.get_by_role("link", name=shown("My certificates")).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(shown("My certificates"))
        expect(page.get_by_label("Share link")).to_have_value(share_url)
        page.screenshot(path=str(shots / "certificates-mine.png"), full_page=True)
        assert _accessibility_violations(page) == ""

        # The share link names the portal's public domain; here it is served locally.
        page.get_by_role("link", name=shown("Open the verification page")).click()
        expect(page.get_by_role("heading", level=2)).to_have_text(shown("Valid certificate"))
        expect(page.locator("#verdict")).to_contain_text("Leïla Haddad")
        assert page.url.endswith(f"/verify/{certificate.public_id}/")
        page.screenshot(path=str(shots / "certificates-verify.png"), full_page=True)
        assert _accessibility_violations(page) == ""

        page.goto(f"{live_server.url}/verify/")
        page.fill("textarea[name=credential]", '{"id": "tampered"}')
        page.get_by_role("button", name=shown("Check")).click()
        expect(page.get_by_role("heading", level=2)).to_have_text(shown("Not a valid certificate"))
        page.screenshot(path=str(shots / "certificates-verify-form.png"), full_page=True)
        assert _accessibility_violations(page) == ""
        browser.close()
