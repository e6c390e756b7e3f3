"""The portal's secrets, generated once into an ansible-vault file in the repository.

The vault file (``deploy/secrets.vault.yml``) is meant to be committed: it is encrypted
with AES-256 by ansible-vault. Its password lives outside the repository, by default in
``~/.config/govlearn/vault/<slug>.pass`` (mode 0600), or wherever
``GOVLEARN_VAULT_PASSWORD_FILE`` points. Secrets missing from an existing vault are added;
existing ones are never changed.
"""

from __future__ import annotations

import os
import secrets as random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from ansible.errors import AnsibleError
from ansible.parsing.vault import VaultLib, VaultSecret
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from govlearn.deploy.repo import CountryRepo
from govlearn.errors import GovlearnError, display_path

VAULT_HEADER = b"$ANSIBLE_VAULT"


def _ed25519_pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    ).decode("ascii")


# Each secret's variable name (as the playbooks use it) and how to make a fresh one.
# Hex and URL-safe alphabets only: the values go into URLs and quoted env files.
GENERATORS: dict[str, Callable[[], str]] = {
    "govlearn_django_secret_key": lambda: random.token_urlsafe(50),
    "govlearn_db_password": lambda: random.token_hex(24),
    "govlearn_redis_password": lambda: random.token_hex(32),
    "govlearn_replication_password": lambda: random.token_hex(24),
    "govlearn_admin_password": lambda: random.token_urlsafe(18),
    "govlearn_signing_key": _ed25519_pem,
}


@dataclass
class Vault:
    path: Path
    password_file: Path
    values: dict[str, str] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)


def password_file_for(repo: CountryRepo) -> Path:
    configured = os.environ.get("GOVLEARN_VAULT_PASSWORD_FILE")
    if configured:
        return Path(configured).expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return config / "govlearn" / "vault" / f"{repo.slug}.pass"


def _vault_lib(password: str) -> VaultLib:
    return VaultLib([("default", VaultSecret(password.encode("utf-8")))])


def _read_password(path: Path) -> str:
    password = path.read_text(encoding="utf-8").strip()
    if not password:
        raise GovlearnError(f"vault password file {display_path(path)} is empty")
    return password


def read_vault(path: Path, password_file: Path) -> dict[str, str]:
    """Decrypt a vault file; a clear-text file is refused, never read."""
    data = path.read_bytes()
    if not data.startswith(VAULT_HEADER):
        raise GovlearnError(
            f"{display_path(path)} is not encrypted with ansible-vault; secrets must never "
            "be kept in clear: encrypt it with ansible-vault encrypt, or remove it"
        )
    if not password_file.is_file():
        raise GovlearnError(
            f"{display_path(path)} exists but its password file {display_path(password_file)} "
            "does not; restore the password file (or set GOVLEARN_VAULT_PASSWORD_FILE)"
        )
    try:
        plain = _vault_lib(_read_password(password_file)).decrypt(data)
    except AnsibleError as exc:
        raise GovlearnError(
            f"cannot decrypt {display_path(path)} with {display_path(password_file)}: {exc}"
        ) from exc
    values = yaml.safe_load(plain) or {}
    if not isinstance(values, dict):
        raise GovlearnError(f"{display_path(path)} does not hold a mapping of secrets")
    return {str(key): str(value) for key, value in values.items()}


def write_vault(path: Path, password_file: Path, values: dict[str, str]) -> None:
    plain = yaml.safe_dump(values, sort_keys=True, default_flow_style=False)
    encrypted = _vault_lib(_read_password(password_file)).encrypt(plain)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp")
    scratch.write_bytes(encrypted)
    scratch.chmod(0o600)
    scratch.replace(path)


def _create_password_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(random.token_urlsafe(32) + "\n")


def ensure_vault(repo: CountryRepo, path: Path | None = None) -> Vault:
    """Open the repository's vault, creating it and any missing secret; return it."""
    path = path or repo.vault_file
    password_file = password_file_for(repo)
    values: dict[str, str] = {}
    if path.exists():
        values = read_vault(path, password_file)
    elif not password_file.exists():
        _create_password_file(password_file)
    vault = Vault(path=path, password_file=password_file, values=values)
    for name, generate in GENERATORS.items():
        if not values.get(name):
            values[name] = generate()
            vault.added.append(name)
    if vault.added:
        write_vault(path, password_file, values)
    return vault
