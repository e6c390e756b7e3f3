"""CASE 1.1 export and CASE 1.0/1.1 import: standard-valid, lossless, strict on bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema_rs
import pytest
from framework_files import DATA

from govlearn.catalog import shipped_frameworks, template_dir
from govlearn.errors import ValidationFailed
from govlearn.frameworks import load_framework
from govlearn.frameworks.case_export import export_case
from govlearn.frameworks.case_import import import_case

# The portal's copy, the only one: the portal validates its CASE API against it too.
CASE_SCHEMA = (
    template_dir()
    / "{{cookiecutter.project_slug}}/competencies/tests/standards/case-v1p1-cfpackage.schema.json"
)
SHIPPED = sorted(shipped_frameworks())
GENERIC = "generic-public-service"
WHEN = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def case_validator():
    schema = json.loads(CASE_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema_rs.Draft201909Validator(schema, validate_formats=True)


def shipped(name: str = GENERIC):
    return load_framework(shipped_frameworks()[name])


def write_json(path: Path, package: dict) -> Path:
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", SHIPPED)
def test_export_validates_against_the_official_case_1_1_schema(name, case_validator):
    package = export_case(shipped(name), base_url="https://learn.gov.example", changed_at=WHEN)
    errors = [f"{list(e.instance_path)}: {e.message}" for e in case_validator.iter_errors(package)]
    assert errors == []


@pytest.mark.parametrize("name", SHIPPED)
def test_round_trip_yaml_case_yaml_loses_nothing(name, tmp_path):
    framework = shipped(name)
    path = write_json(tmp_path / "package.json", export_case(framework, changed_at=WHEN))
    result = import_case(path)
    assert result.framework == framework
    assert result.warnings == []


def test_export_maps_the_tree_onto_case_fields():
    framework = shipped()
    package = export_case(framework, base_url="https://learn.gov.example/", changed_at=WHEN)
    document = package["CFDocument"]
    assert document["identifier"] == framework.metadata.uuid
    assert document["uri"] == (
        f"https://learn.gov.example/ims/case/v1p1/CFDocuments/{framework.metadata.uuid}"
    )
    assert document["lastChangeDateTime"] == "2026-01-15T09:30:00+00:00"
    items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
    integrity = items["BEH-INT"]
    assert integrity["abbreviatedStatement"] == "Integrity and ethics"
    assert integrity["fullStatement"].startswith("Acts honestly")
    assert integrity["CFItemType"] == "Competency"
    assert items["BEH"]["CFItemType"] == "Competency area"
    assert integrity["extensions"]["govlearn"]["name"]["fr"] == "Intégrité et éthique"
    parents = {
        a["originNodeURI"]["identifier"]: (
            a["destinationNodeURI"]["identifier"],
            a["sequenceNumber"],
        )
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
    }
    assert parents[integrity["identifier"]] == (items["BEH"]["identifier"], 1)
    assert parents[items["DOM"]["identifier"]] == (framework.metadata.uuid, 3)


def test_export_is_deterministic_apart_from_the_timestamp():
    first = export_case(shipped(), changed_at=WHEN)
    second = export_case(shipped(), changed_at=datetime(2027, 1, 1, tzinfo=UTC))
    assert json.dumps(first).replace("2026-01-15T09:30:00", "X") == json.dumps(second).replace(
        "2027-01-01T00:00:00", "X"
    )


def test_case_1_0_package_with_nested_items_and_translations_imports():
    result = import_case(DATA / "case-1.0-nested-translations.json", scale=shipped())
    framework = result.framework
    meta = framework.metadata
    assert meta.languages == ["en", "fr"]
    assert meta.publisher == "Digital Academy of Examplia"
    assert meta.source["publisher"] == "Ministry of Digital Affairs"
    assert meta.description == {"en": "Skills for digital teams in government."}
    assert [group.code for group in framework.groups] == ["DG.1", "DG.2"]
    design = framework.groups[0]
    assert design.name == {
        "en": "Digital service design",
        "fr": "Conception de services numériques",
    }
    assert [g.code for g in design.groups] == ["DG.1.A"]
    assert [c.code for c in design.groups[0].competencies] == ["DG.1.A.1", "DG.1.A.2"]
    interviewing = design.groups[0].competencies[0]
    assert interviewing.name == {"en": "Interviewing users", "fr": "Entretiens avec les usagers"}
    assert interviewing.description["fr"].startswith("Prépare et mène")
    # a humanCodingScheme with spaces and slashes becomes a valid, stable code
    assert [c.code for c in framework.groups[1].competencies] == ["DG.2.1", "DG-2-2-open-data"]
    assert framework.levels[0].code == "beginner"
    assert any("DG.X" in warning for warning in result.warnings)
    assert any("no proficiency scale" in warning for warning in result.warnings)


def test_case_1_1_package_from_another_tool_imports_without_our_extensions(tmp_path):
    package = export_case(shipped("un-values-and-behaviours"), changed_at=WHEN)
    package.pop("extensions")
    for item in package["CFItems"]:
        item.pop("extensions")
    package["CFDocument"].pop("extensions")
    result = import_case(write_json(tmp_path / "plain.json", package), scale=shipped())
    framework = result.framework
    assert [g.code for g in framework.groups] == ["VALUES", "BEHAVIOURS"]
    assert len(framework.competencies()) == 9
    assert framework.competencies()[0].name == {"en": "Inclusion"}
    assert framework.roles == []


def broken(tmp_path: Path, change) -> Path:
    package = json.loads(json.dumps(export_case(shipped(), changed_at=WHEN)))  # unshared dicts
    change(package)
    return write_json(tmp_path / "broken.json", package)


def problems_of(path: Path) -> set[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as caught:
        import_case(path)
    return {(p.path, p.message) for p in caught.value.problems}


def test_missing_required_fields_are_all_reported(tmp_path):
    def change(package):
        del package["CFDocument"]["title"]
        del package["CFItems"][2]["fullStatement"]
        del package["CFAssociations"][0]["originNodeURI"]

    assert problems_of(broken(tmp_path, change)) >= {
        ("CFDocument.title", "title is required in a CASE CFDocument"),
        ("CFItems[2].fullStatement", "fullStatement is required in a CASE CFItem"),
        ("CFAssociations[0].originNodeURI", "originNodeURI is required in a CASE CFAssociation"),
    }


def test_dangling_association_ends_are_reported_with_their_line(tmp_path):
    ghost = "0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b"

    def change(package):
        package["CFAssociations"][5]["destinationNodeURI"]["identifier"] = ghost

    path = broken(tmp_path, change)
    with pytest.raises(ValidationFailed) as caught:
        import_case(path)
    (problem,) = caught.value.problems
    assert problem.path == "CFAssociations[5].destinationNodeURI.identifier"
    assert problem.message == f"{ghost} names no CFItem in this package nor its CFDocument"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert ghost in lines[problem.line - 1]


def test_is_child_of_cycles_are_refused(tmp_path):
    def change(package):
        items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
        for association in package["CFAssociations"]:
            if association["originNodeURI"]["identifier"] == items["FUN"]["identifier"]:
                association["destinationNodeURI"]["identifier"] = items["FUN-POL"]["identifier"]

    (found,) = problems_of(broken(tmp_path, change))
    assert found[1] in (
        "isChildOf associations form a cycle: FUN -> FUN-POL -> FUN",
        "isChildOf associations form a cycle: FUN-POL -> FUN -> FUN-POL",
    )


def test_identifiers_must_be_uuids_and_unique(tmp_path):
    def change(package):
        package["CFItems"][1]["identifier"] = "ITEM-1"
        package["CFItems"][3]["identifier"] = package["CFItems"][2]["identifier"]

    found = problems_of(broken(tmp_path, change))
    assert ("CFItems[1].identifier", "'ITEM-1' is not a UUID") in found
    assert any(path == "CFItems[3].identifier" and "used twice" in msg for path, msg in found)


def test_unsupported_version_and_non_packages_are_refused(tmp_path):
    def change(package):
        package["CFDocument"]["caseVersion"] = "2.0"

    assert problems_of(broken(tmp_path, change)) == {
        ("CFDocument.caseVersion", "CASE version '2.0' is not supported (1.0 and 1.1 are)")
    }
    assert problems_of(write_json(tmp_path / "list.json", [1, 2])) == {
        ("", "a CASE package is a JSON object with a CFDocument object")
    }
