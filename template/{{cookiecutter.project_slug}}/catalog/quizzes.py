"""Plain views of the quizzes stored in a lesson body.

Grading, the API and templates work with these small dataclasses instead of raw block
values, so none of them has to know how Wagtail nests list items, and none can leak the
``correct`` flags by accident: the learner-facing shape simply does not carry them.

A quiz may draw a few of its questions per attempt and shuffle the choices. ``paper``
turns a seed into the questions one attempt shows, in its order: the same seed always
gives the same paper, so the form, the grading and the result page agree without the
draw being kept anywhere but on the attempt.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

FEEDBACK_WHEN_FINAL = "final"  # catalog.blocks.FEEDBACK_WHEN_FINAL
FEEDBACK_ALWAYS = "always"
FEEDBACK_NEVER = "never"
FEEDBACK_POLICIES = {FEEDBACK_WHEN_FINAL, FEEDBACK_ALWAYS, FEEDBACK_NEVER}

# Defaults of the policy fields, for quizzes stored before the fields existed.
DEFAULT_COOLDOWN_HOURS = 24


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
    cooldown_hours: int = DEFAULT_COOLDOWN_HOURS
    questions_per_attempt: int | None = None  # None: every question, every attempt
    shuffle_choices: bool = True
    feedback: str = FEEDBACK_WHEN_FINAL

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def drawn_count(self) -> int:
        """How many questions one attempt asks."""
        if self.questions_per_attempt:
            return min(self.questions_per_attempt, len(self.questions))
        return len(self.questions)

    def paper(self, seed: str, question_ids: list[str] | None = None) -> Quiz:
        """The quiz as one attempt shows it: the drawn questions (``question_ids`` when
        the attempt stored them, else drawn from ``seed``), choices in the seed's order.

        Stored ids that the published quiz no longer has are skipped: an editor may have
        removed a question after the attempt.
        """
        rng = random.Random(seed)
        if question_ids is not None:
            by_id = {q.id: q for q in self.questions}
            questions = [by_id[qid] for qid in question_ids if qid in by_id]
        elif self.drawn_count < len(self.questions):
            questions = rng.sample(list(self.questions), self.drawn_count)
        else:
            questions = list(self.questions)
        if self.shuffle_choices:
            # One generator per question, so removing a question elsewhere in the quiz
            # does not reorder the choices of the others.
            questions = [
                replace(
                    q,
                    choices=tuple(
                        random.Random(f"{seed}:{q.id}").sample(q.choices, len(q.choices))
                    ),
                )
                for q in questions
            ]
        return replace(self, questions=tuple(questions))

    def public_dict(self) -> dict:
        """What a learner may see before answering: no correct flags, no feedback."""
        return {
            "id": self.id,
            "title": self.title,
            "pass_mark": self.pass_mark,
            "max_attempts": self.max_attempts,
            "cooldown_hours": self.cooldown_hours,
            "questions_per_attempt": self.drawn_count,
            "feedback": self.feedback,
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


def _policy(value) -> dict:
    """The policy fields of a stored quiz block; a block saved before a field existed
    (or with an unknown value) gets the field's safe default."""
    cooldown = value.get("cooldown_hours")
    drawn = value.get("questions_per_attempt")
    shuffle = value.get("shuffle_choices")
    feedback = value.get("feedback")
    return {
        "cooldown_hours": DEFAULT_COOLDOWN_HOURS if cooldown is None else max(0, int(cooldown)),
        "questions_per_attempt": int(drawn) if drawn else None,
        "shuffle_choices": True if shuffle is None else bool(shuffle),
        "feedback": feedback if feedback in FEEDBACK_POLICIES else FEEDBACK_WHEN_FINAL,
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
                **_policy(value),
            )
        )
    return quizzes
