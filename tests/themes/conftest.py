"""Shared helpers: a writable copy of a shipped theme that each test can break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govlearn.catalog import shipped_themes


@pytest.fixture
def theme_copy(tmp_path: Path):
    """Copy a shipped theme into ``tmp_path`` and hand back a small editor for it."""

    def make(name: str = "civic") -> ThemeCopy:
        target = tmp_path / name
        shutil.copytree(shipped_themes()[name], target)
        return ThemeCopy(target)

    return make


class ThemeCopy:
    def __init__(self, path: Path):
        self.path = path
        self.file = path / "theme.yaml"

    def replace(self, old: str, new: str) -> None:
        text = self.file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in theme.yaml"
        self.file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line_of(self, fragment: str) -> int:
        for number, line in enumerate(self.file.read_text(encoding="utf-8").splitlines(), 1):
            if fragment in line:
                return number
        raise AssertionError(f"{fragment!r} not in theme.yaml")
