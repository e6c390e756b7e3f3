"""The demo gives demo learners a role profile from their designation, once."""

import io

import pytest

from accounts.factories import UserFactory
from competencies.models import LearnerRole, RoleProfile
from recommendations import demo

pytestmark = pytest.mark.django_db


def test_demo_learners_get_the_role_sharing_a_word_with_their_designation(framework):
    role = RoleProfile.objects.order_by("position").first()
    word = max((w for name in role.name.values() for w in name.split() if len(w) >= 4), key=len)
    matched = UserFactory(designation=f"Senior {word.upper()} (acting)")
    unmatched = UserFactory(designation="Zz")
    out = io.StringIO()
    demo.seed(None, out)
    assert LearnerRole.objects.get(user=matched).role == role  # the first role wins ties
    assert not LearnerRole.objects.filter(user=unmatched).exists()
    assert out.getvalue() == "1 learners given a role profile"
    again = io.StringIO()
    demo.seed(None, again)
    assert again.getvalue() == "0 learners given a role profile"
