"""JSON Schema validation that reports every error with its file line.

jsonschema-rs (a compiled validator) checks a national profile of 100,000 organisations
in well under a second, where a pure-Python validator took about eight; every error is
still reported, not only the first.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema_rs

from govlearn.errors import Problem
from govlearn.yamlfile import LocatedDocument

_YAML_TYPES = {bool: "true/false", int: "a number", float: "a number", type(None): "empty"}


@cache
def load_schema(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def schema_problems(document: LocatedDocument, schema: dict) -> list[Problem]:
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    problems = []
    for error in validator.iter_errors(document.data):
        path = list(error.instance_path)
        kind = error.kind
        if isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
            allowed = ", ".join(
                sorted(_subschema(schema, error.schema_path[:-1]).get("properties", {}))
            )
            for key in kind.unexpected:
                problems.append(
                    document.problem([*path, key], f"unknown field (expected one of: {allowed})")
                )
            continue
        problems.append(document.problem(path, _describe(schema, error)))
    return problems


def _subschema(schema: dict, schema_path) -> dict:
    node = schema
    for key in schema_path:
        node = node[key]
    return node if isinstance(node, dict) else {}


def _describe(schema: dict, error) -> str:
    """Short messages that say what to change rather than quoting the schema."""
    kinds = jsonschema_rs.ValidationErrorKind
    kind = error.kind
    instance = error.instance
    if isinstance(kind, kinds.Required):
        return f"{kind.property!r} is required"
    if isinstance(kind, kinds.Pattern):
        description = _subschema(schema, error.schema_path[:-1]).get("description")
        return f"{instance!r} is not valid: {description or 'must match ' + kind.pattern}"
    if isinstance(kind, kinds.Enum):
        allowed = ", ".join(repr(value) for value in kind.options)
        return f"{instance!r} is not one of {allowed}"
    if isinstance(kind, kinds.Type):
        expected = " or ".join(str(name) for name in kind.types)
        message = f"{instance!r} is not of type {expected}"
        if "string" in expected and type(instance) in _YAML_TYPES:
            message += (
                f" (YAML read the unquoted value as {_YAML_TYPES[type(instance)]}; "
                "put it in quotes to keep it as text)"
            )
        return message
    if isinstance(kind, kinds.MaxLength):
        return f"is {len(instance):,} characters long; at most {kind.limit:,} are allowed"
    if isinstance(kind, kinds.MinLength) and instance == "":
        return "must not be empty"
    return error.message
