"""``govlearn deploy status``: the live release on each web and worker host."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from govlearn.deploy.repo import CountryRepo
from govlearn.deploy.runner import PlaybookRun, run_playbook
from govlearn.errors import GovlearnError

REPORT_TASK = "Report the current release"


@dataclass(frozen=True)
class HostStatus:
    host: str
    current: str
    source: str
    releases: list[str]


def release_status(repo: CountryRepo, inventory: Path, console: Console) -> list[HostStatus]:
    run = PlaybookRun(
        playbook="status.yml",
        inventory=inventory,
        extravars={"govlearn_slug": repo.slug, "govlearn_domain": repo.domain},
    )
    quiet = Console(file=console.file, force_terminal=console.is_terminal, quiet=True)
    record = run_playbook(run, quiet, f"Status of {repo.slug}")
    if record.failed_hosts:
        details = "; ".join(f"{f.host}: {f.message}" for f in record.failures)
        raise GovlearnError(f"could not read the release status: {details}")
    statuses = []
    for result in record.results:
        if result["task"] != REPORT_TASK:
            continue
        facts = result["res"].get("msg") or {}
        statuses.append(
            HostStatus(
                host=result["host"],
                current=facts.get("current", ""),
                source=facts.get("source", ""),
                releases=facts.get("releases", "").split(),
            )
        )
    return sorted(statuses, key=lambda status: status.host)


def print_status(statuses: list[HostStatus], console: Console) -> None:
    table = Table(title="Live releases", title_justify="left")
    table.add_column("host")
    table.add_column("current release")
    table.add_column("source")
    table.add_column("releases kept", justify="right")
    table.add_column("previous")
    for status in statuses:
        previous = [release for release in status.releases if release != status.current]
        table.add_row(
            status.host,
            status.current or "[red]none[/red]",
            status.source[:12],
            str(len(status.releases)),
            previous[0] if previous else "",
        )
    console.print(table)
