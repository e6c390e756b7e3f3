"""Factories for the competencies app's own rows. The framework itself is never built by a
factory: tests load the country's real framework file (``framework`` in the root conftest)."""

import factory

from accounts.factories import UserFactory
from competencies.models import LearnerRole


class LearnerRoleFactory(factory.django.DjangoModelFactory):
    """A learner measured against ``role`` (a RoleProfile of the loaded framework)."""

    class Meta:
        model = LearnerRole

    user = factory.SubFactory(UserFactory)
