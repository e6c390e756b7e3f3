"""``govlearn frameworks …`` driven through the real CLI, as an integrator types it."""

from __future__ import annotations

import json

from click.testing import CliRunner
from framework_files import DATA, editable_framework

from govlearn.catalog import shipped_frameworks
from govlearn.cli import cli
from govlearn.frameworks import load_framework


def run(*args: str):
    return CliRunner().invoke(cli, ["frameworks", *args])


def test_list_names_every_shipped_framework_with_its_size():
    result = run("list")
    assert result.exit_code == 0
    names = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert names == sorted(shipped_frameworks())
    assert "17 competencies, 3 groups, 5 levels, 5 role profiles" in result.output


def test_validate_accepts_a_name_or_a_path_and_refuses_bad_files(tmp_path):
    assert run("validate", "un-values-and-behaviours").exit_code == 0
    framework = editable_framework(tmp_path)
    assert run("validate", str(framework.path)).output.endswith(
        "valid (17 competencies, 3 groups, 5 levels, 5 role profiles)\n"
    )
    framework.replace("{competency: BEH-INT, level: proficient}", "{competency: X, level: y}")
    result = run("validate", str(framework.path))
    assert result.exit_code == 1
    assert "is not valid (2 problems)" in result.output
    assert f":{framework.line_of('{competency: X')}: roles[0].requirements[0].level" in (
        result.output
    )
    missing = run("validate", "no-such-framework")
    assert missing.exit_code == 1
    assert "not a shipped framework (aps-integrated-leadership-system" in missing.output


def test_export_then_import_round_trips_through_files(tmp_path):
    package = tmp_path / "out" / "case.json"
    result = run("export", "canada-key-leadership-competencies", "--to", "case", "-o", str(package))
    assert result.exit_code == 0, result.output
    assert "CASE 1.1 package with 7 items and 7 associations" in result.output
    assert json.loads(package.read_text(encoding="utf-8"))["CFDocument"]["caseVersion"] == "1.1"
    back = tmp_path / "back.yaml"
    result = run("import", str(package), "--from", "case", "-o", str(back))
    assert result.exit_code == 0, result.output
    original = load_framework(shipped_frameworks()["canada-key-leadership-competencies"])
    assert load_framework(back) == original


def test_export_with_a_portal_address_points_uris_at_its_case_api(tmp_path):
    package = tmp_path / "case.json"
    run(
        "export",
        "oecd-civil-service-skills",
        "-o",
        str(package),
        "--base-url",
        "https://l.gov.example",
    )
    item = json.loads(package.read_text(encoding="utf-8"))["CFItems"][0]
    assert item["uri"] == f"https://l.gov.example/ims/case/v1p1/CFItems/{item['identifier']}"


def test_import_of_a_foreign_package_warns_about_what_it_filled_in(tmp_path):
    out = tmp_path / "digital.yaml"
    result = CliRunner().invoke(
        cli,
        [
            "frameworks",
            "import",
            str(DATA / "case-1.0-nested-translations.json"),
            "--from",
            "case",
            "-o",
            str(out),
            "--scale",
            "un-values-and-behaviours",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        "warning: the package has no proficiency scale: levels borrowed from "
        "un-values-and-behaviours (aware, practising, role-model)" in result.output
    )
    assert [lv.code for lv in load_framework(out).levels] == ["aware", "practising", "role-model"]


def test_invalid_case_package_writes_nothing(tmp_path):
    package = json.loads((DATA / "case-1.0-nested-translations.json").read_text(encoding="utf-8"))
    package["CFAssociations"][0]["originNodeURI"]["identifier"] = (
        "9d9d9d9d-0000-4000-8000-000000000000"
    )
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(package), encoding="utf-8")
    out = tmp_path / "never.yaml"
    result = run("import", str(source), "--from", "case", "-o", str(out))
    assert result.exit_code == 1
    assert "CASE package" in result.output and "names no CFItem in this package" in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_csv_import_needs_publisher_and_licence_and_keeps_existing_files(tmp_path):
    out = tmp_path / "digital-skills.yaml"
    sheet = str(DATA / "digital-skills.csv")
    refused = run("import", sheet, "--from", "csv", "-o", str(out))
    assert refused.exit_code == 1
    assert "needs --publisher and --licence" in refused.output
    args = [
        "import",
        sheet,
        "--from",
        "csv",
        "-o",
        str(out),
        "--publisher",
        "Academy",
        "--licence",
        "CC-BY-4.0",
        "--name",
        "Digital skills",
    ]
    assert run(*args).exit_code == 0
    framework = load_framework(out)
    assert framework.metadata.code == "digital-skills"
    assert framework.metadata.name == {"en": "Digital skills"}
    again = run(*args)
    assert again.exit_code == 1 and "exists; pass --force" in again.output
    assert run(*args, "--force").exit_code == 0
