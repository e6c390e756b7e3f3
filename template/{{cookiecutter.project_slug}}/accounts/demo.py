"""Demo people: an administrator, the administrative roles, and learners spread over the
seeded organisations.

Roles (see ``organisations.scope``): a national administrator; two organisation
administrators, of the first and of another top-level organisation; a provider editor;
a catalogue reviewer. Demo modules run in INSTALLED_APPS order and ``accounts`` comes
before ``catalog``, whose demo creates the providers and their editors groups. So the
provider editor joins an existing provider editors group when there is one (every run
after the first), and otherwise the first one ``catalog`` creates later in the same
``seed_demo`` run (a ``post_save`` receiver on Group, connected for that run only). The
reviewers group is found by its name, which ``catalog`` also finds it by.

Passwords are only set when ``GOVLEARN_DEMO_PASSWORD`` is given (``make demo`` prints
it); otherwise the accounts exist but cannot log in, which keeps a production database
that ran seed_demo by mistake safe.
"""

import os

from django.contrib.auth.models import Group
from django.db.models.signals import post_save

from accounts.models import User
from organisations.models import Organisation, OrganisationAdministrator
from organisations.scope import NATIONAL_ADMINS, ensure_role_groups

REVIEWERS_GROUP = "Catalogue reviewers"  # catalog.providers.REVIEWERS_GROUP
PROVIDER_EDITORS_SUFFIX = " editors"  # catalog.providers names groups "<Provider> editors"

DEMO_LEARNERS = [
    ("amina", "Amina", "Okafor", "Policy Officer", "G7"),
    ("rahul", "Rahul", "Verma", "Section Officer", "G6"),
    ("sofia", "Sofía", "Núñez", "Finance Analyst", "G7"),
    ("jean", "Jean-Baptiste", "Duval", "HR Manager", "G8"),
    ("leila", "Leïla", "Haddad", "Digital Services Lead", "G9"),
    ("kofi", "Kofi", "Mensah", "Procurement Officer", "G6"),
    ("mere", "Mere", "Tane", "Policy Officer", "G7"),
    ("ana", "Ana", "Silva", "Section Officer", "G5"),
]


def _set_password(user: User, password: str | None) -> None:
    if password:
        user.set_password(password)
    elif not user.password:
        user.set_unusable_password()


def seed(country, report) -> None:
    password = os.environ.get("GOVLEARN_DEMO_PASSWORD") or None
    organisations = list(Organisation.objects.filter(is_active=True).order_by("path"))
    admin, _ = User.objects.get_or_create(
        username="admin", defaults={"email": country.admin_email, "first_name": "Portal"}
    )
    admin.is_staff = admin.is_superuser = True
    _set_password(admin, password)
    admin.save()
    for index, (username, first, last, designation, grade) in enumerate(DEMO_LEARNERS):
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@{country.domain}"
        user.employee_id = f"{country.code}-{1000 + index}"
        user.designation, user.grade = designation, grade
        user.organisation = organisations[index % len(organisations)] if organisations else None
        _set_password(user, password)
        user.save()
    roles = seed_roles(country, password)
    report.write(
        f"admin, {len(roles)} people in administrative roles, {len(DEMO_LEARNERS)} learners"
    )
    report.password_from(
        "demo password set from GOVLEARN_DEMO_PASSWORD, never printed"
        if password
        else "no password: set GOVLEARN_DEMO_PASSWORD and seed again to sign in"
    )
    report.account("admin", "superuser")
    for username, role in roles:
        report.account(username, role)
    first, *others = [username for username, *_rest in DEMO_LEARNERS]
    report.account(first, f"learner; also {', '.join(others)}")


def _person(country, username, first, last, organisation, password) -> User:
    person, _ = User.objects.get_or_create(username=username)
    person.first_name, person.last_name = first, last
    person.email = f"{username}@{country.domain}"
    person.organisation = organisation
    _set_password(person, password)
    person.save()
    return person


def _provider_editors_group(member: User | None = None):
    """A provider's editors group (one ``member`` already belongs to, when given)."""
    groups = Group.objects.filter(user=member) if member is not None else Group.objects.all()
    return (
        groups.filter(name__endswith=PROVIDER_EDITORS_SUFFIX, page_permissions__isnull=False)
        .exclude(name__in=[NATIONAL_ADMINS, REVIEWERS_GROUP])
        .order_by("name")
        .first()
    )


def _join_first_provider_group_created(editor: User) -> None:
    def joined(sender, instance, created, **kwargs):
        if created and instance.name.endswith(PROVIDER_EDITORS_SUFFIX):
            editor.groups.add(instance)
            post_save.disconnect(sender=Group, dispatch_uid="demo-provider-editor")

    post_save.connect(joined, sender=Group, weak=False, dispatch_uid="demo-provider-editor")


def seed_roles(country, password) -> list[tuple[str, str]]:
    """The administrative demo people, as (username, role) for the summary."""
    national_group, _organisation_admins = ensure_role_groups()
    tops = list(Organisation.objects.filter(depth=1).order_by("path")[:2])
    first_top = tops[0] if tops else None
    other_top = tops[1] if len(tops) > 1 else None
    lines = []

    national = _person(country, "national-admin", "Nadia", "Laurent", first_top, password)
    national.groups.add(national_group)
    lines.append(("national-admin", "national administrator"))

    for username, first, last, organisation in (
        ("org-admin", "Omar", "Farah", first_top),
        ("org-admin-2", "Grace", "Moyo", other_top),
    ):
        if organisation is None:
            lines.append((username, "organisation administrator: skipped, no organisation"))
            continue
        person = _person(country, username, first, last, organisation, password)
        OrganisationAdministrator.objects.get_or_create(user=person, organisation=organisation)
        lines.append((username, f"organisation administrator of {organisation.name}"))

    editor = _person(country, "provider-editor", "Priya", "Nair", first_top, password)
    group = _provider_editors_group(editor) or _provider_editors_group()
    if group is not None:
        editor.groups.add(group)
        lines.append(("provider-editor", f"provider editor ({group.name})"))
    else:
        _join_first_provider_group_created(editor)
        lines.append(("provider-editor", "provider editor (the first provider's editors)"))

    reviewer = _person(country, "reviewer", "Tomás", "Ruiz", first_top, password)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    reviewer.groups.add(reviewers)
    lines.append(("reviewer", "catalogue reviewer"))
    return lines
