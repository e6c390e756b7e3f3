"""The learning rules, in one place for the HTML views and the REST API.

Every function checks first and writes after, raising a ``LearningError`` (with its HTTP
status) before any row changes. Writes that depend on counts (attempt limits, time caps)
lock the learner's enrolment row so two browser tabs cannot race past a limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import CoursePage, LessonPage
from learning import grading
from learning.errors import InvalidTimeReport, NotAvailable, NotEnrolled, RuleConflict
from learning.models import Enrolment, LearningTime, LessonCompletion, QuizAttempt
from learning.signals import lesson_completed, quiz_attempted
from learning.tasks import announce_course_completion

# One heartbeat may claim at most this many seconds (the page reports every 30 s).
MAX_SECONDS_PER_REPORT = getattr(settings, "LEARNING_MAX_SECONDS_PER_REPORT", 120)
# Nobody learns more than this per day; an open tab cannot earn more.
MAX_SECONDS_PER_DAY = getattr(settings, "LEARNING_MAX_SECONDS_PER_DAY", 8 * 3600)
# A report may not claim more than the wall-clock time since the previous one (plus
# network slack), so several tabs — or a script — cannot multiply the hours.
REPORT_SLACK_SECONDS = 5


def _live_course(course) -> CoursePage:
    if course is None or not course.live or course.get_view_restrictions().exists():
        raise NotAvailable(_("This course is not available."))
    return course


def _live_lesson(lesson) -> LessonPage:
    if lesson is None or not lesson.live:
        raise NotAvailable(_("This lesson is not available."))
    _live_course(lesson.course)
    return lesson


def _enrolment_for_update(user, course) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is None:
        raise NotEnrolled(_("Enrol in “%(course)s” first.") % {"course": course.title})
    return enrolment


@transaction.atomic
def enrol(user, course) -> tuple[Enrolment, bool]:
    _live_course(course)
    enrolment, created = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment, created


@transaction.atomic
def unenrol(user, course) -> None:
    """Leave a course. Lesson progress is kept, so re-enrolling resumes where it stopped;
    a completed course stays on the learner's record and cannot be left."""
    enrolment = _enrolment_for_update(user, course)
    if enrolment.is_completed:
        raise RuleConflict(_("A completed course stays on your record."))
    enrolment.delete()


@transaction.atomic
def record_lesson_opened(user, lesson) -> Enrolment:
    """Remember the lesson for “continue”. The lesson page posts this once it is open in
    the learner's browser; serving the page writes nothing, so a prefetch or a link
    preview cannot move the learner's place."""
    _live_lesson(lesson)
    enrolment = _enrolment_for_update(user, lesson.course)
    if enrolment.last_lesson_id != lesson.pk:
        _touch(enrolment, lesson)
    return enrolment


@transaction.atomic
def complete_lesson(user, lesson) -> tuple[LessonCompletion, bool]:
    """Mark a lesson without a quiz as done (lessons with quizzes complete by passing)."""
    _live_lesson(lesson)
    course = lesson.course
    enrolment = _enrolment_for_update(user, course)
    if lesson.quizzes:
        raise RuleConflict(_("This lesson is completed by passing its quiz."))
    completion, created = LessonCompletion.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course}
    )
    if created:
        _touch(enrolment, lesson)
        transaction.on_commit(
            lambda: lesson_completed.send(sender=LessonCompletion, completion=completion)
        )
        check_course_completion(enrolment)
    return completion, created


@dataclass(frozen=True)
class QuizOutcome:
    attempt: QuizAttempt
    grade: grading.Grade
    attempts_left: int


@transaction.atomic
def submit_quiz(user, lesson, quiz_id: str, answers) -> QuizOutcome:
    _live_lesson(lesson)
    quiz = lesson.quiz(str(quiz_id))
    if quiz is None:
        raise NotAvailable(_("This lesson has no such quiz."))
    course = lesson.course
    enrolment = _enrolment_for_update(user, course)
    cleaned = grading.clean_answers(quiz, answers)
    previous = QuizAttempt.objects.filter(user=user, lesson=lesson, quiz_id=quiz.id)
    if previous.filter(passed=True).exists():
        raise RuleConflict(_("You have already passed this quiz."))
    used = previous.count()
    if used >= quiz.max_attempts:
        raise RuleConflict(
            _("No attempts left: this quiz allows %(n)d.") % {"n": quiz.max_attempts}
        )
    result = grading.grade(quiz, cleaned)
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                user=user,
                lesson=lesson,
                course=course,
                quiz_id=quiz.id,
                number=used + 1,
                answers={qid: sorted(chosen) for qid, chosen in cleaned.items()},
                score=result.score,
                passed=result.passed,
            )
    except IntegrityError as exc:  # a parallel submission took this attempt number
        raise RuleConflict(_("This attempt was already submitted.")) from exc
    _touch(enrolment, lesson)
    transaction.on_commit(lambda: quiz_attempted.send(sender=QuizAttempt, attempt=attempt))
    if result.passed:
        passed_ids = set(
            QuizAttempt.objects.filter(user=user, lesson=lesson, passed=True).values_list(
                "quiz_id", flat=True
            )
        )
        if all(q.id in passed_ids for q in lesson.quizzes):
            completion, created = LessonCompletion.objects.get_or_create(
                user=user, lesson=lesson, defaults={"course": course}
            )
            if created:
                transaction.on_commit(
                    lambda: lesson_completed.send(sender=LessonCompletion, completion=completion)
                )
            check_course_completion(enrolment)
    return QuizOutcome(attempt, result, quiz.max_attempts - used - 1)


@transaction.atomic
def record_time(user, lesson, seconds) -> int:
    """Credit active learning time; returns the seconds actually credited."""
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise InvalidTimeReport(_("“seconds” must be a whole number."))
    if not 1 <= seconds <= MAX_SECONDS_PER_REPORT:
        raise InvalidTimeReport(
            _("“seconds” must be between 1 and %(max)d.") % {"max": MAX_SECONDS_PER_REPORT}
        )
    _live_lesson(lesson)
    course = lesson.course
    enrolment = _enrolment_for_update(user, course)
    now = timezone.now()
    today = timezone.localdate(now)
    mine = LearningTime.objects.filter(user=user)
    last = mine.order_by("-last_reported_at").values_list("last_reported_at", flat=True).first()
    credit = seconds
    if last is not None:
        elapsed = (now - last).total_seconds() + REPORT_SLACK_SECONDS
        credit = min(credit, max(0, int(elapsed)))
    spent_today = mine.filter(day=today).aggregate(total=Sum("seconds"))["total"] or 0
    credit = max(0, min(credit, MAX_SECONDS_PER_DAY - spent_today))
    row, _created = LearningTime.objects.select_for_update().get_or_create(
        user=user, lesson=lesson, day=today, defaults={"course": course, "last_reported_at": now}
    )
    row.seconds += credit
    row.last_reported_at = now
    row.save(update_fields=["seconds", "last_reported_at"])
    _touch(enrolment, lesson, now)
    return credit


def _touch(enrolment: Enrolment, lesson, now=None) -> None:
    enrolment.last_lesson = lesson
    enrolment.last_activity_at = now or timezone.now()
    enrolment.save(update_fields=["last_lesson", "last_activity_at"])


def completion_requirements(course) -> list[LessonPage]:
    """Live lessons that must be done: required ones and every one holding a quiz."""
    lessons = LessonPage.objects.descendant_of(course).live().order_by("path")
    return [lesson for lesson in lessons if lesson.counts_for_completion]


def check_course_completion(enrolment: Enrolment) -> bool:
    """Complete the enrolment when every requirement is met; announce it after commit."""
    if enrolment.is_completed:
        return True
    required = completion_requirements(enrolment.course)
    if not required:
        return False
    done = set(
        LessonCompletion.objects.filter(
            user_id=enrolment.user_id, lesson__in=[lesson.pk for lesson in required]
        ).values_list("lesson_id", flat=True)
    )
    if len(done) < len(required):
        return False
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    enrolment_id = enrolment.pk
    transaction.on_commit(lambda: announce_course_completion.delay(enrolment_id))
    return True


def _start_of_year():
    return timezone.localdate().replace(month=1, day=1)


def time_spent_hours_this_year(user) -> float:
    """Hours actually spent on lesson pages this year (the heartbeat measure)."""
    seconds = (
        LearningTime.objects.filter(user=user, day__gte=_start_of_year()).aggregate(
            total=Sum("seconds")
        )["total"]
        or 0
    )
    return round(seconds / 3600, 1)


def credited_hours_this_year(user) -> Decimal:
    """Learning hours credited by the courses completed this year: each course's declared
    credit (``CoursePage.hours_credited``), whatever time the learner spent on it.

    One query. Lives in learning (which knows the catalogue) so certificates, dashboards
    and the API share one definition without learning importing any of them.
    """
    start = timezone.make_aware(datetime.combine(_start_of_year(), time.min))
    total = Enrolment.objects.filter(user=user, completed_at__gte=start).aggregate(
        total=Sum(Coalesce("course__credited_hours", "course__duration_hours"))
    )["total"]
    return Decimal(total or 0).quantize(Decimal("0.1"))
