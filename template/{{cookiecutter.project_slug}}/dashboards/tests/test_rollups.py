"""The roll-ups equal a direct count over the raw tables, after a mix of enrolments,
completions, certificates issued and revoked, learning time, a move between
organisations and a deactivation; ``check_rollups`` finds and repairs a difference."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django.test import override_settings

from accounts.models import User
from certificates.models import Certificate
from certificates.revocation import revoke
from dashboards import queries, rollups
from dashboards.models import Grain, OrganisationPeriod
from dashboards.periods import next_period, period_start
from dashboards.tests.conftest import at
from learning import services
from learning.models import Enrolment, LearningTime

MEASURES = (
    "registrations",
    "active_learners",
    "enrolments",
    "completions",
    "certificates",
    "credited_hours",
    "time_seconds",
)


def direct(first: date, end: date, root=None, region=None, course=None) -> dict:
    """The figures recounted from the raw tables, the obvious way (one period)."""
    since, until = at(first, 0), at(end, 0)
    people = User.objects.filter(organisation__isnull=False)
    if root is not None:
        people = people.filter(organisation__path__startswith=root.path)
    if region is not None:
        people = people.filter(organisation__region=region)
    enrolments = Enrolment.objects.filter(user__in=people)
    time = LearningTime.objects.filter(user__in=people, day__gte=first, day__lt=end)
    certificates = Certificate.objects.filter(
        user__in=people, issued_at__gte=since, issued_at__lt=until, revoked_at__isnull=True
    )
    if course is not None:
        enrolments, time = enrolments.filter(course=course), time.filter(course=course)
        certificates = certificates.filter(course=course)
    completed = enrolments.filter(completed_at__gte=since, completed_at__lt=until)
    return {
        "registrations": people.filter(date_joined__gte=since, date_joined__lt=until).count(),
        "enrolments": enrolments.filter(enrolled_at__gte=since, enrolled_at__lt=until).count(),
        "completions": completed.count(),
        "certificates": certificates.count(),
        "credited_hours": sum(
            (row.course.hours_credited for row in completed.select_related("course")),
            Decimal(0),
        ),
        "time_seconds": time.aggregate(total=Sum("seconds"))["total"] or 0,
        "active_learners": time.filter(user__is_active=True, seconds__gt=0)
        .values("user")
        .distinct()
        .count(),
    }


def shown(grain, day, **narrowing) -> dict:
    """What the dashboard's query functions say for the period of ``grain`` holding day."""
    filters = queries.Filters(first=day, last=day, grain=grain, **narrowing)
    (row,) = queries.series(filters)
    return {name: row[name] for name in MEASURES if row[name] is not None}


def assert_equal_everywhere(country, days):
    world = country.world
    places = [
        {},
        {"roots": (world.union,)},
        {"roots": (world.office,)},
        {"roots": (world.state,)},
        {"region": country.north},
        {"region": country.south},
        {"roots": (world.union,), "region": country.south},
    ]
    for grain in Grain.values:
        for day in days:
            first = period_start(grain, day)
            end = next_period(grain, first)
            for place in places:
                root = place.get("roots", (None,))[0]
                expected = direct(first, end, root=root, region=place.get("region"))
                assert shown(grain, day, **place) == expected, (grain, day, place)
    for day in days:
        first = period_start(Grain.MONTH, day)
        end = next_period(Grain.MONTH, first)
        for course in (country.course, country.other_course):
            for place in places:
                root = place.get("roots", (None,))[0]
                if root is not None and root.depth > rollups.course_depth():
                    continue  # not kept by course that deep (a form error says so)
                expected = direct(first, end, root=root, region=place.get("region"), course=course)
                expected.pop("registrations")
                got = shown(Grain.MONTH, day, course=course, **place)
                assert got == expected, (day, course, place)


def test_roll_ups_equal_direct_counts_after_history(country, history):
    assert rollups.check() == []
    assert_equal_everywhere(country, history["days"])
    assert OrganisationPeriod.objects.filter(completions__gt=0).exists()


def test_roll_ups_follow_moves_deactivations_revocations_and_deletions(country, history):
    world = country.world
    moved = world.union_person
    union_before = shown(Grain.MONTH, history["days"][0], roots=(world.union,))

    moved.organisation = world.district  # a move between subtrees, through save()
    moved.save()
    User.objects.filter(pk=world.learner.pk).update(is_active=False)  # a bulk deactivation
    revoke(history["certificate"], "Issued in error")
    Enrolment.objects.get(user=world.state_person).delete()
    services.enrol(world.reviewer, country.course)  # and something new, now

    report = rollups.refresh()
    assert not report.full
    assert rollups.check() == []
    assert_equal_everywhere(country, history["days"])
    # The moved person's history went with them: the union lost their completion.
    union_after = shown(Grain.MONTH, history["days"][0], roots=(world.union,))
    assert union_after["completions"] == union_before["completions"] - 1
    assert union_after["certificates"] == union_before["certificates"] - 2  # moved + revoked
    # Deactivated people stay in history but are no longer active learners.
    state = shown(Grain.MONTH, history["days"][0], roots=(world.state,))
    assert state["completions"] == 1 and state["active_learners"] == 1


def test_a_refresh_twice_changes_nothing(country, history):
    order = ("grain", "period_start", "organisation", "region")
    rows = list(OrganisationPeriod.objects.order_by(*order))
    rollups.refresh()
    rollups.refresh()
    again = list(OrganisationPeriod.objects.order_by(*order))
    keys = ["grain", "period_start", "organisation_id", "region_id", *MEASURES]
    assert [[getattr(r, k) for k in keys] for r in rows] == [
        [getattr(r, k) for k in keys] for r in again
    ]


def test_check_rollups_names_a_difference_exits_1_and_repair_fixes_it(country, history, capsys):
    world = country.world
    month = period_start(Grain.MONTH, history["days"][0])
    OrganisationPeriod.objects.filter(
        grain=Grain.MONTH, period_start=month, organisation=world.office
    ).update(completions=99)

    with pytest.raises(CommandError) as raised:
        call_command("check_rollups")
    assert raised.value.returncode == 1
    output = capsys.readouterr().out
    assert (
        f"organisation roll-up (month) {month} {world.office.code} region N: completions is 99"
        in output
    )

    call_command("check_rollups", "--repair")
    assert "The roll-ups equal the raw tables." in capsys.readouterr().out
    assert rollups.check() == []


@override_settings(TIME_ZONE="Europe/Paris", DASHBOARDS_DAILY_DAYS=800)
def test_days_are_local_days_across_a_daylight_saving_change(country):
    """29 March 2026: Paris goes from UTC+1 to UTC+2 at 02:00; that day is 23 hours."""
    world = country.world
    change = date(2026, 3, 29)
    country.enrol(world.union_person, country.course, at(change, 0, 0, 0))
    country.enrol(world.learner, country.course, at(change, 23, 59, 59))
    country.enrol(world.reviewer, country.course, at(change - timedelta(days=1), 23, 59, 59))
    country.enrol(world.state_person, country.course, at(change + timedelta(days=1), 0, 0, 0))
    rollups.refresh()
    assert shown(Grain.DAY, change)["enrolments"] == 2
    assert shown(Grain.DAY, change - timedelta(days=1))["enrolments"] == 1
    assert shown(Grain.WEEK, change)["enrolments"] == 3  # Monday 23 to Sunday 29 March
    assert shown(Grain.MONTH, change)["enrolments"] == 4
    assert rollups.check() == []
