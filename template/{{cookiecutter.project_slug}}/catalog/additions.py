"""Places on course and lesson pages that apps above catalog fill, without catalog importing them.

catalog knows what there is to learn; what a learner has done, and the forms that change
it, belong to ``learning``, which builds on catalog. So the pages leave named places and
ask Wagtail's hook registry who fills them. An app registers, in its ``wagtail_hooks.py``::

    @hooks.register(COURSE_PAGE_HOOK)
    def my_course_addition(request, course, outline) -> CourseAddition | None: ...

    @hooks.register(LESSON_PAGE_HOOK)
    def my_lesson_addition(request, lesson) -> LessonAddition | None: ...

``outline`` is ``course.outline()``, already fetched, so an addition need not query the
tree again. HTML is escaped unless it is marked safe (``render_to_string`` output is).
Without any addition the pages still render: the outline, the lessons and a quiz's
questions, read-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

COURSE_PAGE_HOOK = "catalog_course_page"
LESSON_PAGE_HOOK = "catalog_lesson_page"


def _join(fragments: Iterable[str]) -> SafeString:
    return mark_safe("".join(conditional_escape(fragment) for fragment in fragments))


def _union(sets: Iterable[frozenset[int] | None]) -> frozenset[int] | None:
    """None when no addition records progress, else every lesson any of them marks done."""
    known = [ids for ids in sets if ids is not None]
    return frozenset().union(*known) if known else None


def _join_by_key(mappings: Iterable[dict]) -> dict[object, SafeString]:
    keys: dict[object, list[str]] = {}
    for mapping in mappings:
        for key, fragment in mapping.items():
            keys.setdefault(key, []).append(fragment)
    return {key: _join(fragments) for key, fragments in keys.items()}


@dataclass
class CourseAddition:
    """What an app adds to a course page."""

    panel: str = ""
    """Shown under the course's facts (e.g. enrolment and progress)."""

    lesson_notes: dict[int, str] = field(default_factory=dict)
    """Lesson id → a short note after that lesson in the outline (e.g. "done")."""

    lesson_links: bool = True
    """False shows the outline's lessons as plain titles (e.g. until the learner enrols);
    free previews stay links."""

    done_lessons: frozenset[int] | None = None
    """Ids of the lessons the visitor has done, so the outline marks each step done or to
    do; None when no progress is recorded for this visitor."""

    @classmethod
    def combine(cls, additions: list[CourseAddition]) -> CourseAddition:
        return cls(
            panel=_join(addition.panel for addition in additions),
            lesson_notes=_join_by_key(addition.lesson_notes for addition in additions),
            lesson_links=all(addition.lesson_links for addition in additions),
            done_lessons=_union(addition.done_lessons for addition in additions),
        )


@dataclass
class LessonAddition:
    """What an app adds to a lesson page."""

    before_body: str = ""
    """Shown above the lesson's content (e.g. "you are not enrolled")."""

    quizzes: dict[str, str] = field(default_factory=dict)
    """Quiz block id → shown under that quiz's title instead of its read-only questions
    (e.g. the answer form and the learner's attempts)."""

    after_body: str = ""
    """Shown below the lesson's content (e.g. "mark as complete")."""

    lesson_links: bool = True
    """As on the course page: False shows the outline beside the lesson as plain titles."""

    done_lessons: frozenset[int] | None = None
    """As on the course page: the course's lessons the visitor has done, for the outline."""

    @classmethod
    def combine(cls, additions: list[LessonAddition]) -> LessonAddition:
        return cls(
            before_body=_join(addition.before_body for addition in additions),
            quizzes=_join_by_key(addition.quizzes for addition in additions),
            after_body=_join(addition.after_body for addition in additions),
            lesson_links=all(addition.lesson_links for addition in additions),
            done_lessons=_union(addition.done_lessons for addition in additions),
        )


def course_page_addition(request, course, outline) -> CourseAddition:
    """Every registered app's addition to this course page, combined."""
    additions = [hook(request, course, outline) for hook in hooks.get_hooks(COURSE_PAGE_HOOK)]
    return CourseAddition.combine([addition for addition in additions if addition])


def lesson_page_addition(request, lesson) -> LessonAddition:
    """Every registered app's addition to this lesson page, combined."""
    additions = [hook(request, lesson) for hook in hooks.get_hooks(LESSON_PAGE_HOOK)]
    return LessonAddition.combine([addition for addition in additions if addition])
