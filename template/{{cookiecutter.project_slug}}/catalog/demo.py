"""Demo catalogue: the /courses/ page, six providers and thirteen courses in two languages.

The words are data, in ``demo_data/courses.json``: providers, then courses with their
competencies (by code in the shipped generic framework, with a fallback for frameworks
whose codes differ), modules of lessons, and one closing quiz. Edit them there; this module
only turns them into pages.

Idempotent: pages are found by slug under their parent and created only when missing, so
running ``seed_demo`` again adds nothing and leaves editors' changes alone. Block ids are
derived from the course slug, so quiz question ids stay the same across databases.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from catalog.languages import is_course_language
from catalog.models import (
    CATALOGUE_SLUG,
    CatalogPage,
    CourseCompetency,
    CoursePage,
    LessonPage,
    ModulePage,
    ProviderPage,
)
from competencies.models import Competency, ProficiencyLevel

DEMO_CATALOGUE = Path(__file__).parent / "demo_data" / "courses.json"
BLOCK_NAMESPACE = uuid.UUID("1b0c7f4e-3f55-5b8e-8d6a-2f9b5e6c4a21")
LEVEL_RANKS = {"beginner": 1, "developing": 2, "proficient": 3, "advanced": 4, "expert": 5}


def load_catalogue(path: Path = DEMO_CATALOGUE) -> dict:
    """``{"providers": [...], "courses": [...]}`` as written in the data file."""
    return json.loads(path.read_text(encoding="utf-8"))


def _block_id(*parts: object) -> str:
    return str(uuid.uuid5(BLOCK_NAMESPACE, ":".join(str(part) for part in parts)))


def _child(parent: Page, model, slug: str, **fields):
    """The live child ``slug`` of ``parent``, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _text_body(course_slug: str, lesson_index: int, text: str) -> list[dict]:
    return [
        {
            "type": "text",
            "value": f"<p>{escape(text)}</p>",
            "id": _block_id(course_slug, lesson_index),
        }
    ]


def _quiz_body(course_slug: str, quiz: dict) -> list[dict]:
    return [
        {
            "type": "quiz",
            "id": _block_id(course_slug, "quiz"),
            "value": {
                "title": quiz["title"],
                "pass_mark": 70,
                "max_attempts": 3,
                "questions": [
                    {
                        "type": "item",
                        "id": _block_id(course_slug, "q", q_index),
                        "value": {
                            "prompt": question["prompt"],
                            "kind": question["kind"],
                            "feedback": question["feedback"],
                            "choices": [
                                {
                                    "type": "item",
                                    "id": _block_id(course_slug, "q", q_index, "c", c_index),
                                    "value": {"text": choice["text"], "correct": choice["correct"]},
                                }
                                for c_index, choice in enumerate(question["choices"])
                            ],
                        },
                    }
                    for q_index, question in enumerate(quiz["questions"])
                ],
            },
        }
    ]


def _competency_finder():
    """Code → competency for the loaded framework, with a round-robin fallback for
    frameworks whose codes differ from the generic one the demo was written against."""
    competencies = list(
        Competency.objects.filter(is_retired=False).order_by("framework", "position")
    )
    by_code = {c.code: c for c in competencies}
    levels = list(ProficiencyLevel.objects.filter(is_retired=False).order_by("rank"))
    level_by_code = {level.code: level for level in levels}
    fallback = iter(competencies * 4)

    def competency(code: str):
        return by_code.get(code) or next(fallback, None)

    def level(code: str):
        if code in level_by_code:
            return level_by_code[code]
        rank = LEVEL_RANKS.get(code, 1)
        return levels[min(rank, len(levels)) - 1] if levels else None

    return competency, level


def _minutes_per_lesson(spec: dict) -> int:
    """The course's declared hours shared among its lessons and its quiz, so the demo's
    outlines add up to what its courses declare (``catalog.hours`` would warn otherwise)."""
    steps = sum(len(module["lessons"]) for module in spec["modules"]) + 1
    return max(5, round(Decimal(spec["hours"]) * 60 / steps))


def _seed_course(provider: ProviderPage, spec: dict, find_competency, find_level) -> bool:
    course, created = _child(
        provider,
        CoursePage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        language=spec["language"],
        duration_hours=Decimal(spec["hours"]),
        level=spec["level"],
    )
    if not created:
        return False
    for position, aligned in enumerate(spec["competencies"]):
        competency = find_competency(aligned["code"])
        if competency and not course.competencies.filter(competency=competency).exists():
            CourseCompetency.objects.create(
                course=course,
                competency=competency,
                target_level=find_level(aligned["level"]),
                sort_order=position,
            )
    lesson_index = 0
    modules = spec["modules"]
    minutes = _minutes_per_lesson(spec)
    for m_index, module_spec in enumerate(modules, start=1):
        module, _created = _child(
            course, ModulePage, f"module-{m_index}", title=module_spec["title"]
        )
        for lesson in module_spec["lessons"]:
            lesson_index += 1
            _child(
                module,
                LessonPage,
                f"lesson-{lesson_index}",
                title=lesson["title"],
                body=_text_body(spec["slug"], lesson_index, lesson["text"]),
                estimated_minutes=minutes,
            )
        if m_index == len(modules):
            _child(
                module,
                LessonPage,
                "quiz",
                title=spec["quiz"]["title"],
                body=_quiz_body(spec["slug"], spec["quiz"]),
                estimated_minutes=minutes,
            )
    course.save_revision().publish()  # records the competencies in the live revision
    return True


def seed(country, stdout) -> None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        stdout.write("no default site; run sync_country first")
        return
    home = site.root_page
    with translation.override(country.default_language.django_code):
        catalogue, _created = _child(
            home,
            CatalogPage,
            CATALOGUE_SLUG,
            title=_("Courses"),
            introduction=_("Courses for civil servants from the country's trusted providers."),
        )
    data = load_catalogue()
    providers = {}
    for spec in data["providers"]:
        providers[spec["slug"]], _created = _child(
            catalogue,
            ProviderPage,
            spec["slug"],
            title=spec["title"],
            kind=spec["kind"],
            description=spec["description"],
        )
    find_competency, find_level = _competency_finder()
    # Courses are taught in the portal's own languages: a profile without French gets
    # no French demo courses.
    courses = [spec for spec in data["courses"] if is_course_language(spec["language"])]
    created = sum(
        _seed_course(providers[spec["provider"]], spec, find_competency, find_level)
        for spec in courses
    )
    summary = f"{len(courses)} courses from {len(providers)} providers ({created} new)"
    stdout.write(summary)
    stdout.link("catalogue", f"/{CATALOGUE_SLUG}/")
