"""Who an assignment reaches, and which assignments reach a person — both as queries.

Nothing here loops over people: an assignment to "every Section Officer of the country"
is one indexed query over the people table (``UPPER(designation)``, the index the people
admin searches with), an organisation subtree is one materialised-path prefix. Only
active people are assigned: a deactivated person drops out of reminders and compliance,
and comes back if reactivated.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from assignments.models import AssignedDesignation, AssignedPerson, Assignment
from organisations.models import Organisation


def normalise_designation(designation: str) -> str:
    """How designations are compared: trimmed, upper-cased (as ``iexact`` does in SQL)."""
    return designation.strip().upper()


def _organisation_q(assignment: Assignment, field: str = "organisation") -> Q:
    """People in the assignment's organisation (and below it, when it says so)."""
    if assignment.organisation_id is None:
        return Q()
    if assignment.include_subtree:
        return Q(**{f"{field}__path__startswith": assignment.organisation.path})
    return Q(**{f"{field}_id": assignment.organisation_id})


def assignees(assignment: Assignment):
    """The active people ``assignment`` reaches today, as a queryset of users."""
    people = get_user_model()._default_manager.filter(is_active=True)
    if assignment.target == Assignment.Target.PEOPLE:
        chosen = AssignedPerson.objects.filter(assignment=assignment).values("user_id")
        return people.filter(pk__in=chosen)
    if assignment.target == Assignment.Target.ORGANISATION:
        if assignment.organisation_id is None:
            return people.none()
        return people.filter(_organisation_q(assignment))
    designations = list(assignment.designations.values_list("designation", flat=True))
    if not designations:
        return people.none()
    wanted = Q(pk__in=[])
    for designation in designations:
        wanted |= Q(designation__iexact=designation)
    return people.filter(wanted).filter(_organisation_q(assignment))


def ancestor_paths(organisation: Organisation | None) -> list[str]:
    """Paths of ``organisation`` and every organisation above it, computed from its own
    path (materialised paths make this free: no query)."""
    if organisation is None:
        return []
    step = Organisation.steplen
    return [organisation.path[:end] for end in range(step, len(organisation.path) + 1, step)]


def assignments_for(user):
    """Every assignment that reaches ``user`` (a queryset of Assignment), in one query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Assignment.objects.none()
    organisation = user.organisation
    paths = ancestor_paths(organisation)
    in_organisation = Q(organisation_id=user.organisation_id) | Q(
        include_subtree=True, organisation__path__in=paths
    )
    if organisation is None:
        in_organisation = Q(pk__in=[])
    named = Q(
        target=Assignment.Target.PEOPLE,
        pk__in=AssignedPerson.objects.filter(user=user).values("assignment_id"),
    )
    by_organisation = Q(target=Assignment.Target.ORGANISATION) & in_organisation
    reach = named | by_organisation
    # As ``iexact`` compares in SQL: the person's designation as recorded, any case.
    designation = (user.designation or "").upper()
    if designation:
        holds = AssignedDesignation.objects.filter(
            assignment=OuterRef("pk"), designation=designation
        )
        reach |= (
            Q(target=Assignment.Target.DESIGNATIONS)
            & (Q(organisation__isnull=True) | in_organisation)
            & Q(Exists(holds))
        )
    return Assignment.objects.filter(reach)
