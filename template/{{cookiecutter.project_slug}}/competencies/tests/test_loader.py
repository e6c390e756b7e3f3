"""Loading the country's framework, and re-loading a newer version in place."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from competencies.factories import LearnerRoleFactory
from competencies.loader import load_framework_file
from competencies.models import (
    Competency,
    CompetencyGroup,
    Framework,
    LearnerRole,
    ProficiencyLevel,
    RoleProfile,
    RoleRequirement,
)

pytestmark = pytest.mark.django_db


def first_competency(data):
    return data["groups"][0]["competencies"][0]


def test_command_loads_the_generated_repositorys_framework(framework_data):
    out = io.StringIO()
    call_command("load_framework", stdout=out)
    framework = Framework.objects.get()
    assert str(framework.uuid) == framework_data["metadata"]["uuid"]
    assert str(settings.GOVLEARN_FRAMEWORK_FILE) in out.getvalue()
    competency_count = sum(len(g.get("competencies", [])) for g in framework_data["groups"])
    assert Competency.objects.count() == competency_count
    assert [lv.code for lv in ProficiencyLevel.objects.order_by("rank")] == [
        lv["code"] for lv in framework_data["levels"]
    ]
    expected_requirements = sum(len(r["requirements"]) for r in framework_data.get("roles", []))
    assert RoleRequirement.objects.count() == expected_requirements


def test_reload_updates_in_place_and_keeps_links(framework_data, write_framework):
    load_framework_file(write_framework(framework_data))
    item = first_competency(framework_data)
    competency = Competency.objects.get(uuid=item["uuid"])
    role = RoleProfile.objects.order_by("position").first()
    learner = LearnerRoleFactory(role=role).user

    default = framework_data["metadata"]["languages"][0]
    item["name"][default] = "Renamed in version 2"
    for role_data in framework_data.get("roles", []):
        for requirement in role_data["requirements"]:
            if requirement["competency"] == item["code"]:
                requirement["competency"] = "NEW-CODE"
    item["code"] = "NEW-CODE"
    framework_data["metadata"]["version"] = "2.0"
    report = load_framework_file(write_framework(framework_data, "v2.yaml"))

    competency.refresh_from_db()
    assert competency.code == "NEW-CODE"
    assert competency.label(default) == "Renamed in version 2"
    assert report.created["competencies"] == 0
    assert Framework.objects.get().version == "2.0"
    assert LearnerRole.objects.get(user=learner).role_id == role.pk


def unrequired_competency(data) -> tuple[list, dict]:
    """A competency no role requires, with the list that holds it."""
    required = {r["competency"] for role in data.get("roles", []) for r in role["requirements"]}
    for group in data["groups"]:
        for item in group.get("competencies", []):
            if item["code"] not in required and len(group["competencies"]) > 1:
                return group["competencies"], item
    raise AssertionError("every competency is required by some role")


def test_competency_removed_from_the_file_is_retired_not_deleted(framework_data, write_framework):
    load_framework_file(write_framework(framework_data))
    holder, removed = unrequired_competency(framework_data)
    holder.remove(removed)
    report = load_framework_file(write_framework(framework_data, "v2.yaml"))

    assert Competency.objects.get(uuid=removed["uuid"]).is_retired
    assert report.retired["competencies"] == 1
    assert report.updated["competencies"] == Competency.objects.filter(is_retired=False).count()


def test_retired_code_can_be_reused_by_a_new_competency(framework_data, write_framework):
    load_framework_file(write_framework(framework_data))
    item = first_competency(framework_data)
    old_uuid = item["uuid"]
    item["uuid"] = "0b6f7c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f"
    load_framework_file(write_framework(framework_data, "v2.yaml"))

    assert Competency.objects.get(uuid=old_uuid).is_retired
    assert not Competency.objects.get(uuid=item["uuid"]).is_retired
    assert Competency.objects.filter(code=item["code"]).count() == 2


def test_subgroups_keep_their_parent(framework_data, write_framework):
    parent = framework_data["groups"][0]
    moved = framework_data["groups"].pop()
    parent.setdefault("groups", []).append(moved)
    load_framework_file(write_framework(framework_data))
    assert CompetencyGroup.objects.get(uuid=moved["uuid"]).parent.uuid.hex == parent[
        "uuid"
    ].replace("-", "")


def test_broken_file_lists_every_problem_and_changes_nothing(framework_data, write_framework):
    load_framework_file(write_framework(framework_data))
    before = Competency.objects.filter(is_retired=False).count()
    framework_data["groups"][0]["competencies"][1]["uuid"] = first_competency(framework_data)[
        "uuid"
    ]
    framework_data.setdefault("roles", []).append(
        {
            "code": "ghost",
            "uuid": "5d1c7b1a-3f55-4b8e-8d0e-9a1b2c3d4e5f",
            "name": {"en": "Ghost"},
            "requirements": [{"competency": "NOPE", "level": "nope"}],
        }
    )
    with pytest.raises(CommandError) as caught:
        call_command("load_framework", str(write_framework(framework_data, "bad.yaml")))
    message = str(caught.value)
    assert "used twice" in message
    assert "unknown competency 'NOPE'" in message
    assert "unknown level 'nope'" in message
    assert Competency.objects.filter(is_retired=False).count() == before


def test_seed_demo_hook_loads_the_framework_idempotently():
    from competencies import demo

    demo.seed(None, io.StringIO())
    count = Competency.objects.count()
    again = io.StringIO()
    demo.seed(None, again)
    assert Framework.objects.count() == 1
    assert Competency.objects.count() == count
    framework = Framework.objects.get()
    assert f"framework {framework.code} {framework.version} (0 competencies new," in (
        again.getvalue()
    )


def test_two_competencies_can_swap_codes_between_versions(framework_data, write_framework):
    load_framework_file(write_framework(framework_data))
    holder, _removed = unrequired_competency(framework_data)
    first, second = holder[0], holder[1]
    codes = {first["code"], second["code"]}
    for role in framework_data.get("roles", []):
        for requirement in role["requirements"]:
            if requirement["competency"] in codes:
                other = (codes - {requirement["competency"]}).pop()
                requirement["competency"] = other
    first["code"], second["code"] = second["code"], first["code"]
    load_framework_file(write_framework(framework_data, "swapped.yaml"))
    assert Competency.objects.get(uuid=first["uuid"]).code == first["code"]
    assert Competency.objects.get(uuid=second["uuid"]).code == second["code"]
    assert not Competency.objects.filter(code__startswith="~").exists()
