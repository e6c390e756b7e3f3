"""What the PostgreSQL benches share: a freshly generated portal, migrated on the database
the caller names, and the measured part run inside it as a second process of the same
script (``--inside``), so that Django is set up for that portal alone.

A bench's ``outer`` is then a check of its environment and one call::

    need_url("DATABASE_URL", "postgres", "…/dash_bench")
    run_inside_portal(__file__, args.portal, [f"--people={args.people}"])
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
ISLAND = KIT_ROOT / "docs" / "examples" / "island-state.yaml"


def need_url(variable: str, scheme: str, example: str) -> None:
    """Stop with a message unless ``variable`` holds a URL of ``scheme``."""
    if not os.environ.get(variable, "").startswith(scheme):
        sys.exit(f"Set {variable} to a {scheme} database (e.g. {example}).")


def run_inside_portal(
    script: str, portal: str | None, arguments: list[str], profile: Path = ISLAND
) -> None:
    """Generate a portal from ``profile`` (unless ``portal`` names one), migrate it, load
    the country, then run ``script --inside ARGUMENTS`` in it."""
    with tempfile.TemporaryDirectory() as scratch:
        if portal:
            project = Path(portal)
        else:
            sys.path.insert(0, str(KIT_ROOT / "installer"))
            from govlearn.generate import generate

            project = generate(profile, Path(scratch) / "portal").path
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
        env.setdefault("DJANGO_SECRET_KEY", "bench-only")
        env.setdefault("DJANGO_LOG_LEVEL", "WARNING")  # not one line per page created
        run = {"cwd": project, "env": env, "check": True}
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], **run)
        subprocess.run([sys.executable, "manage.py", "sync_country"], **run, capture_output=True)
        print(f"migrate + sync_country: {time.perf_counter() - started:.1f} s")
        inner = [sys.executable, str(Path(script).resolve()), "--inside", *arguments]
        subprocess.run(inner, **{**run, "env": {**env, "PYTHONPATH": str(project)}})


def timed(action: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    """The median of ``repeat`` runs of ``action``, in milliseconds, and its last result."""
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), result
