"""A course's outline as course and lesson pages show it: each step's state and whether
the visitor may open it.

catalog decides what the outline looks like; which lessons a learner has done comes from
whoever fills the pages' additions (``catalog.additions``), as lesson ids. Nothing here
queries: the outline and the done ids are already fetched, so the outline costs the same
whether a course has three lessons or three hundred.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from catalog.hours import format_minutes


class StepState:
    """A step's place in the learner's progress. Shown as words, not colour alone."""

    DONE = "done"
    TODO = "todo"


@dataclass(frozen=True)
class OutlineStep:
    lesson: object
    state: str | None  # a StepState, or None when no progress is recorded for the visitor
    linked: bool
    preview: bool  # opened by the provider before enrolling, and shown so
    current: bool = False  # the lesson on screen (``aria-current="page"``)
    note: str = ""

    @property
    def state_label(self) -> str:
        return {StepState.DONE: _("done"), StepState.TODO: _("to do")}.get(self.state, "")


@dataclass(frozen=True)
class OutlineModule:
    module: object
    steps: list[OutlineStep]

    @property
    def minutes(self) -> int:
        return sum(step.lesson.estimated_minutes for step in self.steps)

    @property
    def done_count(self) -> int:
        return sum(step.state == StepState.DONE for step in self.steps)


@dataclass(frozen=True)
class CourseOutline:
    modules: list[OutlineModule]

    @property
    def lesson_count(self) -> int:
        return sum(len(module.steps) for module in self.modules)

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)

    @property
    def duration(self) -> str:
        """The lessons' estimated minutes added up, as people read it ("1 h 10 min")."""
        return format_minutes(self.minutes)


def outline_steps(
    request,
    outline,
    done_lessons: frozenset[int] | None,
    lesson_links: bool,
    notes: dict | None = None,
    current=None,
) -> CourseOutline:
    """``course.outline()`` with each lesson's state; ``done_lessons`` None means nobody
    records this visitor's progress (not enrolled, or not signed in).

    A lesson is a link when it leads somewhere for this visitor: free previews for
    everyone; the rest only for signed-in visitors the additions open them to
    (``lesson_links``), since ``LessonPage.serve`` asks anonymous visitors to sign in."""
    notes = notes or {}
    current_id = current.pk if current is not None else None
    modules = []
    for module, lessons in outline:
        steps = []
        for lesson in lessons:
            if done_lessons is None:
                state = None
            else:
                state = StepState.DONE if lesson.pk in done_lessons else StepState.TODO
            opened_to_visitor = request.user.is_authenticated and lesson_links
            steps.append(
                OutlineStep(
                    lesson=lesson,
                    state=state,
                    linked=lesson.free_preview or opened_to_visitor,
                    preview=lesson.free_preview and not opened_to_visitor,
                    current=lesson.pk == current_id,
                    note=notes.get(lesson.pk, ""),
                )
            )
        modules.append(OutlineModule(module, steps))
    return CourseOutline(modules)
