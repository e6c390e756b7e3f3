"""Read YAML while remembering where every value came from.

Validators report ``file:line: path: message``; for that they need the line of any
node by its JSON path. ruamel.yaml keeps line/column data on its round-trip containers,
so we load with it and convert to plain Python only after locating.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from govlearn.errors import GovlearnError, Problem, display_path


class LocatedDocument:
    """A parsed YAML file: plain data plus the line of each JSON-pointer-like path."""

    def __init__(self, source: Path, raw: Any):
        self.source = source
        self.raw = raw
        self.data = _to_plain(raw)

    @property
    def name(self) -> str:
        return display_path(self.source)

    def line_of(self, path: tuple | list) -> int | None:
        """The 1-based line of the deepest node of ``path`` that exists."""
        node = self.raw
        line = 1
        for key in path:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0] + 1
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line = node.lc.item(key)[0] + 1
                node = node[key]
            else:
                break
        return line

    def problem(self, path: tuple | list, message: str) -> Problem:
        return Problem(self.name, self.line_of(path), format_path(path), message)


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
    source = Path(source)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GovlearnError(f"{display_path(source)}: file not found") from None
    except UnicodeDecodeError as exc:
        raise GovlearnError(f"{display_path(source)}: not UTF-8 text ({exc.reason})") from None
    except IsADirectoryError:
        raise GovlearnError(
            f"{display_path(source)}: is a directory, expected a YAML file"
        ) from None
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        reason = exc.problem or exc.context or "invalid YAML"
        raise GovlearnError(f"{display_path(source)}{line}: invalid YAML: {reason}") from None
    except Exception as exc:  # ruamel raises several unrelated types for duplicate keys etc.
        raise GovlearnError(f"{display_path(source)}: invalid YAML: {exc}") from None
    return LocatedDocument(source, raw)


def _to_plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): _to_plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_to_plain(item) for item in node]
    if hasattr(node, "isoformat") or isinstance(node, (bool, int, float)) or node is None:
        return node
    return str(node)  # ruamel's scalar string types become plain str
