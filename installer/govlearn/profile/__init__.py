"""The country profile: the one file an agency writes.

Validation happens in two passes over the same located document: the published JSON
Schema first (shape and formats), then the checks a schema cannot express (codes unique,
parents exist, languages known, theme and framework resolvable). Every problem from both
passes is reported together so an agency fixes its file in one round.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from govlearn.errors import Problem, ValidationFailed
from govlearn.profile.semantics import semantic_problems
from govlearn.schema_check import schema_problems
from govlearn.slugs import derive_slug
from govlearn.yamlfile import LocatedDocument, load_located

SCHEMA_FILE = "country-profile.schema.json"


def profile_schema() -> dict:
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Profile:
    """A validated profile plus what the kit derives from it."""

    document: LocatedDocument
    slug: str
    theme_path: Path
    framework_path: Path

    @property
    def data(self) -> dict:
        return self.document.data

    @property
    def source(self) -> Path:
        return self.document.source


def validate_profile(path: Path | str) -> list[Problem]:
    """Every problem with the profile, its theme and its framework (empty when valid)."""
    document = load_located(path)
    return _problems(document)


def load_profile(path: Path | str) -> Profile:
    """The validated profile, or :class:`ValidationFailed` listing every problem."""
    document = load_located(path)
    problems = _problems(document)
    if problems:
        raise ValidationFailed(problems, what=f"country profile {document.name}")
    data = document.data
    base = document.source.parent
    from govlearn.catalog import resolve_framework, resolve_theme

    return Profile(
        document=document,
        slug=profile_slug(data),
        theme_path=resolve_theme(data["theme"], base),
        framework_path=resolve_framework(data["competency_framework"], base),
    )


def profile_slug(data: dict) -> str:
    portal = data.get("portal", {})
    if portal.get("slug"):
        return portal["slug"]
    country_name = data.get("country", {}).get("name")
    if isinstance(country_name, dict):
        country_name = next(iter(country_name.values()), "")
    return derive_slug(
        portal.get("short_name", ""),
        country_name or "",
        fallback=data.get("country", {}).get("code", "gov").lower(),
    )


def _problems(document: LocatedDocument) -> list[Problem]:
    if not isinstance(document.data, dict):
        return [document.problem([], "the profile must be a YAML mapping (key: value lines)")]
    problems = schema_problems(document, profile_schema())
    problems += semantic_problems(document)
    return document.report(problems)
