"""The playbooks as an auditor and a systemd host see them: lint-clean, and the unit files
they write are ones systemd accepts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
