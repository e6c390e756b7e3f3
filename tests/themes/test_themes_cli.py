"""``govlearn themes …`` driven through the real CLI, as an integrator types it."""

from __future__ import annotations

from click.testing import CliRunner
from editable_theme import editable_theme

from govlearn.catalog import shipped_themes
from govlearn.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, ["themes", *args], catch_exceptions=False)


def test_list_shows_every_shipped_theme_with_its_direction_support():
    result = run("list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == sorted(shipped_themes())
    assert any(line.split()[:2] == ["civic", "ltr+rtl"] for line in lines)
    assert any(line.split()[:2] == ["lagoon", "ltr"] for line in lines)


def test_validate_a_shipped_theme_prints_every_measured_ratio():
    result = run("validate", "civic")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith("civic: valid")
    assert "text on surface" in result.output
    assert "16.56:1" in result.output


def test_validate_refuses_a_failing_theme_listing_every_problem(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace('link: "#1a55a3"', 'link: "#6ea8fe"')
    theme.replace("logo: static/logo.svg", "logo: static/gone.svg")
    result = CliRunner().invoke(cli, ["themes", "validate", str(theme.path)])
    assert result.exit_code == 1
    assert "is not valid (3 problems)" in result.output
    assert "link #6ea8fe on surface #ffffff has contrast 2.41:1" in result.output
    assert "link #6ea8fe on surface-alt #eef2f7" in result.output
    assert "logo: 'static/gone.svg' does not exist in the theme pack" in result.output
    assert "Traceback" not in result.output


def test_validate_of_something_that_is_not_a_theme_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["themes", "validate", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "neither a shipped theme nor a folder" in result.output


def test_new_then_validate_is_the_documented_first_step(tmp_path):
    result = run("new", "harbour", "--from", "lagoon", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Created" in result.output
    assert "govlearn themes validate" in result.output
    assert run("validate", str(tmp_path / "harbour")).exit_code == 0


def test_new_without_from_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["themes", "new", "harbour", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "--from" in result.output
    assert list(tmp_path.iterdir()) == []
