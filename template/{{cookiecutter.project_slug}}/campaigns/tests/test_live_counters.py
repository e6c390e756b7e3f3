"""On real Redis and PostgreSQL: the live counters equal the durable rows under racing
completions, survive Redis losing them, and a real worker's completion shows on the
public feed within seconds.

Run in the integration lane (``-m integration`` with DATABASE_URL and REDIS_URL set).
"""

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from campaigns import counters
from campaigns.counting import count_completion, rebuild
from campaigns.tests.conftest import forget_campaign_keys, make_campaign
from learning.factories import EnrolmentFactory
from learning.models import Enrolment
from learning.tasks import announce_course_completion

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _real_services():
    if connection.vendor != "postgresql" or not counters.uses_redis():
        pytest.skip("needs PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)")


def rows_figures(campaign):
    return (
        campaign.completions.count(),
        sum(campaign.completions.values_list("hours_tenths", flat=True)),
    )


def test_racing_announcements_count_each_completion_once(country, person):
    campaign = make_campaign()
    people = [person(country.world.office if n % 2 else country.world.district) for n in range(12)]
    enrolments = [
        EnrolmentFactory(user=someone, course=country.course, completed_at=timezone.now())
        for someone in people
    ]
    # Every completion announced by three threads at once (a retry racing the original).
    work = [enrolment.pk for enrolment in enrolments for _ in range(3)]
    barrier = threading.Barrier(6)
    errors = []

    def announce(ids):
        try:
            barrier.wait(timeout=10)
            for enrolment_id in ids:
                enrolment = Enrolment.objects.select_related("user", "course").get(pk=enrolment_id)
                count_completion(enrolment)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=announce, args=(work[n::6],)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    standings = counters.read(campaign.pk)
    assert (standings.completions, standings.hours_tenths) == rows_figures(campaign) == (12, 180)
    assert {(t.key, t.completions) for t in standings.organisations} == {
        (country.world.office.pk, 6),
        (country.world.district.pk, 6),
    }


def test_counters_lost_with_redis_are_rebuilt_from_the_rows(country, person):
    campaign = make_campaign()
    for _ in range(3):
        enrolment = EnrolmentFactory(
            user=person(country.world.office), course=country.course, completed_at=timezone.now()
        )
        announce_course_completion(enrolment.pk)
    assert counters.read(campaign.pk).completions == 3
    forget_campaign_keys()  # what a Redis restart without persistence looks like
    assert counters.read(campaign.pk).completions == 3
    assert counters.totals_many([campaign.pk])[campaign.pk].completions == 3
    # An increment that never arrived (worker died after commit) is repaired by a rebuild.
    counters.add([campaign.pk], country.world.office.pk, None, 15)
    assert counters.read(campaign.pk).completions == 4
    rebuild(campaign)
    assert counters.read(campaign.pk).completions == 3


def test_a_completion_in_a_real_worker_reaches_the_public_feed_within_seconds(
    country, person, client, real_worker, settings
):
    settings.CAMPAIGN_STANDINGS_CACHE_SECONDS = 1
    make_campaign(slug="live-week")
    enrolment = EnrolmentFactory(
        user=person(country.world.office), course=country.course, completed_at=timezone.now()
    )
    url = reverse("campaigns:standings", args=["live-week"])
    assert client.get(url).json()["completions"] == 0
    started = time.monotonic()
    announce_course_completion.delay(enrolment.pk).get(timeout=60)
    while client.get(url).json()["completions"] != 1:
        assert time.monotonic() - started < 30, real_worker.log_text()[-2000:]
        time.sleep(0.2)
    assert time.monotonic() - started < 30
