"""The official Open Badges 3.0 ``AchievementCredential`` JSON schema, shipped in
``schemas/`` (see the README there) so validation never needs the network."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft201909Validator

SCHEMA_PATH = (
    Path(__file__).resolve().parent / "schemas" / "ob_v3p0_achievementcredential.schema.json"
)


@cache
def _validator() -> Draft201909Validator:
    return Draft201909Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_problems(document: dict, limit: int = 5) -> list[str]:
    """Readable schema violations (``where: what``), at most ``limit``; [] when valid.

    ``proof`` may be one object or a list in VC 2.0 but the OB schema only allows a list,
    so a single proof object is checked as a one-item list.
    """
    if isinstance(document, dict) and isinstance(document.get("proof"), dict):
        document = {**document, "proof": [document["proof"]]}
    errors = sorted(_validator().iter_errors(document), key=lambda error: list(error.path))
    problems = []
    for error in errors[:limit]:
        where = ".".join(str(part) for part in error.absolute_path) or "(document)"
        problems.append(f"{where}: {_shorten(error.message)}")
    if len(errors) > limit:
        problems.append(f"… and {len(errors) - limit} more schema violations")
    return problems


def _shorten(message: str, length: int = 200) -> str:
    return message if len(message) <= length else message[: length - 1] + "…"
