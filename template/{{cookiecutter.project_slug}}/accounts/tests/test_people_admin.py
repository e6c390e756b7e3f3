"""People in the Wagtail admin: forms with the civil-service fields, scoped lists, fast
search and filters, flat queries, a scoped streaming export."""

import csv
import io
import re

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from accounts.people_admin import EXPORT_COLUMNS
from organisations.models import OrganisationAdministrator
from organisations.tests.conftest import build_world


@pytest.fixture
def world(db):
    """Two top-level organisations and one person in every role (organisations' tests)."""
    return build_world()


pytestmark = pytest.mark.usefixtures("source_strings")

INDEX = reverse("wagtailusers_users:index")
ADD = reverse("wagtailusers_users:add")


def names(response):
    """The usernames listed (the username cells), or the page text for a form."""
    html = response.content.decode()
    cells = re.findall(r'<td class="username[^"]*"[^>]*>(.*?)</td>', html, re.S)
    return {cell.strip() for cell in cells} if cells else html


def person_form(**fields):
    data = {
        "username": "new-person",
        "email": "new.person@example.org",
        "first_name": "Nia",
        "last_name": "Long",
        "password1": "a-long-test-password-1",
        "password2": "a-long-test-password-1",
        "employee_id": "HR-NEW-1",
        "designation": "Section Officer",
        "grade": "G6",
        "preferred_language": "",
    }
    return {**data, **fields}


def test_the_forms_have_the_civil_service_fields_and_the_role_profile(client, world, framework):
    client.force_login(world.national_admin)
    page = names(client.get(ADD))
    for field in ("organisation", "employee_id", "designation", "grade", "preferred_language"):
        assert f'name="{field}"' in page
    assert 'name="role_profile"' in page  # added by competencies through the seam
    assert 'name="administers"' in page
    role = framework.roles.filter(is_retired=False).first()
    data = person_form(organisation=world.office.pk, role_profile=role.pk)
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(username="new-person")
    assert (person.organisation, person.employee_id, person.designation, person.grade) == (
        world.office,
        "HR-NEW-1",
        "Section Officer",
        "G6",
    )
    assert person.competency_role.role == role
    edit = reverse("wagtailusers_users:edit", args=[person.pk])
    assert f'value="{role.pk}" selected' in names(client.get(edit))


def test_preferred_language_offers_the_portals_languages(client, world, settings):
    client.force_login(world.national_admin)
    page = names(client.get(ADD))
    for code, _name in settings.LANGUAGES:
        assert f'value="{code}"' in page
    refused = client.post(ADD, person_form(organisation=world.office.pk, preferred_language="xx"))
    assert refused.status_code == 200
    assert not User.objects.filter(username="new-person").exists()


def test_an_organisation_admin_creates_people_in_their_subtree_only(client, world):
    client.force_login(world.union_admin)
    page = names(client.get(ADD))
    assert 'name="groups"' not in page and 'name="is_superuser"' not in page
    assert 'name="administers"' not in page
    outside = client.post(ADD, person_form(organisation=world.district.pk))
    assert outside.status_code == 200 and not User.objects.filter(username="new-person").exists()
    nowhere = client.post(ADD, person_form())
    assert nowhere.status_code == 200 and not User.objects.filter(username="new-person").exists()
    # A smuggled group or superuser flag is ignored: those fields are not on the form.
    national = world.national_admin.groups.get()
    inside = client.post(
        ADD,
        person_form(organisation=world.office.pk, groups=[national.pk], is_superuser="on"),
    )
    assert inside.status_code == 302
    person = User.objects.get(username="new-person")
    assert person.organisation == world.office
    assert not person.is_superuser and not person.groups.exists()


def test_a_national_admin_makes_someone_an_organisation_admin(client, world):
    client.force_login(world.national_admin)
    person = world.state_person
    edit = reverse("wagtailusers_users:edit", args=[person.pk])
    data = {
        "username": person.username,
        "email": "state.person@example.org",
        "first_name": "Ada",
        "last_name": "Okoro",
        "organisation": world.district.pk,
        "administers": world.district.pk,
        "is_active": "on",
    }
    assert client.post(edit, data).status_code == 302
    assert OrganisationAdministrator.objects.filter(
        user=person, organisation=world.district
    ).exists()
    assert person.groups.filter(name="Organisation administrators").exists()
    client.force_login(person)
    assert client.get(reverse("organisations_admin:index")).status_code == 200


def test_the_list_is_scoped_searchable_and_filterable(client, world):
    client.force_login(world.union_admin)
    listing = names(client.get(INDEX))
    assert "union-person" in listing and "state-person" not in listing
    assert "nadmin" not in listing  # a national administrator is above them
    client.force_login(world.national_admin)
    assert "union-person" in names(client.get(INDEX, {"q": "okaf"}))
    assert "state-person" not in names(client.get(INDEX, {"q": "okaf"}))
    assert "state-person" in names(client.get(INDEX, {"q": "oko"}))
    UserFactory(username="mail-person", email="Mail.Person@Example.org")
    assert "mail-person" in names(client.get(INDEX, {"q": "mail.person@"}))
    UserFactory(username="hr-person", employee_id="EMP-77123")
    assert "hr-person" in names(client.get(INDEX, {"q": "emp-771"}))
    subtree = names(client.get(INDEX, {"organisation": "UNION-FIN"}))
    assert "union-person" in subtree and "state-person" not in subtree and "nadmin" not in subtree
    assert "state-person" in names(client.get(INDEX, {"organisation": "st-d1"}))
    UserFactory(username="analyst", designation="Finance Analyst", organisation=world.office)
    by_role = names(client.get(INDEX, {"designation": "finance"}))
    assert "analyst" in by_role and "union-person" not in by_role
    User.objects.filter(username="analyst").update(is_active=False)
    inactive = names(client.get(INDEX, {"is_active": "false"}))
    assert "analyst" in inactive and "union-person" not in inactive


def test_an_organisation_admin_cannot_filter_into_another_subtree(client, world):
    client.force_login(world.union_admin)
    assert "state-person" not in names(client.get(INDEX, {"organisation": "STATE"}))
    assert "state-person" not in names(client.get(INDEX, {"q": "oko"}))


def test_the_list_costs_the_same_queries_for_10_or_200_people(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.national_admin)
    filtered = {"organisation": "STATE", "q": "learner"}
    UserFactory.create_batch(10, organisation=world.district)
    with django_assert_max_num_queries(60) as plain:
        assert client.get(INDEX).status_code == 200
    with django_assert_max_num_queries(60) as narrowed:
        assert len(names(client.get(INDEX, filtered))) == 10
    UserFactory.create_batch(190, organisation=world.district)
    with django_assert_max_num_queries(len(plain.captured_queries)):
        assert client.get(INDEX).status_code == 200
    with django_assert_max_num_queries(len(narrowed.captured_queries)):
        assert len(names(client.get(INDEX, filtered))) == 20  # one page


def read_csv(response):
    """Rows as dicts keyed by the export's field names (headings are translated)."""
    body = b"".join(response.streaming_content).decode()
    header, *rows = csv.reader(io.StringIO(body))
    names = [name for name, _label in EXPORT_COLUMNS]
    assert len(header) == len(names)
    return [dict(zip(names, row, strict=True)) for row in rows]


def test_the_export_streams_only_the_people_in_scope(client, world):
    UserFactory(username="sneaky", first_name="=HYPERLINK(1)", organisation=world.office)
    client.force_login(world.union_admin)
    response = client.get(reverse("people_export"))
    assert response.streaming
    rows = read_csv(response)
    usernames = {row["username"] for row in rows}
    assert {"union-person", "sneaky"} <= usernames
    assert "state-person" not in usernames and "nadmin" not in usernames
    sneaky = next(row for row in rows if row["username"] == "sneaky")
    assert sneaky["first_name"] == "'=HYPERLINK(1)"  # a spreadsheet shows it, never runs it
    filtered = read_csv(client.get(reverse("people_export"), {"q": "okaf"}))
    assert [row["username"] for row in filtered] == ["union-person"]
