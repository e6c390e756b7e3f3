"""The learning dashboard as administrators use it: scope, filters, charts, CSV, and a
query count that does not grow with the country."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from dashboards import rollups

URL = "/admin/reports/learning/"


def page(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_people_who_are_not_administrators_are_refused(client, country):
    world = country.world
    # Wagtail answers a refused admin view by sending the person back (302) with a message.
    for person in (world.provider_editor, world.learner):
        response = page(client, person)
        assert response.status_code in {302, 403}
        assert b"govlearn-dashboard" not in response.content
    assert page(client, world.national_admin).status_code == 200


def test_the_reports_menu_offers_the_dashboard_to_administrators_only(client, country):
    world = country.world
    client.force_login(world.union_admin)
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(world.provider_editor)
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_national_admin_sees_the_country_and_an_organisation_admin_their_subtree(
    client, country, history
):
    world = country.world
    national = page(client, world.national_admin).content.decode()
    assert "Union Government" in national and "Coastal State" in national
    union = page(client, world.union_admin).content.decode()
    assert "Ministry of Finance" in union
    assert "Coastal State" not in union and "North District" not in union
    export = page(client, world.union_admin, export="organisations")
    assert "Coastal State" not in export.content.decode("utf-8-sig")


def test_another_subtree_is_not_found_on_the_page_and_every_export(client, country, history):
    world = country.world
    for export in ("", "series", "organisations", "regions", "courses", "providers"):
        params = {"organisation": world.district.pk}
        if export:
            params["export"] = export
        assert page(client, world.union_admin, **params).status_code == 404, export
    assert page(client, world.union_admin, organisation="not-a-number").status_code == 404
    own = page(client, world.union_admin, organisation=world.ministry.pk)
    assert own.status_code == 200


def test_csv_exports_the_table_with_scope_filters_and_neutralised_cells(client, country, history):
    world = country.world
    world.ministry.name = '=HYPERLINK("http://example.org","x")'
    world.ministry.save()
    response = page(
        client, world.national_admin, organisation=world.union.pk, export="organisations"
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    header, *body = rows_of(response)
    assert header[:4] == ["By organisation", "Registrations", "Active learners", "Enrolments"]
    labels = [row[0] for row in body]
    assert "'" + world.ministry.name in labels
    assert not any(label.startswith("=") for label in labels)
    series = rows_of(page(client, world.national_admin, export="series"))
    assert series[0][0] == "Period starting" and len(series) == 1 + 12
    enrolments = sum(int(row[3]) for row in series[1:])
    assert enrolments == 4


def test_filters_say_what_is_wrong(client, country):
    world = country.world
    today = timezone.localdate()
    long = page(
        client,
        world.national_admin,
        grain="day",
        first=(today - timedelta(days=200)).isoformat(),
        last=today.isoformat(),
    )
    assert "Daily figures are kept for the last 93 days" in long.content.decode()
    weekly = page(client, world.national_admin, grain="week", course=country.course.pk)
    assert "Figures by course, provider or competency are monthly" in weekly.content.decode()
    deep = page(
        client, world.national_admin, organisation=world.office.pk, course=country.course.pk
    )
    assert "kept for the top 2 levels of organisations" in deep.content.decode()
    backwards = page(client, world.national_admin, first=today.isoformat(), last="2020-01-01")
    assert "“To” must be on or after “From”." in backwards.content.decode()


def test_charts_carry_a_title_a_description_and_need_no_script_or_inline_style(
    client, country, history
):
    html = page(client, country.world.national_admin).content.decode()
    # The figures, charts and tables (the filter form's choosers are Wagtail's widgets).
    dashboard = html[html.index("<section") :]
    assert dashboard.count('<figure class="govlearn-dashboard__chart">') == 2
    assert 'role="img"' in dashboard and '<desc id="series-chart-desc">' in dashboard
    assert "Completions from" in dashboard
    assert "<script" not in dashboard and " style=" not in dashboard


def test_narrowed_to_a_course_the_figures_are_that_courses(client, country, history):
    world = country.world
    html = page(client, world.national_admin, course=country.other_course.pk).content.decode()
    assert "Figures by course" not in html
    series = rows_of(
        page(client, world.national_admin, course=country.other_course.pk, export="series")
    )
    assert series[0][1:3] == ["Active learners", "Enrolments"]
    assert sum(int(row[2]) for row in series[1:]) == 2  # learner and reviewer


def _grow(country, organisations: int) -> None:
    """More organisations, people and learning: the dashboard must not notice."""
    world = country.world
    now = timezone.now()
    for number in range(organisations):
        organisation = world.ministry.add_child(
            code=f"GROW-{number}", name=f"Grown office {number}", level=world.ministry.level
        )
        person = UserFactory(organisation=organisation)
        country.enrol(person, country.course, now - timedelta(days=40), now)
        country.spend(person, country.course, timezone.localdate(), 30)
    world.union.refresh_from_db()


def _queries_for(client, user, **params) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("as_national", [True, False])
def test_the_query_count_stays_flat_as_the_country_grows(client, country, history, as_national):
    world = country.world
    user = world.national_admin if as_national else world.union_admin
    client.force_login(user)
    client.get(URL)  # warm per-process caches (content types, site)
    small = _queries_for(client, user)
    narrowed_small = _queries_for(client, user, course=country.course.pk)
    _grow(country, 25)
    rollups.refresh()
    assert _queries_for(client, user) == small
    assert _queries_for(client, user, course=country.course.pk) == narrowed_small
    assert small <= 30
