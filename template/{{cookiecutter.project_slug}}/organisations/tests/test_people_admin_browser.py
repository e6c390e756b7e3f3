"""The organisation tree and the people list in a real browser (Debian's chromium through
Playwright): screenshots, and axe-core over them. Run with ``pytest -m browser``.

Wagtail's own admin chrome (sidebar, header) is Wagtail's to fix: axe runs on the whole
page, and violations inside the portal's own markup fail the test, while those in
Wagtail's chrome are reported (printed) but allowed. Screenshots go to
``$GOVLEARN_SCREENSHOTS`` when set, else the test's temporary directory.
"""

import os
import shutil
from pathlib import Path

import pytest

from accounts.factories import UserFactory
from organisations.models import Organisation, OrganisationAdministrator
from organisations.scope import ensure_role_groups
from organisations.tests.conftest import profile_levels
from portal.testing.browser import session_cookie, signed_in_page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OWN_MARKUP = {
    "/admin/organisations/tree/": ".govlearn-org-tree",
    "/admin/users/": "#listing-results",
}


def own_violations(violations, selector):
    """Violations with a node inside ``selector`` (the portal's own markup)."""
    own = []
    for violation in violations:
        nodes = [node for node in violation["nodes"] if node.get("inOwnMarkup")]
        if nodes:
            own.append((violation["id"], [node["target"] for node in nodes]))
    return own


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tree_and_people_list_render_and_pass_axe(live_server, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    national_group, _ = ensure_role_groups()
    top, below = profile_levels()
    union = Organisation.add_root(code="UNION", name="Union Government", level=top)
    for number in range(8):
        union.refresh_from_db()
        office = union.add_child(code=f"U-{number}", name=f"Directorate {number}", level=below)
        for person in range(3):
            UserFactory(
                username=f"officer-{number}-{person}",
                first_name="Amina",
                last_name=f"Okafor {number}{person}",
                designation="Section Officer",
                organisation=office,
            )
    admin = UserFactory(username="nadmin", first_name="Nadia", last_name="Laurent")
    admin.groups.add(national_group)
    org_admin = UserFactory(username="union-admin", organisation=union)
    OrganisationAdministrator.objects.create(user=org_admin, organisation=union)
    cookies = {"national": session_cookie(admin), "org-admin": session_cookie(org_admin)}
    shots = Path(os.environ.get("GOVLEARN_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    failures, wagtail_chrome = [], set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        for who, cookie in cookies.items():
            page = signed_in_page(browser, live_server.url, cookie)
            for path, selector in OWN_MARKUP.items():
                page.goto(f"{live_server.url}{path}")
                assert page.locator(selector).count() == 1, (who, path)
                page.screenshot(
                    path=str(shots / f"{who}{path.replace('/', '-')}.png"), full_page=True
                )
                results = Axe().run(page)
                for violation in results.response["violations"]:
                    for node in violation["nodes"]:
                        inside = page.evaluate(
                            "([target, selector]) => !!document.querySelector(target)"
                            "?.closest(selector)",
                            [node["target"][0], selector],
                        )
                        node["inOwnMarkup"] = inside
                        if not inside:
                            wagtail_chrome.add(violation["id"])
                failures += own_violations(results.response["violations"], selector)
            page.context.close()
        browser.close()
    print(f"screenshots in {shots}; axe rules failing only in Wagtail's chrome: {wagtail_chrome}")
    assert failures == []
