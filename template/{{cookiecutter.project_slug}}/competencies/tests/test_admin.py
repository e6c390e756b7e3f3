"""Browsing the framework in the Wagtail admin: visible to editors, never editable."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from competencies.models import Competency, LearnerRole, RoleProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_framework", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def editor(django_user_model):
    """An admin user with no model permissions at all, like a course provider's editor."""
    user = django_user_model.objects.create_user("editor", password="pw")
    group = Group.objects.create(name="Provider editors without model rights")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def test_editor_can_list_and_inspect_competencies(client, loaded, editor):
    client.force_login(editor)
    competency = Competency.objects.first()
    listing = client.get(reverse("wagtailsnippets_competencies_competency:list"))
    assert listing.status_code == 200
    assert competency.code in listing.content.decode()
    inspect = client.get(
        reverse("wagtailsnippets_competencies_competency:inspect", args=[competency.pk])
    )
    assert inspect.status_code == 200


def _edit_paths(competency) -> list[str]:
    return [
        reverse("wagtailsnippets_competencies_competency:edit", args=[competency.pk]),
        reverse("wagtailsnippets_competencies_competency:add"),
        reverse("wagtailsnippets_competencies_competency:delete", args=[competency.pk]),
    ]


def _redirect(response) -> tuple[int, str | None]:
    return response.status_code, response.get("Location")


@pytest.mark.parametrize("who", ["admin_user", "editor"])
def test_nobody_edits_the_framework_in_the_admin(client, loaded, who, request):
    """Not even a superuser. Wagtail 8 answers a refused admin page (not an XHR) by
    redirecting to the admin home with a message, rather than with a bare 403."""
    client.force_login(request.getfixturevalue(who))
    competency = Competency.objects.first()
    home = reverse("wagtailadmin_home")
    for path in _edit_paths(competency):
        assert _redirect(client.get(path)) == (302, home), path
    assert _redirect(client.post(_edit_paths(competency)[0], {"code": "EDITED"})) == (302, home)
    competency.refresh_from_db()
    assert competency.code != "EDITED"


def test_the_admin_sends_anonymous_visitors_to_its_login(client, loaded):
    competency = Competency.objects.first()
    login = reverse("wagtailadmin_login")
    listing = reverse("wagtailsnippets_competencies_competency:list")
    for path in [listing, *_edit_paths(competency)]:
        assert _redirect(client.get(path)) == (302, f"{login}?next={quote(path)}"), path


def test_role_profile_inspect_lists_requirements(client, loaded, admin_user):
    client.force_login(admin_user)
    role = RoleProfile.objects.first()
    requirement = role.requirements.first()
    page = client.get(reverse("wagtailsnippets_competencies_roleprofile:inspect", args=[role.pk]))
    assert requirement.competency.code in page.content.decode()


def test_administrator_assigns_a_learner_role(client, loaded, admin_user, django_user_model):
    learner = django_user_model.objects.create_user("learner", password="pw")
    role = RoleProfile.objects.first()
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailsnippets_competencies_learnerrole:add"),
        {"user": learner.pk, "role": role.pk},
    )
    assert response.status_code == 302
    assert LearnerRole.objects.get(user=learner).role == role


def test_course_editors_choose_among_live_competencies_only(client, loaded, editor):
    retired, live = Competency.objects.order_by("position")[:2]
    retired.is_retired = True
    retired.save()
    client.force_login(editor)
    chooser = client.get(reverse("wagtailsnippetchoosers_competencies_competency:choose"))
    assert chooser.status_code == 200
    html = chooser.json()["html"]
    assert live.code in html
    assert retired.code not in html
