"""Every shipped framework goes through generation into a portal that loads it and serves
it over CASE exactly as the kit exports it.

Slow: generates one portal per shipped framework and migrates one database, into which
every generated repository's ``framework/framework.yaml`` is loaded — which also proves a
portal can hold several frameworks side by side.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from portal_env import portal_env
from ruamel.yaml import YAML

from govlearn.catalog import shipped_frameworks
from govlearn.frameworks import load_framework
from govlearn.frameworks.case_export import export_case
from govlearn.generate import generate

pytestmark = pytest.mark.slow

PYTHON = str(Path(sys.executable))
HOST = "localhost"  # allowed by the portal's dev settings

# Runs inside the portal with Django set up: every loaded framework's CFPackage as the
# portal's CASE REST API answers it, keyed by framework code, written to argv[1].
FETCH_PACKAGES = """
import json, sys
import django
django.setup()
from django.test import Client
from competencies.models import Framework
client = Client(HTTP_HOST=sys.argv[2])
packages = {}
for framework in Framework.objects.all():
    response = client.get(f"/ims/case/v1p1/CFPackages/{framework.uuid}")
    assert response.status_code == 200, (framework.code, response.status_code)
    packages[framework.code] = response.json()
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(packages, out, ensure_ascii=False)
"""


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


@dataclass
class LoadedPortal:
    project: Path
    env: dict[str, str]
    load_output: dict[str, str]  # framework name → what load_framework printed


@pytest.fixture(scope="module")
def loaded_portal(portals, tmp_path_factory) -> LoadedPortal:
    """The generic portal, migrated, with every generated repository's framework loaded."""
    project = portals["generic-public-service"]
    database = tmp_path_factory.mktemp("database") / "db.sqlite3"
    env = portal_env(
        DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL=f"sqlite:///{database}"
    )
    migrated = manage(project, env, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    output = {}
    for name, source in portals.items():
        loaded = manage(project, env, "load_framework", str(source / "framework/framework.yaml"))
        assert loaded.returncode == 0, loaded.stderr[-3000:]
        output[name] = loaded.stdout
    return LoadedPortal(project, env, output)


def test_generation_copies_each_framework_into_the_repository(portals):
    for name, project in portals.items():
        copied = project / "framework" / "framework.yaml"
        assert copied.read_bytes() == shipped_frameworks()[name].read_bytes(), name
        country = YAML(typ="safe").load((project / "country.yaml").read_text(encoding="utf-8"))
        assert country["competency_framework"] == "framework/framework.yaml"


def test_portal_loads_every_shipped_framework_and_reloads_in_place(portals, loaded_portal):
    assert set(loaded_portal.load_output) == set(shipped_frameworks())
    for name, source in portals.items():
        framework = load_framework(source / "framework" / "framework.yaml")
        count = len(framework.competencies())
        expected = f"competencies: {count} new, 0 updated, 0 retired"
        assert expected in loaded_portal.load_output[name], name
    project, env = loaded_portal.project, loaded_portal.env
    again = manage(project, env, "load_framework")  # default: the repository's own file
    generic = load_framework(project / "framework" / "framework.yaml")
    assert f"competencies: 0 new, {len(generic.competencies())} updated" in again.stdout


def test_portal_case_api_serves_the_package_the_kit_exports(loaded_portal, tmp_path):
    """The portal builds CASE itself (it cannot import govlearn); both builds must agree.

    Compared as whole packages, so any difference — a field, a translation, an order, a
    derived association UUID, a URI — fails here rather than in a consumer of the API.
    """
    fetched = tmp_path / "packages.json"
    result = subprocess.run(
        [PYTHON, "-c", FETCH_PACKAGES, str(fetched), HOST],
        cwd=loaded_portal.project,
        env=loaded_portal.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    served = json.loads(fetched.read_text(encoding="utf-8"))
    assert set(served) == {
        load_framework(path).metadata.code for path in shipped_frameworks().values()
    }
    for name, path in sorted(shipped_frameworks().items()):
        framework = load_framework(path)
        package = served[framework.metadata.code]
        # The portal stamps a package with the time it loaded the file.
        loaded_at = datetime.fromisoformat(package["CFDocument"]["lastChangeDateTime"])
        exported = export_case(framework, base_url=f"http://{HOST}", changed_at=loaded_at)
        exported = json.loads(json.dumps(exported, ensure_ascii=False))  # JSON types only
        for part in ("CFDocument", "extensions"):
            assert package[part] == exported[part], (name, part)
        for part in ("CFItems", "CFAssociations"):
            assert len(package[part]) == len(exported[part]), (name, part)
            for position, (got, want) in enumerate(zip(package[part], exported[part], strict=True)):
                assert got == want, (name, part, position)
        assert package == exported, name
