"""What the operator sees while Ansible runs: the play and task, the host, a bar and the
elapsed time — then a summary per host, and for failures the failing task and its
message rather than Ansible's JSON."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

STAT_KEYS = ("ok", "changed", "failures", "dark", "skipped", "rescued", "ignored")


@dataclass(frozen=True)
class Failure:
    host: str
    play: str
    task: str
    message: str


@dataclass
class RunRecord:
    """Everything the summary and the tests need from one playbook run."""

    stats: dict[str, dict[str, int]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    changed_tasks: list[tuple[str, str]] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def changed(self) -> int:
        return sum(self.stats.get("changed", {}).values())

    @property
    def failed_hosts(self) -> list[str]:
        failed = set(self.stats.get("failures", {})) | set(self.stats.get("dark", {}))
        return sorted(host for host in failed if self._count(host, ("failures", "dark")))

    def _count(self, host: str, keys: tuple[str, ...]) -> int:
        return sum(self.stats.get(key, {}).get(host, 0) for key in keys)

    def host_counts(self, host: str) -> dict[str, int]:
        return {key: self.stats.get(key, {}).get(host, 0) for key in STAT_KEYS}


def failure_message(result: dict, limit: int = 20) -> str:
    """The part of a failed result an operator reads: msg, then the end of stderr."""
    if result.get("censored"):
        return "(details hidden because the task handles secrets: no_log)"
    lines: list[str] = []
    message = result.get("msg")
    if message and message != "non-zero return code":
        lines.append(str(message).strip())
    for stream in ("stderr", "module_stderr", "stdout", "module_stdout"):
        text = (result.get(stream) or "").strip()
        if text:
            lines += text.splitlines()[-limit:]
            break
    if result.get("rc") not in (None, 0) and not lines:
        lines.append(f"exit code {result['rc']}")
    if "results" in result and not lines:  # a loop: the failing items' messages
        for item in result["results"]:
            if item.get("failed"):
                lines.append(failure_message(item, limit=5))
    return "\n".join(lines) or "failed (no message)"


class DeployDisplay:
    """An ansible-runner event handler that draws progress and records the run."""

    def __init__(self, console: Console, title: str, total_tasks: int | None = None):
        self.console = console
        self.title = title
        self.total = total_tasks or 0
        self.record = RunRecord()
        self.play = ""
        self.task = ""
        self.started = time.monotonic()
        self.live = console.is_terminal
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.bar = None

    def __enter__(self) -> DeployDisplay:
        self.started = time.monotonic()
        if self.live:
            self.progress.start()
            self.bar = self.progress.add_task(self.title, total=self.total or None)
        else:
            self.console.print(f"{self.title}")
        return self

    def __exit__(self, *exc_info) -> None:
        self.record.elapsed = time.monotonic() - self.started
        if self.live:
            self.progress.stop()

    def _elapsed(self) -> str:
        seconds = int(time.monotonic() - self.started)
        return f"{seconds // 60:02d}:{seconds % 60:02d}"

    def __call__(self, event: dict) -> bool:
        kind = event.get("event", "")
        data = event.get("event_data", {}) or {}
        if kind == "playbook_on_play_start":
            self.play = data.get("play", "")
        elif kind == "playbook_on_task_start":
            self.task = data.get("task", "")
            self._advance(data)
        elif kind == "runner_on_ok":
            self._host_result(data, changed=bool((data.get("res") or {}).get("changed")))
        elif kind in ("runner_on_failed", "runner_on_unreachable"):
            self._failed(data, unreachable=kind == "runner_on_unreachable")
        elif kind == "playbook_on_stats":
            self.record.stats = {key: dict(data.get(key) or {}) for key in STAT_KEYS}
        return True

    def _advance(self, data: dict) -> None:
        description = f"{self.play} > {self.task}"
        if self.live and self.bar is not None:
            done = self.progress.tasks[0].completed + 1
            if self.total and done > self.total:
                self.total = int(done)
                self.progress.update(self.bar, total=self.total)
            self.progress.update(self.bar, advance=1, description=description)
        else:
            self.console.print(
                f"  [{self._elapsed()}] {description}", highlight=False, soft_wrap=True
            )

    def _host_result(self, data: dict, changed: bool) -> None:
        host = data.get("host", "")
        self.record.results.append(
            {"host": host, "task": data.get("task", ""), "res": data.get("res") or {}}
        )
        if changed:
            self.record.changed_tasks.append((host, data.get("task", "")))
        if self.live and self.bar is not None:
            self.progress.update(self.bar, description=f"{self.play} > {self.task} ({host})")

    def _failed(self, data: dict, unreachable: bool) -> None:
        if data.get("ignore_errors"):
            return
        result = data.get("res") or {}
        message = failure_message(result)
        if unreachable:
            message = f"host unreachable: {message}"
        failure = Failure(data.get("host", ""), self.play, data.get("task", ""), message)
        self.record.failures.append(failure)
        first_line = message.splitlines()[0] if message else ""
        self.console.print(
            f"  [red]✗[/red] {failure.host}: {failure.task}: {first_line}", highlight=False
        )

    def summary(self, heading: str) -> None:
        record = self.record
        minutes, seconds = divmod(int(record.elapsed), 60)
        table = Table(title=f"{heading} in {minutes}m{seconds:02d}s", title_justify="left")
        table.add_column("host")
        for key in ("ok", "changed", "failures", "dark", "skipped", "rescued"):
            table.add_column("unreachable" if key == "dark" else key, justify="right")
        hosts = sorted({host for counts in record.stats.values() for host in counts})
        for host in hosts:
            counts = record.host_counts(host)
            table.add_row(
                host,
                *(
                    str(counts[key])
                    for key in ("ok", "changed", "failures", "dark", "skipped", "rescued")
                ),
            )
        self.console.print(table)
        failed_hosts = set(record.failed_hosts)
        for failure in record.failures:
            if failure.host not in failed_hosts:
                continue  # rescued: the rescue's own failure (if any) says what happened
            self.console.print(f"[bold red]FAILED[/bold red] {failure.host} — {failure.task}")
            for line in failure.message.splitlines():
                self.console.print(f"    {line}", highlight=False, markup=False)
