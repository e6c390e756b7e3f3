"""A learner completes a lesson in a real browser (Debian's chromium through Playwright).

Run with ``pytest -m browser``. The database is prepared before the browser starts and
checked after it closes: Playwright's sync API runs an event loop in this thread, inside
which Django refuses database calls.
"""

import shutil

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from catalog.factories import course_tree
from learning import services
from learning.models import Enrolment, LessonCompletion
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_learner_signs_in_opens_a_lesson_and_completes_it(live_server):
    from playwright.sync_api import expect, sync_playwright

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    tree = course_tree()
    learner = UserFactory(username="mere", password="correct horse battery")
    services.enrol(learner, tree.course)
    lesson, later = tree.lessons[0], tree.lessons[2]
    course_url, course_title, lesson_title = tree.course.url, tree.course.title, lesson.title
    later_url = later.url

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto(f"{live_server.url}{course_url}")
        page.get_by_role("link", name=shown("Sign in")).first.click()
        page.fill("input[name=login]", "mere")
        page.fill("input[name=password]", "correct horse battery")
        page.get_by_role("button", name=shown("Sign in")).click()

        page.goto(f"{live_server.url}{course_url}")
        page.get_by_role("link", name=shown("Start the course")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title)
        page.get_by_role("button", name=shown("Mark lesson as complete")).click()
        expect(page.locator("#lesson-status")).to_have_text(
            shown("You have completed this lesson.")
        )
        expect(page.get_by_role("status").first).to_contain_text(shown("Lesson completed."))

        page.get_by_role("link", name=course_title).first.click()
        expect(page.locator("#course-progress")).to_have_attribute("value", "20")

        # Opening a lesson further on: its script tells the server, and "continue" follows.
        opened = page.expect_response(lambda r: r.request.method == "POST" and "/opened/" in r.url)
        with opened as report:
            page.goto(f"{live_server.url}{later_url}")
        assert report.value.ok
        page.goto(f"{live_server.url}{course_url}")
        expect(
            page.get_by_role("link", name=shown("Continue", "resume learning"))
        ).to_have_attribute("href", later_url)
        browser.close()

    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()
    assert Enrolment.objects.get(user=learner).last_lesson_id == later.pk
