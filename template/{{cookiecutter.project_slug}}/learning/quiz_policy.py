"""Where a learner stands with one quiz: which set of attempts they are in, how many are
left, when a cool-down ends, which paper (drawn questions, choice order) they answer next,
and whether a result may show right/wrong per question.

Read by the lesson page, the services (under the enrolment lock) and the API alike, so
the form a learner sees and the rules a submission meets are computed once, one way.
Nothing here writes.

Sets of attempts: every attempt carries the number of its set (``round_number``). A set
is used up after ``max_attempts`` attempts; the next set opens when the quiz's cool-down
has passed since the set's last attempt, or when a reviewer or administrator records a
reset (``QuizAttemptReset``, whose ``round_number`` is the set it opens).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from catalog.quizzes import FEEDBACK_ALWAYS, FEEDBACK_NEVER, Quiz
from learning.models import QuizAttempt, QuizAttemptReset

_SEED_SALT = "govlearn.learning.quiz-paper"


def paper_seed(user_id: int, lesson_id: int, quiz_id: str, number: int) -> str:
    """The seed of attempt ``number``: fixed, so reloading the form never re-draws (no
    fishing for easier questions), and keyed, so it cannot be computed in advance."""
    return salted_hmac(_SEED_SALT, f"{user_id}:{lesson_id}:{quiz_id}:{number}").hexdigest()[:32]


def attempt_paper(quiz: Quiz, attempt: QuizAttempt) -> Quiz:
    """The paper an attempt answered. Attempts from before pools and shuffling have no
    seed: they were all the questions in the authored order."""
    if not attempt.seed:
        return replace(quiz, shuffle_choices=False).paper("", attempt.questions or None)
    return quiz.paper(attempt.seed, attempt.questions or None)


def feedback_allowed(quiz: Quiz, *, passed: bool, set_used_up: bool) -> bool:
    """May a result show right/wrong and the feedback for each question? By default only
    once it can no longer help to find answers by elimination within the set."""
    if quiz.feedback == FEEDBACK_ALWAYS:
        return True
    if quiz.feedback == FEEDBACK_NEVER:
        return False
    return passed or set_used_up


@dataclass
class QuizState:
    quiz: Quiz
    attempts: list[QuizAttempt]  # every attempt of this learner at this quiz, oldest first
    last_reset: QuizAttemptReset | None = None
    user_id: int | None = None
    lesson_id: int | None = None
    now: datetime = field(default_factory=timezone.now)

    @property
    def passed(self) -> bool:
        return any(attempt.passed for attempt in self.attempts)

    @property
    def last_attempt(self) -> QuizAttempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def round_number(self) -> int:
        """The set the latest attempt or reset belongs to."""
        last = self.attempts[-1].round_number if self.attempts else 1
        reset = self.last_reset.round_number if self.last_reset else 1
        return max(last, reset)

    @property
    def round_attempts(self) -> list[QuizAttempt]:
        return [a for a in self.attempts if a.round_number == self.round_number]

    @property
    def used_up(self) -> bool:
        return len(self.round_attempts) >= self.quiz.max_attempts

    @property
    def retry_at(self) -> datetime | None:
        """When a used-up set gives way to a fresh one (None: never by itself)."""
        if self.passed or not self.used_up or not self.quiz.cooldown_hours:
            return None
        return self.round_attempts[-1].submitted_at + timedelta(hours=self.quiz.cooldown_hours)

    @property
    def cooled_down(self) -> bool:
        retry_at = self.retry_at
        return retry_at is not None and self.now >= retry_at

    @property
    def next_round(self) -> int:
        return self.round_number + 1 if self.used_up and self.cooled_down else self.round_number

    @property
    def attempts_left(self) -> int:
        if self.passed:
            return 0
        if self.used_up:
            return self.quiz.max_attempts if self.cooled_down else 0
        return self.quiz.max_attempts - len(self.round_attempts)

    @property
    def can_submit(self) -> bool:
        return not self.passed and self.attempts_left > 0

    @property
    def waiting(self) -> bool:
        """Used up and not passed: a cool-down or a reset is the way forward."""
        return not self.passed and self.attempts_left == 0

    @property
    def next_number(self) -> int:
        return (max(a.number for a in self.attempts) if self.attempts else 0) + 1

    @property
    def next_seed(self) -> str:
        return paper_seed(self.user_id, self.lesson_id, self.quiz.id, self.next_number)

    @property
    def paper(self) -> Quiz:
        """The questions and choice order of the next attempt."""
        return self.quiz.paper(self.next_seed)

    def shows_feedback(self, attempt: QuizAttempt) -> bool:
        """Whether a (stored) attempt's result may show right/wrong per question."""
        used = sum(1 for a in self.attempts if a.round_number == attempt.round_number)
        return feedback_allowed(
            self.quiz, passed=attempt.passed, set_used_up=used >= self.quiz.max_attempts
        )


def _latest_resets(user, lesson, quiz_id: str | None = None) -> dict[str, QuizAttemptReset]:
    resets = QuizAttemptReset.objects.filter(user=user, lesson=lesson).order_by(
        "quiz_id", "-round_number"
    )
    if quiz_id is not None:
        resets = resets.filter(quiz_id=quiz_id)
    latest: dict[str, QuizAttemptReset] = {}
    for reset in resets.only("quiz_id", "round_number", "created_at"):
        latest.setdefault(reset.quiz_id, reset)
    return latest


def state_for(user, lesson, quiz: Quiz) -> QuizState:
    """One learner, one quiz: two queries."""
    attempts = list(
        QuizAttempt.objects.filter(user=user, lesson=lesson, quiz_id=quiz.id).order_by("number")
    )
    reset = _latest_resets(user, lesson, quiz.id).get(quiz.id)
    return QuizState(quiz, attempts, reset, user_id=user.pk, lesson_id=lesson.pk)


def quiz_states_for(user, lesson, enrolled: bool = True) -> dict[str, QuizState]:
    """Every quiz of a lesson for one learner: two queries whatever the number of quizzes
    (none when the learner is not enrolled: they have no attempts to read)."""
    attempts = (
        list(QuizAttempt.objects.filter(user=user, lesson=lesson).order_by("number"))
        if enrolled
        else []
    )
    resets = _latest_resets(user, lesson) if enrolled else {}
    return {
        quiz.id: QuizState(
            quiz,
            [a for a in attempts if a.quiz_id == quiz.id],
            resets.get(quiz.id),
            user_id=user.pk,
            lesson_id=lesson.pk,
        )
        for quiz in lesson.quizzes
    }
