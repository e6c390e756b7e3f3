"""In chromium: a learner's home page opens on what needs them (assigned courses with
their due dates, then "continue learning"), "my learning" lists them too, and an
administrator reads the compliance report — every page axe-core clean. Screenshots go to
``test-artifacts/`` for a person to look at.

Run with ``pytest -m browser``. The database is prepared before the browser starts:
Playwright's sync API runs an event loop in this thread, inside which Django refuses
database calls.
"""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from accounts.factories import UserFactory
from assignments.factories import AssignmentFactory
from assignments.models import Assignment
from catalog.factories import CoursePageFactory, course_tree
from learning import services
from organisations.tests.conftest import build_world
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "correct horse battery"


def _accessibility_violations(page) -> str:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


def _sign_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=shown("Sign in")).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_home_page_opens_on_what_needs_the_learner(live_server):
    from playwright.sync_api import expect, sync_playwright

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    world = build_world()
    learner = UserFactory(
        username="mere",
        first_name="Mere",
        organisation=world.office,
        designation="Tax Inspector",
        password=PASSWORD,
    )
    UserFactory(username="chief", is_superuser=True, is_staff=True, password=PASSWORD)
    tree = course_tree(title="Writing clear briefings")
    services.enrol(learner, tree.course)
    services.record_lesson_opened(learner, tree.lessons[1])
    today = timezone.localdate()
    AssignmentFactory(
        title="Integrity",
        organisation=world.union,
        courses=[CoursePageFactory(title="Ethics in office")],
        due_on=today + timedelta(days=4),
    )
    AssignmentFactory(
        title="Budget",
        target=Assignment.Target.DESIGNATIONS,
        designations=["Tax Inspector"],
        courses=[CoursePageFactory(title="Budget basics")],
        due_on=today - timedelta(days=2),
    )
    shots = Path(settings.BASE_DIR) / "test-artifacts"
    shots.mkdir(exist_ok=True)
    lesson_url = tree.lessons[1].url

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_page()
        _sign_in(page, live_server.url, "mere")
        page.goto(f"{live_server.url}/")
        assigned = page.get_by_role("region", name=shown("Assigned to you"))
        expect(assigned).to_contain_text("Ethics in office")
        expect(assigned).to_contain_text("Budget basics")
        progress = page.get_by_role("region", name=shown("Continue learning"))
        expect(progress.get_by_role("link", name="Writing clear briefings")).to_have_attribute(
            "href", lesson_url
        )
        page.screenshot(path=str(shots / "home-panels.png"), full_page=True)
        assert _accessibility_violations(page) == ""

        page.goto(f"{live_server.url}/learning/")
        expect(page.get_by_role("region", name=shown("Assigned to you"))).to_contain_text(
            "Budget basics"
        )
        assert _accessibility_violations(page) == ""

        page.context.clear_cookies()
        _sign_in(page, live_server.url, "chief")
        page.goto(f"{live_server.url}/admin/assignments/compliance/?parent={world.union.pk}")
        expect(page.get_by_role("table")).to_contain_text(world.ministry.name)
        page.screenshot(path=str(shots / "assignments-compliance.png"), full_page=True)
        assert _accessibility_violations(page) == ""
        page.goto(f"{live_server.url}/admin/assignments/add/")
        page.screenshot(path=str(shots / "assignments-add.png"), full_page=True)
        assert _accessibility_violations(page) == ""
        browser.close()
