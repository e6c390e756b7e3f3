"""The generated portal on real PostgreSQL and Redis, with a real Celery worker.

The services are private instances started by `scripts/test-services.sh` on loopback and
their own ports, so this lane never depends on (or disturbs) a system database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import KIT_ROOT
from portal_env import portal_env

from govlearn.generate import generate

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def services() -> dict[str, str]:
    result = subprocess.run(
        ["bash", str(KIT_ROOT / "scripts" / "test-services.sh"), "start"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    urls = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert urls["DATABASE_URL"].startswith("postgres://")
    return urls


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    profile = KIT_ROOT / "docs" / "examples" / "federal-country.yaml"
    return generate(profile, tmp_path_factory.mktemp("integration")).path


def env_for(services, **extra) -> dict[str, str]:
    return portal_env(**{**services, **extra})


def test_portal_suite_passes_on_postgresql_and_redis(portal, services):
    """Every portal test but the browser ones, integration tests included."""
    result = subprocess.run(
        # The portal's own integration tests (a real Celery worker, PostgreSQL-only paths)
        # run here too; only its browser tests run elsewhere.
        [
            str(BIN / "pytest"),
            "-q",
            "-p",
            "no:cacheprovider",
            "--create-db",
            "-n",
            "2",
            "-m",
            "not browser",
        ],
        cwd=portal,
        env=env_for(services),
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


def manage(portal: Path, *args: str, env: dict[str, str], timeout: int = 600):
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=portal,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def worker(portal, services):
    """A real Celery worker consuming from the private Redis."""
    env = env_for(services, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    migrate = manage(portal, "migrate", "--noinput", "-v0", env=env)
    assert migrate.returncode == 0, migrate.stderr
    log = portal / "worker.log"
    process = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "portal",
            "worker",
            "--loglevel=INFO",
            "--concurrency=1",
            "--hostname=govlearn-test@%h",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=portal,
        env={**env, "CELERY_TASK_ALWAYS_EAGER": "false"},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    yield env, log
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def test_a_task_runs_through_the_real_worker(portal, worker):
    env, log = worker
    # dev settings run tasks inline; production-like settings send them to the broker.
    env = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "CELERY_USE_WORKER": "1"}
    started = time.monotonic()
    result = manage(portal, "check_worker", "--timeout", "60", env=env, timeout=120)
    assert result.returncode == 0, result.stderr + log.read_text()
    assert "worker" in result.stdout and "answered in" in result.stdout
    assert time.monotonic() - started < 60
    assert "portal.ping" in log.read_text()


def test_check_worker_fails_clearly_when_no_worker_listens(portal, services):
    env = env_for(services, DJANGO_SETTINGS_MODULE="portal.settings.test", CELERY_USE_WORKER="1")
    env["REDIS_URL"] = env["REDIS_URL"].rsplit("/", 1)[0] + "/9"  # a queue nobody consumes
    result = manage(portal, "check_worker", "--timeout", "3", env=env, timeout=120)
    assert result.returncode != 0
    assert "no worker answered within 3s" in result.stderr
