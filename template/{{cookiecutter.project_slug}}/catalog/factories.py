"""Factories for catalogue pages, on wagtail-factories' page factory.

Each page is added to the tree under ``parent``; without one, a parent of the right type is
made too, so ``LessonPageFactory()`` alone builds provider, course and module under the
site's catalogue. ``live=False`` leaves a page a draft. Pages go straight into the tree
without a revision: as fast as a test tree can be, and what an import leaves, which
editors handle too.

``quiz_body`` builds a lesson body with fixed ids so a test can answer by id exactly as a
browser or API client would; ``course_tree`` builds a whole published course.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Site

from catalog.models import (
    CATALOGUE_SLUG,
    CatalogPage,
    CourseCompetency,
    CoursePage,
    LessonPage,
    ModulePage,
    ProviderPage,
)


class CataloguePageFactory(wagtail_factories.PageFactory):
    """Base of the factories below: a published page, or a draft with ``live=False``."""

    class Meta:
        abstract = True

    live = True
    has_unpublished_changes = factory.LazyAttribute(lambda page: not page.live)


def catalogue_page() -> CatalogPage:
    """The /courses/ page under the default site's home page (created once)."""
    existing = CatalogPage.objects.first()
    if existing:
        return existing
    return CatalogPageFactory()


class CatalogPageFactory(CataloguePageFactory):
    class Meta:
        model = CatalogPage

    parent = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True).root_page)
    title = "Courses"
    slug = CATALOGUE_SLUG


class ProviderPageFactory(CataloguePageFactory):
    class Meta:
        model = ProviderPage

    parent = factory.LazyFunction(catalogue_page)
    title = factory.Sequence(lambda n: f"Provider {n}")
    kind = ProviderPage.Kind.INSTITUTE


class CoursePageFactory(CataloguePageFactory):
    class Meta:
        model = CoursePage

    parent = factory.SubFactory(ProviderPageFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "What a civil servant learns here, in two sentences."
    language = "en"
    duration_hours = Decimal("2.0")
    level = CoursePage.Level.FOUNDATION


class ModulePageFactory(CataloguePageFactory):
    class Meta:
        model = ModulePage

    parent = factory.SubFactory(CoursePageFactory)
    title = factory.Sequence(lambda n: f"Module {n}")


class LessonPageFactory(CataloguePageFactory):
    class Meta:
        model = LessonPage

    parent = factory.SubFactory(ModulePageFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = factory.LazyAttribute(
        lambda lesson: [{"type": "text", "value": f"<p>Reading for {lesson.title}.</p>"}]
    )


class CourseCompetencyFactory(factory.django.DjangoModelFactory):
    """A course aligned to ``competency`` (required), aiming at ``target_level``."""

    class Meta:
        model = CourseCompetency

    course = factory.SubFactory(CoursePageFactory)
    target_level = None


def _id() -> str:
    return str(uuid.uuid4())


@dataclass
class QuizSpec:
    """Ids of a quiz built by ``quiz_body``: ``right``/``wrong`` hold, per question, the
    choice ids of a correct and of an incorrect answer."""

    id: str = field(default_factory=_id)
    questions: list[str] = field(default_factory=list)
    right: dict[str, list[str]] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)


def quiz_body(
    title="Quiz", pass_mark=70, max_attempts=3, questions=2, **policy
) -> tuple[list, QuizSpec]:
    """A lesson body with one quiz: question 1 is single choice, the others multiple.
    ``policy``: the quiz's ``cooldown_hours``, ``questions_per_attempt``,
    ``shuffle_choices`` or ``feedback`` (left out: the block's defaults)."""
    spec = QuizSpec()
    items = []
    for index in range(questions):
        question_id = _id()
        several = index > 0
        choices = [(_id(), "Right answer", True), (_id(), "Wrong answer", False)]
        if several:
            choices.append((_id(), "Also right", True))
        spec.questions.append(question_id)
        spec.right[question_id] = [cid for cid, _text, correct in choices if correct]
        spec.wrong[question_id] = [choices[1][0]]
        items.append(
            {
                "type": "item",
                "id": question_id,
                "value": {
                    "prompt": f"Question {index + 1}?",
                    "kind": "multiple" if several else "single",
                    "feedback": f"Because of rule {index + 1}.",
                    "choices": [
                        {"type": "item", "id": cid, "value": {"text": text, "correct": correct}}
                        for cid, text, correct in choices
                    ],
                },
            }
        )
    body = [
        {"type": "text", "id": _id(), "value": "<p>Answer the questions below.</p>"},
        {
            "type": "quiz",
            "id": spec.id,
            "value": {
                "title": title,
                "pass_mark": pass_mark,
                "max_attempts": max_attempts,
                "questions": items,
                **policy,
            },
        },
    ]
    return body, spec


@dataclass
class CourseTree:
    catalogue: CatalogPage
    provider: ProviderPage
    course: CoursePage
    modules: list[ModulePage]
    lessons: list[LessonPage]
    quiz_lesson: LessonPage
    quiz: QuizSpec


def course_tree(
    provider=None,
    lessons_per_module=2,
    modules=2,
    max_attempts=3,
    quiz_policy=None,
    **course_fields,
):
    """A published course: ``modules`` × ``lessons_per_module`` reading lessons, plus a
    final lesson holding a two-question quiz (pass mark 70%; ``quiz_policy`` as in
    ``quiz_body``)."""
    catalogue = catalogue_page()
    provider = provider or ProviderPageFactory(parent=catalogue)
    course = CoursePageFactory(parent=provider, **course_fields)
    module_pages, lessons = [], []
    for _m in range(modules):
        module = ModulePageFactory(parent=course)
        module_pages.append(module)
        lessons.extend(LessonPageFactory(parent=module) for _l in range(lessons_per_module))
    body, spec = quiz_body(max_attempts=max_attempts, **(quiz_policy or {}))
    quiz_lesson = LessonPageFactory(parent=module_pages[-1], title="Final quiz", body=body)
    return CourseTree(catalogue, provider, course, module_pages, lessons, quiz_lesson, spec)
