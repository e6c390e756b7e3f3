"""``govlearn deploy``: one command from a country repository to running servers."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from govlearn.deploy.artifacts import (
    Archive,
    Wheelhouse,
    build_source_archive,
    build_wheelhouse,
    import_wheelhouse,
)
from govlearn.deploy.progress import RunRecord
from govlearn.deploy.repo import CountryRepo
from govlearn.deploy.runner import PlaybookRun, run_playbook
from govlearn.deploy.secrets import ensure_vault
from govlearn.errors import GovlearnError, display_path


@dataclass(frozen=True)
class DeployResult:
    record: RunRecord
    release_id: str
    source: Archive
    wheelhouse: Wheelhouse
    secrets_added: list[str]


def resolve_inventory(repo: CountryRepo, inventory: Path | None) -> Path:
    if inventory is not None:
        if not inventory.exists():
            raise GovlearnError(f"inventory {display_path(inventory)} does not exist")
        return inventory.resolve()
    if repo.default_inventory.exists():
        return repo.default_inventory
    raise GovlearnError(
        f"no inventory: pass --inventory, or copy an example inventory (single-host or "
        f"multi-host, from the kit's playbooks/inventories/) to "
        f"{display_path(repo.default_inventory)} and put your servers in it"
    )


def release_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def deployment_vars(
    repo: CountryRepo, source: Archive, wheelhouse: Wheelhouse, release: str
) -> dict[str, str]:
    return {
        "govlearn_slug": repo.slug,
        "govlearn_domain": repo.domain,
        "govlearn_admin_email": repo.admin_email,
        "govlearn_source_archive": str(source.path),
        "govlearn_source_checksum": source.checksum,
        "govlearn_wheelhouse_archive": str(wheelhouse.archive),
        "govlearn_requirements_checksum": wheelhouse.requirements_checksum,
        "govlearn_release_id": release,
    }


def deploy(
    repo: CountryRepo,
    *,
    inventory: Path | None = None,
    check: bool = False,
    wheelhouse_archive: Path | None = None,
    console: Console | None = None,
    extra_args: tuple[str, ...] = (),
) -> DeployResult:
    """Converge the servers in the inventory on this repository's code.

    Raises :class:`GovlearnError` when any host fails, after the summary was shown.
    """
    console = console or Console()
    inventory_path = resolve_inventory(repo, inventory)

    with tempfile.TemporaryDirectory(prefix="govlearn-check-") as scratch:
        if check and not repo.vault_file.exists():
            # A dry run writes nothing into the repository: throwaway secrets will do.
            vault = ensure_vault(repo, path=Path(scratch) / "secrets.vault.yml")
        else:
            vault = ensure_vault(repo)
            if vault.added:
                console.print(
                    f"Secrets created in {display_path(vault.path)} (ansible-vault, "
                    f"password in {vault.password_file}): {', '.join(vault.added)}"
                )

        source = build_source_archive(repo)
        if wheelhouse_archive is not None:
            wheelhouse = import_wheelhouse(repo, wheelhouse_archive)
        else:
            with console.status("Building the wheelhouse (once per requirements.lock)…"):
                wheelhouse = build_wheelhouse(repo)
            if wheelhouse.build_seconds is not None:
                console.print(
                    f"Wheelhouse built: {wheelhouse.wheels} wheels in "
                    f"{wheelhouse.build_seconds:.0f}s"
                )
        release = release_id()
        run = PlaybookRun(
            playbook="site.yml",
            inventory=inventory_path,
            extravars=deployment_vars(repo, source, wheelhouse, release),
            vault_file=vault.path,
            vault_password_file=vault.password_file,
            check=check,
            extra_args=extra_args,
        )
        title = f"{'Dry run of' if check else 'Deploying'} {repo.slug} ({release})"
        record = run_playbook(run, console, title)

    if record.failed_hosts:
        raise GovlearnError(
            f"deployment failed on {', '.join(record.failed_hosts)}; see the failing task above"
        )
    return DeployResult(record, release, source, wheelhouse, vault.added)
