"""The competency passport: what completed courses evidence, and the gaps to the role."""

import pytest
from django.test import Client

from recommendations.passport import competency_passport, role_status
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


def test_passport_keeps_the_highest_level_each_competency_reached(catalogue, framework, learner):
    _role, (first, second, *_rest) = demanding_role(framework)
    competency = first.competency
    basic = catalogue.course("Basics", [(competency, level(framework, 1))])
    deeper = catalogue.course("Deeper", [(competency, level(framework, 2))])
    unfinished = catalogue.course("Unfinished", [(second.competency, level(framework, 2))])
    complete(learner, basic)
    complete(learner, deeper)
    learner.enrolments.create(course=unfinished)  # enrolled, not completed

    passport = competency_passport(learner)
    assert set(passport) == {competency.pk}
    assert passport[competency.pk].level.rank == 2
    assert [course.title for course in passport[competency.pk].courses] == ["Basics", "Deeper"]


def test_course_aligned_without_a_level_evidences_the_lowest_level(catalogue, framework, learner):
    _role, (first, *_rest) = demanding_role(framework)
    complete(learner, catalogue.course("Awareness", [(first.competency, None)]))
    assert competency_passport(learner)[first.competency.pk].level.rank == 1


def test_gaps_are_measured_against_the_learners_role(catalogue, framework, learner):
    role, requirements = demanding_role(framework)
    give_role(learner, role)
    first, second = requirements[0], requirements[1]
    complete(learner, catalogue.course("Part way", [(first.competency, level(framework, 1))]))
    complete(learner, catalogue.course("All the way", [(second.competency, second.level)]))

    status = role_status(learner)
    assert status.role == role
    gaps = {gap.competency: gap for gap in status.gaps}
    assert gaps[first.competency].size == first.level.rank - 1
    assert gaps[first.competency].current.rank == 1
    assert second.competency not in gaps
    assert (second.competency, second.level) in status.met
    untouched = [gap for gap in status.gaps if gap.current is None]
    assert all(gap.size == gap.required.rank for gap in untouched)
    assert [gap.size for gap in status.gaps] == sorted((g.size for g in status.gaps), reverse=True)


def test_no_role_means_no_gaps(catalogue, framework, learner):
    learner.designation = "Lighthouse keeper"
    assert role_status(learner).role is None
    assert role_status(learner).gaps == []


def test_page_shows_passport_gaps_and_recommendations(
    catalogue, framework, learner, learner_client
):
    role, (first, second, *_rest) = demanding_role(framework)
    give_role(learner, role)
    complete(learner, catalogue.course("Done already", [(first.competency, level(framework, 1))]))
    catalogue.course("Next step", [(second.competency, level(framework, 1))])

    page = learner_client.get("/my-competencies/")
    assert page.status_code == 200
    html = page.content.decode()
    assert first.competency.label() in html
    assert "Done already" in html
    assert f'data-competency="{second.competency.code}"' in html
    assert "Next step" in html
    anonymous = Client().get("/my-competencies/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
