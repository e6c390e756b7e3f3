"""Factories for people, used by every app's tests (through the root ``conftest.py`` too)."""

import factory

from accounts.models import User

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    """A civil servant with an HRMS employee id who signs in with ``PASSWORD``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner-{n}")
    # Not the "EMP-…" form tests give their named learners, so a sequence never meets one.
    employee_id = factory.Sequence(lambda n: f"HR-{n:06d}")
    password = factory.django.Password(PASSWORD)
