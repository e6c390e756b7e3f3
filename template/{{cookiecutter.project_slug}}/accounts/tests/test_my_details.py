"""A learner's own details: name and language editable, HRMS facts only shown."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.factories import UserFactory
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(synced_site):
    from portal.country import get_country

    level = get_country().organisation_levels[0]["code"]
    budget = Organisation.add_root(code="T-BUDGET", name="Budget Department", level=level)
    return UserFactory(
        username="mere",
        first_name="Mere",
        employee_id="EMP-0042",
        designation="Budget analyst",
        organisation=budget,
    )


def test_my_details_shows_the_staff_record_read_only(client, official):
    client.force_login(official)
    html = client.get(reverse("my_details")).content.decode()
    for fact in ("EMP-0042", "Budget analyst", "Budget Department"):
        assert fact in html
    assert 'name="employee_id"' not in html and 'name="organisation"' not in html


def test_a_learner_changes_name_and_language_but_not_their_record(client, official, other_language):
    client.force_login(official)
    response = client.post(
        reverse("my_details"),
        {
            "first_name": "Meret",
            "last_name": "Hoarau",
            "preferred_language": other_language.code,
            "employee_id": "EMP-9999",
            "designation": "Minister",
        },
    )
    official.refresh_from_db()
    assert (official.first_name, official.last_name) == ("Meret", "Hoarau")
    assert official.preferred_language == other_language.code
    assert (official.employee_id, official.designation) == ("EMP-0042", "Budget analyst")
    assert response["Location"].startswith(f"/{other_language.django_code}/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == other_language.django_code


def test_a_language_the_portal_does_not_offer_is_refused(client, official):
    client.force_login(official)
    response = client.post(reverse("my_details"), {"preferred_language": "tlh"})
    assert 'role="alert"' in response.content.decode()
    official.refresh_from_db()
    assert official.preferred_language == ""


def test_my_details_needs_a_signed_in_learner(client, synced_site):
    response = client.get(reverse("my_details"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_allauths_other_pages_sit_in_the_portals_frame(client, official):
    client.force_login(official)
    page = client.get(reverse("account_email")).content.decode()
    assert 'class="site-header"' in page and 'id="main"' in page
