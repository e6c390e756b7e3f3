"""Plain views of the quizzes stored in a lesson body.

Grading, the API and templates work with these small dataclasses instead of raw block
values, so none of them has to know how Wagtail nests list items, and none can leak the
``correct`` flags by accident: the learner-facing shape simply does not carry them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    kind: str
    choices: tuple[Choice, ...]
    feedback: str

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(choice.id for choice in self.choices if choice.correct)

    @property
    def allows_several(self) -> bool:
        return self.kind == "multiple"


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    pass_mark: int
    max_attempts: int
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def public_dict(self) -> dict:
        """What a learner may see before answering: no correct flags, no feedback."""
        return {
            "id": self.id,
            "title": self.title,
            "pass_mark": self.pass_mark,
            "max_attempts": self.max_attempts,
            "questions": [
                {
                    "id": q.id,
                    "prompt": q.prompt,
                    "kind": q.kind,
                    "choices": [{"id": c.id, "text": c.text} for c in q.choices],
                }
                for q in self.questions
            ],
        }


def quizzes_in(body) -> list[Quiz]:
    """Every quiz block of a lesson body, in reading order."""
    quizzes = []
    for block in body:
        if block.block_type != "quiz":
            continue
        value = block.value
        questions = []
        for question_child in value["questions"].bound_blocks:
            question = question_child.value
            choices = tuple(
                Choice(
                    id=choice_child.id,
                    text=choice_child.value["text"],
                    correct=bool(choice_child.value["correct"]),
                )
                for choice_child in question["choices"].bound_blocks
            )
            questions.append(
                Question(
                    id=question_child.id,
                    prompt=question["prompt"],
                    kind=question["kind"],
                    choices=choices,
                    feedback=question["feedback"] or "",
                )
            )
        quizzes.append(
            Quiz(
                id=block.id,
                title=value["title"],
                pass_mark=value["pass_mark"],
                max_attempts=value["max_attempts"],
                questions=tuple(questions),
            )
        )
    return quizzes
