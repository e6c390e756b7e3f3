"""The `govlearn` command as a user types it: exit codes and what it prints."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import BAD_PROFILES_DIR, KIT_ROOT

from govlearn.cli import cli
from govlearn.profile.reference import render_reference

ISLAND = KIT_ROOT / "docs" / "examples" / "island-state.yaml"


def invoke(*args, **kwargs):
    return CliRunner().invoke(cli, [str(arg) for arg in args], **kwargs)


def test_validate_accepts_a_good_profile():
    result = invoke("validate", ISLAND)
    assert result.exit_code == 0
    assert result.output.strip().endswith(": valid")


def test_validate_lists_every_problem_and_exits_1():
    result = invoke("validate", BAD_PROFILES_DIR / "many-errors.yaml")
    assert result.exit_code == 1
    assert "is not valid (15 problems)" in result.output
    assert "languages.enabled[2]: 'xx' is not a known language code" in result.output
    assert "Traceback" not in result.output


def test_validate_of_a_missing_file_is_one_clear_line():
    result = invoke("validate", "no-such-profile.yaml")
    assert result.exit_code == 1
    assert result.output.strip() == "error: no-such-profile.yaml: file not found"


def test_profile_schema_prints_the_published_json_schema():
    result = invoke("profile", "schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].startswith("https://json-schema.org/draft/2020-12")
    assert {"country", "portal", "languages", "theme", "organisations"} <= set(schema["required"])


def test_new_generates_then_refuses_to_overwrite(tmp_path):
    first = invoke("new", ISLAND, "-o", tmp_path)
    assert first.exit_code == 0, first.output
    assert "Generated" in first.output and "spsa" in first.output
    second = invoke("new", ISLAND, "-o", tmp_path)
    assert second.exit_code == 1
    assert "already exists; use --force" in second.output
    forced = invoke("new", ISLAND, "-o", tmp_path, "--force", "--no-git")
    assert forced.exit_code == 0, forced.output
    assert not (tmp_path / "spsa" / ".git").exists()


def test_the_profile_reference_in_docs_is_in_step_with_the_schema():
    documented = (KIT_ROOT / "docs" / "profile.md").read_text(encoding="utf-8")
    assert documented == render_reference(ISLAND), (
        "docs/profile.md is out of date: regenerate it with "
        "`govlearn profile docs --example docs/examples/island-state.yaml > docs/profile.md`"
    )
