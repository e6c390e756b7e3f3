"""The environment a generated portal's commands run in, for every kit test that runs them.

A generated portal reads its settings from the environment, and the kit's own test run
leaves variables there that would change what the portal does: ``DJANGO_SETTINGS_MODULE``
from a developer's shell, ``PYTEST_XDIST_WORKER`` and ``PYTEST_CURRENT_TEST`` from pytest
(the portal's suite would think it is already an xdist worker), ``GOVLEARN_*`` switches,
and database or Redis addresses meant for something else. A portal must run on what the
test hands it and nothing more.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRUBBED_PREFIXES = ("DJANGO_", "PYTEST_", "GOVLEARN_")
SCRUBBED_NAMES = frozenset({"DATABASE_URL", "REDIS_URL"})


def portal_env(**settings: str) -> dict[str, str]:
    """This process's environment without the variables above, then ``settings`` on top."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(SCRUBBED_PREFIXES) and key not in SCRUBBED_NAMES
    }
    env.update(settings)
    return env


def manage(project: Path, *arguments: str, **settings: str) -> subprocess.CompletedProcess:
    """``python manage.py ARGUMENTS`` in a generated portal (dev settings unless told)."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=project,
        env=portal_env(**{"DJANGO_SETTINGS_MODULE": "portal.settings.dev", **settings}),
        capture_output=True,
        text=True,
        timeout=600,
    )
