"""Fixtures for the deployment tests: a country repository made from an example profile,
with its vault password and build cache kept in the test's own folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from govlearn.deploy.repo import CountryRepo, load_repo
from govlearn.generate import generate

KIT_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = KIT_ROOT / "docs" / "examples" / "island-state.yaml"


def _make_repo(folder: Path, slug: str, domain: str) -> CountryRepo:
    """Generate the island-state example under ``folder`` with its own slug and domain."""
    profile = folder / "profile.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("  domain: learn.gov.sc.example\n", f"  domain: {domain}\n  slug: {slug}\n")
    profile.write_text(text, encoding="utf-8")
    result = generate(profile, folder / "out", force=False, git=False)
    return load_repo(result.path)


@pytest.fixture(scope="session")
def make_repo():
    """Generate the island-state example with its own slug and domain: make_repo(dir, ...)."""
    return _make_repo


@pytest.fixture
def deploy_env(tmp_path, monkeypatch) -> Path:
    """Vault password and artefact cache in this test's folder, never the user's."""
    monkeypatch.setenv("GOVLEARN_VAULT_PASSWORD_FILE", str(tmp_path / "vault.pass"))
    monkeypatch.setenv("GOVLEARN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def small_repo(tmp_path) -> CountryRepo:
    """A hand-made minimal country repository (no generation needed)."""
    root = tmp_path / "repo"
    (root / "portal").mkdir(parents=True)
    (root / "country.yaml").write_text(
        "portal:\n  slug: unittest\n  domain: learn.unit.example\n"
        "  admin_email: admin@unit.example\n",
        encoding="utf-8",
    )
    (root / "manage.py").write_text("print('manage')\n", encoding="utf-8")
    (root / "requirements.txt").write_text("Django==5.2.19\n", encoding="utf-8")
    (root / "requirements.lock").write_text(
        "django==5.2.19 --hash=sha256:" + "0" * 64 + "\n", encoding="utf-8"
    )
    (root / "portal" / "settings.py").write_text("DEBUG = False\n", encoding="utf-8")
    return load_repo(root)
