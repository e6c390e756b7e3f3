"""Learning records as xAPI 1.0.3 statements.

Statements are built from the learning tables on demand, never stored twice. Their ids
are UUIDv5 of the record they describe, so exporting or forwarding the same event again
gives the same id and an LRS discards the duplicate. The actor is an account on this
portal named by the learner's HR employee id (no name or e-mail leaves the portal).
"""

from __future__ import annotations

import uuid

from django.conf import settings

XAPI_VERSION = "1.0.3"
STATEMENT_NAMESPACE = uuid.UUID("4f6e1c2a-6b7d-5c3e-9a41-0d2b8e7f6a10")

VERBS = {
    name: {"id": f"http://adlnet.gov/expapi/verbs/{name}", "display": {"en-US": name}}
    for name in ("attempted", "completed", "passed", "failed")
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
}


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def actor(user) -> dict:
    return {
        "objectType": "Agent",
        "account": {"homePage": _base_url(), "name": user.employee_id or f"user-{user.pk}"},
    }


def _activity(kind: str, iri: str, title: str, language: str) -> dict:
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": ACTIVITY_TYPES[kind], "name": {language or "und": title}},
    }


def course_activity(course) -> dict:
    return _activity(
        "course", f"{_base_url()}/api/courses/{course.pk}/", course.title, course.language
    )


def lesson_activity(lesson, language: str) -> dict:
    return _activity("lesson", f"{_base_url()}/api/lessons/{lesson.pk}/", lesson.title, language)


def quiz_activity(lesson, quiz_id: str, title: str, language: str) -> dict:
    iri = f"{_base_url()}/api/lessons/{lesson.pk}/quizzes/{quiz_id}/"
    return _activity("assessment", iri, title, language)


def _statement(key: str, user, verb: str, obj: dict, timestamp, **extra) -> dict:
    statement = {
        "id": str(uuid.uuid5(STATEMENT_NAMESPACE, key)),
        "actor": actor(user),
        "verb": VERBS[verb],
        "object": obj,
        "timestamp": timestamp.isoformat(),
        "version": XAPI_VERSION,
    }
    statement.update(extra)
    return statement


def credited_hours_extension() -> str:
    """IRI of the result extension carrying the hours a completion credits (a decimal
    number of hours declared by the course), under the portal's own domain; documented
    in docs/certificates.md. Time actually spent is the standard ``result.duration``."""
    return f"{_base_url()}/xapi/extensions/credited-hours"


def iso_duration(seconds: int) -> str:
    """Seconds as an ISO 8601 duration, e.g. 5400 → ``PT1H30M``."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if secs or text == "PT" else "")


def enrolment_statement(enrolment) -> dict:
    return _statement(
        f"enrolment:{enrolment.pk}:attempted",
        enrolment.user,
        "attempted",
        course_activity(enrolment.course),
        enrolment.enrolled_at,
    )


def course_completion_statement(enrolment) -> dict:
    return _statement(
        f"enrolment:{enrolment.pk}:completed",
        enrolment.user,
        "completed",
        course_activity(enrolment.course),
        enrolment.completed_at,
        result={
            "completion": True,
            "duration": iso_duration(enrolment.time_spent()),
            "extensions": {credited_hours_extension(): float(enrolment.course.hours_credited)},
        },
    )


def lesson_completion_statement(completion) -> dict:
    course = completion.course
    return _statement(
        f"lesson-completion:{completion.pk}",
        completion.user,
        "completed",
        lesson_activity(completion.lesson, course.language),
        completion.completed_at,
        result={"completion": True},
        context={"contextActivities": {"parent": [course_activity(course)]}},
    )


def quiz_attempt_statement(attempt) -> dict:
    course, lesson = attempt.course, attempt.lesson
    quiz = lesson.quiz(attempt.quiz_id)
    title = quiz.title if quiz else lesson.title
    return _statement(
        f"quiz-attempt:{attempt.pk}",
        attempt.user,
        "passed" if attempt.passed else "failed",
        quiz_activity(lesson, attempt.quiz_id, title, course.language),
        attempt.submitted_at,
        result={
            "score": {"scaled": attempt.score / 100, "raw": attempt.score, "min": 0, "max": 100},
            "success": attempt.passed,
            "completion": True,
        },
        context={
            "contextActivities": {
                "parent": [lesson_activity(lesson, course.language)],
                "grouping": [course_activity(course)],
            }
        },
    )


def statements_for(users_filter: dict, since=None, limit: int = 100) -> list[dict]:
    """Every statement of the matching learners after ``since``, oldest first.

    ``users_filter`` is a queryset filter on the learner (``{}`` for everyone,
    ``{"user": u}`` for one person). Each table is read once, joined to what the
    statement needs, so the export costs four queries per call whatever the volume.
    """
    from learning.models import Enrolment, LessonCompletion, QuizAttempt

    def after(queryset, field):
        return queryset.filter(**{f"{field}__gt": since}) if since else queryset

    enrolments = Enrolment.objects.filter(**users_filter).select_related("user", "course")
    completions = LessonCompletion.objects.filter(**users_filter).select_related(
        "user", "course", "lesson"
    )
    attempts = QuizAttempt.objects.filter(**users_filter).select_related("user", "course", "lesson")
    statements: list[tuple] = []
    for enrolment in after(enrolments, "enrolled_at").order_by("enrolled_at")[:limit]:
        statements.append((enrolment.enrolled_at, enrolment_statement(enrolment)))
    completed = enrolments.filter(completed_at__isnull=False).with_time_spent()
    for enrolment in after(completed, "completed_at").order_by("completed_at")[:limit]:
        statements.append((enrolment.completed_at, course_completion_statement(enrolment)))
    for completion in after(completions, "completed_at").order_by("completed_at")[:limit]:
        statements.append((completion.completed_at, lesson_completion_statement(completion)))
    for attempt in after(attempts, "submitted_at").order_by("submitted_at")[:limit]:
        statements.append((attempt.submitted_at, quiz_attempt_statement(attempt)))
    statements.sort(key=lambda pair: pair[0])
    return [statement for _when, statement in statements[:limit]]


def lrs_configured() -> bool:
    return bool(getattr(settings, "XAPI_LRS_ENDPOINT", ""))
