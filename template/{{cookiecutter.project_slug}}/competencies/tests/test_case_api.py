"""The read-only CASE 1.1 REST paths."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft201909Validator

from competencies.case import item_uri
from competencies.models import Competency, CompetencyGroup, Framework

pytestmark = pytest.mark.django_db

BASE = "/ims/case/v1p1"


@pytest.fixture
def framework():
    call_command("load_framework", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Framework.objects.get()


def test_documents_lists_the_loaded_framework(client, framework):
    response = client.get(f"{BASE}/CFDocuments")
    assert response.status_code == 200
    (document,) = response.json()["CFDocuments"]
    assert document["identifier"] == str(framework.uuid)
    assert document["uri"] == f"http://testserver{BASE}/CFDocuments/{framework.uuid}"
    assert document["caseVersion"] == "1.1"
    for required in ("identifier", "uri", "creator", "title", "lastChangeDateTime"):
        assert document[required]


def test_package_holds_the_whole_tree_in_order(client, framework):
    package = client.get(f"{BASE}/CFPackages/{framework.uuid}").json()
    live = Competency.objects.filter(is_retired=False).count()
    groups = CompetencyGroup.objects.filter(is_retired=False).count()
    assert len(package["CFItems"]) == live + groups
    child_of = [a for a in package["CFAssociations"] if a["associationType"] == "isChildOf"]
    assert len(child_of) == len(package["CFItems"])
    top = [a for a in child_of if a["destinationNodeURI"]["identifier"] == str(framework.uuid)]
    assert [a["sequenceNumber"] for a in top] == list(range(1, len(top) + 1))
    levels = package["extensions"]["govlearn"]["levels"]
    assert [lv["code"] for lv in levels] == list(
        framework.levels.order_by("rank").values_list("code", flat=True)
    )


def test_item_carries_code_name_and_every_translation(client, framework):
    competency = Competency.objects.order_by("position").first()
    item = client.get(f"{BASE}/CFItems/{competency.uuid}").json()
    assert item["humanCodingScheme"] == competency.code
    assert item["abbreviatedStatement"] == competency.label(framework.default_language)
    assert item["extensions"]["govlearn"]["name"] == competency.name
    assert item["uri"].endswith(f"/CFItems/{competency.uuid}")


def test_association_uri_resolves(client, framework):
    package = client.get(f"{BASE}/CFPackages/{framework.uuid}").json()
    association = package["CFAssociations"][3]
    fetched = client.get(association["uri"].replace("http://testserver", ""))
    assert fetched.json() == association


def test_retired_and_unknown_items_are_not_found(client, framework):
    competency = Competency.objects.first()
    competency.is_retired = True
    competency.save()
    for path in (
        f"CFItems/{competency.uuid}",
        "CFItems/not-a-uuid",
        "CFPackages/7f8e9d0c-1b2a-4c3d-8e4f-5a6b7c8d9e0f",
    ):
        response = client.get(f"{BASE}/{path}")
        assert response.status_code == 404
        assert response.json()["imsx_codeMajor"] == "failure"


def test_api_is_read_only(client, framework):
    response = client.post(f"{BASE}/CFDocuments", {})
    assert response.status_code == 405


def test_item_uri_for_badge_alignments_resolves(client, framework, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    competency = Competency.objects.first()
    uri = item_uri(competency)
    assert uri == f"http://testserver/ims/case/v1p1/CFItems/{competency.uuid}"
    assert client.get(uri).json()["identifier"] == str(competency.uuid)


def test_package_validates_against_the_official_case_1_1_schema(client, framework):
    schema_file = Path(__file__).parent / "standards" / "case-v1p1-cfpackage.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)
    package = client.get(f"{BASE}/CFPackages/{framework.uuid}").json()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(package)]
    assert errors == []
