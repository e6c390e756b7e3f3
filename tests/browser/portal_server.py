"""Generate a portal from a profile, seed it, and serve it for a browser to drive.

A plain module (not a ``conftest.py``) so that it does not shadow the kit's shared
``conftest`` module. Each portal is a real ``govlearn new`` output: migrated, synced with
its country profile, seeded with demo learners, served by Django's development server.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from portal_env import portal_env
from ruamel.yaml import YAML

from govlearn.generate import generate

KIT_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = KIT_ROOT / "docs" / "examples"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DEMO_PASSWORD = "browser-test-Passw0rd"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class RunningPortal:
    name: str
    project: Path
    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def manage(self, *args: str) -> str:
        return _run(self.project, "manage.py", *args)


def write_profile(base: str, folder: Path, **changes) -> Path:
    """A copy of example profile ``base`` with top-level keys (theme…) or languages changed."""
    yaml = YAML(typ="rt")
    data = yaml.load((EXAMPLES / f"{base}.yaml").read_text(encoding="utf-8"))
    languages = changes.pop("languages", None)
    if languages:
        data["languages"]["default"] = languages[0]
        data["languages"]["enabled"] = list(languages)
    for key, value in changes.items():
        data[key] = value
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "profile.yaml"
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    return path


#: Seeded databases by profile (theme aside): the theme is not stored in the database, so
#: portals that differ only by theme start from one migrated, seeded copy.
_SEEDED: dict[str, Path] = {}


def start_portal(name: str, profile: Path, workdir: Path) -> RunningPortal:
    project = generate(profile, workdir, git=False).path
    _run(project, "manage.py", "compilemessages", "--ignore=.venv", "-v0")
    key = _profile_without_theme(profile)
    if key in _SEEDED and _SEEDED[key].exists():
        shutil.copyfile(_SEEDED[key], project / "db.sqlite3")
    else:
        _run(project, "manage.py", "migrate", "--noinput")
        _run(project, "manage.py", "seed_demo")
        _SEEDED[key] = workdir / "seeded.sqlite3"
        shutil.copyfile(project / "db.sqlite3", _SEEDED[key])
    port = _free_port()
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project,
        env=_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_until_serving(url, process, workdir / "server.log")
    return RunningPortal(name=name, project=project, url=url, process=process)


def _profile_without_theme(profile: Path) -> str:
    lines = profile.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("theme:"))


def _env() -> dict[str, str]:
    return portal_env(
        DJANGO_SETTINGS_MODULE="portal.settings.dev", GOVLEARN_DEMO_PASSWORD=DEMO_PASSWORD
    )


def _run(project: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the portal stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise AssertionError(f"the portal did not answer within 60 s:\n{log.read_text()}")
