"""Each example profile generates a portal that passes its own checks and test suite,
as cookiecutter-django does for its option sets. Slow: one Django suite per profile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_PROFILES
from portal_env import portal_env

from govlearn.generate import generate

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def run_in(project: Path, *command: str, env=None, timeout=900) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(command),
        cwd=project,
        env=env or portal_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module", params=EXAMPLE_PROFILES, ids=lambda path: path.stem)
def generated_portal(request, tmp_path_factory) -> Path:
    return generate(request.param, tmp_path_factory.mktemp("portal")).path


def test_generated_portal_passes_its_own_test_suite(generated_portal):
    result = run_in(
        generated_portal,
        str(BIN / "pytest"),
        "-q",
        "-p",
        "no:cacheprovider",
        "-n",
        "2",
        "-m",
        "not browser and not integration",
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


def test_generated_portal_has_no_missing_migrations(generated_portal):
    result = run_in(
        generated_portal,
        str(BIN / "python"),
        "manage.py",
        "makemigrations",
        "--check",
        "--dry-run",
        env=portal_env(DJANGO_SETTINGS_MODULE="portal.settings.test"),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_portal_is_lint_clean(generated_portal):
    check = run_in(generated_portal, str(BIN / "ruff"), "check", ".")
    assert check.returncode == 0, check.stdout
    form = run_in(generated_portal, str(BIN / "ruff"), "format", "--check", ".")
    assert form.returncode == 0, form.stdout


def test_generated_portal_migrates_and_seeds_twice_on_sqlite(generated_portal, tmp_path):
    env = portal_env(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        GOVLEARN_DEMO_PASSWORD="a-demo-password-for-tests",
    )
    python = str(BIN / "python")
    migrate = run_in(generated_portal, python, "manage.py", "migrate", "--noinput", env=env)
    assert migrate.returncode == 0, migrate.stderr
    first = run_in(generated_portal, python, "manage.py", "seed_demo", env=env)
    assert first.returncode == 0, first.stderr
    second = run_in(generated_portal, python, "manage.py", "seed_demo", env=env)
    assert second.returncode == 0, second.stderr
    assert "organisations: 0 created, 0 updated" in second.stdout
