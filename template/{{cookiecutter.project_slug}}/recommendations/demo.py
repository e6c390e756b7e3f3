"""Demo: give demo learners a role profile so their page shows gaps and recommendations.

Demo designations ("Policy Officer", "Finance Analyst") rarely spell a framework's role
names exactly, so each learner without a role gets the first role profile sharing a word
of four letters or more with their designation. Idempotent: learners who already have a
role are left alone.
"""

from __future__ import annotations

import re

from accounts.models import User
from competencies.models import LearnerRole, RoleProfile
from competencies.roles import role_for


def _words(text: str) -> set[str]:
    return {word for word in re.split(r"[^\w]+", text.casefold()) if len(word) >= 4}


def seed(country, stdout) -> None:
    roles = [
        (role, _words(" ".join([role.code.replace("-", " "), *role.name.values()])))
        for role in RoleProfile.objects.filter(is_retired=False).order_by("position")
    ]
    given = 0
    for user in User.objects.exclude(designation="").filter(competency_role__isnull=True):
        if role_for(user) is not None:
            continue
        wanted = _words(user.designation)
        match = next((role for role, words in roles if words & wanted), None)
        if match is not None:
            LearnerRole.objects.create(user=user, role=match)
            given += 1
    stdout.write(f"{given} learners given a role profile")
