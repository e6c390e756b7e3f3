"""A small country with history: two top-level organisations (organisations' tests'
``build_world``), two regions, two courses of two providers, and a helper that writes
past events with the dates a test needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from catalog.factories import (
    CourseCompetencyFactory,
    ProviderPageFactory,
    catalogue_page,
    course_tree,
)
from certificates.factories import CertificateFactory
from dashboards import rollups
from dashboards.models import Grain
from dashboards.periods import period_start
from learning.models import Enrolment, LearningTime
from organisations.models import Organisation, Region
from organisations.tests.conftest import build_world


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """These tests read the interface's words as written in the code."""


def at(day, hour=10, minute=0, second=0):
    """An aware moment on a local day of the portal's time zone."""
    return datetime.combine(day, time(hour, minute, second), tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass
class Country:
    world: object
    north: Region
    south: Region
    course: object
    other_course: object
    competency: object
    lesson_of: dict

    def enrol(self, user, course, enrolled, completed=None, certificate=False):
        """An enrolment (and its certificate) as if made on those dates."""
        enrolment = Enrolment.objects.create(user=user, course=course)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=enrolled, completed_at=completed
        )
        enrolment.refresh_from_db()
        if certificate:
            issued = CertificateFactory(enrolment=enrolment)
            type(issued).objects.filter(pk=issued.pk).update(issued_at=completed)
            issued.refresh_from_db()
            return enrolment, issued
        return enrolment, None

    def spend(self, user, course, day, seconds):
        return LearningTime.objects.create(
            user=user,
            lesson=self.lesson_of[course.pk],
            course=course,
            day=day,
            seconds=seconds,
            last_reported_at=at(day),
        )


@pytest.fixture
def country(synced_site, framework):
    world = build_world()
    north = Region.objects.create(code="N", name="North")
    south = Region.objects.create(code="S", name="South")
    Organisation.objects.filter(path__startswith=world.union.path).update(region=north)
    Organisation.objects.filter(path__startswith=world.state.path).update(region=south)
    for value in vars(world).values():
        value.refresh_from_db()
    catalogue = catalogue_page()
    first = course_tree(
        provider=ProviderPageFactory(parent=catalogue, title="Civil Service College")
    )
    second = course_tree(
        provider=ProviderPageFactory(parent=catalogue, title="Open University"),
        credited_hours=Decimal("2.5"),
    )
    competency = framework.competencies.first()
    CourseCompetencyFactory(course=first.course, competency=competency)
    lessons = {first.course.pk: first.lessons[0], second.course.pk: second.lessons[0]}
    return Country(world, north, south, first.course, second.course, competency, lessons)


@pytest.fixture
def history(country):
    """Two months of learning by people in both subtrees, then the first refresh."""
    world = country.world
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = period_start(Grain.MONTH, this_month - timedelta(days=1))
    early, later = last_month + timedelta(days=2), last_month + timedelta(days=10)
    course, other = country.course, country.other_course

    country.enrol(world.union_person, course, at(early), at(later), certificate=True)
    country.spend(world.union_person, course, early, 600)
    country.spend(world.union_person, course, this_month, 300)
    country.enrol(world.learner, other, at(later), at(this_month, 0, 0, 1))
    country.spend(world.learner, other, later, 900)
    country.enrol(world.state_person, course, at(this_month, 0, 30))
    country.spend(world.state_person, course, this_month, 120)
    _enrolment, certificate = country.enrol(
        world.reviewer, other, at(early), at(later, 23, 59, 59), certificate=True
    )
    country.spend(world.reviewer, other, later, 60)
    rollups.refresh()
    return {"days": [early, later, this_month, today], "certificate": certificate}
