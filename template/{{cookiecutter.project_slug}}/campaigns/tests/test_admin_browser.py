"""Campaign administration in chromium: a national administrator creates a learning week
through the Wagtail form, in local time; an organisation administrator is offered only
their own kind of campaign. Screenshots go to ``test-artifacts/``.

Wagtail's own admin chrome is Wagtail's to fix (see organisations' browser test): axe
violations are printed, not failed on; the form itself is Wagtail's generated markup.
Run with ``pytest -m browser``.
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from campaigns.models import Campaign
from portal.testing.browser import session_cookie, signed_in_page
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_national_admin_creates_a_learning_week_and_an_org_admin_sees_only_theirs(
    live_server, country
):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    world = country.world
    cookies = {
        "national": session_cookie(world.national_admin),
        "org-admin": session_cookie(world.union_admin),
    }
    Campaign.objects.create(
        name="Coastal State week",
        slug="coastal",
        scope=Campaign.Scope.ORGANISATION,
        organisation=world.state,
        starts_at=timezone.now(),
        ends_at=timezone.now() + timezone.timedelta(days=7),
    )
    start = (timezone.localdate() + timezone.timedelta(days=3)).isoformat()
    end = (timezone.localdate() + timezone.timedelta(days=12)).isoformat()
    shots = Path(settings.BASE_DIR) / "test-artifacts"
    shots.mkdir(exist_ok=True)
    wagtail_chrome = set()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        pages = {}
        for who, cookie in cookies.items():
            pages[who] = signed_in_page(browser, live_server.url, cookie, height=1000)

        page = pages["national"]
        page.goto(f"{live_server.url}/admin/campaigns/new/")
        page.fill("#id_name", "National Learning Week")
        page.fill("#id_slug", "national-learning-week")
        page.select_option("#id_scope", Campaign.Scope.NATIONAL)
        page.fill("#id_target_completions", "3200000")
        page.check("#id_is_published")
        # The local times go straight into the fields: focusing them opens Wagtail's date
        # picker, which lies over other fields (in a right-to-left layout, over the
        # button) and closes on its own schedule.
        for field, moment in (("#id_starts_at", start), ("#id_ends_at", end)):
            page.locator(field).evaluate(
                "(input, value) => { input.value = value;"
                " input.dispatchEvent(new Event('change', {bubbles: true})); }",
                f"{moment} 00:00",
            )
        page.screenshot(path=str(shots / "campaign-admin-form.png"), full_page=True)
        wagtail_chrome |= {v["id"] for v in Axe().run(page).response["violations"]}
        page.get_by_role("button", name=shown("Create"), exact=True).first.click()
        expect(page.get_by_role("link", name="National Learning Week")).to_be_visible()
        page.screenshot(path=str(shots / "campaign-admin-list.png"), full_page=True)

        page = pages["org-admin"]
        page.goto(f"{live_server.url}/admin/campaigns/")
        expect(page.get_by_text("Coastal State week")).to_have_count(0)
        expect(page.get_by_text("National Learning Week")).to_have_count(0)
        page.goto(f"{live_server.url}/admin/campaigns/new/")
        scopes = page.locator("#id_scope option").all_text_contents()
        page.screenshot(path=str(shots / "campaign-admin-form-org-admin.png"), full_page=True)
        browser.close()
    print(f"axe rules failing in Wagtail's admin: {wagtail_chrome}")

    campaign = Campaign.objects.get(slug="national-learning-week")
    assert timezone.localtime(campaign.starts_at).isoformat().startswith(f"{start}T00:00:00")
    assert campaign.created_by == world.national_admin
    assert campaign.is_published and campaign.target_completions == 3_200_000
    assert [scope.strip() for scope in scopes] == [str(Campaign.Scope.ORGANISATION.label)]
