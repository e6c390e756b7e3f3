"""A learner's whole first course in chromium: a free preview before signing in, then
home → search → course → enrol → every lesson → a failed quiz → a passed quiz → "course
complete". Every kind of page passes axe-core at 1280 and 360 pixels wide; screenshots go
to ``test-artifacts/`` for a person to look at.

Run with ``pytest -m browser``. The database is prepared before the browser starts and
checked after it closes: Playwright's sync API runs an event loop in this thread, inside
which Django refuses database calls.
"""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.factories import UserFactory
from catalog.factories import course_tree
from learning.models import Enrolment, QuizAttempt
from portal.testing.browser import session_cookie, signed_in_page
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
COURSE_TITLE = "Public procurement basics"


def accessibility_violations(page) -> str:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


def look(page, shots: Path, name: str) -> None:
    """Screenshot ``page`` at desktop and phone widths; axe-core must find nothing at either."""
    for width, height in ((1280, 900), (360, 740)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(shots / f"journey-{name}-{width}.png"), full_page=True)
        assert accessibility_violations(page) == "", f"{name} at {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})


def answer(page, right: bool) -> None:
    """Tick the right (or a wrong) answer to each of the factory quiz's two questions,
    found by their words, so the order the choices come in does not matter."""
    single = page.get_by_role("group", name=re.compile(r"Question 1\?"))
    several = page.get_by_role("group", name=re.compile(r"Question 2\?"))
    if right:
        single.get_by_label("Right answer").check()
        several.get_by_label("Right answer").check()
        several.get_by_label("Also right").check()
    else:
        single.get_by_label("Wrong answer").check()
        several.get_by_label("Wrong answer").check()
    page.get_by_role("button", name=shown("Submit answers")).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_learner_finds_a_course_and_completes_it_through_a_failed_and_a_passed_quiz(
    live_server,
):
    from playwright.sync_api import expect, sync_playwright

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    tree = course_tree(title=COURSE_TITLE, duration_hours="1.5")
    preview = tree.lessons[0]
    preview.free_preview = True
    preview.save(update_fields=["free_preview"])
    learner = UserFactory(username="mere")
    cookie = session_cookie(learner)
    lessons = [(lesson.title, lesson.url) for lesson in tree.lessons]
    quiz_url, course_url = tree.quiz_lesson.url, tree.course.url
    shots = Path(settings.BASE_DIR) / "test-artifacts"
    shots.mkdir(exist_ok=True)
    base = live_server.url

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )

        # Before signing in: the course's outline, and its one free preview.
        visitor = browser.new_page()
        visitor.goto(f"{base}{course_url}")
        visitor.get_by_role("link", name=lessons[0][0]).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(lessons[0][0])
        expect(
            visitor.get_by_text(shown("This lesson is a free preview of the course."), exact=False)
        ).to_be_visible()
        look(visitor, shots, "preview")
        visitor.goto(f"{base}{lessons[1][1]}")
        assert "/login/" in visitor.url  # the rest waits for signing in
        visitor.close()

        page = signed_in_page(browser, base, cookie)
        page.goto(f"{base}/")
        search = page.get_by_role("searchbox")
        if not search.count():  # no search on the home page: the catalogue's own box
            page.goto(f"{base}{tree.catalogue.url}")
            search = page.get_by_role("searchbox")
        search.first.fill("procurement")
        search.first.press("Enter")
        expect(page.get_by_role("link", name=COURSE_TITLE)).to_be_visible()
        look(page, shots, "search")
        page.get_by_role("link", name=COURSE_TITLE).click()

        expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
        page.get_by_role("button", name=shown("Enrol")).click()
        expect(page.get_by_role("status").first).to_contain_text(COURSE_TITLE)
        look(page, shots, "course-enrolled")
        page.get_by_role("link", name=shown("Start the course")).click()

        for position, (title, _url) in enumerate(lessons):
            expect(page.get_by_role("heading", level=1)).to_have_text(title)
            outline = page.get_by_role("navigation", name=shown("Course outline"))
            expect(outline.locator('[aria-current="page"]')).to_have_text(title)
            page.get_by_role("button", name=shown("Mark lesson as complete")).click()
            expect(page.locator("#lesson-status")).to_have_text(
                shown("You have completed this lesson.")
            )
            if position == 1:
                look(page, shots, "lesson")
            page.locator("a[rel=next]").click()

        assert page.url.endswith(quiz_url)
        answer(page, right=False)
        expect(page.locator("#quiz-result")).to_contain_text(shown("Not passed"))
        look(page, shots, "quiz-failed")
        page.get_by_role("link", name=shown("Try again")).click()
        answer(page, right=True)
        expect(page.locator("#quiz-result")).to_contain_text(shown("Passed"))

        page.goto(f"{base}{course_url}")
        expect(page.locator("#course-complete")).to_contain_text(shown("Course complete"))
        expect(page.get_by_role("link", name=shown("Continue", "resume learning"))).to_have_count(0)
        look(page, shots, "course-complete")
        browser.close()

    enrolment = Enrolment.objects.get(user=learner, course=tree.course)
    assert enrolment.completed_at is not None
    assert list(QuizAttempt.objects.filter(user=learner).values_list("passed", flat=True)) == [
        False,
        True,
    ]
