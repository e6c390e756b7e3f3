"""Server-side quiz grading.

A question scores only when the learner picked exactly its correct choices; the score is
the share of such questions. Submissions are checked before grading: an id that is not a
question or choice of *this* paper (the questions this attempt drew) is tampering, not a
wrong answer, and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from catalog.quizzes import Choice, Question, Quiz
from learning.errors import InvalidSubmission

MAX_CHOICES_PER_QUESTION = 50


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    chosen: frozenset[str]
    correct: bool

    @property
    def chosen_choices(self) -> list[Choice]:
        """The learner's own answers, in the order the paper showed the choices."""
        return [choice for choice in self.question.choices if choice.id in self.chosen]


@dataclass(frozen=True)
class Grade:
    score: int
    passed: bool
    results: tuple[QuestionResult, ...]


def clean_answers(quiz: Quiz, answers, whole_quiz: Quiz | None = None) -> dict[str, frozenset[str]]:
    """``{question_id: [choice_id, …]}`` → validated sets; raises InvalidSubmission.

    ``quiz`` is the paper the learner was given; ``whole_quiz``, when the paper draws from
    a pool, only makes the refusal of a question that was not drawn say so."""
    if not isinstance(answers, dict):
        raise InvalidSubmission(_("Answers must map question ids to lists of choice ids."))
    cleaned: dict[str, frozenset[str]] = {}
    for question_id, chosen in answers.items():
        question = quiz.question(str(question_id))
        if question is None:
            if whole_quiz is not None and whole_quiz.question(str(question_id)) is not None:
                raise InvalidSubmission(
                    _("“%(id)s” was not drawn for this attempt: reload the quiz.")
                    % {"id": question_id}
                )
            raise InvalidSubmission(
                _("“%(id)s” is not a question of this quiz.") % {"id": question_id}
            )
        if isinstance(chosen, str):
            chosen = [chosen]
        if not isinstance(chosen, list) or len(chosen) > MAX_CHOICES_PER_QUESTION:
            raise InvalidSubmission(_("Each answer must be a list of choice ids."))
        chosen_ids = frozenset(str(choice_id) for choice_id in chosen)
        known = {choice.id for choice in question.choices}
        unknown = chosen_ids - known
        if unknown:
            raise InvalidSubmission(
                _("“%(id)s” is not a choice of question “%(question)s”.")
                % {"id": sorted(unknown)[0], "question": question.prompt}
            )
        if not question.allows_several and len(chosen_ids) > 1:
            raise InvalidSubmission(
                _("Question “%(question)s” takes one answer.") % {"question": question.prompt}
            )
        cleaned[question.id] = chosen_ids
    return cleaned


def grade(quiz: Quiz, answers: dict[str, frozenset[str]]) -> Grade:
    results = tuple(
        QuestionResult(
            question=question,
            chosen=answers.get(question.id, frozenset()),
            correct=answers.get(question.id, frozenset()) == question.correct_ids,
        )
        for question in quiz.questions
    )
    right = sum(1 for result in results if result.correct)
    score = round(100 * right / len(results)) if results else 0
    return Grade(score=score, passed=score >= quiz.pass_mark, results=results)


def stored_answers(paper: Quiz, answers) -> dict[str, frozenset[str]]:
    """A stored attempt's answers, for showing it again: ids the published quiz no longer
    has (an editor removed a question or choice since) are dropped, not refused."""
    cleaned: dict[str, frozenset[str]] = {}
    for question in paper.questions:
        known = {choice.id for choice in question.choices}
        chosen = answers.get(question.id, []) if isinstance(answers, dict) else []
        cleaned[question.id] = frozenset(str(c) for c in chosen if str(c) in known)
    return cleaned
