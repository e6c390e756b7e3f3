"""The quiz block's policy fields: safe defaults, and a pool that can be drawn."""

import pytest
from django.core.exceptions import ValidationError

from catalog.blocks import QuizBlock
from catalog.quizzes import Choice, Question, Quiz


def quiz_value(questions=2, **policy):
    return QuizBlock().to_python(
        {
            "title": "Check",
            "pass_mark": 70,
            "max_attempts": 3,
            "questions": [
                {
                    "prompt": f"Q{n}?",
                    "kind": "single",
                    "feedback": "",
                    "choices": [{"text": "yes", "correct": True}, {"text": "no", "correct": False}],
                }
                for n in range(questions)
            ],
            **policy,
        }
    )


def test_a_quiz_saved_before_the_policy_reads_the_safe_defaults():
    value = quiz_value()  # no policy keys, as every quiz published before them
    assert value["cooldown_hours"] == 24
    assert value["questions_per_attempt"] is None
    assert value["shuffle_choices"] is True
    assert value["feedback"] == "final"
    assert QuizBlock().clean(value)


def test_a_pool_cannot_draw_more_questions_than_it_holds():
    with pytest.raises(ValidationError):
        QuizBlock().clean(quiz_value(questions=2, questions_per_attempt=3))
    assert QuizBlock().clean(quiz_value(questions=3, questions_per_attempt=2))


def test_a_paper_is_the_same_for_the_same_seed_and_honours_stored_question_ids():
    questions = tuple(
        Question(
            f"q{n}",
            f"Q{n}?",
            "single",
            tuple(Choice(f"c{n}{m}", str(m), m == 0) for m in range(4)),
            "",
        )
        for n in range(10)
    )
    quiz = Quiz("quiz", "Check", 70, 3, questions, questions_per_attempt=4)
    paper = quiz.paper("seed-a")
    assert paper == quiz.paper("seed-a") and len(paper.questions) == 4
    assert {q.id for q in paper.questions} <= {q.id for q in questions}
    assert any(quiz.paper(f"seed-{n}").questions != paper.questions for n in range(5))
    # A stored draw wins over the seed's (an attempt keeps what it was asked).
    kept = quiz.paper("seed-a", ["q9", "q1", "gone"])
    assert [q.id for q in kept.questions] == ["q9", "q1"]
    assert "correct" not in str(paper.public_dict())
