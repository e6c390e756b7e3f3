"""Learning hours: what an open tab can and cannot earn."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning import services
from learning.factories import LearningTimeFactory
from learning.models import LearningTime


@pytest.fixture
def enrolled(tree, learner):
    services.enrol(learner, tree.course)
    return tree


def rewind(user, seconds):
    LearningTime.objects.filter(user=user).update(
        last_reported_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_a_report_cannot_claim_more_than_the_time_since_the_previous_one(enrolled, learner):
    lesson = enrolled.lessons[0]
    assert services.record_time(learner, lesson, 30) == 30
    rewind(learner, 10)
    # A second tab (or a script) reporting 30 s only 10 s later earns the 10 s (+ slack).
    credited = services.record_time(learner, enrolled.lessons[1], 30)
    assert 10 <= credited <= 10 + services.REPORT_SLACK_SECONDS
    assert LearningTime.objects.get(user=learner, lesson=lesson).seconds == 30


def test_time_stops_counting_at_the_daily_cap(enrolled, learner, monkeypatch):
    monkeypatch.setattr(services, "MAX_SECONDS_PER_DAY", 100)
    lesson = enrolled.lessons[0]
    assert services.record_time(learner, lesson, 90) == 90
    rewind(learner, 120)
    assert services.record_time(learner, lesson, 90) == 10
    rewind(learner, 120)
    assert services.record_time(learner, lesson, 90) == 0
    assert LearningTime.objects.get(user=learner, lesson=lesson).seconds == 100


def test_hours_this_year_sum_every_lesson_and_ignore_last_year(enrolled, learner):
    today = timezone.localdate()
    LearningTimeFactory(
        user=learner,
        lesson=enrolled.lessons[0],
        day=today.replace(year=today.year - 1),
        seconds=36_000,
        last_reported_at=timezone.now() - timedelta(days=400),
    )
    for index, lesson in enumerate(enrolled.lessons[:2]):
        rewind(learner, 3600)
        services.record_time(learner, lesson, 120 - index * 30)
    assert services.time_spent_hours_this_year(learner) == round(210 / 3600, 1)
