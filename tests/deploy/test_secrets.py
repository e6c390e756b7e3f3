"""The vault: secrets made once, encrypted, stable across runs, never read in clear."""

from __future__ import annotations

import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from govlearn.deploy.secrets import GENERATORS, ensure_vault, read_vault, write_vault
from govlearn.errors import GovlearnError

pytestmark = pytest.mark.deploy


def test_first_run_creates_an_encrypted_vault_with_every_secret(small_repo, deploy_env):
    vault = ensure_vault(small_repo)

    assert vault.path == small_repo.path / "deploy" / "secrets.vault.yml"
    assert sorted(vault.added) == sorted(GENERATORS)
    raw = vault.path.read_bytes()
    assert raw.startswith(b"$ANSIBLE_VAULT;1.1;AES256")
    for value in vault.values.values():
        assert value.encode()[:40] not in raw, "a secret is readable in the vault file"
    assert stat.S_IMODE(vault.password_file.stat().st_mode) == 0o600
    assert not vault.password_file.is_relative_to(small_repo.path)


def test_signing_key_is_an_ed25519_private_key(small_repo, deploy_env):
    values = ensure_vault(small_repo).values
    key = load_pem_private_key(values["govlearn_signing_key"].encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey)


def test_second_run_keeps_every_secret(small_repo, deploy_env):
    first = ensure_vault(small_repo)
    before = small_repo.vault_file.read_bytes()
    second = ensure_vault(small_repo)

    assert second.added == []
    assert second.values == first.values
    assert small_repo.vault_file.read_bytes() == before, "an unchanged vault was rewritten"


def test_a_deleted_secret_is_regenerated_and_the_others_kept(small_repo, deploy_env):
    first = ensure_vault(small_repo)
    values = dict(first.values)
    del values["govlearn_redis_password"]
    write_vault(small_repo.vault_file, first.password_file, values)

    again = ensure_vault(small_repo)

    assert again.added == ["govlearn_redis_password"]
    assert again.values["govlearn_redis_password"] != first.values["govlearn_redis_password"]
    assert again.values["govlearn_db_password"] == first.values["govlearn_db_password"]


def test_a_clear_text_secrets_file_is_refused(small_repo, deploy_env):
    small_repo.deploy_dir.mkdir()
    small_repo.vault_file.write_text("govlearn_db_password: hunter2\n")
    with pytest.raises(GovlearnError, match="not encrypted with ansible-vault"):
        ensure_vault(small_repo)


def test_a_lost_password_file_is_reported_not_replaced(small_repo, deploy_env):
    vault = ensure_vault(small_repo)
    vault.password_file.unlink()
    with pytest.raises(GovlearnError, match=r"password file .* does not"):
        ensure_vault(small_repo)
    assert not vault.password_file.exists()


def test_a_wrong_password_is_reported(small_repo, deploy_env):
    vault = ensure_vault(small_repo)
    vault.password_file.write_text("not the password\n")
    with pytest.raises(GovlearnError, match="cannot decrypt"):
        read_vault(vault.path, vault.password_file)
