"""The country repository being deployed: where it is and what ``country.yaml`` says."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from govlearn.errors import GovlearnError, display_path

COUNTRY_FILE = "country.yaml"
DEPLOY_DIR = "deploy"
INVENTORY_FILE = "inventory.yml"
VAULT_FILE = "secrets.vault.yml"


@dataclass(frozen=True)
class CountryRepo:
    path: Path
    slug: str
    domain: str
    admin_email: str

    @property
    def deploy_dir(self) -> Path:
        return self.path / DEPLOY_DIR

    @property
    def vault_file(self) -> Path:
        return self.deploy_dir / VAULT_FILE

    @property
    def default_inventory(self) -> Path:
        return self.deploy_dir / INVENTORY_FILE

    @property
    def requirements_file(self) -> Path:
        """The lock: every package the portal runs on, pinned with its sha256 hashes."""
        return self.path / "requirements.lock"


def find_repo(start: Path | None = None) -> CountryRepo:
    """The country repository containing ``start`` (default: the current folder)."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / COUNTRY_FILE).is_file() and (folder / "manage.py").is_file():
            return load_repo(folder)
    raise GovlearnError(
        f"{display_path(start)} is not inside a country repository (no {COUNTRY_FILE} "
        "beside manage.py); run govlearn deploy from the repository govlearn new made"
    )


def load_repo(path: Path) -> CountryRepo:
    country_file = path / COUNTRY_FILE
    try:
        data = yaml.safe_load(country_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise GovlearnError(f"{display_path(country_file)}: not valid YAML: {exc}") from exc
    portal = data.get("portal") or {}
    missing = [key for key in ("slug", "domain", "admin_email") if not portal.get(key)]
    if missing:
        raise GovlearnError(
            f"{display_path(country_file)}: portal.{', portal.'.join(missing)} missing; "
            "deployment needs the portal's slug, domain and admin e-mail"
        )
    return CountryRepo(
        path=path,
        slug=str(portal["slug"]),
        domain=str(portal["domain"]),
        admin_email=str(portal["admin_email"]),
    )


def cache_dir(repo: CountryRepo) -> Path:
    """Where built artefacts (source archives, wheelhouses) are kept between runs.

    Outside the repository, so nothing built is ever committed by accident.
    """
    base = os.environ.get("GOVLEARN_CACHE_DIR")
    if base:
        root = Path(base)
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "govlearn"
    path = root / repo.slug
    path.mkdir(parents=True, exist_ok=True)
    return path
