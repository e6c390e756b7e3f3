"""Factories for what learners did: enrolments and learning time.

Most tests should reach these rows through ``learning.services`` like a learner would;
the factories are for the states a test cannot wait for (a completion two hours ago, the
time spent last year).
"""

import factory
from django.utils import timezone

from accounts.factories import UserFactory
from catalog.factories import CoursePageFactory, LessonPageFactory
from learning.models import Enrolment, LearningTime


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment; ``completed=True`` (or a ``completed_at``) makes it a completion."""

    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CoursePageFactory)

    class Params:
        completed = factory.Trait(completed_at=factory.LazyFunction(timezone.now))


class LearningTimeFactory(factory.django.DjangoModelFactory):
    """Seconds spent on a lesson on one day (today unless ``day`` says otherwise)."""

    class Meta:
        model = LearningTime

    user = factory.SubFactory(UserFactory)
    lesson = factory.SubFactory(LessonPageFactory)
    course = factory.LazyAttribute(lambda row: row.lesson.course)
    day = factory.LazyFunction(timezone.localdate)
    seconds = 60
    last_reported_at = factory.LazyFunction(timezone.now)
