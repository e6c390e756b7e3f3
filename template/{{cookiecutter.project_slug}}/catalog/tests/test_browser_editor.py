"""An editor's course, from the admin to the catalogue, in a real browser (Debian's
chromium through Playwright): the provider's editor signs into the admin, creates a course
with a module, a lesson and a quiz in the lesson's body, and submits the course once; a
reviewer approves it once; the course and its lesson are then in the public catalogue.

Wagtail's autosave runs throughout (as for real editors): each new page is first created
by autosave, and "Save draft" afterwards must not fail on the slug autosave used.

axe-core checks the course form's own fields (the language select, the competencies
inline with its chooser and level select); Wagtail's admin chrome and editors (sidebar,
Draftail) are Wagtail's to fix, so violations elsewhere are only reported. Run with
``pytest -m browser``; screenshots go to ``$GOVLEARN_SCREENSHOTS`` when set.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.factories import PASSWORD, UserFactory
from catalog.factories import ProviderPageFactory, catalogue_page
from catalog.models import CoursePage, LessonPage, ModulePage
from catalog.providers import REVIEWERS_GROUP
from portal.country import get_country
from portal.testing.browser import session_cookie, signed_in_page
from portal.testing.words import shown

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The course form's parts this portal defines (Draftail, the sidebar etc. are Wagtail's).
OWN_MARKUP = ", ".join(
    f"[data-contentpath='{name}']" for name in ("language", "competencies", "duration_hours")
)


def own_axe_violations(page) -> tuple[list, set]:
    """Violations inside the form's own panels, and the rule ids seen only elsewhere."""
    from axe_playwright_python.sync_playwright import Axe

    own, elsewhere = [], set()
    for violation in Axe().run(page).response["violations"]:
        for node in violation["nodes"]:
            inside = page.evaluate(
                "([target, selector]) => !!document.querySelector(target)?.closest(selector)",
                [node["target"][0], OWN_MARKUP],
            )
            if inside:
                own.append((violation["id"], node["target"]))
            else:
                elsewhere.add(violation["id"])
    return own, elsewhere


def page_id(url: str) -> int:
    return int(re.search(r"/admin/pages/(\d+)/edit/", url).group(1))


def save_draft(page, expect):
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("created|saved|validation"))
    errors = [text.strip() for text in page.locator(".error-message").all_inner_texts()]
    assert "/edit/" in page.url, (page.url, errors)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_course_goes_live_after_one_submission_and_one_approval(live_server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    provider = ProviderPageFactory(parent=catalogue_page(), title="Institute of Finance")
    provider.refresh_from_db()
    editor = UserFactory(username="priya", email="priya@gov.example")
    editor.groups.add(provider.editors_group)
    reviewer = UserFactory(username="tomas", email="tomas@gov.example")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    # The admin speaks English to both, whatever the portal's default language: the steps
    # below name Wagtail's own buttons ("Insert a block", "Save draft") as written.
    from wagtail.users.models import UserProfile

    for person in (editor, reviewer):
        UserProfile.objects.update_or_create(user=person, defaults={"preferred_language": "en"})
    reviewer_cookie = session_cookie(reviewer)
    language = get_country().languages[-1]
    catalogue_url = catalogue_page().url
    shots = Path(os.environ.get("GOVLEARN_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    base = live_server.url

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", "priya")
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name=shown("Sign in")).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()

        # The course: the language is a select of the portal's languages by their own names.
        page.goto(f"{base}/admin/pages/add/catalog/coursepage/{provider.pk}/")
        page.fill("#id_title", "Public budgeting")
        page.locator("#id_title").blur()  # Wagtail fills the slug in from the title
        expect(page.locator("#id_slug")).not_to_have_value("")
        page.fill("#id_summary", "How a ministry plans its budget for the year.")
        assert page.locator("#id_language option").all_inner_texts() == [
            lang.autonym for lang in get_country().languages
        ]
        page.select_option("#id_language", language.code)
        page.fill("#id_duration_hours", "1.5")
        page.screenshot(path=str(shots / "editor-course-form.png"), full_page=True)
        own, chrome = own_axe_violations(page)
        assert own == [], own
        save_draft(page, expect)
        course_id = page_id(page.url)

        page.goto(f"{base}/admin/pages/add/catalog/modulepage/{course_id}/")
        page.fill("#id_title", "Planning the year")
        page.locator("#id_title").blur()  # Wagtail fills the slug in from the title
        expect(page.locator("#id_slug")).not_to_have_value("")
        expect(page.get_by_role("button", name=re.compile("Submit"))).to_have_count(0)
        save_draft(page, expect)
        module_id = page_id(page.url)

        # The lesson: a text block and a quiz block in its body.
        page.goto(f"{base}/admin/pages/add/catalog/lessonpage/{module_id}/")
        page.fill("#id_title", "The budget cycle")
        page.locator("#id_title").blur()  # Wagtail fills the slug in from the title
        expect(page.locator("#id_slug")).not_to_have_value("")
        page.get_by_role("button", name="Insert a block").first.click()
        page.get_by_role("option", name="Quiz").click()
        page.fill('[name="body-0-value-title"]', "Check your understanding")
        page.fill('[name="body-0-value-questions-0-value-prompt"]', "Who approves the budget?")
        page.fill('[name="body-0-value-questions-0-value-choices-0-value-text"]', "Parliament")
        page.check('[name="body-0-value-questions-0-value-choices-0-value-correct"]')
        page.locator("[data-contentpath='choices'] [data-streamfield-list-add]").last.click()
        page.fill('[name="body-0-value-questions-0-value-choices-1-value-text"]', "The auditor")
        page.screenshot(path=str(shots / "editor-lesson-form.png"), full_page=True)
        save_draft(page, expect)

        # One submission, from the course.
        page.goto(f"{base}/admin/pages/{course_id}/edit/")
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Course review").click()
        expect(page.locator(".messages")).to_contain_text("submitted")
        page.context.close()

        # One approval, by the reviewer, from the dashboard's queue.
        page = signed_in_page(browser, base, reviewer_cookie, height=1000)
        page.goto(f"{base}/admin/")
        queue = page.locator("#awaiting-review-section")
        expect(queue).to_contain_text("Public budgeting")
        expect(queue).to_contain_text(language.autonym)
        page.screenshot(path=str(shots / "reviewer-dashboard.png"), full_page=True)
        page.goto(f"{base}/admin/pages/{course_id}/edit/")
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Approve and Publish").first.click()
        expect(page.locator(".messages")).to_contain_text("Public budgeting")
        page.context.close()

        # The public catalogue shows the course; its page shows the lesson.
        page = browser.new_page()
        page.goto(f"{base}{catalogue_url}")
        page.get_by_role("link", name="Public budgeting").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Public budgeting")
        expect(page.locator("main")).to_contain_text("The budget cycle")
        page.screenshot(path=str(shots / "catalogue-course.png"), full_page=True)
        browser.close()

    print(f"screenshots in {shots}; axe rules failing only in Wagtail's chrome: {chrome}")
    course = CoursePage.objects.get(pk=course_id)
    assert course.live and course.language == language.code
    assert ModulePage.objects.child_of(course).live().count() == 1
    (lesson,) = LessonPage.objects.descendant_of(course).live()
    assert [quiz.title for quiz in lesson.quizzes] == ["Check your understanding"]
    assert LessonPage.objects.descendant_of(course).count() == 1  # autosave left no extra
