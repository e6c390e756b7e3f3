"""The home page's "recommended for you": the passport's best courses for a signed-in
learner with a gap; nothing for a visitor."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.tests.builders import Catalogue, demanding_role, give_role
from recommendations.wagtail_hooks import HOME_RECOMMENDED_SHOWN, recommended_for_you

pytestmark = pytest.mark.usefixtures("synced_site")


@pytest.fixture
def gap_courses(framework, learner):
    role, requirements = demanding_role(framework)
    give_role(learner, role)
    learner.preferred_language = settings.LANGUAGE_CODE
    learner.save()
    catalogue = Catalogue()
    need = requirements[0]
    return [
        catalogue.course(f"Closes {need.competency.code} {n}", [(need.competency, need.level)])
        for n in range(HOME_RECOMMENDED_SHOWN + 2)
    ]


def test_a_learner_with_a_gap_is_recommended_courses_that_close_it(client, learner, gap_courses):
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert "Recommended for you" in html
    section = html[html.index("Recommended for you") :]
    assert section.count("Closes:") == HOME_RECOMMENDED_SHOWN
    assert gap_courses[0].title in section


def test_a_visitor_gets_no_recommendations(rf, gap_courses):
    request = rf.get("/")
    request.user = AnonymousUser()
    assert recommended_for_you(request) is None


def test_the_panel_costs_the_same_queries_with_more_courses(
    rf, learner, gap_courses, framework, django_assert_max_num_queries
):
    request = rf.get("/")
    request.user = learner
    with CaptureQueriesContext(connection) as first:
        recommended_for_you(request)
    need = demanding_role(framework)[1][0]
    Catalogue().course("Yet another", [(need.competency, need.level)])
    for n in range(20):
        Catalogue().course(f"Even more {n}", [(need.competency, need.level)])
    with django_assert_max_num_queries(len(first)):
        recommended_for_you(request)
