"""Read ``framework/framework.yaml`` and refuse it, with every reason, if it cannot load.

The kit validated the file at generation time (``govlearn frameworks validate``), but the
file lives in the country's repository and people edit it. The loader must not half-load
a broken file, so this module checks what loading relies on — required keys, unique
UUIDs and codes, references from roles and indicators — and reports all problems at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

from portal.yaml12 import YAMLFileError, read_yaml


class FrameworkFileError(Exception):
    """The framework file cannot be loaded; the message lists every problem."""


def read_framework_file(path: Path | str) -> dict:
    path = Path(path)
    try:
        data = read_yaml(path)
    except FileNotFoundError:
        raise FrameworkFileError(f"{path}: file not found") from None
    except YAMLFileError as exc:
        raise FrameworkFileError(f"{path}: {exc}") from None
    problems = list(_problems(data))
    if problems:
        listed = "\n".join(f"  {path}: {problem}" for problem in problems)
        raise FrameworkFileError(
            f"{path} cannot be loaded ({len(problems)} problems):\n{listed}\n"
            "Check it with `govlearn frameworks validate` for line numbers."
        )
    return data


def walk_groups(groups: list, parent: dict | None = None) -> Iterator[tuple[dict, dict | None]]:
    """Every group with its parent group, parents first."""
    for group in groups:
        yield group, parent
        yield from walk_groups(group.get("groups", []), group)


def _problems(data) -> Iterator[str]:
    if not isinstance(data, dict):
        yield "the file must hold a mapping with metadata, levels and groups"
        return
    for key in ("metadata", "levels", "groups"):
        if not data.get(key):
            yield f"{key}: missing"
    if not isinstance(data.get("metadata"), dict) or not isinstance(data.get("groups"), list):
        return
    meta = data["metadata"]
    for key in ("uuid", "code", "version", "name", "publisher", "licence", "languages"):
        if not meta.get(key):
            yield f"metadata.{key}: missing"
    seen_uuids: set[str] = set()
    nodes = [("metadata", meta)]
    nodes += [(f"levels[{i}]", level) for i, level in enumerate(data.get("levels") or [])]
    level_codes = {level.get("code") for _, level in nodes[1:] if isinstance(level, dict)}
    codes: set[str] = set()
    competency_codes: set[str] = set()
    for group, _parent in walk_groups(data["groups"]):
        nodes.append((f"group {group.get('code')}", group))
        codes.add(group.get("code"))
        for item in group.get("competencies", []):
            nodes.append((f"competency {item.get('code')}", item))
            if item.get("code") in codes:
                yield f"competency {item.get('code')}: code used twice"
            codes.add(item.get("code"))
            competency_codes.add(item.get("code"))
            for level in item.get("indicators", {}):
                if level not in level_codes:
                    yield f"competency {item.get('code')}: indicator for unknown level {level!r}"
    for index, role in enumerate(data.get("roles") or []):
        nodes.append((f"roles[{index}]", role))
        for requirement in role.get("requirements", []):
            if requirement.get("competency") not in competency_codes:
                wanted = requirement.get("competency")
                yield f"role {role.get('code')}: unknown competency {wanted!r}"
            if requirement.get("level") not in level_codes:
                yield f"role {role.get('code')}: unknown level {requirement.get('level')!r}"
    for where, node in nodes:
        if not isinstance(node, dict):
            yield f"{where}: must be a mapping"
            continue
        for key in ("code", "name") if where != "metadata" else ():
            if not node.get(key):
                yield f"{where}: {key} missing"
        try:
            value = str(uuid.UUID(str(node.get("uuid"))))
        except ValueError:
            yield f"{where}: uuid {node.get('uuid')!r} is not a UUID"
            continue
        if value in seen_uuids:
            yield f"{where}: uuid {value} used twice"
        seen_uuids.add(value)
