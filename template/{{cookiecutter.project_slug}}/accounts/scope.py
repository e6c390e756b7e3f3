"""Which people an administrator may see and manage (see ``organisations.scope``).

National administrators manage everyone. Organisation administrators manage the people
whose organisation lies in a subtree they administer — never a superuser or a national
administrator, even one filed under their organisation, so nobody can raise their own
rights by editing a wider administrator. (The forms keep groups and the superuser flag
away from organisation administrators for the same reason.)
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from organisations.scope import (
    NATIONAL_ADMINS,
    can_manage_organisation,
    in_scope_q,
    is_national_admin,
)


def people_in_scope(user, queryset=None):
    """``queryset`` (default: every person) narrowed to the people ``user`` manages."""
    if queryset is None:
        queryset = get_user_model()._default_manager.all()
    if is_national_admin(user):
        return queryset
    return (
        queryset.filter(in_scope_q(user, "organisation"))
        .exclude(is_superuser=True)
        .exclude(groups__name=NATIONAL_ADMINS)
    )


def can_manage_person(admin_user, person) -> bool:
    if is_national_admin(admin_user):
        return True
    if person.organisation_id is None or person.is_superuser or is_national_admin(person):
        return False
    return can_manage_organisation(admin_user, person.organisation)
