"""Competency frameworks: the YAML format, its validation and its exchange formats.

A framework file is data, never code: integrators plug a country's own model in by writing
(or importing) one YAML file that validates against ``framework.schema.json`` beside the
shipped frameworks. The generator validates the country's framework and copies it into
the generated repository; the portal loads it from there.
"""

from __future__ import annotations

from pathlib import Path

from govlearn.errors import Problem, ValidationFailed
from govlearn.frameworks.model import (
    Competency,
    Framework,
    Group,
    Level,
    Metadata,
    Requirement,
    Role,
)
from govlearn.frameworks.validation import framework_problems, framework_schema
from govlearn.yamlfile import load_located

__all__ = [
    "Competency",
    "Framework",
    "Group",
    "Level",
    "Metadata",
    "Requirement",
    "Role",
    "framework_schema",
    "load_framework",
    "validate_framework_file",
]


def validate_framework_file(path: Path | str) -> list[Problem]:
    """Every problem with a framework file (empty when valid).

    Bad content never raises; only a file that cannot be read or parsed as YAML raises
    :class:`GovlearnError`, because then there is nothing to locate problems in.
    """
    return framework_problems(load_located(path))


def load_framework(path: Path | str) -> Framework:
    """The framework in a file, or :class:`ValidationFailed` listing every problem."""
    document = load_located(path)
    problems = framework_problems(document)
    if problems:
        raise ValidationFailed(problems, what=f"competency framework {document.name}")
    return Framework.from_data(document.data)
