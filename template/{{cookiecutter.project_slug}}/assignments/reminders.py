"""Reminder e-mails: before the due date and, for mandatory courses, weekly once overdue.

**Which period.** Each day the beat task works out, for every assignment, the reminder
period it is in (``period_for``): "before-7" from seven days before the due date,
"before-1" from the day before (the days come from
``GOVLEARN_ASSIGNMENT_REMINDER_DAYS``), "overdue-0" for the first week after it,
"overdue-1" for the second… (``GOVLEARN_ASSIGNMENT_OVERDUE_EVERY_DAYS``). A period is a
window, not a single day, so a beat run that was missed is made good the next day, and an
assignment created three days before its due date still gets its "before-7" reminder.

**Exactly one e-mail per person per period.** Each person is handled in a transaction
that first inserts their ``ReminderSent`` row (unique on assignment, person, period), then
sends: a second beat run, or a retried task, finds the row and sends nothing; a failed
SMTP conversation rolls the row back so the retry sends it. (An e-mail handed to the SMTP
server just before the worker dies, and not yet committed, is the one case sent twice:
at-least-once, never lost.)

**Who.** ``assignments.targets.assignees`` (active people) minus those who completed every
assigned course, minus those without an e-mail address, walked in primary-key batches of
``BATCH`` so a million people never sit in memory; each batch queues the next.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assignments.models import Assignment, ReminderSent
from assignments.targets import assignees
from portal.language_preference import enabled_language

logger = logging.getLogger(__name__)

BATCH = 500


def reminder_days() -> list[int]:
    return sorted({int(days) for days in settings.GOVLEARN_ASSIGNMENT_REMINDER_DAYS})


def period_for(assignment: Assignment, today: date) -> str | None:
    """The reminder period ``assignment`` is in on ``today``, or None when none is due."""
    days_left = (assignment.due_on - today).days
    if days_left >= 0:
        windows = [days for days in reminder_days() if days >= days_left]
        return f"before-{windows[0]}" if windows else None
    if assignment.kind != Assignment.Kind.MANDATORY:
        return None
    every = max(1, int(settings.GOVLEARN_ASSIGNMENT_OVERDUE_EVERY_DAYS))
    return f"overdue-{(-days_left - 1) // every}"


def assignments_to_remind(today: date):
    """Assignments that may be in a reminder period today: due within the longest
    reminder window, or mandatory and overdue."""
    horizon = date.fromordinal(today.toordinal() + (max(reminder_days(), default=0)))
    return Assignment.objects.filter(
        Q(due_on__gte=today, due_on__lte=horizon)
        | Q(due_on__lt=today, kind=Assignment.Kind.MANDATORY)
    )


def people_to_remind(assignment: Assignment, period: str, course_ids: list[int], after_pk: int):
    """The next batch of people to e-mail, ordered by primary key."""
    already = ReminderSent.objects.filter(assignment=assignment, period=period, user=OuterRef("pk"))
    done = Count(
        "enrolments",
        filter=Q(enrolments__course_id__in=course_ids, enrolments__completed_at__isnull=False),
    )
    return (
        assignees(assignment)
        .filter(pk__gt=after_pk)
        .exclude(email="")
        .exclude(Exists(already))
        .annotate(done=done)
        .filter(done__lt=len(course_ids))
        .order_by("pk")
    )


def remind_batch(assignment_id: int, period: str, after_pk: int, today: date) -> int | None:
    """Send this period's reminder to the next ``BATCH`` people; return the last primary
    key handled when there may be more, else None."""
    assignment = Assignment.objects.filter(pk=assignment_id).first()
    if assignment is None:
        return None
    courses = list(assignment.courses.live().order_by("title"))
    if not courses:
        return None
    batch = list(people_to_remind(assignment, period, [c.pk for c in courses], after_pk)[:BATCH])
    if not batch:
        return None
    completed = _completed_by(batch, courses)
    for person in batch:
        remaining = [course for course in courses if (person.pk, course.pk) not in completed]
        _remind_once(assignment, period, person, remaining, today)
    return batch[-1].pk if len(batch) == BATCH else None


def _completed_by(people, courses) -> set[tuple[int, int]]:
    from learning.models import Enrolment

    return set(
        Enrolment.objects.filter(
            user__in=people, course__in=courses, completed_at__isnull=False
        ).values_list("user_id", "course_id")
    )


def _remind_once(assignment, period, person, courses, today) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(assignment=assignment, user=person, period=period)
            reminder_message(assignment, period, person, courses, today).send()
    except IntegrityError:  # another run got there first
        return False
    return True


def reminder_message(assignment, period, person, courses, today) -> EmailMessage:
    """The e-mail, in the person's preferred language (the portal's default otherwise)."""
    language = enabled_language(person.preferred_language) or settings.LANGUAGE_CODE
    with translation.override(language):
        days_left = (assignment.due_on - today).days
        context = {
            "person": person,
            "assignment": assignment,
            "courses": courses,
            "overdue": days_left < 0,
            "days_left": days_left,
            "days_overdue": -days_left,
            "my_learning_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("learning:my_learning"),
            "portal_name": _portal_name(language),
        }
        subject = " ".join(
            render_to_string("assignments/email/reminder_subject.txt", context).split()
        )
        body = render_to_string("assignments/email/reminder_body.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
    message.extra_headers["Content-Language"] = language
    return message


def _portal_name(language: str) -> str:
    from portal.country import get_country

    return get_country().portal_name(language)
