"""Who may see and manage which part of the organisation tree.

Two administrative roles sit on top of the provider editors and reviewers of
``catalog/providers.py``:

* a **national administrator** (an active superuser, or a member of
  ``NATIONAL_ADMINS``) manages every organisation and every person;
* an **organisation administrator** (a row of ``OrganisationAdministrator``) manages the
  organisations they administer and everything below them, and the people in them.

Scope is a filter, never a hidden link: every view, export and API that shows people or
organisations narrows its queryset with these functions, so an id from another subtree
finds nothing. A subtree is a materialised-path prefix, one indexed query whatever its size.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Count, Q

from organisations.models import Organisation

NATIONAL_ADMINS = "National administrators"
ORGANISATION_ADMINS = "Organisation administrators"

# What a national administrator may do through Wagtail's own views (the user bulk actions
# check Django permissions); organisation administrators get admin access only, and the
# scoped views below decide the rest.
_NATIONAL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("accounts", "add_user"),
    ("accounts", "change_user"),
    ("accounts", "delete_user"),
    ("accounts", "view_user"),
    ("organisations", "add_organisation"),
    ("organisations", "change_organisation"),
    ("organisations", "view_organisation"),
]
_ORGANISATION_ADMIN_PERMISSIONS = [("wagtailadmin", "access_admin")]


def _permissions_q(wanted, prefix: str = "") -> Q:
    query = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for app_label, codename in wanted:
        query |= Q(**{f"{prefix}content_type__app_label": app_label, f"{prefix}codename": codename})
    return query


_ROLE_PERMISSIONS = {
    NATIONAL_ADMINS: _NATIONAL_PERMISSIONS,
    ORGANISATION_ADMINS: _ORGANISATION_ADMIN_PERMISSIONS,
}


def ensure_role_groups() -> tuple[Group, Group]:
    """Create (or repair) the two administrative groups and their permissions.

    One SELECT when both are in order, so ``sync_country`` can call it on every run.
    """
    counts = {
        name: Count("permissions", filter=_permissions_q(wanted, "permissions__"), distinct=True)
        for name, wanted in _ROLE_PERMISSIONS.items()
    }
    found = {
        group.name: group
        for group in Group.objects.filter(name__in=_ROLE_PERMISSIONS).annotate(
            **{f"granted_{index}": count for index, count in enumerate(counts.values())}
        )
    }
    groups = []
    for index, (name, wanted) in enumerate(_ROLE_PERMISSIONS.items()):
        group = found.get(name)
        if group is None or getattr(group, f"granted_{index}") < len(wanted):
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.add(*Permission.objects.filter(_permissions_q(wanted)))
        groups.append(group)
    return groups[0], groups[1]


def _cached(user, name: str, compute):
    """Scope is asked many times per request; compute it once per user object."""
    cache = user.__dict__.setdefault("_organisation_scope", {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def is_national_admin(user) -> bool:
    """An active superuser, or an active member of the national administrators group."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return _cached(user, "national", lambda: user.groups.filter(name=NATIONAL_ADMINS).exists())


def administered_roots(user) -> list[Organisation]:
    """The top-most organisations ``user`` administers (a subtree inside another is dropped)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []

    def compute():
        administered = sorted(
            Organisation.objects.filter(administrators__user=user), key=lambda org: org.path
        )
        roots: list[Organisation] = []
        for organisation in administered:
            if not any(organisation.path.startswith(root.path) for root in roots):
                roots.append(organisation)
        return roots

    return _cached(user, "roots", compute)


def is_organisation_admin(user) -> bool:
    return bool(administered_roots(user))


def has_people_admin(user) -> bool:
    """May open the people and organisation views at all (national or organisation admin)."""
    return is_national_admin(user) or is_organisation_admin(user)


def _paths_q(paths: list[str], prefix: str) -> Q:
    query = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for path in paths:
        query |= Q(**{f"{prefix}path__startswith": path})
    return query


def organisations_in_scope(user):
    """Every organisation for a national admin; the administered subtrees; or none."""
    if is_national_admin(user):
        return Organisation.objects.all()
    roots = administered_roots(user)
    if not roots:
        return Organisation.objects.none()
    return Organisation.objects.filter(_paths_q([root.path for root in roots], ""))


def in_scope_q(user, field: str) -> Q:
    """A filter for any model with a path to Organisation, e.g. ``"organisation"``.

    ``Q()`` for national administrators; a prefix match on the administered subtrees for
    organisation administrators; a filter that matches nothing for everyone else.
    """
    if is_national_admin(user):
        return Q()
    roots = administered_roots(user)
    if not roots:
        return Q(pk__in=[])
    query = Q(pk__in=[])
    for root in roots:
        query |= Q(**{f"{field}__path__startswith": root.path})
    return query


def can_manage_organisation(user, organisation: Organisation) -> bool:
    if is_national_admin(user):
        return True
    return any(organisation.path.startswith(root.path) for root in administered_roots(user))
