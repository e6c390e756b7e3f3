"""Time the agency's path: validate each example profile, generate its repository,
then migrate and seed the portal on SQLite. Prints one line per step; run with the
kit's virtualenv: `.venv/bin/python bench/generate_portal.py`."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govlearn.generate import generate
from govlearn.profile import validate_profile

KIT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((KIT_ROOT / "docs" / "examples").glob("*.yaml"))
BIN = Path(sys.executable).parent


def timed(action, *args, repeat=1, **kwargs):
    samples = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action(*args, **kwargs)
        samples.append(time.perf_counter() - started)
    return result, statistics.median(samples)


def manage(project: Path, *args: str, database: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )


def main() -> None:
    print(
        f"{'profile':<18} {'validate':>9} {'generate':>9} {'migrate':>8} {'seed':>7} {'files':>6}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        for profile in EXAMPLES:
            _, validate_s = timed(validate_profile, profile, repeat=5)
            out = Path(scratch) / profile.stem
            result, generate_s = timed(generate, profile, out)
            database = out / "bench.sqlite3"
            _, migrate_s = timed(manage, result.path, "migrate", "--noinput", database=database)
            _, seed_s = timed(manage, result.path, "seed_demo", database=database)
            files = sum(
                1 for path in result.path.rglob("*") if path.is_file() and ".git" not in path.parts
            )
            print(
                f"{profile.stem:<18} {validate_s * 1000:>7.0f}ms {generate_s:>8.2f}s "
                f"{migrate_s:>7.1f}s {seed_s:>6.1f}s {files:>6}"
            )


if __name__ == "__main__":
    main()
