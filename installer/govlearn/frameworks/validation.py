"""Checks on a framework file: the JSON Schema first, then what a schema cannot express.

Both passes run on the same document and every problem is returned together, so an
integrator fixes a framework in one round. The semantic pass tolerates a malformed
document (the schema pass already reports the shape), which is why it reads everything
through ``_mapping`` / ``_list`` instead of trusting the structure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from govlearn import languages
from govlearn.catalog import frameworks_dir
from govlearn.errors import Problem, sorted_problems
from govlearn.schema_check import load_schema, schema_problems
from govlearn.yamlfile import format_path

SCHEMA_FILE = "framework.schema.json"


class Document(Protocol):
    """What validation needs: the data and a way to locate a problem in its source."""

    data: object

    def problem(self, path: tuple | list, message: str) -> Problem: ...


class InMemoryDocument:
    """Framework data built in memory (an import), located by path only."""

    def __init__(self, name: str, data: object):
        self.name = name
        self.data = data

    def problem(self, path: tuple | list, message: str) -> Problem:
        return Problem(self.name, None, format_path(path), message)

    def report(self, problems: list[Problem]) -> list[Problem]:
        return sorted_problems(problems)


def framework_schema() -> dict:
    return load_schema(schema_path())


def schema_path() -> Path:
    return frameworks_dir() / SCHEMA_FILE


def framework_problems(document: Document) -> list[Problem]:
    """Every problem with a framework document, sorted by where it is."""
    if not isinstance(document.data, dict):
        return [document.problem([], "a framework file must be a YAML mapping (key: value lines)")]
    problems = schema_problems(document, framework_schema())
    problems += _Semantics(document).problems()
    return document.report(problems)


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


class _Semantics:
    """Unique codes and UUIDs, references that resolve, languages that exist."""

    def __init__(self, document: Document):
        self.document = document
        self.data = document.data
        meta = _mapping(self.data.get("metadata"))
        declared = [code for code in _list(meta.get("languages")) if isinstance(code, str)]
        self.languages = declared
        self.default_language = declared[0] if declared else None
        self.level_codes = {
            level.get("code")
            for level in _list(self.data.get("levels"))
            if isinstance(level, dict) and isinstance(level.get("code"), str)
        }
        self.competency_codes: set[str] = set()
        self.group_codes: set[str] = set()

    def problems(self) -> list[Problem]:
        checks = (self._languages, self._texts, self._uuids, self._levels, self._tree, self._roles)
        return [problem for check in checks for problem in check()]

    def _problem(self, path: list, message: str) -> Problem:
        return self.document.problem(path, message)

    # -- languages and texts ------------------------------------------------------------

    def _languages(self) -> Iterator[Problem]:
        seen: dict[str, int] = {}
        meta = _mapping(self.data.get("metadata"))
        for index, code in enumerate(_list(meta.get("languages"))):
            if not isinstance(code, str):
                continue
            path = ["metadata", "languages", index]
            if not languages.is_known(code):
                yield self._problem(path, f"{code!r} is not a known language code (BCP 47)")
            elif code.lower() in seen:
                yield self._problem(path, f"{code!r} is listed twice")
            seen.setdefault(code.lower(), index)

    def _texts(self) -> Iterator[Problem]:
        """Every text has the default language and no language the file does not declare."""
        if not self.default_language:
            return
        for path, text in self._text_fields():
            if not isinstance(text, dict) or not text:
                continue
            if self.default_language not in text:
                yield self._problem(
                    path, f"has no text in the default language {self.default_language!r}"
                )
            for language in text:
                if language not in self.languages:
                    yield self._problem(
                        [*path, language],
                        f"language {language!r} is not listed in metadata.languages",
                    )

    def _text_fields(self) -> Iterator[tuple[list, object]]:
        meta = _mapping(self.data.get("metadata"))
        for key in ("name", "description"):
            if key in meta:
                yield ["metadata", key], meta[key]
        for index, level in enumerate(_list(self.data.get("levels"))):
            yield from _texts_of(_mapping(level), ["levels", index])
        for path, node, _kind in self._nodes():
            yield from _texts_of(node, path)
            for level, text in _mapping(node.get("indicators")).items():
                yield [*path, "indicators", level], text
        for index, role in enumerate(_list(self.data.get("roles"))):
            yield from _texts_of(_mapping(role), ["roles", index])

    # -- identity -----------------------------------------------------------------------

    def _uuids(self) -> Iterator[Problem]:
        """A UUID names one thing only: the portal updates records by it on re-load."""
        first_seen: dict[str, str] = {}
        for path, node in self._identified():
            value = node.get("uuid")
            if not isinstance(value, str):
                continue
            where = _format(path)
            if value in first_seen:
                yield self._problem(
                    [*path, "uuid"], f"UUID {value} is already used by {first_seen[value]}"
                )
            else:
                first_seen[value] = where

    def _identified(self) -> Iterator[tuple[list, dict]]:
        yield ["metadata"], _mapping(self.data.get("metadata"))
        for index, level in enumerate(_list(self.data.get("levels"))):
            yield ["levels", index], _mapping(level)
        for path, node, _kind in self._nodes():
            yield path, node
        for index, role in enumerate(_list(self.data.get("roles"))):
            yield ["roles", index], _mapping(role)

    def _levels(self) -> Iterator[Problem]:
        yield from _duplicate_codes(
            self.document,
            [
                (["levels", i], _mapping(level))
                for i, level in enumerate(_list(self.data.get("levels")))
            ],
            "level",
        )

    # -- the tree -----------------------------------------------------------------------

    def _nodes(self) -> Iterator[tuple[list, dict, str]]:
        """(path, node, 'group' | 'competency') for every node of the tree, pre-order."""

        def visit(group: dict, path: list):
            yield path, group, "group"
            for index, item in enumerate(_list(group.get("competencies"))):
                if isinstance(item, dict):
                    yield [*path, "competencies", index], item, "competency"
            for index, child in enumerate(_list(group.get("groups"))):
                if isinstance(child, dict):
                    yield from visit(child, [*path, "groups", index])

        for index, group in enumerate(_list(self.data.get("groups"))):
            if isinstance(group, dict):
                yield from visit(group, ["groups", index])

    def _tree(self) -> Iterator[Problem]:
        nodes = list(self._nodes())
        # Groups and competencies share one code space: CASE's humanCodingScheme.
        yield from _duplicate_codes(
            self.document, [(path, node) for path, node, _ in nodes], "group or competency"
        )
        for path, node, kind in nodes:
            code = node.get("code")
            if isinstance(code, str):
                (self.competency_codes if kind == "competency" else self.group_codes).add(code)
            for level in _mapping(node.get("indicators")):
                if level not in self.level_codes:
                    yield self._problem(
                        [*path, "indicators", level],
                        f"level {level!r} is not a level code ({self._level_list()})",
                    )
            if kind == "group" and not node.get("groups") and not node.get("competencies"):
                yield self._problem(path, "group holds no competencies and no groups")

    # -- role profiles ------------------------------------------------------------------

    def _roles(self) -> Iterator[Problem]:
        roles = [(["roles", i], _mapping(r)) for i, r in enumerate(_list(self.data.get("roles")))]
        yield from _duplicate_codes(self.document, roles, "role")
        for path, role in roles:
            seen: dict[str, int] = {}
            for index, requirement in enumerate(_list(role.get("requirements"))):
                requirement = _mapping(requirement)
                here = [*path, "requirements", index]
                competency = requirement.get("competency")
                level = requirement.get("level")
                if isinstance(competency, str):
                    if competency in self.group_codes:
                        yield self._problem(
                            [*here, "competency"],
                            f"{competency!r} is a group; a role requires competencies",
                        )
                    elif competency not in self.competency_codes:
                        yield self._problem(
                            [*here, "competency"],
                            f"competency {competency!r} is not defined in this framework",
                        )
                    elif competency in seen:
                        yield self._problem(
                            [*here, "competency"],
                            f"competency {competency!r} is already required at "
                            f"requirements[{seen[competency]}]",
                        )
                    seen.setdefault(competency, index)
                if isinstance(level, str) and level not in self.level_codes:
                    yield self._problem(
                        [*here, "level"],
                        f"level {level!r} is not a level code ({self._level_list()})",
                    )

    def _level_list(self) -> str:
        codes = [
            level.get("code")
            for level in _list(self.data.get("levels"))
            if isinstance(level, dict) and isinstance(level.get("code"), str)
        ]
        return "levels are " + ", ".join(codes) if codes else "no levels are defined"


def _texts_of(node: dict, path: list) -> Iterator[tuple[list, object]]:
    for key in ("name", "description"):
        if key in node:
            yield [*path, key], node[key]


def _duplicate_codes(document: Document, nodes: list[tuple[list, dict]], noun: str):
    first_seen: dict[str, str] = {}
    for path, node in nodes:
        code = node.get("code")
        if not isinstance(code, str):
            continue
        if code in first_seen:
            yield document.problem(
                [*path, "code"], f"{noun} code {code!r} is already used at {first_seen[code]}"
            )
        else:
            first_seen[code] = _format(path)


def _format(path: list) -> str:
    return format_path(path)
