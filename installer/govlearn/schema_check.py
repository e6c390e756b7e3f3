"""JSON Schema validation that reports every error with its file line."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

from jsonschema import Draft202012Validator

from govlearn.errors import Problem
from govlearn.yamlfile import LocatedDocument


@cache
def load_schema(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def packaged_schema(package: str, name: str) -> dict:
    with resources.as_file(resources.files(package) / name) as schema_path:
        return load_schema(Path(schema_path))


def schema_problems(document: LocatedDocument, schema: dict) -> list[Problem]:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for error in validator.iter_errors(document.data):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in allowed:
                    known = ", ".join(sorted(allowed))
                    problems.append(
                        document.problem([*path, key], f"unknown field (expected one of: {known})")
                    )
            continue
        problems.append(document.problem(path, _describe(error)))
    return problems


def _describe(error) -> str:
    """Short messages that say what to change rather than quoting the schema."""
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "pattern":
        hint = error.schema.get("description") or f"must match {error.validator_value}"
        return f"{error.instance!r} is not valid: {hint}"
    if error.validator == "enum":
        allowed = ", ".join(repr(value) for value in error.validator_value)
        return f"{error.instance!r} is not one of {allowed}"
    return error.message
