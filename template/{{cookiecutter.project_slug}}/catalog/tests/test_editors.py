"""The editor's path: page-tree rules, provider boundaries and the course review workflow."""

import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts.factories import UserFactory
from catalog.factories import CoursePageFactory, ProviderPageFactory, catalogue_page
from catalog.models import CatalogPage, CoursePage, LessonPage, ModulePage, ProviderPage
from catalog.providers import REVIEWERS_GROUP
from home.models import HomePage
from portal.country import get_country

# A course taught in the portal's last enabled language (not always its default).
COURSE_LANGUAGE = get_country().languages[-1].code


class TreeRules(WagtailPageTestCase):
    def test_each_page_type_has_exactly_one_kind_of_parent(self):
        self.assertAllowedParentPageTypes(CatalogPage, {HomePage})
        self.assertAllowedParentPageTypes(ProviderPage, {CatalogPage})
        self.assertAllowedParentPageTypes(CoursePage, {ProviderPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_editors_cannot_put_lessons_straight_into_the_catalogue(self):
        self.assertCanNotCreateAt(CatalogPage, LessonPage)
        self.assertCanNotCreateAt(CatalogPage, CoursePage)
        self.assertCanNotCreateAt(HomePage, CoursePage)


def course_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "summary": "How to write a procurement plan for the year.",
            "description": rich_text("<p>Longer description.</p>"),
            "language": COURSE_LANGUAGE,
            "duration_hours": "3.5",
            "level": "intermediate",
            "certificate_rule": "completion",  # the select's preselected default
            "competencies": inline_formset([]),
            "prerequisites": inline_formset([]),
            **extra,
        }
    )


class ProviderEditing(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("sync_country", stdout=io.StringIO())
        cls.catalogue = catalogue_page()
        cls.ours = ProviderPageFactory(parent=cls.catalogue, title="Institute of Finance")
        cls.theirs = ProviderPageFactory(parent=cls.catalogue, title="Open Governance Network")
        cls.their_course = CoursePageFactory(parent=cls.theirs, title="Their course")
        cls.editor = UserFactory(username="editor")
        cls.ours.refresh_from_db()
        cls.editor.groups.add(cls.ours.editors_group)
        cls.reviewer = UserFactory(username="reviewer")
        cls.reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_new_provider_gets_its_own_editors_group(self):
        self.assertEqual(self.ours.editors_group.name, "Institute of Finance editors")
        self.assertNotEqual(self.ours.editors_group, self.theirs.editors_group)

    def test_provider_editor_drafts_a_course_that_waits_for_review(self):
        self.assertCanCreate(
            self.ours, CoursePage, course_form("Procurement planning"), publish=False
        )
        course = CoursePage.objects.get(title="Procurement planning")
        self.assertFalse(course.live)
        self.assertEqual(course.provider_id, self.ours.pk)

        # Publishing is not among the editor's actions: submitting starts the review.
        edit_url = reverse("wagtailadmin_pages:edit", args=[course.pk])
        form = {**course_form("Procurement planning"), "slug": course.slug}
        self.client.post(edit_url, {**form, "action-publish": "1"})
        course.refresh_from_db()
        self.assertFalse(course.live)

        self.client.post(edit_url, {**form, "action-submit": "1"})
        state = WorkflowState.objects.get(object_id=str(course.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.workflow.name, "Course review")
        self.assertEqual(self.client.get(course.url).status_code, 404)

        state.current_task_state.task.specific.on_action(
            state.current_task_state, self.reviewer, "approve"
        )
        course.refresh_from_db()
        self.assertTrue(course.live)
        self.client.logout()
        self.assertEqual(self.client.get(course.url).status_code, 200)

    def test_provider_editor_cannot_edit_or_add_under_another_provider(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.their_course.pk])
        self.assertNotEqual(self.client.get(edit_url).status_code, 200)
        self.client.post(edit_url, {**course_form("Hijacked", slug="x"), "action-submit": "1"})
        self.their_course.refresh_from_db()
        self.assertEqual(self.their_course.title, "Their course")
        self.assertFalse(self.their_course.revisions.exists())

        add_url = reverse("wagtailadmin_pages:add", args=["catalog", "coursepage", self.theirs.pk])
        before = CoursePage.objects.count()
        response = self.client.post(add_url, course_form("Smuggled in"))
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(CoursePage.objects.count(), before)

    def test_provider_editor_sees_only_their_provider_in_the_page_explorer(self):
        self.assertTrue(self.ours.permissions_for_user(self.editor).can_add_subpage())
        self.assertFalse(self.theirs.permissions_for_user(self.editor).can_add_subpage())
        self.assertFalse(self.ours.permissions_for_user(self.editor).can_publish_subpage())


class UnpublishedCourses(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("sync_country", stdout=io.StringIO())
        catalogue = catalogue_page()
        provider = ProviderPageFactory(parent=catalogue)
        cls.draft = CoursePageFactory(parent=provider, title="Draft budgeting", live=False)
        cls.published = CoursePageFactory(parent=provider, title="Published budgeting")
        cls.catalogue = catalogue

    def test_learners_never_see_a_draft_course(self):
        learner = UserFactory()
        self.client.force_login(learner)
        self.assertEqual(self.client.get(self.draft.url or "/courses/x/").status_code, 404)
        listing = self.client.get(self.catalogue.url).content.decode()
        self.assertIn("Published budgeting", listing)
        self.assertNotIn("Draft budgeting", listing)
        search = self.client.get(self.catalogue.url, {"q": "budgeting"}).content.decode()
        self.assertNotIn("Draft budgeting", search)
        api = self.client.get("/api/courses/").json()
        self.assertEqual([c["title"] for c in api["results"]], ["Published budgeting"])
        self.assertEqual(self.client.get(f"/api/courses/{self.draft.pk}/").status_code, 404)
        self.assertEqual(Page.objects.get(pk=self.draft.pk).live, False)
