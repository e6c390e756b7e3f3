"""Browsing the framework in the Wagtail admin: visible to editors, never editable."""

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


def test_nobody_edits_the_framework_in_the_admin(client, loaded, admin_user):
    client.force_login(admin_user)
    competency = Competency.objects.first()
    edit = client.get(reverse("wagtailsnippets_competencies_competency:edit", args=[competency.pk]))
    add = client.get(reverse("wagtailsnippets_competencies_competency:add"))
    assert edit.status_code in (302, 403)
    assert add.status_code in (302, 403)


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
