"""The code archive: reproducible, so "nothing changed" means no new release, and free of
secrets and local clutter."""

from __future__ import annotations

import tarfile

import pytest

from govlearn.deploy.artifacts import build_source_archive, import_wheelhouse
from govlearn.errors import GovlearnError

pytestmark = pytest.mark.deploy


def test_the_same_code_gives_the_same_checksum(small_repo, deploy_env):
    first = build_source_archive(small_repo)
    (small_repo.path / "portal" / "settings.py").touch()  # a newer mtime is not a change
    second = build_source_archive(small_repo)
    assert first.checksum == second.checksum


def test_a_code_change_gives_a_new_checksum(small_repo, deploy_env):
    first = build_source_archive(small_repo)
    (small_repo.path / "portal" / "settings.py").write_text("DEBUG = False\nX = 1\n")
    assert build_source_archive(small_repo).checksum != first.checksum


def test_secrets_inventories_and_local_clutter_are_not_shipped(small_repo, deploy_env):
    root = small_repo.path
    (root / "deploy").mkdir()
    (root / "deploy" / "secrets.vault.yml").write_text("$ANSIBLE_VAULT;1.1;AES256\n00\n")
    (root / "deploy" / "inventory.yml").write_text("all: {}\n")
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "python").write_text("")
    (root / "portal" / "__pycache__").mkdir()
    (root / "portal" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (root / "db.sqlite3").write_bytes(b"SQLite")

    archive = build_source_archive(small_repo)

    with tarfile.open(archive.path) as tar:
        names = set(tar.getnames())
    assert names == {
        "country.yaml",
        "manage.py",
        "requirements.txt",
        "requirements.lock",
        "portal/settings.py",
    }


def test_a_wheelhouse_for_other_requirements_is_refused(small_repo, deploy_env, tmp_path):
    wrong = tmp_path / "wheelhouse.tar.gz"
    other = tmp_path / "requirements.lock"
    other.write_text("django==4.2 --hash=sha256:" + "1" * 64 + "\n")
    with tarfile.open(wrong, "w:gz") as tar:
        tar.add(other, arcname="requirements.lock")
    with pytest.raises(GovlearnError, match=r"different requirements\.lock"):
        import_wheelhouse(small_repo, wrong)
