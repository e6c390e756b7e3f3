"""In chromium: single sign-on against the real test provider, and the account pages
checked with axe-core. Run with ``pytest -m browser``.

The database is prepared before Playwright starts and checked after it closes (its sync
API runs an event loop in this thread, inside which Django refuses database calls).
Screenshots go to ``$ACCOUNTS_SCREENSHOTS`` when set, for a person to look at.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.conftest import IDP_PASSWORD, make_organisations, single_sign_on_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CALLBACK = "/accounts/oidc/government/login/callback/"


def _browser(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
    )


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("ACCOUNTS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_official_signs_in_with_govid_and_lands_back_signed_in(
    live_server, settings, identity_provider
):
    from playwright.sync_api import expect, sync_playwright

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    single_sign_on_settings(settings, identity_provider)
    make_organisations()
    imported = UserFactory(username="mere", employee_id="EMP-0042")
    identity_provider.allow_redirect(f"{live_server.url}{CALLBACK}")

    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_role("button", name="Sign in with GovID").click()
        expect(page.get_by_role("heading", name="GovID")).to_be_visible()
        page.fill("input[name=username]", "mere.hoarau")
        page.fill("input[name=password]", IDP_PASSWORD)
        page.get_by_role("button", name="Log in at GovID").click()
        page.get_by_role("button", name="Authorize").click()
        expect(page.get_by_role("link", name="My account")).to_be_visible()
        assert page.url.startswith(live_server.url)
        page.get_by_role("link", name="My account").click()
        expect(page.get_by_text("EMP-0042")).to_be_visible()
        _screenshot(page, "my-details-after-sso")
        browser.close()

    imported.refresh_from_db()
    assert User.objects.count() == 1
    assert imported.email == "mere.hoarau@gov.sc.example"
    assert imported.organisation.code == "SSO-BUDGET"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_account_pages_have_no_accessibility_violations(live_server, settings):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    settings.GOVLEARN_SELF_REGISTRATION = True
    settings.GOVLEARN_ALLOWED_EMAIL_DOMAINS = ["gov.sc.example"]
    # The sign-in page with its single sign-on button (nothing is asked of a provider
    # until someone presses it).
    settings.SINGLE_SIGN_ON = {
        "issuer": "https://id.gov.sc.example/",
        "client_id": "portal",
        "button_label": {"en": "Sign in with GovID"},
    }
    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    UserFactory(username="mere", password="correct horse battery", employee_id="EMP-0042")

    axe = Axe()
    failures = {}
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page()

        def check(name: str) -> None:
            results = axe.run(page)
            _screenshot(page, name)
            if results.violations_count:
                failures[name] = results.generate_report()

        for name, path in [
            ("sign-in", "/accounts/login/"),
            ("sign-up", "/accounts/signup/"),
            ("password-reset", "/accounts/password/reset/"),
        ]:
            page.goto(f"{live_server.url}{path}")
            check(name)
        page.goto(f"{live_server.url}/accounts/login/")
        with page.expect_navigation():  # axe must read the answer, not the page leaving
            page.locator("form.form button[type=submit]").last.click()  # empty: errors shown
        check("sign-in-errors")
        page.fill("input[name=login]", "mere")
        page.fill("input[name=password]", "correct horse battery")
        with page.expect_navigation():
            page.locator("form.form button[type=submit]").last.click()
        for name, path in [
            ("my-details", "/accounts/my-details/"),
            ("change-password", "/accounts/password/change/"),
        ]:
            page.goto(f"{live_server.url}{path}")
            check(name)
        browser.close()
    assert not failures, failures
