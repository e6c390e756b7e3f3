"""Every shipped framework goes through generation into a portal that loads it.

Slow: generates one portal per shipped framework and migrates one database, into which
every generated repository's ``framework/framework.yaml`` is loaded — which also proves a
portal can hold several frameworks side by side.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from govlearn.catalog import shipped_frameworks
from govlearn.frameworks import load_framework
from govlearn.generate import generate

pytestmark = pytest.mark.slow

PYTHON = str(Path(sys.executable))


def portal_env(database: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "GOVLEARN_"))
        and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    env["DATABASE_URL"] = f"sqlite:///{database}"
    return env


def manage(project: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def portals(tmp_path_factory) -> dict[str, Path]:
    """Framework name → a portal generated from the island example using that framework."""
    examples = Path(__file__).resolve().parents[2] / "docs" / "examples"
    yaml = YAML(typ="rt")
    generated = {}
    for name in shipped_frameworks():
        folder = tmp_path_factory.mktemp(name)
        profile = yaml.load((examples / "island-state.yaml").read_text(encoding="utf-8"))
        profile["competency_framework"] = name
        path = folder / "profile.yaml"
        with path.open("w", encoding="utf-8") as stream:
            yaml.dump(profile, stream)
        generated[name] = generate(path, folder / "out", git=False).path
    return generated


def test_generation_copies_each_framework_into_the_repository(portals):
    for name, project in portals.items():
        copied = project / "framework" / "framework.yaml"
        assert copied.read_bytes() == shipped_frameworks()[name].read_bytes(), name
        country = YAML(typ="safe").load((project / "country.yaml").read_text(encoding="utf-8"))
        assert country["competency_framework"] == "framework/framework.yaml"


def test_portal_loads_every_shipped_framework_and_reloads_in_place(portals, tmp_path):
    project = portals["generic-public-service"]
    env = portal_env(tmp_path / "db.sqlite3")
    migrated = manage(project, env, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    for name, source in portals.items():
        framework = load_framework(source / "framework" / "framework.yaml")
        loaded = manage(project, env, "load_framework", str(source / "framework/framework.yaml"))
        assert loaded.returncode == 0, loaded.stderr[-3000:]
        count = len(framework.competencies())
        assert f"competencies: {count} new, 0 updated, 0 retired" in loaded.stdout, name
    again = manage(project, env, "load_framework")  # default: the repository's own file
    generic = load_framework(project / "framework" / "framework.yaml")
    assert f"competencies: 0 new, {len(generic.competencies())} updated" in again.stdout
