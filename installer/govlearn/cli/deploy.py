"""``govlearn deploy`` (with ``status``) and ``govlearn bundle``: thin Click wrappers."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from govlearn.deploy.artifacts import build_source_archive, build_wheelhouse, export_bundle
from govlearn.deploy.deployment import deploy, resolve_inventory
from govlearn.deploy.repo import find_repo
from govlearn.deploy.status import print_status, release_status
from govlearn.errors import display_path

_REPO_OPTION = click.option(
    "--repo",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="The country repository (default: the one containing the current folder).",
)


@click.group("deploy", invoke_without_command=True)
@click.option(
    "-i",
    "--inventory",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Ansible inventory (default: deploy/inventory.yml in the repository).",
)
@click.option("--check", is_flag=True, help="Dry run: show what would change, change nothing.")
@click.option(
    "--wheelhouse",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A wheelhouse archive made by `govlearn bundle` (air-gapped controllers).",
)
@_REPO_OPTION
@click.pass_context
def deploy_group(
    ctx: click.Context,
    inventory: Path | None,
    check: bool,
    wheelhouse: Path | None,
    repo: Path | None,
) -> None:
    """Deploy the country repository to the servers in its inventory.

    Creates the secrets vault on the first run, ships the code and the wheelhouse, and
    converges every host; safe to run again at any time.
    """
    ctx.ensure_object(dict)
    ctx.obj.update(inventory=inventory, repo=repo)
    if ctx.invoked_subcommand is not None:
        return
    console = Console()
    country_repo = find_repo(repo)
    result = deploy(
        country_repo,
        inventory=inventory,
        check=check,
        wheelhouse_archive=wheelhouse,
        console=console,
    )
    record = result.record
    verb = "would change" if check else "changed"
    console.print(
        f"[green]Done[/green]: {len(record.stats.get('ok', {}))} host(s), "
        f"{record.changed} task(s) {verb}, in {record.elapsed:.0f}s. "
        f"https://{country_repo.domain}/"
    )


@deploy_group.command("status")
@click.option(
    "-i",
    "--inventory",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Ansible inventory (default: deploy/inventory.yml in the repository).",
)
@click.pass_context
def status_command(ctx: click.Context, inventory: Path | None) -> None:
    """Show the live release on each web and worker host."""
    console = Console()
    country_repo = find_repo(ctx.obj.get("repo"))
    inventory_path = resolve_inventory(country_repo, inventory or ctx.obj.get("inventory"))
    print_status(release_status(country_repo, inventory_path, console), console)


@click.command("bundle")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also copy the archives here (e.g. removable media for an air-gapped site).",
)
@click.option(
    "--python",
    default=None,
    help="Interpreter that resolves the wheels (default: /usr/bin/python3, as on targets).",
)
@click.option("--python-version", default=None, help="Target Python, e.g. 3.12 (binary wheels).")
@click.option("--platform", default=None, help="Target platform tag, e.g. manylinux2014_x86_64.")
@click.option("--rebuild", is_flag=True, help="Build the wheelhouse again even if cached.")
@_REPO_OPTION
def bundle_command(
    output_dir: Path | None,
    python: str | None,
    python_version: str | None,
    platform: str | None,
    rebuild: bool,
    repo: Path | None,
) -> None:
    """Build the wheelhouse and code archive so targets install with no index access."""
    console = Console()
    country_repo = find_repo(repo)
    with console.status("Building the wheelhouse…"):
        wheelhouse = build_wheelhouse(
            country_repo,
            python=python,
            python_version=python_version,
            platform=platform,
            rebuild=rebuild,
        )
    source = build_source_archive(country_repo)
    how = (
        f"built in {wheelhouse.build_seconds:.0f}s"
        if wheelhouse.build_seconds is not None
        else "already built"
    )
    console.print(f"Wheelhouse: {wheelhouse.archive} ({wheelhouse.wheels} wheels, {how})")
    console.print(f"Code:       {source.path}")
    if output_dir is not None:
        for path in export_bundle(source, wheelhouse, output_dir):
            console.print(f"Copied to {display_path(path)}")
