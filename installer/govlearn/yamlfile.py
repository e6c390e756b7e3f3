"""Read YAML exactly as the portal will, and say on which line a problem is.

The kit and the generated portal must agree on what a file means: a profile that the kit
validated under one YAML dialect and the portal read under another would change meaning
on the way (YAML 1.1 turns Norway's code ``NO`` into ``False``). So the kit reads with the
portal's own reader, ``portal/yaml12.py`` inside the template, loaded from there: one
implementation of the dialect and of its bounds on size, aliases and depth.

Loading keeps no positions, which keeps a national-size profile fast and small. Validators
create problems with their JSON path; :meth:`LocatedDocument.report` then looks the lines
of all of them up in one more pass over the file, only when there is something to report.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from govlearn.errors import GovlearnError, Problem, display_path, sorted_problems

PORTAL_READER = Path("{{cookiecutter.project_slug}}", "portal", "yaml12.py")


@cache
def yaml12() -> ModuleType:
    """The portal's YAML reader, run from the template this kit generates from.

    Compiled from its source rather than imported, so that no byte-code cache is written
    into the template (it would be copied into every generated repository).
    """
    from govlearn.catalog import template_dir

    path = template_dir() / PORTAL_READER
    module = ModuleType("govlearn_portal_yaml12")
    module.__file__ = str(path)
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)
    return module


class LocatedDocument:
    """A parsed YAML file: its plain data, and the lines of paths when asked."""

    def __init__(self, source: Path, text: str, data: Any):
        self.source = source
        self.text = text
        self.data = data

    @property
    def name(self) -> str:
        return display_path(self.source)

    def problem(self, path: tuple | list, message: str) -> Problem:
        """A problem at ``path``; its line is filled in by :meth:`report`."""
        return Problem(self.name, None, format_path(path), message, where=tuple(path))

    def report(self, problems: list[Problem]) -> list[Problem]:
        """The problems, each once, located by line and sorted by where they are."""
        pending = [p for p in problems if p.line is None and p.where is not None]
        pending = [p for p in pending if p.file == self.name]
        if pending:
            lines = yaml12().lines_of(self.text, [p.where for p in pending])
            located = {id(p): dataclasses.replace(p, line=lines[p.where]) for p in pending}
            problems = [located.get(id(p), p) for p in problems]
        return sorted_problems(problems)


def format_path(path: tuple | list) -> str:
    """``('languages', 'enabled', 2)`` becomes ``languages.enabled[2]``."""
    text = ""
    for key in path:
        if isinstance(key, int):
            text += f"[{key}]"
        else:
            text += f".{key}" if text else str(key)
    return text


def load_located(source: Path | str) -> LocatedDocument:
    """The YAML file at ``source``, or :class:`GovlearnError` saying what and where."""
    source = Path(source)
    reader = yaml12()
    name = display_path(source)
    try:
        text = reader.read_text(source)
        data = reader.load_yaml(text)
    except FileNotFoundError:
        raise GovlearnError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise GovlearnError(f"{name}: is a directory, expected a YAML file") from None
    except reader.YAMLFileError as exc:
        where = f"{name}:{exc.line}" if exc.line else name
        raise GovlearnError(f"{where}: {exc.message}") from None
    return LocatedDocument(source, text, data)


def located_text(source: Path | str, text: str) -> LocatedDocument:
    """A document for text already read (JSON is YAML), for locating problems in it."""
    return LocatedDocument(Path(source), text, None)
