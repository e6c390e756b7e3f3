"""One review for a whole course: an editor drafts a course, its modules and lessons in the
admin, submits the course once, and one approval publishes them all (one rejection none)."""

import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page, WorkflowState
from wagtail.signals import page_published
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.factories import UserFactory
from catalog.factories import (
    CoursePageFactory,
    ModulePageFactory,
    ProviderPageFactory,
    catalogue_page,
)
from catalog.models import CoursePage, LessonPage, ModulePage
from catalog.providers import REVIEWERS_GROUP
from catalog.tests.test_editors import COURSE_LANGUAGE, course_form
from portal.country import get_country


def module_form(title):
    return nested_form_data({"title": title, "slug": slugify(title), "summary": "A chapter."})


def lesson_form(title):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "body": streamfield([("text", rich_text(f"<p>Reading for {title}.</p>"))]),
            "estimated_minutes": "20",
            "required": "on",
        }
    )


class CourseReview(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("sync_country", stdout=io.StringIO())
        cls.provider = ProviderPageFactory(parent=catalogue_page(), title="Institute of Finance")
        cls.provider.refresh_from_db()
        cls.editor = UserFactory(username="editor")
        cls.editor.groups.add(cls.provider.editors_group)
        cls.reviewer = UserFactory(username="reviewer")
        cls.reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))

    def setUp(self):
        self.client.force_login(self.editor)

    def add(self, parent, model, form):
        url = reverse("wagtailadmin_pages:add", args=["catalog", model._meta.model_name, parent.pk])
        response = self.client.post(url, form)
        errors = response.context and response.context.get("form")
        self.assertEqual(response.status_code, 302, errors and errors.errors)
        return model.objects.child_of(parent).get(title=form["title"])

    def draft_course(self):
        course = self.add(
            self.provider, CoursePage, course_form("Public budgeting", slug="public-budgeting")
        )
        module = self.add(course, ModulePage, module_form("Planning the year"))
        lessons = [
            self.add(module, LessonPage, lesson_form(title))
            for title in ("The budget cycle", "Estimates")
        ]
        return course, module, lessons

    def submit(self, course):
        edit_url = reverse("wagtailadmin_pages:edit", args=[course.pk])
        form = {**course_form(course.title), "slug": course.slug, "action-submit": "1"}
        self.assertEqual(self.client.post(edit_url, form).status_code, 302)
        return WorkflowState.objects.get(object_id=str(course.pk), status="in_progress")

    def review(self, state, action):
        """The reviewer's button in the admin: approve, or reject (request changes)."""
        self.client.force_login(self.reviewer)
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[state.object_id, action, state.current_task_state.pk],
        )
        response = self.client.post(url, {"comment": ""})
        self.assertEqual(response.status_code, 302)
        self.client.force_login(self.editor)

    def live(self, *pages):
        return [Page.objects.get(pk=page.pk).live for page in pages]

    def test_one_submission_and_one_approval_publish_the_whole_course_parents_first(self):
        course, module, lessons = self.draft_course()
        self.assertEqual(self.live(course, module, *lessons), [False] * 4)
        self.assertFalse(WorkflowState.objects.exists())  # saving a part submits nothing

        state = self.submit(course)
        self.assertEqual(WorkflowState.objects.count(), 1)
        published = []

        def record(sender, instance, **kwargs):
            published.append(instance.title)

        page_published.connect(record)
        try:
            self.review(state, "approve")
        finally:
            page_published.disconnect(record)

        self.assertEqual(self.live(course, module, *lessons), [True] * 4)
        self.assertEqual(
            published, ["Public budgeting", "Planning the year", "The budget cycle", "Estimates"]
        )
        self.client.logout()
        self.assertEqual(self.client.get(Page.objects.get(pk=course.pk).url).status_code, 200)
        self.assertIn(
            "The budget cycle", self.client.get(Page.objects.get(pk=course.pk).url).content.decode()
        )

    def test_rejecting_the_course_leaves_everything_unpublished(self):
        course, module, lessons = self.draft_course()
        state = self.submit(course)
        self.review(state, "reject")
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertEqual(self.live(course, module, *lessons), [False] * 4)

    def test_parts_offer_no_submission_of_their_own_and_are_locked_while_in_review(self):
        course, module, lessons = self.draft_course()
        for page in (module, lessons[0]):
            edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            self.assertNotContains(edit, 'name="action-submit"')
        add_lesson = reverse("wagtailadmin_pages:add", args=["catalog", "lessonpage", module.pk])
        self.assertNotContains(self.client.get(add_lesson), 'name="action-submit"')
        # The course itself is submitted from its own page.
        course_edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
        self.assertContains(course_edit, 'name="action-submit"')

        # A hand-made "submit" of a new module saves a draft and starts no review.
        form = {**module_form("Sneaked in"), "action-submit": "1"}
        self.add(course, ModulePage, form)
        self.assertFalse(WorkflowState.objects.exists())

        self.submit(course)
        lesson = LessonPage.objects.get(pk=lessons[0].pk)
        self.assertTrue(lesson.get_lock().for_user(self.editor))
        self.assertFalse(lesson.get_lock().for_user(self.reviewer))
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
        self.assertContains(edit, "which is awaiting review")

    def test_a_draft_written_after_submission_waits_for_the_next_review(self):
        course, _module, lessons = self.draft_course()
        state = self.submit(course)
        late = LessonPage.objects.get(pk=lessons[1].pk)
        late.title = "Estimates, revised after submission"
        late.save_revision(user=self.reviewer)

        self.review(state, "approve")
        late.refresh_from_db()
        self.assertTrue(late.live)
        self.assertEqual(late.title, "Estimates")  # what the reviewer was shown
        self.assertTrue(late.has_unpublished_changes)

    def test_a_new_lesson_of_a_live_course_goes_live_with_the_next_course_approval(self):
        course = CoursePageFactory(parent=self.provider, title="Live course")
        module = ModulePage.objects.get(pk=self.add(course, ModulePage, module_form("New")).pk)
        lesson = self.add(module, LessonPage, lesson_form("Fresh lesson"))
        self.review(self.submit(course), "approve")
        self.assertEqual(self.live(course, module, lesson), [True, True, True])

    def test_the_review_queue_names_the_language_the_course_is_taught_in(self):
        language = next(lang for lang in get_country().languages if lang.code == COURSE_LANGUAGE)
        default = get_country().default_language
        course, _module, _lessons = self.draft_course()
        self.submit(course)
        self.client.force_login(self.reviewer)
        dashboard = self.client.get(reverse("wagtailadmin_home")).content.decode()
        queue = dashboard[dashboard.index('id="awaiting-review-section"') :]
        queue = queue[: queue.index("</table>")]
        assert "Public budgeting" in queue
        assert f">{language.autonym}<" in queue.replace("\n", "").replace("  ", "")
        if language.code != default.code:
            assert default.autonym not in queue
        report = self.client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
        assert language.autonym in report

    def test_a_second_add_with_the_slug_of_a_never_published_draft_succeeds(self):
        """Autosave's draft of an abandoned "add" form never blocks adding the page again."""
        _course, module, _lessons = self.draft_course()
        # What autosave leaves: the "add" form's page, created as a draft.
        self.add(module, LessonPage, lesson_form("Introduction"))
        url = reverse("wagtailadmin_pages:add", args=["catalog", "lessonpage", module.pk])
        response = self.client.post(url, lesson_form("Introduction"))
        self.assertEqual(response.status_code, 302)
        slugs = LessonPage.objects.child_of(module).filter(title="Introduction")
        self.assertEqual(
            sorted(slugs.values_list("slug", flat=True)), ["introduction", "introduction-2"]
        )

    def test_the_slug_of_a_published_page_still_refuses(self):
        course = CoursePageFactory(parent=self.provider, title="Live course")
        ModulePageFactory(parent=course, title="Taken", slug="taken")
        url = reverse("wagtailadmin_pages:add", args=["catalog", "modulepage", course.pk])
        response = self.client.post(url, module_form("Taken"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("slug", response.context["form"].errors)
