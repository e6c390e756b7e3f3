"""Read-side of learning: what course, lesson and "my learning" pages show a learner.

Nothing here writes: the lesson page reports that it was opened with a POST
(``services.record_lesson_opened``). Each helper issues a fixed number of queries whatever
the size of the course or of the learner's record, because these run on the most visited
pages of the portal. ``learning.wagtail_hooks`` puts their results on catalogue pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q

from catalog.models import CoursePage, LessonPage
from learning import services
from learning.additions import completed_course_links
from learning.models import Enrolment, LessonCompletion
from learning.quiz_policy import quiz_states_for


@dataclass
class CourseProgress:
    enrolment: Enrolment | None = None
    done_lesson_ids: set[int] = field(default_factory=set)
    lesson_count: int = 0
    continue_lesson: LessonPage | None = None
    # Once complete: what apps above learning offer (the certificate), via a seam.
    completed_links: list = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return len(self.done_lesson_ids)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.lesson_count) if self.lesson_count else 0


def course_progress_for(request, course: CoursePage, outline) -> CourseProgress:
    user = request.user
    lessons = [lesson for _module, module_lessons in outline for lesson in module_lessons]
    progress = CourseProgress(lesson_count=len(lessons))
    if not user.is_authenticated:
        return progress
    progress.enrolment = Enrolment.objects.filter(user=user, course=course).first()
    progress.done_lesson_ids = set(
        LessonCompletion.objects.filter(user=user, course=course).values_list(
            "lesson_id", flat=True
        )
    ) & {lesson.pk for lesson in lessons}
    progress.continue_lesson = resume_lesson(progress.enrolment, lessons, progress.done_lesson_ids)
    if progress.enrolment and progress.enrolment.is_completed:
        progress.completed_links = completed_course_links(request, progress.enrolment)
    return progress


def resume_lesson(enrolment, lessons: list[LessonPage], done_ids: set[int]) -> LessonPage | None:
    """Where "continue" goes: the first unfinished step from where the learner is — the
    last lesson opened if unfinished, otherwise the next unfinished lesson after it,
    otherwise the first unfinished one. None once the course is complete or every lesson
    is done: there is nowhere left to continue to, and the page says so instead of
    sending the learner back to a quiz already passed."""
    if not lessons or (enrolment and enrolment.is_completed):
        return None
    last_id = enrolment.last_lesson_id if enrolment else None
    positions = {lesson.pk: index for index, lesson in enumerate(lessons)}
    start = positions.get(last_id, 0)
    ordered = lessons[start:] + lessons[:start]
    return next((lesson for lesson in ordered if lesson.pk not in done_ids), None)


def lesson_state_for(user, lesson: LessonPage) -> dict:
    """The learner's enrolment, the course's lessons they have done (for the outline
    beside the lesson), whether this one is done, and each quiz's attempts."""
    course = lesson.course
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    quiz_states = quiz_states_for(user, lesson, enrolled=enrolment is not None)
    done_ids = (
        frozenset(
            LessonCompletion.objects.filter(user=user, course=course).values_list(
                "lesson_id", flat=True
            )
        )
        if enrolment
        else frozenset()
    )
    return {
        "course": course,
        "enrolment": enrolment,
        "done_lesson_ids": done_ids,
        "lesson_done": lesson.pk in done_ids,
        "quiz_states": quiz_states,
    }


@dataclass
class LearnerRecord:
    in_progress: list[Enrolment]
    completed: list[Enrolment]
    time_spent_hours_this_year: float  # measured on lesson pages
    credited_hours_this_year: Decimal  # declared by the courses completed this year


def my_learning(user) -> LearnerRecord:
    enrolments = list(
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course", "course__provider", "last_lesson")
        .order_by(F("last_activity_at").desc(nulls_last=True), "-enrolled_at", "-pk")
    )
    course_ids = [e.course_id for e in enrolments]
    done = dict(
        LessonCompletion.objects.filter(user=user, course_id__in=course_ids)
        .values_list("course_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals: dict[int, int] = {}
    if enrolments:
        paths = Q()
        for enrolment in enrolments:
            paths |= Q(path__startswith=enrolment.course.path)
        course_by_prefix = {e.course.path: e.course_id for e in enrolments}
        steplen = LessonPage.steplen
        for path in LessonPage.objects.live().filter(paths).values_list("path", flat=True):
            course_id = course_by_prefix.get(path[: -2 * steplen])
            if course_id:
                totals[course_id] = totals.get(course_id, 0) + 1
    for enrolment in enrolments:
        total = totals.get(enrolment.course_id, 0)
        enrolment.lessons_done = min(done.get(enrolment.course_id, 0), total)
        enrolment.lessons_total = total
        enrolment.percent = round(100 * enrolment.lessons_done / total) if total else 0
    return LearnerRecord(
        in_progress=[e for e in enrolments if not e.is_completed],
        completed=[e for e in enrolments if e.is_completed],
        time_spent_hours_this_year=services.time_spent_hours_this_year(user),
        credited_hours_this_year=services.credited_hours_this_year(user),
    )
