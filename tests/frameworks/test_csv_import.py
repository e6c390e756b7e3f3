"""Importing a framework from a spreadsheet saved as CSV."""

from __future__ import annotations

import pytest
from framework_files import DATA

from govlearn.errors import GovlearnError, ValidationFailed
from govlearn.frameworks.csv_import import CsvMetadata, import_csv
from govlearn.frameworks.writer import write_framework

META = CsvMetadata(code="digital-skills", publisher="Digital Academy", licence="CC-BY-4.0")


def test_sheet_becomes_a_tree_with_levels_roles_and_translations():
    framework = import_csv(DATA / "digital-skills.csv", META)
    assert framework.metadata.languages == ["en", "fr"]
    assert [level.code for level in framework.levels] == ["basic", "skilled", "leading"]
    (digital,) = framework.groups
    assert [c.code for c in digital.competencies] == ["DIG-1"]
    assert [g.code for g in digital.groups] == ["DIG-DATA"]
    assert [c.code for c in digital.groups[0].competencies] == ["DIG-2", "DIG-3"]
    safety = digital.competencies[0]
    assert safety.name == {"en": "Online safety", "fr": "Sécurité en ligne"}
    assert safety.description == {"en": "Protects accounts, devices and personal data"}
    (analyst,) = framework.roles
    assert [(r.competency, r.level) for r in analyst.requirements] == [
        ("DIG-2", "leading"),
        ("DIG-3", "skilled"),
    ]


def test_given_uuids_are_kept_and_missing_ones_are_stable_across_imports():
    first = import_csv(DATA / "digital-skills.csv", META)
    second = import_csv(DATA / "digital-skills.csv", META)
    assert first == second
    open_data = first.groups[0].groups[0].competencies[1]
    assert open_data.uuid == "6a1f3b52-8d7e-4c1a-9b2f-3e4d5c6b7a80"
    other = import_csv(
        DATA / "digital-skills.csv", META.__class__(**{**META.__dict__, "code": "x"})
    )
    assert other.groups[0].uuid != first.groups[0].uuid, "UUIDs belong to one framework"


def test_imported_sheet_writes_a_valid_framework_file(tmp_path):
    from govlearn.frameworks import load_framework

    destination = tmp_path / "digital-skills.yaml"
    framework = import_csv(DATA / "digital-skills.csv", META)
    write_framework(framework, destination, header="from a sheet")
    assert destination.read_text(encoding="utf-8").startswith("# from a sheet\nformat: 1\n")
    assert load_framework(destination) == framework


def test_every_problem_in_a_sheet_is_reported_with_its_line():
    with pytest.raises(ValidationFailed) as caught:
        import_csv(DATA / "broken-sheet.csv", META)
    found = {(p.line, p.path, p.message) for p in caught.value.problems}
    assert found == {
        (4, "parent", "a competency needs a parent group; 'NOWHERE' is not a group in the sheet"),
        (5, "code", "'C 2': use letters, digits, '.', '_', '-' (64 at most)"),
        (6, "kind", "'widget' is not one of level, group, competency, role, requirement"),
        (7, "name:en", "competency 'C3' has no name"),
        (8, "parent", "role 'ghost-role' is not in the sheet"),
    }
    assert "broken-sheet.csv" in str(caught.value)


def test_group_cycles_and_duplicates_are_refused(tmp_path):
    sheet = tmp_path / "loop.csv"
    sheet.write_text(
        "kind,code,parent,name:en\n"
        "level,l1,,Level\n"
        "group,A,B,A\n"
        "group,B,A,B\n"
        "group,C,,C\n"
        "competency,C,C,Same code as a group\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as caught:
        import_csv(sheet, META)
    found = {(p.line, p.message) for p in caught.value.problems}
    assert (3, "group 'A' ends up inside itself") in found
    assert (4, "group 'B' ends up inside itself") in found
    assert (6, "code 'C' appears twice") in found


def test_sheet_without_the_essential_columns_is_refused(tmp_path):
    sheet = tmp_path / "bare.csv"
    sheet.write_text("title,notes\nSomething,else\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        import_csv(sheet, META)
    messages = {p.message for p in caught.value.problems}
    assert "column 'kind' is missing from the header" in messages
    assert "no name column, e.g. name:en" in messages
    with pytest.raises(GovlearnError, match="file not found"):
        import_csv(tmp_path / "absent.csv", META)
