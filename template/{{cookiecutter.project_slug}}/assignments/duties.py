"""What a learner has been assigned and not finished yet: "assigned to you, due in N days".

Read by the home page panel and the "my learning" section. A fixed number of queries
whatever the number of assignments or enrolments: the learner's organisation, the
assignments that reach them, their courses (one prefetch), and their enrolments in those
courses. A course assigned twice shows once, with the earliest due date, and as mandatory
if any of its assignments is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from assignments.models import Assignment
from assignments.targets import assignments_for
from catalog.models import CoursePage
from learning.models import Enrolment


@dataclass
class Duty:
    course: CoursePage
    due_on: date
    mandatory: bool
    assignment_titles: list[str]
    enrolment: Enrolment | None
    today: date

    @property
    def days_left(self) -> int:
        """Days until the due date (0 on the day itself; negative once overdue)."""
        return (self.due_on - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    @property
    def started(self) -> bool:
        return self.enrolment is not None

    @property
    def url(self) -> str:
        """Where the learner goes from the panel: the lesson they last opened, or the course."""
        lesson = self.enrolment.last_lesson if self.enrolment else None
        if lesson is not None and lesson.live:
            return lesson.url
        return self.course.url


def duties_for(user, today: date | None = None) -> list[Duty]:
    """The learner's unfinished assigned courses, soonest due first (mandatory first on a tie)."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    assignments = assignments_for(user).prefetch_related(
        Prefetch(
            "courses",
            queryset=CoursePage.objects.live(),
        )
    )
    by_course: dict[int, Duty] = {}
    for assignment in assignments:
        for course in assignment.courses.all():
            duty = by_course.get(course.pk)
            if duty is None:
                by_course[course.pk] = Duty(
                    course=course,
                    due_on=assignment.due_on,
                    mandatory=assignment.kind == Assignment.Kind.MANDATORY,
                    assignment_titles=[assignment.title],
                    enrolment=None,
                    today=today,
                )
                continue
            duty.due_on = min(duty.due_on, assignment.due_on)
            duty.mandatory = duty.mandatory or assignment.kind == Assignment.Kind.MANDATORY
            duty.assignment_titles.append(assignment.title)
    if not by_course:
        return []
    enrolments = Enrolment.objects.filter(user=user, course_id__in=by_course).select_related(
        "last_lesson"
    )
    for enrolment in enrolments:
        if enrolment.completed_at is not None:
            del by_course[enrolment.course_id]
        else:
            by_course[enrolment.course_id].enrolment = enrolment
    return sorted(
        by_course.values(), key=lambda duty: (duty.due_on, not duty.mandatory, duty.course.title)
    )
