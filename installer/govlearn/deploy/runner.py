"""Running the kit's playbooks through ansible-runner."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ansible_runner
from rich.console import Console

from govlearn.catalog import playbooks_dir
from govlearn.deploy.progress import DeployDisplay, RunRecord
from govlearn.errors import GovlearnError, display_path


@dataclass(frozen=True)
class PlaybookRun:
    playbook: str
    inventory: Path
    extravars: dict
    vault_file: Path | None = None
    vault_password_file: Path | None = None
    check: bool = False
    extra_args: tuple[str, ...] = ()


def _environment() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "ANSIBLE_CONFIG": str(playbooks_dir() / "ansible.cfg"),
        "ANSIBLE_ROLES_PATH": str(playbooks_dir() / "roles"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_DEPRECATION_WARNINGS": "0",
    }


def _cmdline(run: PlaybookRun) -> list[str]:
    args: list[str] = []
    if run.vault_password_file is not None:
        args += ["--vault-password-file", str(run.vault_password_file)]
    if run.vault_file is not None:
        args += ["-e", f"@{run.vault_file}"]
    if run.check:
        args += ["--check", "--diff"]
    args += list(run.extra_args)
    return args


def count_tasks(run: PlaybookRun) -> int | None:
    """How many tasks the playbook lists (for the progress bar); None if unknown."""
    playbook = playbooks_dir() / run.playbook
    command = [
        shutil.which("ansible-playbook", path=_environment()["PATH"]) or "ansible-playbook",
        "--list-tasks",
        "-i",
        str(run.inventory),
        str(playbook),
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, **_environment()},
        check=False,
        timeout=120,
    )
    if result.returncode != 0:
        return None
    return len(re.findall(r"\bTAGS: \[", result.stdout)) or None


def run_playbook(run: PlaybookRun, console: Console, title: str) -> RunRecord:
    """Run one playbook with a progress display; return what happened."""
    if not run.inventory.exists():
        raise GovlearnError(f"inventory {display_path(run.inventory)} does not exist")
    total = count_tasks(run)
    with tempfile.TemporaryDirectory(prefix="govlearn-runner-") as private_dir:
        display = DeployDisplay(console, title, total)
        with display:
            outcome = ansible_runner.run(
                private_data_dir=private_dir,
                project_dir=str(playbooks_dir()),
                playbook=run.playbook,
                inventory=str(run.inventory.resolve()),
                extravars=run.extravars,
                cmdline=" ".join(shlex.quote(arg) for arg in _cmdline(run)),
                envvars=_environment(),
                event_handler=display,
                quiet=True,
                settings={"suppress_ansible_output": True},
            )
        record = display.record
        if outcome.status not in ("successful", "failed"):
            tail = _stdout_tail(Path(private_dir))
            raise GovlearnError(f"ansible did not run ({outcome.status}):\n{tail}")
        if not record.stats and outcome.rc != 0:
            raise GovlearnError(
                f"ansible stopped before running any task:\n{_stdout_tail(Path(private_dir))}"
            )
    display.summary(title)
    return record


def _stdout_tail(root: Path, lines: int = 20) -> str:
    for path in sorted(root.rglob("stdout")):
        text = path.read_text(errors="replace").strip().splitlines()
        return "\n".join(text[-lines:])
    return "(no output)"
