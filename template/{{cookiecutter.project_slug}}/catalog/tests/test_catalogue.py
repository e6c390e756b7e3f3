"""The catalogue page at /courses/: facets, search, pagination, bounded queries."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.catalogue import COURSES_PER_PAGE
from catalog.factories import (
    CourseCompetencyFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProviderPageFactory,
    catalogue_page,
)
from catalog.languages import is_course_language, language_name
from catalog.models import CoursePage, LessonPage, ModulePage, ProviderPage
from competencies.models import Competency, ProficiencyLevel
from portal.country import get_country


def titles(response):
    return [course.title for course in response.context["courses_page"].object_list]


# Courses are taught in the portal's languages: the "other" course uses the profile's
# first language besides English (French on the island profile).
OTHER = next(lang.code for lang in get_country().languages if lang.code != "en")


@pytest.fixture
def catalogue(synced_site, framework):
    """Three providers, courses in English and another language, two aligned to competencies."""
    page = catalogue_page()
    finance = ProviderPageFactory(parent=page, title="Institute of Public Finance")
    school = ProviderPageFactory(parent=page, title="National School of Government")
    ethics = Competency.objects.get(code="BEH-INT")
    proficient = ProficiencyLevel.objects.get(code="proficient")
    budget = CoursePageFactory(
        parent=finance,
        title="Budget preparation basics",
        summary="Follow the annual budget cycle and cost a submission.",
        duration_hours=Decimal("6.0"),
        level="foundation",
    )
    CoursePageFactory(
        parent=finance,
        title="Gestion budgétaire et comptable publique",
        summary="Engagement, liquidation, ordonnancement et paiement.",
        language=OTHER,
        duration_hours=Decimal("1.5"),
        level="intermediate",
    )
    integrity = CoursePageFactory(
        parent=school,
        title="Ethics and integrity",
        summary="Conflicts of interest, gifts and hospitality.",
        duration_hours=Decimal("3.0"),
        level="foundation",
    )
    CourseCompetencyFactory(course=integrity, competency=ethics, target_level=proficient)
    module = ModulePageFactory(parent=budget, title="The budget cycle")
    LessonPageFactory(
        parent=module,
        title="Recurrent and capital spending",
        body=[{"type": "text", "value": "<p>A new bridge is capital expenditure.</p>"}],
    )
    return page


def test_catalogue_lists_published_courses_with_their_facts(client, catalogue, settings):
    response = client.get("/courses/")
    assert response.status_code == 200
    assert titles(response) == [
        "Budget preparation basics",
        "Ethics and integrity",
        "Gestion budgétaire et comptable publique",
    ]
    html = response.content.decode()
    reader = settings.LANGUAGE_CODE  # unprefixed URLs render in the default language
    assert "Institute of Public Finance (2)" in html
    assert f"{language_name(OTHER, reader)} (1)" in html
    assert f"{Competency.objects.get(code='BEH-INT').label(reader)} (1)" in html
    assert "Under 2 hours (1)" in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"language": OTHER}, ["Gestion budgétaire et comptable publique"]),
        ({"level": "foundation"}, ["Budget preparation basics", "Ethics and integrity"]),
        ({"duration": "short"}, ["Gestion budgétaire et comptable publique"]),
        ({"duration": "long"}, ["Budget preparation basics"]),
        ({"level": "foundation", "duration": "medium"}, ["Ethics and integrity"]),
    ],
)
def test_facets_narrow_the_list(client, catalogue, params, expected):
    assert titles(client.get("/courses/", params)) == expected


def test_provider_and_competency_facets(client, catalogue):
    school = catalogue.get_children().get(title="National School of Government")
    assert titles(client.get("/courses/", {"provider": school.pk})) == ["Ethics and integrity"]
    ethics = Competency.objects.get(code="BEH-INT")
    assert titles(client.get("/courses/", {"competency": ethics.pk})) == ["Ethics and integrity"]


def test_search_finds_courses_by_their_words_and_lessons_by_their_body(client, catalogue):
    response = client.get("/courses/", {"q": "hospitality"})
    assert titles(response) == ["Ethics and integrity"]
    lessons = client.get("/courses/", {"q": "bridge"}).context["matching_lessons"]
    assert [(lesson.title, course.title) for lesson, course in lessons] == [
        ("Recurrent and capital spending", "Budget preparation basics")
    ]
    assert titles(client.get("/courses/", {"q": "astronomy"})) == []


def test_pages_of_results_keep_the_filters(client, synced_site):
    provider = ProviderPageFactory(parent=catalogue_page())
    for number in range(COURSES_PER_PAGE + 3):
        CoursePageFactory(parent=provider, title=f"Course {number:02d}", language=OTHER)
    first = client.get("/courses/", {"language": OTHER})
    assert len(titles(first)) == COURSES_PER_PAGE
    assert f'href="?language={OTHER}&amp;page=2"' in first.content.decode()
    second = client.get("/courses/", {"language": OTHER, "page": 2})
    assert titles(second) == ["Course 12", "Course 13", "Course 14"]


def _add_courses(provider, count, competency, level):
    for _index in range(count):
        CourseCompetencyFactory(
            course=CoursePageFactory(parent=provider), competency=competency, target_level=level
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_catalogue_queries_do_not_grow_with_the_number_of_courses(
    client, catalogue, django_assert_max_num_queries
):
    provider = ProviderPageFactory(parent=catalogue)
    competency = Competency.objects.first()
    level = ProficiencyLevel.objects.first()
    _add_courses(provider, 2, competency, level)
    client.get("/courses/")  # warm the site and content-type caches
    few = count_queries(client, "/courses/")
    _add_courses(provider, 20, competency, level)
    # Publishing pages clears Wagtail's cached site paths; warm them again so only the
    # per-course cost is compared (this matters with a shared Redis cache).
    client.get("/courses/")
    with django_assert_max_num_queries(few):
        response = client.get("/courses/")
    assert len(titles(response)) == COURSES_PER_PAGE
    with django_assert_max_num_queries(30):
        client.get("/courses/", {"q": "course", "language": "en"})


def test_seed_demo_builds_a_believable_catalogue_once(synced_site):
    """``seed_demo`` runs every app's seed in order: the framework loads before the
    catalogue is aligned to it."""
    from catalog import demo
    from portal.country import get_country
    from portal.seeding import StepReport

    enabled = {language.code for language in get_country().languages}
    # The data file's courses are in English and French; a profile gets those it enables.
    expected = 13 if "fr" in enabled else 9
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert f"{expected} courses from 6 providers ({expected} new)" in out.getvalue()
    again = StepReport("catalog")
    demo.seed(get_country(), again)  # idempotent: nothing is added twice
    assert again.text == f"{expected} courses from 6 providers (0 new)"
    assert again.links == [("catalogue", "/courses/")]

    courses = CoursePage.objects.live()
    assert courses.count() == expected
    assert len({course.provider_id for course in courses}) == 6
    assert set(courses.values_list("language", flat=True)) == {"en", "fr"} & enabled
    for course in courses:
        assert ModulePage.objects.child_of(course).count() >= 2
        lessons = LessonPage.objects.descendant_of(course).live()
        assert lessons.count() >= 4
        assert any(lesson.quizzes for lesson in lessons)
        assert course.competencies.exists()


def test_demo_catalogue_is_exactly_what_its_data_file_says(synced_site, framework):
    """Every provider, course, module, lesson, quiz question and competency alignment in
    ``demo_data/courses.json`` becomes a page or a row, in the file's order, and nothing else."""
    from catalog import demo
    from portal.country import get_country
    from portal.seeding import StepReport

    data = demo.load_catalogue()
    demo.seed(get_country(), StepReport("catalog"))
    known_codes = set(Competency.objects.values_list("code", flat=True))

    providers = ProviderPage.objects.live().order_by("path")
    assert [p.slug for p in providers] == [spec["slug"] for spec in data["providers"]]
    assert [p.title for p in providers] == [spec["title"] for spec in data["providers"]]
    seeded = [spec for spec in data["courses"] if is_course_language(spec["language"])]
    assert CoursePage.objects.count() == len(seeded)
    for spec in seeded:
        course = CoursePage.objects.live().get(slug=spec["slug"])
        assert (course.title, course.language, course.level, course.provider.slug) == (
            spec["title"],
            spec["language"],
            spec["level"],
            spec["provider"],
        )
        assert course.duration_hours == Decimal(spec["hours"])
        aligned = [
            (link.competency.code, link.target_level.code)
            for link in course.competencies.select_related("competency", "target_level")
        ]
        written = [(c["code"], c["level"]) for c in spec["competencies"]]
        if {code for code, _level in written} <= known_codes:
            assert aligned == written
        else:  # a framework with other codes: the demo aligns the course all the same
            assert aligned
        outline = course.outline()
        assert [module.title for module, _lessons in outline] == [
            module["title"] for module in spec["modules"]
        ]
        reading = [lesson for _module, lessons in outline for lesson in lessons][:-1]
        assert [lesson.title for lesson in reading] == [
            lesson["title"] for module in spec["modules"] for lesson in module["lessons"]
        ]
        (quiz,) = outline[-1][1][-1].quizzes
        assert quiz.title == spec["quiz"]["title"]
        assert [question.prompt for question in quiz.questions] == [
            question["prompt"] for question in spec["quiz"]["questions"]
        ]
        assert [[c.correct for c in q.choices] for q in quiz.questions] == [
            [c["correct"] for c in question["choices"]] for question in spec["quiz"]["questions"]
        ]
