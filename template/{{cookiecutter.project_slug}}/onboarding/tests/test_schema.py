"""The documented format and the importer agree: the Table Schema file is read here as
plain JSON, independently of ``onboarding.schema``, and the shipped example passes it."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from onboarding.schema import people_schema, published_schema
from onboarding.tests.conftest import HEADER
from portal.country import get_country

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def schema_json() -> dict:
    return json.loads((SCHEMAS / "people.schema.json").read_text(encoding="utf-8"))


def test_the_schema_is_a_table_schema_whose_fields_are_the_importers_header():
    schema = schema_json()
    names = [field["name"] for field in schema["fields"]]

    assert names == HEADER.split(",") == people_schema().header
    assert schema["primaryKey"] == "employee_id"
    assert all(field["type"] == "string" for field in schema["fields"])
    required = [f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")]
    assert required == ["employee_id", "full_name", "email", "organisation_code", "status"]
    status = next(f for f in schema["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == ["active", "inactive"]


def test_the_published_schema_lists_the_portals_languages():
    field = next(f for f in published_schema()["fields"] if f["name"] == "preferred_language")
    assert field["constraints"]["enum"] == [language.code for language in get_country().languages]
    assert "x-enum-source" not in field


def test_the_example_file_passes_the_schema():
    """A small Table Schema check written from the spec, not from the importer."""
    schema = published_schema()
    with open(SCHEMAS / "people.example.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert rows and list(rows[0]) == [field["name"] for field in schema["fields"]]
    for row in rows:
        for field in schema["fields"]:
            value, rules = row[field["name"]], field.get("constraints", {})
            if value == "":
                assert not rules.get("required"), (field["name"], row)
                continue
            assert len(value) <= rules.get("maxLength", len(value)), (field["name"], row)
            if "enum" in rules and field["name"] != "preferred_language":
                assert value in rules["enum"], (field["name"], row)
            if "pattern" in rules:
                assert re.fullmatch(rules["pattern"], value), (field["name"], row)
            if field.get("format") == "email":
                assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value), row
    assert len({row["employee_id"] for row in rows}) == len(rows)
