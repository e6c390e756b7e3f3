"""The home page in a real browser (Debian's chromium through Playwright), signed out and
signed in, at desktop and phone widths: no accessibility violations, nothing wider than
the screen, and the search box lands on the catalogue's results.

Run with ``pytest -m browser``. The database is prepared before the browser starts:
Playwright's sync API runs an event loop in this thread, inside which Django refuses
database calls.
"""

import shutil

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from catalog.factories import course_tree
from learning import services
from portal.testing.browser import session_cookie, signed_in_page
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTHS = (1280, 360)


def _accessibility_violations(page) -> str:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_home_page_works_signed_out_and_in_on_a_desktop_and_a_phone(live_server):
    from playwright.sync_api import expect, sync_playwright

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    tree = course_tree(title="Ethics in office")
    learner = UserFactory(username="kofi")
    services.enrol(learner, tree.course)
    services.record_lesson_opened(learner, tree.lessons[1])
    cookie = session_cookie(learner)
    course_title = tree.course.title

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        for signed_in in (False, True):
            for width in WIDTHS:
                if signed_in:
                    page = signed_in_page(browser, live_server.url, cookie)
                else:
                    page = browser.new_context().new_page()
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(f"{live_server.url}/")
                expect(page.get_by_role("heading", level=1)).to_have_count(1)
                expect(page.get_by_role("search")).to_be_visible()
                expect(page.get_by_role("heading", name=shown("Continue learning"))).to_have_count(
                    1 if signed_in else 0
                )
                assert page.evaluate("document.documentElement.scrollWidth") <= width
                assert not _accessibility_violations(page), _accessibility_violations(page)
                page.context.close()
        page = browser.new_page()
        page.goto(f"{live_server.url}/")
        page.get_by_label(shown("Search courses and lessons")).fill("Ethics")
        page.get_by_role("button", name=shown("Search")).click()
        expect(page.get_by_role("link", name=course_title).first).to_be_visible()
        assert "q=Ethics" in page.url
        browser.close()
