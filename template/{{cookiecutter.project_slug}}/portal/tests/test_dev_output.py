"""Development settings keep `make dev` readable: Wagtail's per-page and the task
runners' per-task log lines are quiet unless DJANGO_LOG_LEVEL asks for them, and an eager
Celery task does not make kombu warn about a missing broker host name."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parents[2]

# A fresh process: kombu warns once, when the broker's connection pool is first filled.
PROBE = """
import logging
import django
django.setup()
from django.conf import settings
assert settings.CELERY_TASK_ALWAYS_EAGER
logging.getLogger("wagtail").info('Page created: "A lesson" id=99')
logging.getLogger("django_tasks").info("Task id=1 path=x state=RUNNING")
logging.getLogger("portal").info("portal info stays visible")
from portal.tasks import ping
print(ping.delay("nonce").get()["nonce"])
"""


def run_probe(**env_extra) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_LOG_LEVEL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL="sqlite://:memory:")
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PORTAL,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("level", [None, "INFO"])
def test_an_eager_task_in_development_raises_no_broker_warning(level):
    result = run_probe(**({"DJANGO_LOG_LEVEL": level} if level else {}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "nonce"
    assert "No hostname was supplied" not in result.stderr
    assert "kombu" not in result.stderr


def test_per_page_and_per_task_lines_are_quiet_by_default_and_shown_on_request():
    quiet = run_probe()
    assert quiet.returncode == 0, quiet.stderr
    assert "Page created" not in quiet.stderr and "state=RUNNING" not in quiet.stderr
    assert "succeeded in" not in quiet.stderr  # Celery's eager trace line
    assert "portal info stays visible" in quiet.stderr
    loud = run_probe(DJANGO_LOG_LEVEL="INFO")
    assert "Page created" in loud.stderr and "state=RUNNING" in loud.stderr
