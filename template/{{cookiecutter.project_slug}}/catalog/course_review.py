"""One review for a whole course.

A course is reviewed as a whole: its modules and lessons have no workflow of their own
(``ReviewedWithCourse``), so editors save them as drafts and submit only the course. When
the reviewers approve the course, Wagtail publishes the course's approved revision and
this module then publishes, in tree order (modules before their lessons), every module
and lesson draft that existed when that revision was submitted. A draft written after the
submission waits for the next review, so what goes live is what the reviewer was shown.
Rejecting ("request changes") publishes nothing; a course in review locks its modules and
lessons for editors the way Wagtail locks the course itself.
"""

from __future__ import annotations

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.dispatch import receiver
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.locks import WorkflowLock
from wagtail.models import Revision, WorkflowState
from wagtail.signals import workflow_approved


class CourseInReviewLock(WorkflowLock):
    """The lock of the course's review task, applied to one of the course's parts."""

    def __init__(self, part, course, task):
        super().__init__(part, task)
        self.course = course

    def for_user(self, user):
        return self.task.locked_for_user(self.course, user)

    def get_message(self, user):
        if self.for_user(user):
            return format_html(
                _(
                    "This page is part of the course “{course}”, which is awaiting review. "
                    "Only its reviewers can edit it until the review ends."
                ),
                course=self.course.title,
            )
        return None


class ReviewedWithCourse:
    """Page mixin: no workflow of the page's own; the enclosing course's review covers it."""

    @property
    def has_workflow(self) -> bool:
        return False

    def get_workflow(self):
        return None

    def get_lock(self):
        # While the course is in review its parts are locked for everyone the review's
        # task locks the course for: the reviewer approves what was submitted.
        if lock := super().get_lock():
            return lock
        course = self.enclosing_course()
        if course is None:
            return None
        task = course.current_workflow_task
        return CourseInReviewLock(self, course, task) if task else None

    def enclosing_course(self):
        from catalog.models import CoursePage

        return CoursePage.objects.ancestor_of(self).first()


def drafts_reviewed_with(course, submitted_at) -> list[Revision]:
    """The module and lesson revisions an approval of ``course`` publishes, in tree order:
    each part with unpublished changes, at its latest revision saved by ``submitted_at``.

    A part that was published once and later unpublished without being edited again
    stays unpublished: its latest revision is not newer than its last publication.
    """
    from catalog.models import LessonPage, ModulePage

    revisions = []
    for model in (ModulePage, LessonPage):
        latest = Revision.page_revisions.filter(
            object_id=OuterRef("pk__str"), created_at__lte=submitted_at
        ).order_by("-created_at", "-pk")
        parts = (
            model.objects.descendant_of(course)
            .filter(has_unpublished_changes=True)
            .annotate(pk__str=Cast("pk", output_field=CharField()))
            .annotate(reviewed_revision=Subquery(latest.values("pk")[:1]))
            .exclude(reviewed_revision=None)
            .values_list("path", "reviewed_revision", "last_published_at")
        )
        revisions.extend(parts)
    by_id = Revision.objects.in_bulk([revision_id for _path, revision_id, _at in revisions])
    ordered = []
    for _path, revision_id, last_published_at in sorted(revisions):
        revision = by_id[revision_id]
        if last_published_at is None or revision.created_at > last_published_at:
            ordered.append(revision)
    return ordered


def publish_course_parts(workflow_state: WorkflowState, user) -> list:
    """Publish the parts reviewed with the course ``workflow_state`` approved."""
    from catalog.models import CoursePage

    course = workflow_state.content_object  # the base Page of a page's workflow
    course = getattr(course, "specific", course)
    if not isinstance(course, CoursePage):
        return []
    approved_revision = workflow_state.current_task_state.revision
    published = []
    for revision in drafts_reviewed_with(course, approved_revision.created_at):
        # The reviewers' approval of the course is the permission: an editor who
        # started the workflow could not publish these parts on their own.
        revision.publish(user=user, skip_permission_checks=True)
        published.append(revision.content_object)
    return published


@receiver(workflow_approved, dispatch_uid="catalog-publish-course-parts")
def publish_parts_of_approved_course(sender, instance, user=None, **kwargs):
    publish_course_parts(instance, user)
