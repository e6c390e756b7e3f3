"""Which role profile a learner is measured against.

An administrator's explicit choice (``LearnerRole``) wins. Otherwise the learner's
designation, as the HR system spells it, is matched against the role profiles' codes and
names in every language, ignoring case and surrounding spaces: "Policy Analyst" and
"policy-analyst" both find the ``policy-analyst`` role.
"""

from __future__ import annotations

from competencies.models import LearnerRole, RoleProfile


def _normalised(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


def role_for(user) -> RoleProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    chosen = LearnerRole.objects.filter(user=user, role__is_retired=False).select_related("role")
    explicit = chosen.first()
    if explicit is not None:
        return explicit.role
    designation = _normalised(getattr(user, "designation", "") or "")
    if not designation:
        return None
    for role in RoleProfile.objects.filter(is_retired=False).select_related("framework"):
        names = [role.code, *role.name.values()]
        if designation in {_normalised(name) for name in names}:
            return role
    return None
