"""Fixtures for the kit's tests: the repository, the example profiles, generation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

KIT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = KIT_ROOT / "docs" / "examples"
BAD_PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
EXAMPLE_PROFILES = sorted(EXAMPLES_DIR.glob("*.yaml"))


@pytest.fixture
def kit_root() -> Path:
    return KIT_ROOT


@pytest.fixture
def example_profile(tmp_path) -> Path:
    """A writable copy of the small-island example, for tests that edit a profile."""
    copy = tmp_path / "profile.yaml"
    shutil.copyfile(EXAMPLES_DIR / "island-state.yaml", copy)
    return copy
