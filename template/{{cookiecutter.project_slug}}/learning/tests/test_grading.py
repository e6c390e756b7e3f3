"""Grading rules: exact-match scoring per question, and tampering refused before grading."""

import pytest

from catalog.quizzes import Choice, Question, Quiz
from learning.errors import InvalidSubmission
from learning.grading import clean_answers, grade


def make_quiz(pass_mark=50):
    q1 = Question("q1", "One?", "single", (Choice("a", "A", True), Choice("b", "B", False)), "fb1")
    q2 = Question(
        "q2",
        "Several?",
        "multiple",
        (Choice("c", "C", True), Choice("d", "D", True), Choice("e", "E", False)),
        "",
    )
    return Quiz("quiz", "Quiz", pass_mark, 3, (q1, q2))


def test_a_question_scores_only_with_exactly_its_correct_choices():
    quiz = make_quiz()
    partly = grade(quiz, clean_answers(quiz, {"q1": ["a"], "q2": ["c"]}))
    assert (partly.score, partly.passed) == (50, True)
    assert [r.correct for r in partly.results] == [True, False]
    too_many = grade(quiz, clean_answers(quiz, {"q1": ["a"], "q2": ["c", "d", "e"]}))
    assert too_many.score == 50


def test_unanswered_questions_count_as_wrong():
    quiz = make_quiz(pass_mark=60)
    result = grade(quiz, clean_answers(quiz, {"q2": ["d", "c"]}))
    assert (result.score, result.passed) == (50, False)


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"zz": ["a"]}, "is not a question of this quiz"),
        ({"q1": ["c"]}, "is not a choice of question"),
        ({"q1": ["a", "b"]}, "takes one answer"),
        ({"q1": {"a": True}}, "must be a list"),
        (["a", "c"], "must map question ids"),
    ],
)
def test_tampered_answers_are_refused(answers, message):
    with pytest.raises(InvalidSubmission, match=message):
        clean_answers(make_quiz(), answers)


def test_the_learner_facing_quiz_carries_no_answers_or_feedback():
    public = make_quiz().public_dict()
    text = str(public)
    assert "correct" not in text and "fb1" not in text
    assert [c["id"] for c in public["questions"][0]["choices"]] == ["a", "b"]
