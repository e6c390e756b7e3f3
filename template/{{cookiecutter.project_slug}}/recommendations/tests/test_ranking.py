"""Recommended courses are ranked by gap size, level fit, language and peers' choices."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import UserFactory
from learning.factories import EnrolmentFactory
from recommendations.ranking import recommend_courses
from recommendations.tests.builders import (
    Catalogue,
    complete,
    demanding_role,
    give_role,
    level,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(synced_site, framework):
    return Catalogue()


@pytest.fixture
def role_and_needs(framework, learner):
    role, requirements = demanding_role(framework)
    give_role(learner, role)
    learner.preferred_language = settings.LANGUAGE_CODE
    learner.save()
    return role, requirements


def titles(user):
    return [item.course.title for item in recommend_courses(user)]


def test_bigger_gap_ranks_first(catalogue, framework, learner, role_and_needs):
    _role, (large, small, *_rest) = role_and_needs
    # the learner already holds `small` one level short of what the role needs
    complete(
        learner,
        catalogue.course("Evidence", [(small.competency, level(framework, small.level.rank - 1))]),
    )
    catalogue.course("For the small gap", [(small.competency, small.level)])
    catalogue.course("For the large gap", [(large.competency, level(framework, 1))])
    assert large.level.rank >= 2
    assert titles(learner)[:2] == ["For the large gap", "For the small gap"]


def test_next_level_fits_better_than_a_leap(catalogue, framework, learner, role_and_needs):
    _role, (need, *_rest) = role_and_needs
    catalogue.course("Leap", [(need.competency, need.level)])
    catalogue.course("Next step", [(need.competency, level(framework, 1))])
    assert need.level.rank >= 2
    assert titles(learner)[:2] == ["Next step", "Leap"]


def test_course_closing_two_gaps_beats_one_closing_one(
    catalogue, framework, learner, role_and_needs
):
    _role, (first, second, *_rest) = role_and_needs
    catalogue.course("One gap", [(first.competency, level(framework, 1))])
    catalogue.course(
        "Two gaps",
        [(first.competency, level(framework, 1)), (second.competency, level(framework, 1))],
    )
    assert titles(learner)[:2] == ["Two gaps", "One gap"]


def test_learners_language_ranks_first(catalogue, framework, learner, role_and_needs):
    _role, (need, *_rest) = role_and_needs
    from portal.country import get_country

    others = [lang.code for lang in get_country().languages if lang.code != settings.LANGUAGE_CODE]
    if not others:
        pytest.skip("the profile enables one language: courses can only be taught in it")
    other = others[0]
    catalogue.course("A other language", [(need.competency, level(framework, 1))], language=other)
    catalogue.course(
        "B own language", [(need.competency, level(framework, 1))], language=settings.LANGUAGE_CODE
    )
    ranked = recommend_courses(learner)
    assert [item.course.title for item in ranked] == ["B own language", "A other language"]
    assert [item.in_learner_language for item in ranked] == [True, False]


def test_peers_in_the_same_role_lift_a_course_others_do_not(
    catalogue, framework, learner, role_and_needs
):
    role, (need, *_rest) = role_and_needs
    popular_with_peers = catalogue.course(
        "B peers took it", [(need.competency, level(framework, 1))]
    )
    popular_elsewhere = catalogue.course(
        "A others took it", [(need.competency, level(framework, 1))]
    )
    for _index in range(3):
        peer = UserFactory()
        give_role(peer, role)
        complete(peer, popular_with_peers)
    for _index in range(5):
        stranger = UserFactory(designation="Lighthouse keeper")
        complete(stranger, popular_elsewhere)
    ranked = recommend_courses(learner)
    assert [item.course.title for item in ranked] == ["B peers took it", "A others took it"]
    assert [item.peer_completions for item in ranked] == [3, 0]


def test_courses_that_close_nothing_are_left_out(catalogue, framework, learner, role_and_needs):
    role, (need, other, *_rest) = role_and_needs
    complete(learner, catalogue.course("Held", [(need.competency, level(framework, 1))]))
    catalogue.course("Same level again", [(need.competency, level(framework, 1))])
    catalogue.course("Draft", [(other.competency, level(framework, 1))], live=False)
    enrolled = catalogue.course("Already enrolled", [(other.competency, level(framework, 1))])
    EnrolmentFactory(user=learner, course=enrolled)
    unrelated = {r.competency_id for r in role.requirements.all()}
    outside = framework.competencies.exclude(pk__in=unrelated).first()
    if outside is not None:
        catalogue.course("Not in the role", [(outside, level(framework, 1))])
    catalogue.course("Useful", [(other.competency, level(framework, 1))])
    assert titles(learner) == ["Useful"]


def test_query_count_does_not_grow_with_the_catalogue(
    catalogue, framework, learner, role_and_needs
):
    role, requirements = role_and_needs

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            recommend_courses(learner)
        return len(captured)

    for index, requirement in enumerate(requirements[:2]):
        catalogue.course(f"Course {index}", [(requirement.competency, level(framework, 1))])
    few = queries()
    for index in range(12):
        requirement = requirements[index % len(requirements)]
        course = catalogue.course(f"More {index}", [(requirement.competency, level(framework, 1))])
        peer = UserFactory()
        give_role(peer, role)
        complete(peer, course)
    assert queries() == few
    assert len(recommend_courses(learner)) == 10


def test_without_a_role_peers_with_the_same_designation_guide_the_choice(catalogue, learner):
    learner.designation = "Lighthouse Keeper"
    learner.save()
    favourite = catalogue.course("Lamps and lenses", [])
    second = catalogue.course("Tide tables", [])
    ignored = catalogue.course("Popular elsewhere", [])
    for _index in range(2):
        complete(UserFactory(designation="lighthouse keeper"), favourite)
    complete(UserFactory(designation="Lighthouse keeper"), second)
    for _index in range(4):
        complete(UserFactory(designation="Cook"), ignored)
    ranked = recommend_courses(learner)
    assert [(item.course.title, item.peer_completions) for item in ranked] == [
        ("Lamps and lenses", 2),
        ("Tide tables", 1),
    ]
    learner.enrolments.create(course=favourite)
    assert [item.course.title for item in recommend_courses(learner)] == ["Tide tables"]
