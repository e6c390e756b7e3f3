"""Helpers: a writable copy of a shipped framework that tests edit line by line."""

from __future__ import annotations

import shutil
from pathlib import Path

from govlearn.catalog import shipped_frameworks

DATA = Path(__file__).resolve().parent / "data"


class EditableFramework:
    def __init__(self, path: Path):
        self.path = path

    def replace(self, old: str, new: str, count: int = 1) -> EditableFramework:
        text = self.path.read_text(encoding="utf-8")
        assert text.count(old) >= count, f"{old!r} not in the framework file"
        self.path.write_text(text.replace(old, new, count), encoding="utf-8")
        return self

    def line_of(self, fragment: str, occurrence: int = 1) -> int:
        """The 1-based line of the n-th line containing ``fragment``."""
        lines = self.path.read_text(encoding="utf-8").splitlines()
        found = [number for number, line in enumerate(lines, 1) if fragment in line]
        return found[occurrence - 1]


def editable_framework(directory: Path, name: str = "generic-public-service") -> EditableFramework:
    copy = directory / f"{name}.yaml"
    shutil.copyfile(shipped_frameworks()[name], copy)
    return EditableFramework(copy)
