"""Stable identities for things that arrive without them (CSV rows, foreign CASE items).

A UUID derived from the framework's UUID and the item's code is the same on every
import of the same sheet, so re-importing an edited sheet and re-loading it in a portal
updates records in place instead of creating duplicates.
"""

from __future__ import annotations

import re
import uuid

_NOT_CODE = re.compile(r"[^A-Za-z0-9._-]+")
CODE_MAX = 64


def derived_uuid(namespace: str, *parts: str) -> str:
    return str(uuid.uuid5(uuid.UUID(namespace), ":".join(parts)))


def normalised_uuid(value: object) -> str | None:
    """The lower-case canonical form of a UUID, or ``None`` if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return None


def as_code(text: str, fallback: str) -> str:
    """A framework code from free text: spaces and symbols become '-', at most 64 long."""
    code = _NOT_CODE.sub("-", text.strip()).strip("-._")[:CODE_MAX]
    return code or fallback


def unique_codes(wanted: list[tuple[str, str]]) -> dict[str, str]:
    """key -> code, with '-2', '-3' appended where two keys want the same code."""
    taken: set[str] = set()
    result: dict[str, str] = {}
    for key, code in wanted:
        candidate, counter = code, 2
        while candidate in taken:
            suffix = f"-{counter}"
            candidate = code[: CODE_MAX - len(suffix)] + suffix
            counter += 1
        taken.add(candidate)
        result[key] = candidate
    return result
