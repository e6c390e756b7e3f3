"""A small country for campaign tests: two regions, two subtrees, courses with and
without a target competency, and helpers that complete a course at a chosen moment and
announce it the way ``learning`` does (the real ``course_completed`` task)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import TestCase
from django.utils import timezone

from accounts.factories import UserFactory
from campaigns import counters
from campaigns.counting import rebuild
from campaigns.models import Campaign
from catalog.factories import CoursePageFactory, ProviderPageFactory, catalogue_page
from catalog.models import CourseCompetency
from competencies.models import Competency
from learning.factories import EnrolmentFactory
from learning.tasks import announce_course_completion
from organisations.models import Organisation, Region
from organisations.tests.conftest import build_world


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """These tests read the interface's words as written in the code."""


def forget_campaign_keys():
    """Drop this test process's campaign counters and cached standings, and nothing else
    (the test settings give each test process a cache database of its own, but the
    process's other cached entries stay: a test may be relying on them)."""
    from django.core.cache import cache

    if not counters.uses_redis():
        cache.clear()
        return
    from django_redis import get_redis_connection

    redis = get_redis_connection("default")
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    for key in redis.scan_iter(match=f"{prefix}:*campaigns:*", count=1000):
        redis.delete(key)


@pytest.fixture(autouse=True)
def _no_counters_from_earlier_tests():
    """Campaign ids repeat between tests (rolled back, or a fresh test database), so keys
    left in Redis by an earlier test must not count for a new campaign."""
    forget_campaign_keys()
    yield
    forget_campaign_keys()


@dataclass
class Country:
    world: object
    north: Region
    south: Region
    course: object  # no competency
    other_course: object
    competency_course: object  # develops ``competency``
    competency: object


@pytest.fixture
def country(synced_site, framework):
    world = build_world()
    north = Region.objects.create(code="NORTH", name="North Region")
    south = Region.objects.create(code="SOUTH", name="South Region")
    Organisation.objects.filter(path__startswith=world.union.path).update(region=north)
    Organisation.objects.filter(path__startswith=world.state.path).update(region=south)
    for name in ("union", "ministry", "office", "state", "district"):
        getattr(world, name).refresh_from_db()
    provider = ProviderPageFactory(parent=catalogue_page())
    course = CoursePageFactory(parent=provider, title="Ethics", credited_hours=Decimal("1.5"))
    other = CoursePageFactory(parent=provider, title="Budgets", duration_hours=Decimal("3.0"))
    with_competency = CoursePageFactory(parent=provider, title="Data", duration_hours=Decimal("2"))
    competency = Competency.objects.filter(framework=framework, is_retired=False).first()
    CourseCompetency.objects.create(course=with_competency, competency=competency)
    return Country(world, north, south, course, other, with_competency, competency)


def local(*parts, zone=None) -> datetime:
    """An aware datetime from local wall-clock parts in the (current) country time zone."""
    return datetime(*parts, tzinfo=ZoneInfo(zone or settings.TIME_ZONE))


def make_campaign(**fields) -> Campaign:
    targets = {name: fields.pop(name, []) for name in ("target_courses", "target_competencies")}
    defaults = {
        "name": "Learning week",
        "slug": f"week-{Campaign.objects.count() + 1}",
        "starts_at": timezone.now() - timezone.timedelta(days=1),
        "ends_at": timezone.now() + timezone.timedelta(days=6),
        "is_published": True,
    }
    campaign = Campaign.objects.create(**{**defaults, **fields})
    for name, values in targets.items():
        getattr(campaign, name).set(values)
    return campaign


def committed():
    """Run what waits for the commit (the live-counter updates) at the end of the block,
    as a real commit would; tests run inside a transaction that never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def complete(user, course, at=None):
    """``user`` completes ``course`` at ``at`` (now by default); the completion is
    announced through learning's real task, which sends ``course_completed``."""
    enrolment = EnrolmentFactory(user=user, course=course, completed_at=at or timezone.now())
    with committed():
        announce_course_completion(enrolment.pk)
    return enrolment


def recount(campaign):
    with committed():
        rebuild(campaign)


@pytest.fixture
def person():
    def make(organisation, **fields):
        return UserFactory(organisation=organisation, **fields)

    return make
