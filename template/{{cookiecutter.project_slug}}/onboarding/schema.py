"""The people CSV's rules, read from the Frictionless Table Schema shipped beside this file.

``schemas/people.schema.json`` is the one statement of the format: the importer takes
every column name, requirement, length, pattern and allowed value from it, so the
documented format and the code cannot drift apart. The one rule that depends on the
country — which language codes ``preferred_language`` accepts — is marked in the file
with ``"x-enum-source": "portal-languages"`` (Table Schema allows extra properties) and
filled in from ``country.yaml`` here; :func:`published_schema` is the file with that
list written out, which the admin offers for download.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal.country import get_country

SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "people.schema.json"
PORTAL_LANGUAGES = "portal-languages"


@dataclass(frozen=True)
class FieldRule:
    """What one column must hold. ``pattern`` matches the whole value, as the spec says."""

    name: str
    required: bool
    max_length: int | None
    pattern: re.Pattern | None
    pattern_text: str
    enum: tuple[str, ...] | None
    format: str
    unique: bool

    @property
    def case_insensitive(self) -> bool:
        """E-mail addresses are compared without case: one account per address."""
        return self.format == "email"

    def key(self, value: str) -> str:
        """The form in which two values count as the same (duplicates, database matches)."""
        return value.lower() if self.case_insensitive else value


@dataclass(frozen=True)
class PeopleSchema:
    fields: tuple[FieldRule, ...]
    primary_key: str

    @property
    def header(self) -> list[str]:
        return [rule.name for rule in self.fields]

    @property
    def required_columns(self) -> list[str]:
        return [rule.name for rule in self.fields if rule.required]

    @property
    def unique_fields(self) -> list[FieldRule]:
        return [rule for rule in self.fields if rule.unique or rule.name == self.primary_key]

    def rule(self, name: str) -> FieldRule:
        return next(rule for rule in self.fields if rule.name == name)


@cache
def _schema_file() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _language_codes() -> list[str]:
    return [language.code for language in get_country().languages]


def published_schema() -> dict:
    """The schema as this portal applies it: portal languages written into the enum."""
    schema = copy.deepcopy(_schema_file())
    for field in schema["fields"]:
        if field.pop("x-enum-source", None) == PORTAL_LANGUAGES:
            field.setdefault("constraints", {})["enum"] = _language_codes()
    return schema


def people_schema() -> PeopleSchema:
    """The rules of :func:`published_schema`, compiled for the importer."""
    schema = published_schema()
    rules = []
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        pattern = constraints.get("pattern")
        enum = constraints.get("enum")
        rules.append(
            FieldRule(
                name=field["name"],
                required=bool(constraints.get("required", False)),
                max_length=constraints.get("maxLength"),
                pattern=re.compile(pattern) if pattern else None,
                pattern_text=pattern or "",
                enum=tuple(enum) if enum is not None else None,
                format=field.get("format", "default"),
                unique=bool(constraints.get("unique", False)),
            )
        )
    return PeopleSchema(fields=tuple(rules), primary_key=schema["primaryKey"])
