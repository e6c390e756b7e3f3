"""A small country for the people-and-access tests: two top-level organisations with a
subtree each, and one person in every role. ``accounts`` tests import these fixtures."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.factories import UserFactory
from organisations.models import Organisation, OrganisationAdministrator
from organisations.scope import ensure_role_groups
from portal.country import get_country

REVIEWERS_GROUP = "Catalogue reviewers"


@dataclass
class World:
    union: Organisation
    ministry: Organisation
    office: Organisation
    state: Organisation
    district: Organisation
    national_admin: object
    union_admin: object
    state_admin: object
    provider_editor: object
    reviewer: object
    learner: object
    union_person: object
    state_person: object

    def roles(self):
        return {
            "national_admin": self.national_admin,
            "org_admin": self.union_admin,
            "provider_editor": self.provider_editor,
            "reviewer": self.reviewer,
            "learner": self.learner,
        }


def _admin_access_group(name):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def profile_levels() -> tuple[str, str]:
    """The profile's first level and the one below it (any profile, any names)."""
    codes = [level["code"] for level in get_country().organisation_levels]
    return codes[0], codes[1] if len(codes) > 1 else codes[0]


@pytest.fixture
def world(db):
    return build_world()


def build_world() -> World:
    """The country above, written to the database (``accounts`` tests make their own
    ``world`` fixture from it)."""
    national_group, _organisation_admins = ensure_role_groups()
    top, below = profile_levels()
    union = Organisation.add_root(code="UNION", name="Union Government", level=top)
    ministry = union.add_child(code="UNION-FIN", name="Ministry of Finance", level=below)
    office = ministry.add_child(code="UNION-TAX", name="Tax Office", level=below)
    state = Organisation.add_root(code="STATE", name="Coastal State", level=top)
    district = state.add_child(code="ST-D1", name="North District", level=below)

    national_admin = UserFactory(username="nadmin", organisation=union)
    national_admin.groups.add(national_group)
    union_admin = UserFactory(username="union-admin", organisation=union)
    OrganisationAdministrator.objects.create(user=union_admin, organisation=union)
    state_admin = UserFactory(username="state-admin", organisation=state)
    OrganisationAdministrator.objects.create(user=state_admin, organisation=state)
    provider_editor = UserFactory(username="editor", organisation=ministry)
    provider_editor.groups.add(_admin_access_group("Training Institute editors"))
    reviewer = UserFactory(username="reviewer", organisation=ministry)
    reviewer.groups.add(_admin_access_group(REVIEWERS_GROUP))
    learner = UserFactory(username="plain-learner", organisation=office)
    world = World(
        union=union,
        ministry=ministry,
        office=office,
        state=state,
        district=district,
        national_admin=national_admin,
        union_admin=union_admin,
        state_admin=state_admin,
        provider_editor=provider_editor,
        reviewer=reviewer,
        learner=learner,
        union_person=UserFactory(username="union-person", last_name="Okafor", organisation=office),
        state_person=UserFactory(username="state-person", last_name="Okoro", organisation=district),
    )
    # Sorted inserts renumber siblings' paths: read every object back as stored.
    for value in vars(world).values():
        value.refresh_from_db()
    return world


def refreshed(organisation):
    return Organisation.objects.get(pk=organisation.pk)
