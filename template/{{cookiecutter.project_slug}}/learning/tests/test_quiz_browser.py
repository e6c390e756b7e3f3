"""A learner fails a quiz, then passes it, in a real browser (Debian's chromium).

The failed result shows the score and the learner's own answers but not which questions
were right (so three attempts cannot find the answers by elimination); the passed result
marks every question. Both result pages pass axe-core. Screenshots go to test-artifacts/.
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.factories import UserFactory
from catalog.factories import course_tree
from learning import services
from learning.models import Enrolment, QuizAttempt
from portal.testing.browser import session_cookie, signed_in_page
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _accessibility_violations(page) -> str:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


def _answer(page, choices_per_question: list[list[str]]) -> None:
    """Tick, in each question's fieldset, the choices labelled with these texts."""
    questions = page.locator("fieldset.quiz__question")
    for index, labels in enumerate(choices_per_question):
        for label in labels:
            questions.nth(index).get_by_label(label, exact=True).check()
    page.get_by_role("button", name=shown("Submit answers")).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_then_a_passed_quiz_shows_own_answers_and_marks_only_once_passed(live_server):
    from playwright.sync_api import expect, sync_playwright

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    tree = course_tree()
    learner = UserFactory(username="rangi")
    services.enrol(learner, tree.course)
    for lesson in tree.lessons:
        services.complete_lesson(learner, lesson)
    cookie = session_cookie(learner)
    quiz_url = f"{live_server.url}{tree.quiz_lesson.url}"
    shots = Path(settings.BASE_DIR) / "test-artifacts"
    shots.mkdir(exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = signed_in_page(browser, live_server.url, cookie)
        page.goto(quiz_url)
        _answer(page, [["Wrong answer"], ["Wrong answer"]])
        result = page.locator("#quiz-result")
        expect(result).to_contain_text(shown("Not passed: you scored 0%; the pass mark is 70%."))
        feedback = page.locator(".quiz-feedback")
        expect(feedback).to_contain_text(shown("Your answer:"))
        expect(feedback).to_contain_text("Wrong answer")
        for mark in (shown("Correct."), shown("Not correct."), "Because of rule"):
            expect(page.locator("main")).not_to_contain_text(mark)
        page.screenshot(path=str(shots / "quiz-failed.png"), full_page=True)
        assert _accessibility_violations(page) == ""

        page.get_by_role("link", name=shown("Try again")).click()
        expect(page.get_by_text(shown("Last score 0%. Attempts left: 2."))).to_be_visible()
        _answer(page, [["Right answer"], ["Right answer", "Also right"]])
        expect(page.locator("#quiz-result")).to_contain_text(shown("Passed: you scored 100%."))
        feedback = page.locator(".quiz-feedback")
        expect(feedback).to_contain_text("Also right")
        expect(feedback.get_by_text(shown("Correct."))).to_have_count(2)
        expect(feedback).not_to_contain_text(shown("Not correct."))
        expect(feedback).to_contain_text("Because of rule 2.")
        page.screenshot(path=str(shots / "quiz-passed.png"), full_page=True)
        assert _accessibility_violations(page) == ""

        page.get_by_role("link", name=shown("Back to the lesson")).click()
        page.get_by_role("link", name=shown("See your answers")).click()
        expect(page.locator(".quiz-feedback")).to_contain_text("Also right")
        assert _accessibility_violations(page) == ""
        browser.close()

    assert QuizAttempt.objects.filter(user=learner).count() == 2
    assert Enrolment.objects.get(user=learner).completed_at is not None
