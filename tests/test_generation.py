"""`govlearn new` and the template: what an agency gets on disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE_PROFILES, KIT_ROOT

from govlearn import generate as generate_module
from govlearn.errors import GovlearnError, ValidationFailed
from govlearn.generate import generate
from govlearn.profile import validate_profile

TEXT_SUFFIXES = {".py", ".html", ".txt", ".toml", ".md", ".yaml", ".yml", ".css", ".js", ".cfg"}


def leftover_template_syntax(project: Path) -> list[str]:
    found = []
    for path in project.rglob("*"):
        if ".git" in path.parts or not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "cookiecutter" in text and "{{" in text:
            found.append(str(path.relative_to(project)))
    return found


@pytest.mark.parametrize("profile", EXAMPLE_PROFILES, ids=lambda path: path.stem)
def test_each_example_generates_a_complete_repository(profile, tmp_path):
    result = generate(profile, tmp_path)
    project = result.path
    assert project == tmp_path / result.slug
    for expected in (
        "manage.py",
        "country.yaml",
        "theme/theme.yaml",
        "framework/framework.yaml",
        "requirements.txt",
        "Makefile",
        "README.md",
        "portal/settings/production.py",
    ):
        assert (project / expected).is_file(), expected
    assert leftover_template_syntax(project) == []
    # Only the finished repository is left in the output folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == [result.slug]


def test_country_yaml_keeps_the_agencys_comments_and_points_inside_the_repo(tmp_path):
    profile = KIT_ROOT / "docs" / "examples" / "island-state.yaml"
    project = generate(profile, tmp_path).path
    text = (project / "country.yaml").read_text(encoding="utf-8")
    assert "# A small island state with two official languages." in text
    data = yaml.safe_load(text)
    assert data["theme"] == "theme"
    assert data["competency_framework"] == "framework/framework.yaml"
    assert data["portal"]["slug"] == "spsa"
    assert data["organisations"]["seed"][1]["name"]["fr"] == "Département du budget"
    # The generated repository's profile is itself a valid profile.
    assert validate_profile(project / "country.yaml") == []


def test_non_latin_names_survive_generation(tmp_path):
    profile = KIT_ROOT / "docs" / "examples" / "rtl-country.yaml"
    project = generate(profile, tmp_path).path
    data = yaml.safe_load((project / "country.yaml").read_text(encoding="utf-8"))
    assert data["portal"]["name"]["ar"] == "منصة التعلم للخدمة المدنية"
    assert "منصة التعلم للخدمة المدنية" in (project / "README.md").read_text(encoding="utf-8")


def test_the_new_repository_has_one_commit_with_everything(tmp_path):
    result = generate(KIT_ROOT / "docs" / "examples" / "island-state.yaml", tmp_path)
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=result.path, capture_output=True, text=True, check=True
    )
    assert log.stdout.strip().endswith("Generate portal with govlearn")
    assert len(log.stdout.strip().splitlines()) == 1
    status = subprocess.run(
        ["git", "status", "--porcelain"],
        cwd=result.path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""
    assert result.commit and len(result.commit) == 40


def test_an_existing_repository_is_not_overwritten_without_force(tmp_path):
    profile = KIT_ROOT / "docs" / "examples" / "island-state.yaml"
    project = generate(profile, tmp_path).path
    (project / "notes.txt").write_text("the agency's own work", encoding="utf-8")
    with pytest.raises(GovlearnError, match="already exists; use --force"):
        generate(profile, tmp_path)
    assert (project / "notes.txt").read_text(encoding="utf-8") == "the agency's own work"
    generate(profile, tmp_path, force=True)
    assert not (project / "notes.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spsa"]


def test_an_invalid_profile_writes_nothing(tmp_path):
    output = tmp_path / "out"
    with pytest.raises(ValidationFailed):
        generate(Path(__file__).parent / "profiles" / "many-errors.yaml", output)
    assert not output.exists()


def test_a_failure_half_way_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken_git(project):
        raise GovlearnError("git exploded")

    monkeypatch.setattr(generate_module, "_git_init", broken_git)
    with pytest.raises(GovlearnError, match="git exploded"):
        generate(KIT_ROOT / "docs" / "examples" / "island-state.yaml", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_during_force_keeps_the_existing_repository(tmp_path, monkeypatch):
    profile = KIT_ROOT / "docs" / "examples" / "island-state.yaml"
    project = generate(profile, tmp_path).path
    (project / "notes.txt").write_text("keep me", encoding="utf-8")
    monkeypatch.setattr(generate_module, "_install_framework", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        generate(profile, tmp_path, force=True)
    assert (project / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spsa"]


def cookiecutter_cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_plain_cookiecutter_with_defaults_gives_a_complete_project(tmp_path):
    result = cookiecutter_cli(str(KIT_ROOT / "template"), "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    project = tmp_path / "ecsl"
    assert (project / "theme" / "theme.yaml").is_file()
    assert (project / "framework" / "framework.yaml").is_file()
    assert leftover_template_syntax(project) == []
    assert validate_profile(project / "country.yaml") == []


def test_plain_cookiecutter_refuses_an_impossible_slug_before_writing(tmp_path):
    result = cookiecutter_cli(
        str(KIT_ROOT / "template"), "-o", str(tmp_path), "project_slug=9 Bad Slug!", cwd=tmp_path
    )
    assert result.returncode != 0
    assert "project_slug '9 Bad Slug!'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_plain_cookiecutter_refuses_a_default_language_that_is_not_enabled(tmp_path):
    result = cookiecutter_cli(
        str(KIT_ROOT / "template"),
        "-o",
        str(tmp_path),
        "default_language=fr",
        "enabled_languages=en,es",
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "default_language 'fr' must be one of enabled_languages" in result.stderr
