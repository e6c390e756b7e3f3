"""Counting: a campaign counts completions inside ``[starts_at, ends_at)`` — to the
second, across a daylight-saving change — on its target courses, by learners in its
scope, once per enrolment; a rebuild from the raw tables gives the same figures."""

from datetime import UTC
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from campaigns import counters
from campaigns.counting import count_completion
from campaigns.matching import qualifying_enrolments
from campaigns.models import Campaign, CampaignCompletion
from campaigns.tasks import rebuild_recent_campaigns
from campaigns.tests.conftest import committed, complete, local, make_campaign, recount
from learning.factories import EnrolmentFactory
from learning.models import Enrolment
from learning.signals import course_completed

SECOND = timezone.timedelta(seconds=1)


def figures(campaign):
    standings = counters.read(campaign.pk, top=50)
    return (
        standings.completions,
        standings.hours_tenths,
        {t.key: (t.completions, t.hours_tenths) for t in standings.organisations},
        {t.key: (t.completions, t.hours_tenths) for t in standings.regions},
    )


def direct_figures(campaign):
    """The same figures counted straight from enrolments, organisations and courses."""
    enrolments = list(
        qualifying_enrolments(campaign).select_related("course", "user__organisation")
    )
    by_org, by_region = {}, {}
    hours = 0
    for enrolment in enrolments:
        tenths = round(enrolment.course.hours_credited * 10)
        hours += tenths
        organisation = enrolment.user.organisation
        for key, table in ((organisation.pk, by_org), (organisation.region_id, by_region)):
            if key is not None:
                done, spent = table.get(key, (0, 0))
                table[key] = (done + 1, spent + tenths)
    return len(enrolments), hours, by_org, by_region


def test_boundaries_are_half_open_to_the_second(country, person):
    start, end = local(2026, 6, 1, 0, 0, 0), local(2026, 6, 10, 0, 0, 0)
    campaign = make_campaign(starts_at=start, ends_at=end)
    learner = person(country.world.office)
    moments = {
        "second before start": start - SECOND,
        "at start": start,
        "second before end": end - SECOND,
        "at end": end,
        "second after end": end + SECOND,
    }
    courses = [country.course, country.other_course, country.competency_course]
    courses += [country.course.copy(update_attrs={"slug": f"c{n}"}) for n in range(2)]
    counted = {}
    for (label, moment), course in zip(moments.items(), courses, strict=True):
        enrolment = complete(learner, course, at=moment)
        counted[label] = CampaignCompletion.objects.filter(
            campaign=campaign, enrolment=enrolment
        ).exists()
    assert counted == {
        "second before start": False,
        "at start": True,
        "second before end": True,
        "at end": False,
        "second after end": False,
    }
    assert counters.read(campaign.pk).completions == 2


@override_settings(TIME_ZONE="Europe/Paris")
def test_a_week_across_the_spring_daylight_saving_change_counts_local_days(country, person):
    # Paris moves from UTC+1 to UTC+2 at 02:00 on Sunday 29 March 2026: the week from
    # Friday 27 March 00:00 to Friday 3 April 00:00 local time is 167 hours long.
    start = local(2026, 3, 27, 0, 0, 0)
    end = local(2026, 4, 3, 0, 0, 0)
    assert start.utcoffset() == timezone.timedelta(hours=1)
    assert end.utcoffset() == timezone.timedelta(hours=2)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timezone.timedelta(hours=167)
    campaign = make_campaign(starts_at=start, ends_at=end)
    learner = person(country.world.office)
    cases = [
        (start - SECOND, False),
        (start, True),
        # The local hour that does not exist is simply skipped; the moments around it count.
        (local(2026, 3, 29, 1, 59, 59), True),
        (local(2026, 3, 29, 3, 0, 0), True),
        (end - SECOND, True),
        (end + SECOND, False),
        # One hour before the local end: inside. A fixed UTC+1 reading of the end would
        # have ended the campaign an hour late and a fixed 7×24 h window an hour early.
        (end.astimezone(UTC) - timezone.timedelta(minutes=30), True),
        (start.astimezone(UTC) + timezone.timedelta(hours=167, minutes=30), False),
    ]
    results = []
    for index, (moment, _expected) in enumerate(cases):
        course = country.course.copy(update_attrs={"slug": f"dst-{index}"})
        enrolment = complete(learner, course, at=moment)
        results.append(campaign.completions.filter(enrolment=enrolment).exists())
    assert results == [expected for _moment, expected in cases]
    assert counters.read(campaign.pk).completions == 5


def test_a_re_sent_completion_is_counted_once(country, person):
    campaign = make_campaign()
    enrolment = complete(person(country.world.office), country.course)
    for _ in range(3):
        course_completed.send(
            sender=Enrolment, enrolment=enrolment, user=enrolment.user, course=enrolment.course
        )
    assert count_completion(enrolment) == []
    standings = counters.read(campaign.pk)
    assert (standings.completions, standings.hours_tenths) == (1, 15)


def test_scope_region_and_subtree(country, person):
    world = country.world
    national = make_campaign(slug="national")
    north = make_campaign(slug="north", scope=Campaign.Scope.REGION, region=country.north)
    ministry = make_campaign(
        slug="ministry", scope=Campaign.Scope.ORGANISATION, organisation=world.ministry
    )
    complete(person(world.office), country.course)  # below the ministry, in the north
    complete(person(world.union), country.course)  # above the ministry, in the north
    complete(person(world.district), country.course)  # south
    complete(person(None), country.course)  # outside the tree: national only
    assert counters.read(national.pk).completions == 4
    assert counters.read(north.pk).completions == 2
    assert counters.read(ministry.pk).completions == 1
    assert [t.key for t in counters.read(ministry.pk).organisations] == [world.office.pk]


def test_target_courses_and_competencies(country, person):
    by_course = make_campaign(slug="by-course", target_courses=[country.course])
    by_competency = make_campaign(slug="by-competency", target_competencies=[country.competency])
    everything = make_campaign(slug="everything")
    learner = person(country.world.office)
    for course in (country.course, country.other_course, country.competency_course):
        complete(learner, course)
    assert counters.read(by_course.pk).completions == 1
    assert counters.read(by_competency.pk).completions == 1
    assert counters.read(by_competency.pk).hours_tenths == 20
    assert counters.read(everything.pk).completions == 3
    assert counters.read(everything.pk).hours_tenths == 15 + 30 + 20


def test_leaderboards_rank_organisations_and_regions(country, person):
    world = country.world
    campaign = make_campaign()
    for organisation, count in ((world.district, 3), (world.office, 2), (world.ministry, 2)):
        for _ in range(count):
            complete(person(organisation), country.course)
    standings = counters.read(campaign.pk)
    leader = standings.organisations[0]
    assert (leader.key, leader.completions) == (world.district.pk, 3)
    assert {(t.key, t.completions) for t in standings.organisations[1:]} == {
        (world.office.pk, 2),
        (world.ministry.pk, 2),
    }
    assert [(t.key, t.completions, t.hours_tenths) for t in standings.regions] == [
        (country.north.pk, 4, 60),
        (country.south.pk, 3, 45),
    ]


def test_rebuild_from_raw_tables_equals_a_direct_count_after_a_mix(country, person):
    world = country.world
    campaign = make_campaign(scope=Campaign.Scope.REGION, region=country.north)
    people = [person(world.office) for _ in range(4)] + [person(world.district) for _ in range(2)]
    for index, learner in enumerate(people):
        complete(learner, country.course if index % 2 else country.competency_course)
    # Completions the signal never announced (a lost event), and one before the campaign.
    EnrolmentFactory(user=people[0], course=country.other_course, completed_at=timezone.now())
    EnrolmentFactory(
        user=people[1], course=country.other_course, completed_at=campaign.starts_at - SECOND
    )
    # A deactivated learner's completion still happened; an enrolment not completed
    # does not count.
    people[2].is_active = False
    people[2].save()
    EnrolmentFactory(user=people[3], course=country.other_course)
    # Someone from the south moves north: their earlier completion now qualifies.
    people[4].organisation = world.ministry
    people[4].save()
    assert figures(campaign) != direct_figures(campaign)

    recount(campaign)
    assert figures(campaign) == direct_figures(campaign)
    assert figures(campaign)[0] == 6  # four northerners, the mover, the unannounced one

    # Targets edited afterwards: the rebuild drops what no longer counts.
    campaign.target_courses.set([country.course])
    recount(campaign)
    assert figures(campaign) == direct_figures(campaign)
    assert figures(campaign)[:2] == (2, 30)  # people[1] and people[3] took that course


def test_attribution_stays_with_the_organisation_at_completion_time(country, person):
    world = country.world
    campaign = make_campaign()
    learner = person(world.office)
    complete(learner, country.course)
    learner.organisation = world.district
    learner.save()
    recount(campaign)
    assert [t.key for t in counters.read(campaign.pk).organisations] == [world.office.pk]


def test_rebuild_command(country, person, capsys):
    campaign = make_campaign(slug="week", target_completions=10)
    EnrolmentFactory(
        user=person(country.world.office), course=country.course, completed_at=timezone.now()
    )
    assert counters.read(campaign.pk).completions == 0
    with committed():
        call_command("rebuild_campaign_counters", "--campaign", "week")
    assert "week: 1 completions, 1.5 hours" in capsys.readouterr().out
    assert counters.read(campaign.pk).completions == 1
    with pytest.raises(Exception, match="No campaign has the slug 'nope'"):
        call_command("rebuild_campaign_counters", "--campaign", "nope")


def test_credited_hours_fall_back_to_the_duration(country, person):
    campaign = make_campaign()
    country.other_course.credited_hours = None
    country.other_course.duration_hours = Decimal("2.5")
    country.other_course.save()
    complete(person(country.world.office), country.other_course)
    assert counters.read(campaign.pk).hours_tenths == 25


def test_the_scheduled_repair_recounts_running_and_just_ended_campaigns(country, person):
    now = timezone.now()
    running = make_campaign(slug="running")
    just_ended = make_campaign(
        slug="just-ended",
        starts_at=now - timezone.timedelta(days=8),
        ends_at=now - timezone.timedelta(days=1, minutes=1),  # before "running" started
    )
    long_over = make_campaign(
        slug="long-over",
        starts_at=now - timezone.timedelta(days=30),
        ends_at=now - timezone.timedelta(days=20),
    )
    learner = person(country.world.office)
    # Completions whose announcement never ran, one inside each campaign's window.
    for campaign, course in (
        (running, country.course),
        (just_ended, country.other_course),
        (long_over, country.competency_course),
    ):
        EnrolmentFactory(user=learner, course=course, completed_at=campaign.starts_at + SECOND)
    with committed():
        assert rebuild_recent_campaigns() == 2
    assert counters.read(running.pk).completions == 1
    assert counters.read(just_ended.pk).completions == 1
    assert not long_over.completions.exists()
