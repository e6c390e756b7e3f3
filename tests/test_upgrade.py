"""`govlearn upgrade`: the kit's changes arrive on a new branch, the country's edits stay.

The *old* kit is a copy of the current template with changes a kit release makes undone:
one file fewer, one file more, another settings value, another Django template line. A
repository generated from it is edited the way a country would (theme colours, a Django
template, a setting, a file of its own), then upgraded to the current template.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES_DIR, KIT_ROOT
from portal_env import manage

from govlearn import __version__
from govlearn.catalog import template_dir
from govlearn.cli import cli
from govlearn.errors import GovlearnError
from govlearn.generate import generate
from govlearn.provenance import (
    PROVENANCE_FILE,
    parse_provenance,
    read_provenance,
    template_hash,
    write_provenance,
)
from govlearn.upgrade import upgrade

ISLAND = EXAMPLES_DIR / "island-state.yaml"
PROJECT = "{{cookiecutter.project_slug}}"
BRANCH = f"govlearn-upgrade-{__version__}"
TEAM = ["-c", "user.name=Country Team", "-c", "user.email=team@gov.example"]
CACHES = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache")

SETTINGS = "portal/settings/base.py"
BASE_HTML = "portal/templates/base.html"
KIT_ADDED = "portal/templates/404.html"
KIT_REMOVED = "portal/retired_helpers.py"
OLD_LOGOUT = 'LOGOUT_REDIRECT_URL = "/signed-out/"'
NEW_LOGOUT = 'LOGOUT_REDIRECT_URL = "/"'
OLD_FOOTER = "<p>{{ portal_name }}</p>"
NEW_FOOTER = "<p>{{ portal_name }} · {{ country_name }}</p>"
COUNTRY_PRIMARY = '"#0b6e4f"'
COUNTRY_META = '<meta name="theme-color" content="#0b6e4f">'
COUNTRY_HOSTS = 'ALLOWED_HOSTS: list[str] = ["learn.gov.example"]'


def git(repo: Path, *arguments: str) -> str:
    result = subprocess.run(
        ["git", *arguments], cwd=repo, capture_output=True, text=True, check=True
    )
    return result.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, *TEAM, "commit", "--quiet", "--no-verify", "-m", message)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not exactly once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def on_branch(repo: Path, path: str, branch: str = BRANCH) -> str:
    return git(repo, "show", f"{branch}:{path}")


def branches(repo: Path) -> list[str]:
    return git(repo, "branch", "--format=%(refname:short)").split()


@pytest.fixture(scope="module")
def current_template(tmp_path_factory) -> Path:
    """The kit's template as this test module found it (others may edit the live one)."""
    copy = tmp_path_factory.mktemp("current-kit") / "template"
    shutil.copytree(template_dir(), copy, ignore=CACHES)
    return copy


@pytest.fixture(scope="module")
def old_template(current_template, tmp_path_factory) -> Path:
    """The same template as an older kit release had it."""
    old = tmp_path_factory.mktemp("old-kit") / "template"
    shutil.copytree(current_template, old)
    project = old / PROJECT
    (project / KIT_ADDED).unlink()
    (project / KIT_REMOVED).write_text('"""Helpers a later kit retires."""\n', encoding="utf-8")
    replace_once(project / SETTINGS, NEW_LOGOUT, OLD_LOGOUT)
    replace_once(project / BASE_HTML, NEW_FOOTER, OLD_FOOTER)
    return old


@pytest.fixture(scope="module")
def generated_old(old_template, tmp_path_factory) -> Path:
    return generate(ISLAND, tmp_path_factory.mktemp("generated"), template=old_template).path


@pytest.fixture
def old_repo(generated_old, tmp_path) -> Path:
    """A private copy of the repository the old kit generated."""
    copy = tmp_path / generated_old.name
    shutil.copytree(generated_old, copy, symlinks=True)
    return copy


def make_country_edits(repo: Path) -> None:
    theme = repo / "theme" / "theme.yaml"
    replace_once(theme, 'primary: "#1d4f91"', f"primary: {COUNTRY_PRIMARY}")
    replace_once(
        repo / BASE_HTML,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n  ' + COUNTRY_META,
    )
    replace_once(repo / SETTINGS, "ALLOWED_HOSTS: list[str] = []", COUNTRY_HOSTS)
    with (repo / "framework" / "framework.yaml").open("a", encoding="utf-8") as framework:
        framework.write("# Reviewed by the civil service college.\n")
    (repo / "portal" / "country_extras.py").write_text('"""Our own."""\n', encoding="utf-8")
    commit_all(repo, "Our colours, meta tag, host and extras")


def test_govlearn_new_records_the_kit_version_and_template(tmp_path):
    project = generate(ISLAND, tmp_path).path
    provenance = read_provenance(project)
    assert provenance is not None
    assert provenance.kit_version == __version__
    assert provenance.template_hash == template_hash(template_dir())
    # The tests run from the kit's checkout, so the commit is its HEAD.
    assert provenance.template_commit == git(KIT_ROOT, "rev-parse", "HEAD").strip()
    assert datetime.fromisoformat(provenance.generated_at).tzinfo is not None
    assert git(project, "ls-files", PROVENANCE_FILE).strip() == PROVENANCE_FILE


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not json", "Expecting value"),
        ('{"format": 2}', "unknown format 2"),
        ('{"format": 1, "kit_version": "0.1.0", "generated_at": "x"}', "template_hash is missing"),
    ],
)
def test_a_damaged_provenance_record_is_named(text, problem):
    with pytest.raises(GovlearnError, match=f"provenance.json: not a govlearn .*{problem}"):
        parse_provenance(text)


def test_the_kits_changes_arrive_on_a_new_branch_and_the_countrys_edits_stay(
    old_repo, old_template, current_template
):
    make_country_edits(old_repo)
    main_before = git(old_repo, "rev-parse", "main").strip()

    result = upgrade(old_repo, old_template=old_template, new_template=current_template)

    assert result.branch == BRANCH
    assert result.conflicts == ()
    assert result.warnings == ()
    # The kit's changes: a new file, a removed one, a setting, a Django template line.
    assert on_branch(old_repo, KIT_ADDED)
    assert KIT_REMOVED not in git(old_repo, "ls-tree", "-r", "--name-only", BRANCH)
    settings = on_branch(old_repo, SETTINGS)
    assert NEW_LOGOUT in settings and OLD_LOGOUT not in settings
    base_html = on_branch(old_repo, BASE_HTML)
    assert NEW_FOOTER in base_html
    # The country's edits, including in the same two files the kit changed.
    assert COUNTRY_HOSTS in settings
    assert COUNTRY_META in base_html
    assert f"primary: {COUNTRY_PRIMARY}" in on_branch(old_repo, "theme/theme.yaml")
    assert "civil service college" in on_branch(old_repo, "framework/framework.yaml")
    assert on_branch(old_repo, "portal/country_extras.py") == '"""Our own."""\n'
    changed = {path: status for status, path in result.changed}
    assert changed[KIT_ADDED] == "A"
    assert changed[KIT_REMOVED] == "D"
    assert changed[SETTINGS] == changed[BASE_HTML] == "M"
    assert "theme/theme.yaml" not in changed
    # The branch records the new kit output and sits on top of main.
    recorded = parse_provenance(on_branch(old_repo, PROVENANCE_FILE))
    assert recorded.template_hash == template_hash(current_template)
    assert git(old_repo, "rev-parse", f"{BRANCH}^").strip() == main_before
    # main, the work tree and the index are as they were.
    assert git(old_repo, "rev-parse", "main").strip() == main_before
    assert git(old_repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert git(old_repo, "status", "--porcelain") == ""
    assert OLD_LOGOUT in (old_repo / SETTINGS).read_text(encoding="utf-8")
    assert not (old_repo / KIT_ADDED).exists()
    assert branches(old_repo) == sorted(["main", BRANCH])


def test_lines_both_sides_changed_are_reported_by_name_and_left_marked(
    old_repo, old_template, current_template
):
    replace_once(old_repo / "theme" / "theme.yaml", 'primary: "#1d4f91"', "primary: '#0b6e4f'")
    replace_once(old_repo / SETTINGS, OLD_LOGOUT, 'LOGOUT_REDIRECT_URL = "/goodbye/"')
    (old_repo / KIT_REMOVED).write_text('"""Still used here."""\n', encoding="utf-8")
    commit_all(old_repo, "Our logout page; we still use the helpers")
    main_before = git(old_repo, "rev-parse", "main").strip()

    result = upgrade(old_repo, old_template=old_template, new_template=current_template)

    assert sorted(conflict.path for conflict in result.conflicts) == [KIT_REMOVED, SETTINGS]
    by_path = {conflict.path: conflict for conflict in result.conflicts}
    assert any("modify/delete" in message for message in by_path[KIT_REMOVED].messages)
    settings = on_branch(old_repo, SETTINGS)
    assert "<<<<<<< govlearn/country" in settings
    assert 'LOGOUT_REDIRECT_URL = "/goodbye/"' in settings
    assert NEW_LOGOUT in settings
    assert f">>>>>>> govlearn/kit-{__version__}" in settings
    # Nothing else is lost: the kit's other changes and the country's edits are there.
    assert on_branch(old_repo, KIT_ADDED)
    assert NEW_FOOTER in on_branch(old_repo, BASE_HTML)
    assert "primary: '#0b6e4f'" in on_branch(old_repo, "theme/theme.yaml")
    assert on_branch(old_repo, KIT_REMOVED) == '"""Still used here."""\n'
    message = git(old_repo, "log", "-1", "--format=%B", BRANCH)
    assert f"    {SETTINGS}" in message
    assert git(old_repo, "rev-parse", "main").strip() == main_before


def test_the_command_lists_conflicts_and_exits_1(old_repo, old_template, monkeypatch):
    replace_once(old_repo / SETTINGS, OLD_LOGOUT, 'LOGOUT_REDIRECT_URL = "/goodbye/"')
    commit_all(old_repo, "Our logout page")
    monkeypatch.chdir(old_repo / "portal")  # run from inside the repository
    # The old template given as the kit folder that holds it.
    result = CliRunner().invoke(cli, ["upgrade", "--old-template", str(old_template.parent)])
    assert result.exit_code == 1, result.output
    assert f"Created branch {BRANCH}" in result.output
    assert f"CONFLICT {SETTINGS}" in result.output
    assert "Traceback" not in result.output


def test_the_command_without_conflicts_says_what_changed_and_how_to_merge(old_repo, old_template):
    make_country_edits(old_repo)
    result = CliRunner().invoke(
        cli, ["upgrade", "--repo", str(old_repo), "--old-template", str(old_template)]
    )
    assert result.exit_code == 0, result.output
    assert f"A {KIT_ADDED}" in result.output
    assert f"git merge {BRANCH}" in result.output
    assert COUNTRY_META in on_branch(old_repo, BASE_HTML)


@pytest.mark.parametrize("change", ["edit", "new file"])
def test_an_uncommitted_change_is_refused(old_repo, old_template, change):
    if change == "edit":
        replace_once(old_repo / SETTINGS, OLD_LOGOUT, 'LOGOUT_REDIRECT_URL = "/bye/"')
        expected = SETTINGS
    else:
        (old_repo / "notes.md").write_text("draft\n", encoding="utf-8")
        expected = "notes.md"
    with pytest.raises(GovlearnError, match=f"uncommitted changes \\({expected}\\)"):
        upgrade(old_repo, old_template=old_template)
    assert branches(old_repo) == ["main"]


def test_an_existing_upgrade_branch_is_not_replaced(old_repo, old_template, current_template):
    git(old_repo, "branch", BRANCH)
    with pytest.raises(GovlearnError, match=f"branch {BRANCH} already exists"):
        upgrade(old_repo, old_template=old_template, new_template=current_template)
    result = upgrade(
        old_repo, old_template=old_template, new_template=current_template, branch="kit-next"
    )
    assert result.branch == "kit-next"
    assert on_branch(old_repo, KIT_ADDED, branch="kit-next")


def test_a_repository_without_provenance_needs_the_old_template(
    old_repo, old_template, current_template
):
    git(old_repo, "rm", "--quiet", PROVENANCE_FILE)
    commit_all(old_repo, "Lose the provenance")
    with pytest.raises(GovlearnError, match="does not record which kit generated it"):
        upgrade(old_repo, new_template=current_template)
    result = upgrade(old_repo, old_template=old_template, new_template=current_template)
    assert result.conflicts == ()
    assert NEW_LOGOUT in on_branch(old_repo, SETTINGS)
    assert parse_provenance(on_branch(old_repo, PROVENANCE_FILE)).kit_version == __version__


@pytest.mark.parametrize("kit", ["checkout", "installed"])
def test_a_kit_that_cannot_produce_the_recorded_commit_asks_for_the_old_template(
    old_repo, current_template, kit
):
    recorded = read_provenance(old_repo)
    unknown = replace(recorded, template_commit="0123456789ab" * 3 + "0123")
    write_provenance(old_repo, unknown)
    commit_all(old_repo, "Record a commit no kit has")
    if kit == "checkout":
        new_template, why = template_dir(), "does not have commit 0123456789ab"
    else:
        new_template, why = current_template, "installed without its git history"
    with pytest.raises(GovlearnError, match=f"{why}; pass --old-template"):
        upgrade(old_repo, new_template=new_template)
    assert branches(old_repo) == ["main"]


def test_a_wrong_old_template_is_warned_about(old_repo, current_template, tmp_path):
    other = tmp_path / "other" / "template"
    shutil.copytree(current_template, other)
    (other / PROJECT / "EXTRA.md").write_text("not in any release\n", encoding="utf-8")
    result = upgrade(old_repo, old_template=other, new_template=current_template)
    assert any("is not the template this repository records" in w for w in result.warnings)


def test_a_repository_already_on_the_current_template_is_left_alone(current_template, tmp_path):
    repo = generate(ISLAND, tmp_path, template=current_template).path
    result = upgrade(repo, new_template=current_template)
    assert result.up_to_date
    assert branches(repo) == ["main"]


def make_kit_checkout(kit: Path, template: Path) -> str:
    """A git checkout of a kit holding ``template``; returns its commit."""
    (kit / "installer" / "govlearn").mkdir(parents=True)
    (kit / "installer" / "govlearn" / "__init__.py").write_text("", encoding="utf-8")
    shutil.copytree(template, kit / "template")
    git(kit, "init", "--quiet", "--initial-branch=main")
    commit_all(kit, "Kit release 1")
    return git(kit, "rev-parse", "HEAD").strip()


def release_again(kit: Path, template: Path) -> None:
    shutil.rmtree(kit / "template")
    shutil.copytree(template, kit / "template")
    commit_all(kit, "Kit release 2")


def test_the_old_template_comes_from_the_kits_git_history(old_template, current_template, tmp_path):
    """A kit checkout: the repository records its commit; upgrade archives that commit."""
    kit = tmp_path / "kit"
    old_commit = make_kit_checkout(kit, old_template)
    repo = generate(ISLAND, tmp_path / "out", template=kit / "template").path
    assert read_provenance(repo).template_commit == old_commit
    make_country_edits(repo)

    release_again(kit, current_template)
    result = upgrade(repo, new_template=kit / "template")

    assert result.warnings == ()
    assert result.conflicts == ()
    assert NEW_LOGOUT in on_branch(repo, SETTINGS)
    assert COUNTRY_HOSTS in on_branch(repo, SETTINGS)
    recorded = parse_provenance(on_branch(repo, PROVENANCE_FILE))
    assert recorded.template_commit == git(kit, "rev-parse", "HEAD").strip()


def test_uncommitted_template_changes_at_generation_are_warned_about(
    old_template, current_template, tmp_path
):
    kit = tmp_path / "kit"
    make_kit_checkout(kit, old_template)
    (kit / "template" / PROJECT / "WIP.md").write_text("not committed\n", encoding="utf-8")
    repo = generate(ISLAND, tmp_path / "out", template=kit / "template").path
    release_again(kit, current_template)
    result = upgrade(repo, new_template=kit / "template")
    assert len(result.warnings) == 1
    assert "is not byte for byte the one that generated this repository" in result.warnings[0]


def test_the_command_says_when_there_is_nothing_to_upgrade(tmp_path):
    repo = generate(ISLAND, tmp_path).path
    result = CliRunner().invoke(cli, ["upgrade", "--repo", str(repo)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Up to date: this kit generates the same files as govlearn")
    assert branches(repo) == ["main"]


def kit_with_a_migration(current_template: Path, destination: Path) -> Path:
    """The current template plus a migration a later kit release adds to ``home``."""
    template = destination / "template"
    shutil.copytree(current_template, template)
    migrations = template / PROJECT / "home" / "migrations"
    leaf = max(path.stem for path in migrations.glob("[0-9][0-9][0-9][0-9]_*.py"))
    number = int(leaf[:4]) + 1
    (migrations / f"{number:04d}_kit_upgrade_check.py").write_text(
        "from django.db import migrations\n\n\n"
        "class Migration(migrations.Migration):\n"
        f'    dependencies = [("home", "{leaf}")]\n'
        "    operations = [\n"
        "        migrations.RunSQL(\n"
        '            "CREATE TABLE govlearn_upgrade_check (id integer PRIMARY KEY)",\n'
        '            "DROP TABLE govlearn_upgrade_check",\n'
        "        )\n"
        "    ]\n",
        encoding="utf-8",
    )
    return template


def test_a_country_migration_beside_a_new_kit_migration_is_warned_about(current_template, tmp_path):
    repo = generate(ISLAND, tmp_path / "out", template=current_template).path
    ours = repo / "home" / "migrations" / "0099_country_banner.py"
    ours.write_text("# the country's own migration\n", encoding="utf-8")
    commit_all(repo, "Our migration")
    result = upgrade(
        repo,
        old_template=current_template,
        new_template=kit_with_a_migration(current_template, tmp_path),
    )
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("home: the kit adds migrations")
    assert "makemigrations --merge" in result.warnings[0]


@pytest.mark.slow
def test_migrations_run_forward_on_the_existing_database_after_an_upgrade(
    current_template, tmp_path
):
    repo = generate(ISLAND, tmp_path / "out", template=current_template).path
    first = manage(repo, "migrate", "--noinput")
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert git(repo, "status", "--porcelain") == ""  # the database is not committed

    result = upgrade(
        repo,
        old_template=current_template,
        new_template=kit_with_a_migration(current_template, tmp_path),
    )
    assert result.conflicts == ()
    git(repo, "checkout", "--quiet", result.branch)
    second = manage(repo, "migrate", "--noinput")

    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert "kit_upgrade_check... OK" in second.stdout
    with sqlite3.connect(repo / "db.sqlite3") as database:
        tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
    assert "govlearn_upgrade_check" in tables
