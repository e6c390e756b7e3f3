"""A national-size country profile, timed along the agency's path.

For profiles of 10,000, 20,000 and 100,000 organisations (a ministry tree, three levels)
it prints the file size, the time and peak memory of `govlearn validate`, and, beside
it, the baseline of the same run: PyYAML's libyaml loader reading the same file with
nothing else done (what the portal's reader cost before). For the largest it also
times validation of a copy with three problems, whose lines are then looked up, and it
times `govlearn new` and the portal's `sync_country` on SQLite: the
first load and an unchanged re-sync.

Run with the kit's virtualenv: `.venv/bin/python bench/profile_scale.py [SIZES…]`.
Each measurement runs in a fresh process so that peak memory is its own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT / "tests"))
from portal_env import portal_env  # noqa: E402 - the tests' one environment for portals

ISLAND = KIT_ROOT / "docs" / "examples" / "island-state.yaml"
BIN = Path(sys.executable).parent
SIZES = (10_000, 20_000, 100_000)


def write_profile(path: Path, organisations: int) -> None:
    """The island example's header, then ministries → departments → offices."""
    header = ISLAND.read_text(encoding="utf-8").split("organisations:")[0]
    lines = [
        header + "organisations:",
        "  levels:",
        "    - {code: ministry, name: {en: Ministry, fr: Ministère}}",
        "    - {code: department, name: {en: Department, fr: Département}}",
        "    - {code: office, name: {en: Office, fr: Bureau}}",
        "  seed:",
    ]
    ministries = max(1, organisations // 200)
    departments = max(1, organisations // 10)
    for m in range(ministries):
        lines.append(f"    - {{code: M{m}, name: Ministry {m}, level: ministry, region: SC-MAHE}}")
    for d in range(departments - ministries):
        parent = f"M{d % ministries}"
        lines.append(
            f"    - {{code: D{d}, name: Department {d}, level: department, parent: {parent}}}"
        )
    for o in range(organisations - departments):
        lines.append(
            f"    - {{code: O{o}, name: District office {o}, level: office, "
            f"parent: D{o % (departments - ministries)}}}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def child(task: str, argument: str) -> None:
    """Run one measured step in this (fresh) process and print seconds and peak MB."""
    started = time.perf_counter()
    if task == "validate":
        from govlearn.profile import validate_profile

        problems = validate_profile(argument)
        assert not problems, problems[:3]
    elif task == "validate-broken":
        from govlearn.profile import validate_profile

        problems = validate_profile(argument)
        assert len(problems) == 3 and all(problem.line for problem in problems), problems
    elif task == "libyaml":
        import yaml

        yaml.load(Path(argument).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def measured(task: str, argument: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", task, str(argument)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def timed_command(command: list[str], cwd: Path, env=None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main(sizes) -> None:
    print(
        f"{'organisations':>13} {'MB':>6} {'validate s':>10} {'peak MB':>8} "
        f"{'libyaml s':>9} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        for size in sizes:
            profile = scratch / f"profile-{size}.yaml"
            write_profile(profile, size)
            validate = measured("validate", profile)
            baseline = measured("libyaml", profile)
            print(
                f"{size:>13,} {profile.stat().st_size / 1e6:>6.1f} {validate['seconds']:>10.2f} "
                f"{validate['peak_mb']:>8.0f} {baseline['seconds']:>9.2f} "
                f"{validate['seconds'] / baseline['seconds']:>6.2f}"
            )
        largest = scratch / f"profile-{max(sizes)}.yaml"
        broken = scratch / "broken.yaml"
        lines = largest.read_text(encoding="utf-8").splitlines(keepends=True)
        for index in (len(lines) // 3, len(lines) // 2, len(lines) - 1):  # three unknown parents
            lines[index] = lines[index].replace("parent: D", "parent: NOWHERE-D")
        broken.write_text("".join(lines), encoding="utf-8")
        located = measured("validate-broken", broken)
        print(
            f"{max(sizes):>13,} organisations, 3 problems located by line: "
            f"{located['seconds']:.2f} s, peak {located['peak_mb']:.0f} MB"
        )
        out = scratch / "out"
        generate_s = timed_command(
            [str(BIN / "govlearn"), "new", str(largest), "-o", str(out)], cwd=scratch
        )
        project = next(out.iterdir())
        env = portal_env(
            DJANGO_SETTINGS_MODULE="portal.settings.dev",
            DATABASE_URL=f"sqlite:///{scratch / 'bench.sqlite3'}",
        )
        python = str(BIN / "python")
        timed_command([python, "manage.py", "migrate", "--noinput", "-v0"], project, env)
        first_sync = timed_command([python, "manage.py", "sync_country"], project, env)
        re_sync = timed_command([python, "manage.py", "sync_country"], project, env)
        startup = timed_command([python, "manage.py", "check"], project, env)
        print(f"govlearn new ({max(sizes):,} organisations, with git): {generate_s:.1f} s")
        print(
            f"sync_country: first load {first_sync:.1f} s, unchanged re-sync {re_sync:.1f} s "
            f"(of which Django start-up, as `manage.py check`: {startup:.1f} s)"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        main(tuple(int(size) for size in sys.argv[1:]) or SIZES)
