"""The playbooks as an auditor and a systemd host see them: lint-clean, and the unit files
they write are ones systemd accepts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from govlearn.catalog import playbooks_dir

pytestmark = pytest.mark.deploy

BIN = Path(sys.executable).parent


def _ansible_env() -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "ANSIBLE_CONFIG": str(playbooks_dir() / "ansible.cfg"),
        "ANSIBLE_ROLES_PATH": str(playbooks_dir() / "roles"),
        "ANSIBLE_NOCOLOR": "1",
    }


def test_playbooks_pass_ansible_lint_with_the_production_profile():
    result = subprocess.run(
        [str(BIN / "ansible-lint"), "--profile", "production", "--nocolor", "."],
        cwd=playbooks_dir(),
        capture_output=True,
        text=True,
        env=_ansible_env(),
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.parametrize("inventory", ["single-host", "multi-host"])
def test_example_inventories_place_every_group(inventory):
    result = subprocess.run(
        [
            str(BIN / "ansible-inventory"),
            "-i",
            str(playbooks_dir() / "inventories" / inventory / "hosts.yml"),
            "--graph",
        ],
        capture_output=True,
        text=True,
        env=_ansible_env(),
        check=True,
    )
    for group in ("@db:", "@cache:", "@web:", "@worker:"):
        assert group in result.stdout
    if inventory == "multi-host":
        assert result.stdout.count("web") >= 3 and "web2" in result.stdout
        assert "worker2" in result.stdout and "@db_replica:" in result.stdout


RENDER_PLAYBOOK = """
- name: Render the portal's unit files
  hosts: all
  gather_facts: true
  tasks:
    - name: Render the Redis unit
      ansible.builtin.include_role:
        name: redis
        tasks_from: unit.yml
    - name: Render the app's units
      ansible.builtin.include_role:
        name: app
        tasks_from: services.yml
    - name: Stop before the handlers restart services on this machine
      ansible.builtin.meta: end_play
"""


@pytest.fixture
def rendered_units(tmp_path) -> list[Path]:
    """The units the roles write on a systemd host, rendered into a scratch folder."""
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is missing: install the systemd package")
    root = tmp_path / "srv"
    (root / "bin").mkdir(parents=True)
    runner = root / "bin" / "govlearn-run"
    runner.write_text('#!/bin/sh\nexec "$@"\n')
    runner.chmod(0o755)
    units = tmp_path / "units"
    units.mkdir()
    inventory_dir = tmp_path / "inventory"
    inventory_dir.mkdir()
    shutil.copytree(playbooks_dir() / "group_vars", inventory_dir / "group_vars")
    (inventory_dir / "hosts.yml").write_text(
        "all:\n  hosts:\n    unit-host:\n      ansible_connection: local\n"
        f"      ansible_python_interpreter: {sys.executable}\n"
        "  children:\n"
        + "".join(
            f"    {group}:\n      hosts:\n        unit-host:\n"
            for group in ("db", "cache", "web", "worker")
        )
    )
    playbook = tmp_path / "render.yml"
    playbook.write_text(RENDER_PLAYBOOK)
    result = subprocess.run(
        [
            str(BIN / "ansible-playbook"),
            "-i",
            str(inventory_dir / "hosts.yml"),
            str(playbook),
            "-e",
            "govlearn_slug=unitportal govlearn_domain=learn.unit.example",
            "-e",
            f"govlearn_process_manager=systemd govlearn_systemd_unit_dir={units}",
            "-e",
            f"govlearn_root={root}",
        ],
        capture_output=True,
        text=True,
        env=_ansible_env(),
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    return sorted(units.glob("*.service"))


def test_systemd_units_are_written_for_every_service(rendered_units):
    names = [unit.name for unit in rendered_units]
    assert names == [
        "unitportal-beat.service",
        "unitportal-redis.service",
        "unitportal-web.service",
        "unitportal-worker.service",
    ]


def test_systemd_accepts_every_unit_without_a_warning(rendered_units):
    for unit in rendered_units:
        result = subprocess.run(
            ["systemd-analyze", "verify", str(unit)],
            capture_output=True,
            text=True,
            check=False,
        )
        # systemd-analyze only warns (exit 0) on a misspelt key: any output is a failure.
        assert result.returncode == 0 and not result.stderr.strip(), (
            f"{unit.name}:\n{result.stderr}"
        )


def test_the_web_unit_runs_gunicorn_on_the_socket_nginx_uses(rendered_units):
    web = next(unit for unit in rendered_units if unit.name.endswith("-web.service"))
    text = web.read_text()
    assert "gunicorn portal.wsgi:application --bind unix:" in text
    assert "User=unitportal" in text
    site = (playbooks_dir() / "roles" / "nginx" / "templates" / "site.conf.j2").read_text()
    assert "server unix:{{ govlearn_gunicorn_socket }}" in site


REPLICA_CHECK_PLAYBOOK = """
- name: Decide whether a replica's data directory may be replaced
  hosts: all
  gather_facts: false
  tasks:
    - name: Run the role's replica check
      ansible.builtin.include_role:
        name: postgresql
        tasks_from: replica_check.yml
    - name: Write the decision down for the test
      ansible.builtin.copy:
        content: "{{ postgresql_replica_seed | bool }}"
        dest: "{{ decision_file }}"
        mode: "0644"
"""

# What a data directory holds in each case: files relative to it (a trailing / makes a
# folder). initdb's databases are base/1, base/4 and base/5; created ones start at 16384.
EMPTY_CLUSTER = ["PG_VERSION", "base/1/", "base/4/", "base/5/", "base/pgsql_tmp/", "pg_tblspc/"]
PORTAL_DATABASE = [*EMPTY_CLUSTER, "base/16384/2619"]


def _data_dir(root: Path, entries: list[str]) -> Path:
    data = root / "15" / "main"
    for entry in entries:
        path = data / entry
        if entry.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("15\n" if entry == "PG_VERSION" else "")
    return data


def _replica_check(tmp_path: Path, data: Path, *extra: str) -> subprocess.CompletedProcess:
    playbook = tmp_path / "replica-check.yml"
    playbook.write_text(REPLICA_CHECK_PLAYBOOK)
    return subprocess.run(
        [
            str(BIN / "ansible-playbook"),
            "-i",
            "replica1,",
            "-c",
            "local",
            str(playbook),
            "-e",
            f"ansible_python_interpreter={sys.executable}",
            "-e",
            f"postgresql_data_dir={data} decision_file={tmp_path / 'decision'}",
            "-e",
            "govlearn_db_primary=db1",
            *extra,
        ],
        capture_output=True,
        text=True,
        env=_ansible_env(),
        check=False,
    )


def _tree(data: Path) -> list[str]:
    return sorted(str(path.relative_to(data)) for path in data.rglob("*"))


@pytest.mark.parametrize(
    ("entries", "seed"),
    [
        pytest.param([], "True", id="no-cluster-yet"),
        pytest.param(EMPTY_CLUSTER, "True", id="the-distributions-empty-cluster"),
        pytest.param([*PORTAL_DATABASE, "standby.signal"], "False", id="already-a-replica"),
    ],
)
def test_a_replica_is_copied_from_the_primary_only_where_that_loses_nothing(
    tmp_path, entries, seed
):
    data = _data_dir(tmp_path / "pg", entries)
    result = _replica_check(tmp_path, data)
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "decision").read_text() == seed


@pytest.mark.parametrize(
    "entries",
    [
        pytest.param(PORTAL_DATABASE, id="promoted-with-the-portal-database"),
        pytest.param([*EMPTY_CLUSTER, "pg_tblspc/16390"], id="promoted-with-a-tablespace"),
    ],
)
def test_a_promoted_replica_still_listed_in_db_replica_stops_the_play(tmp_path, entries):
    data = _data_dir(tmp_path / "pg", entries)
    before = _tree(data)
    result = _replica_check(tmp_path, data)
    assert result.returncode != 0
    message = " ".join(result.stdout.split())  # Ansible wraps the message
    assert "replica1 is in db_replica" in message
    assert "no standby.signal" in message
    assert "remove it from db_replica" in message
    assert "-e postgresql_replica_reseed=true" in message
    assert not (tmp_path / "decision").exists()
    assert _tree(data) == before


def test_a_promoted_replica_is_copied_again_only_when_asked(tmp_path):
    data = _data_dir(tmp_path / "pg", PORTAL_DATABASE)
    result = _replica_check(tmp_path, data, "-e", "postgresql_replica_reseed=true")
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "decision").read_text() == "True"


def test_the_replica_data_is_only_removed_after_the_check_allowed_it():
    tasks = yaml.safe_load(
        (playbooks_dir() / "roles" / "postgresql" / "tasks" / "replica.yml").read_text()
    )
    check, seed = tasks
    assert check["ansible.builtin.import_tasks"] == "replica_check.yml"
    assert seed["when"] == "postgresql_replica_seed | bool"
    removals = [task for task in seed["block"] if "ansible.builtin.file" in task]
    assert [task["ansible.builtin.file"]["state"] for task in removals] == ["absent"]
    outside = [task for task in tasks if task is not seed]
    assert not any("ansible.builtin.file" in task for task in outside)
