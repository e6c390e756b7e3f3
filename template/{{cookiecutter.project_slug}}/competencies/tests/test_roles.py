"""Finding a learner's role profile from an explicit choice or their designation."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from accounts.factories import UserFactory
from competencies.factories import LearnerRoleFactory
from competencies.models import RoleProfile
from competencies.roles import role_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles():
    call_command("load_framework", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return list(RoleProfile.objects.order_by("position"))


def test_designation_matches_role_code_or_name_in_any_language(roles):
    role = roles[0]
    by_code = UserFactory(designation=role.code.upper())
    spaced_name = "  " + next(iter(role.name.values())).lower() + " "
    by_name = UserFactory(designation=spaced_name)
    assert role_for(by_code) == role
    assert role_for(by_name) == role


def test_explicit_choice_wins_over_designation(roles):
    user = UserFactory(designation=roles[0].code)
    LearnerRoleFactory(user=user, role=roles[1])
    assert role_for(user) == roles[1]


def test_no_role_for_unknown_designation_or_anonymous(roles):
    user = UserFactory(designation="Chief Cook")
    assert role_for(user) is None
    assert role_for(AnonymousUser()) is None
