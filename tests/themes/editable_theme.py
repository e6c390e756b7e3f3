"""A writable copy of a shipped theme that a test can break, and helpers to edit it.

A plain module rather than a ``conftest.py``: the kit's tests import their shared
``conftest`` by name, and a second one here would shadow it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from govlearn.catalog import shipped_themes


class EditableTheme:
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


def editable_theme(folder: Path, name: str = "civic") -> EditableTheme:
    """Copy shipped theme ``name`` into ``folder/name``."""
    target = folder / name
    shutil.copytree(shipped_themes()[name], target)
    return EditableTheme(target)
