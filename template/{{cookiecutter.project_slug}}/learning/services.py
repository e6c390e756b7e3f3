"""The learning rules, in one place for the HTML views and the REST API.

Every function checks first and writes after, raising a ``LearningError`` (with its HTTP
status) before any row changes. Writes that depend on counts (attempt limits, time caps)
lock the learner's enrolment row so two browser tabs cannot race past a limit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from catalog.models import CoursePage, LessonPage
from learning import grading, quiz_policy
from learning.errors import (
    InvalidSubmission,
    InvalidTimeReport,
    NotAvailable,
    NotEnrolled,
    NotPermitted,
    RuleConflict,
)
from learning.models import (
    Enrolment,
    LearningTime,
    LessonCompletion,
    QuizAttempt,
    QuizAttemptReset,
)
from learning.signals import lesson_completed, quiz_attempted
from learning.tasks import announce_course_completion
from organisations.scope import is_national_admin

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
    """A graded attempt as its result page shows it. ``feedback_shown`` says whether the
    page may mark questions right or wrong (the quiz's feedback policy); ``retry_at`` is
    when a used-up set of attempts gives way to a fresh one (None: only a reset can)."""

    attempt: QuizAttempt
    grade: grading.Grade
    attempts_left: int
    feedback_shown: bool = False
    retry_at: datetime | None = None


def _refuse_attempt(state: quiz_policy.QuizState) -> None:
    if state.passed:
        raise RuleConflict(_("You have already passed this quiz."))
    if state.can_submit:
        return
    if state.retry_at is not None:
        raise RuleConflict(
            _("No attempts left: this quiz allows %(n)d. You may try again from %(when)s.")
            % {
                "n": state.quiz.max_attempts,
                "when": formats.date_format(timezone.localtime(state.retry_at), "DATETIME_FORMAT"),
            }
        )
    raise RuleConflict(
        _(
            "No attempts left: this quiz allows %(n)d. A reviewer of the course or an "
            "administrator can give you a fresh set."
        )
        % {"n": state.quiz.max_attempts}
    )


@transaction.atomic
def submit_quiz(user, lesson, quiz_id: str, answers) -> QuizOutcome:
    """Grade one attempt against the paper this learner was given for it (the questions
    drawn and the choice order follow from the attempt's seed), within the quiz's
    attempts and cool-down. Refusals come before any write."""
    _live_lesson(lesson)
    quiz = lesson.quiz(str(quiz_id))
    if quiz is None:
        raise NotAvailable(_("This lesson has no such quiz."))
    course = lesson.course
    enrolment = _enrolment_for_update(user, course)
    state = quiz_policy.state_for(user, lesson, quiz)
    paper = state.paper
    cleaned = grading.clean_answers(paper, answers, whole_quiz=quiz)
    _refuse_attempt(state)
    round_number = state.next_round
    result = grading.grade(paper, cleaned)
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                user=user,
                lesson=lesson,
                course=course,
                quiz_id=quiz.id,
                number=state.next_number,
                round_number=round_number,
                questions=[question.id for question in paper.questions],
                seed=state.next_seed,
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
    after = replace(state, attempts=[*state.attempts, attempt])  # the policy's own view
    return QuizOutcome(
        attempt,
        result,
        after.attempts_left,
        feedback_shown=after.shows_feedback(attempt),
        retry_at=after.retry_at,
    )


def attempt_outcome(user, lesson, quiz_id: str, number: int) -> QuizOutcome:
    """One of the learner's own past attempts, as its result page showed it: the same
    paper, their answers, and per-question marks if the feedback policy allows them now."""
    quiz = lesson.quiz(str(quiz_id))
    if quiz is None:
        raise NotAvailable(_("This lesson has no such quiz."))
    state = quiz_policy.state_for(user, lesson, quiz)
    attempt = next((a for a in state.attempts if a.number == number), None)
    if attempt is None:
        raise NotAvailable(_("You have no such attempt at this quiz."))
    paper = quiz_policy.attempt_paper(quiz, attempt)
    regraded = grading.grade(paper, grading.stored_answers(paper, attempt.answers))
    shown = grading.Grade(score=attempt.score, passed=attempt.passed, results=regraded.results)
    is_latest = attempt is state.last_attempt
    return QuizOutcome(
        attempt,
        shown,
        state.attempts_left if is_latest else 0,
        feedback_shown=state.shows_feedback(attempt),
        retry_at=state.retry_at if is_latest else None,
    )


def may_reset_quiz(user, course) -> bool:
    """Who may give a learner a fresh set of attempts at a course's quizzes: a national
    administrator, or someone who may publish the course (its reviewers — Wagtail page
    permissions, so a reviewers group limited to one provider's pages resets only that
    provider's courses). Organisation administrators may not: they manage people, not a
    provider's assessment, and a learner's own organisation waving them through would
    undo the attempt limit the provider set."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_national_admin(user):
        return True
    return course.permissions_for_user(user).can_publish()


@transaction.atomic
def reset_quiz_attempts(actor, learner, lesson, quiz_id: str, reason: str) -> QuizAttemptReset:
    """Give ``learner`` a fresh set of attempts at a quiz, recording who did it and why.
    Past attempts stay on the record; the reset opens the next set."""
    quiz = lesson.quiz(str(quiz_id))
    if quiz is None:
        raise NotAvailable(_("This lesson has no such quiz."))
    course = lesson.course
    if not may_reset_quiz(actor, course):
        raise NotPermitted(_("Only the course's reviewers or an administrator may reset a quiz."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidSubmission(_("Say why the attempts are reset: it is kept on record."))
    _enrolment_for_update(learner, course)
    state = quiz_policy.state_for(learner, lesson, quiz)
    if state.passed:
        raise RuleConflict(_("The learner has already passed this quiz."))
    if not state.round_attempts or state.next_round != state.round_number:
        raise RuleConflict(_("The learner has a fresh set of attempts already."))
    return QuizAttemptReset.objects.create(
        user=learner,
        lesson=lesson,
        course=course,
        quiz_id=quiz.id,
        quiz_title=quiz.title[:200],
        reset_by=actor,
        reason=reason[:2000],
        round_number=state.round_number + 1,
    )


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
