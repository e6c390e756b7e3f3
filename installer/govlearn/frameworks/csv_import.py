"""Import a framework from a spreadsheet saved as CSV.

Agencies keep their competency models in spreadsheets. One sheet holds everything, one
row per thing, told apart by the ``kind`` column, in the order they should appear:

    kind,code,parent,level,uuid,name:en,name:fr,description:en
    level,basic,,,,Basic,Base,
    group,LEAD,,,,Leadership,Leadership,Leading people and change
    competency,LEAD-1,LEAD,,,Vision,Vision,Sets a clear direction
    role,director,,,,Director,Directeur,
    requirement,LEAD-1,director,basic,,,,

``name:<language>`` / ``description:<language>`` columns give texts per language, the
first language seen being the default. ``uuid`` may stay empty: it is then derived from
the framework and the code, so re-importing an edited sheet keeps every identity.
Problems are reported with the sheet's line number and column.
"""

from __future__ import annotations

import csv
import uuid as uuidlib
from dataclasses import dataclass
from pathlib import Path

from govlearn import languages as language_registry
from govlearn.errors import GovlearnError, Problem, ValidationFailed, display_path
from govlearn.frameworks.identity import derived_uuid, normalised_uuid
from govlearn.frameworks.model import (
    Competency,
    Framework,
    Group,
    Level,
    Metadata,
    Requirement,
    Role,
    Text,
)

KINDS = ("level", "group", "competency", "role", "requirement")
_CODE_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


@dataclass(frozen=True)
class CsvMetadata:
    """What a sheet does not hold: who publishes the framework and under which licence."""

    code: str
    publisher: str
    licence: str
    name: str | None = None
    version: str = "1"
    licence_url: str | None = None
    source_title: str | None = None
    source_url: str | None = None

    def framework_uuid(self) -> str:
        return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"urn:govlearn:framework:{self.code}"))


@dataclass
class _Row:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


def import_csv(path: Path | str, metadata: CsvMetadata) -> Framework:
    path = Path(path)
    name = display_path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            sample = stream.read(4096)
            stream.seek(0)
            dialect = _dialect(sample)
            reader = csv.DictReader(stream, dialect=dialect)
            header = [column.strip() for column in reader.fieldnames or []]
            reader.fieldnames = header
            rows = [_Row(reader.line_num, dict(values)) for values in reader]
    except FileNotFoundError:
        raise GovlearnError(f"{name}: file not found") from None
    except UnicodeDecodeError as exc:
        raise GovlearnError(f"{name}: not UTF-8 text ({exc.reason}); save as CSV UTF-8") from None
    except csv.Error as exc:
        raise GovlearnError(f"{name}: not a readable CSV file ({exc})") from None
    sheet = _Sheet(name, header, rows, metadata)
    framework = sheet.build()
    if sheet.problems:
        raise ValidationFailed(sheet.problems, what=f"framework sheet {name}")
    return framework


def _dialect(sample: str):
    """Spreadsheets save with ',' or ';' (locales with decimal commas); detect which."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


class _Sheet:
    def __init__(self, name: str, header: list[str], rows: list[_Row], metadata: CsvMetadata):
        self.name = name
        self.header = header
        self.rows = rows
        self.meta = metadata
        self.problems: list[Problem] = []
        self.framework_uuid = metadata.framework_uuid()
        self.languages = self._languages()

    def _problem(self, line: int | None, column: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, column, message))

    def _languages(self) -> list[str]:
        found: list[str] = []
        for column in ("kind", "code"):
            if column not in self.header:
                self._problem(1, column, f"column {column!r} is missing from the header")
        for column in self.header:
            field_name, _, language = column.partition(":")
            if field_name not in ("name", "description") or not language:
                continue
            if not language_registry.is_known(language):
                self._problem(1, column, f"{language!r} is not a known language code")
            elif language not in found:
                found.append(language)
        if not any(column.startswith("name:") for column in self.header):
            self._problem(1, "name:<language>", "no name column, e.g. name:en")
        return found

    def _text(self, row: _Row, field_name: str) -> Text:
        return {
            language: row.get(f"{field_name}:{language}")
            for language in self.languages
            if row.get(f"{field_name}:{language}")
        }

    def _identity(self, row: _Row, kind: str) -> tuple[str, str]:
        code = row.get("code")
        if not code:
            self._problem(row.line, "code", f"a {kind} needs a code")
        elif len(code) > 64 or not set(code) <= _CODE_CHARS:
            self._problem(
                row.line, "code", f"{code!r}: use letters, digits, '.', '_', '-' (64 at most)"
            )
        given = row.get("uuid")
        if given:
            identifier = normalised_uuid(given)
            if identifier is None:
                self._problem(row.line, "uuid", f"{given!r} is not a UUID")
                identifier = derived_uuid(self.framework_uuid, kind, code)
        else:
            identifier = derived_uuid(self.framework_uuid, kind, code)
        return code, identifier

    def _named(self, row: _Row, kind: str) -> tuple[str, str, Text, Text]:
        code, identifier = self._identity(row, kind)
        name = self._text(row, "name")
        if self.languages and self.languages[0] not in name:
            self._problem(row.line, f"name:{self.languages[0]}", f"{kind} {code!r} has no name")
        return code, identifier, name, self._text(row, "description")

    def build(self) -> Framework:
        levels: list[Level] = []
        groups: dict[str, tuple[_Row, Group]] = {}
        competencies: dict[str, tuple[_Row, Competency]] = {}
        roles: dict[str, Role] = {}
        requirements: list[_Row] = []
        for row in self.rows:
            kind = row.get("kind").lower()
            if kind not in KINDS:
                self._problem(
                    row.line, "kind", f"{row.get('kind')!r} is not one of {', '.join(KINDS)}"
                )
            elif kind == "requirement":
                requirements.append(row)
            else:
                code, identifier, name, description = self._named(row, kind)
                self._add(
                    kind,
                    row,
                    code,
                    identifier,
                    name,
                    description,
                    levels,
                    groups,
                    competencies,
                    roles,
                )
        tops = self._attach(groups, competencies)
        self._requirements(requirements, roles, competencies, {lv.code for lv in levels})
        if not levels:
            self._problem(None, "kind", "the sheet has no level rows: a framework needs a scale")
        if not tops and not self.problems:
            self._problem(None, "kind", "the sheet has no group rows")
        return Framework(
            metadata=self._metadata(),
            levels=levels,
            groups=tops,
            roles=list(roles.values()),
        )

    def _add(
        self, kind, row, code, identifier, name, description, levels, groups, competencies, roles
    ) -> None:
        registry = {
            "level": {lv.code: lv for lv in levels},
            "group": groups,
            "competency": competencies,
            "role": roles,
        }[kind]
        shared = kind in ("group", "competency")
        if code in registry or (shared and code in (competencies if kind == "group" else groups)):
            self._problem(row.line, "code", f"code {code!r} appears twice")
            return
        if kind == "level":
            levels.append(Level(code, identifier, name, description))
        elif kind == "group":
            groups[code] = (row, Group(code, identifier, name, description))
        elif kind == "competency":
            competencies[code] = (row, Competency(code, identifier, name, description))
        else:
            roles[code] = Role(code, identifier, name, description)

    def _attach(self, groups: dict, competencies: dict) -> list[Group]:
        """Put each row under its parent group; report unknown parents and cycles."""
        tops: list[Group] = []
        for code, (row, group) in groups.items():
            parent = row.get("parent")
            if not parent:
                tops.append(group)
            elif parent not in groups:
                self._problem(row.line, "parent", f"parent group {parent!r} is not in the sheet")
            elif self._cycles_back(code, groups):
                self._problem(row.line, "parent", f"group {code!r} ends up inside itself")
            else:
                groups[parent][1].groups.append(group)
        for _code, (row, competency) in competencies.items():
            parent = row.get("parent")
            if parent in groups:
                groups[parent][1].competencies.append(competency)
            else:
                self._problem(
                    row.line,
                    "parent",
                    f"a competency needs a parent group; {parent!r} is not a group in the sheet"
                    if parent
                    else "a competency needs a parent group",
                )
        return tops

    @staticmethod
    def _cycles_back(code: str, groups: dict) -> bool:
        seen = {code}
        parent = groups[code][0].get("parent")
        while parent in groups:
            if parent in seen:
                return True
            seen.add(parent)
            parent = groups[parent][0].get("parent")
        return False

    def _requirements(self, rows, roles, competencies, level_codes) -> None:
        for row in rows:
            role, competency, level = row.get("parent"), row.get("code"), row.get("level")
            if role not in roles:
                self._problem(row.line, "parent", f"role {role!r} is not in the sheet")
                continue
            if competency not in competencies:
                self._problem(row.line, "code", f"competency {competency!r} is not in the sheet")
                continue
            if level not in level_codes:
                self._problem(row.line, "level", f"level {level!r} is not in the sheet")
                continue
            roles[role].requirements.append(Requirement(competency, level))

    def _metadata(self) -> Metadata:
        meta = self.meta
        default = self.languages[0] if self.languages else "en"
        title = meta.name or meta.code
        licence = {"name": meta.licence}
        if meta.licence_url:
            licence["url"] = meta.licence_url
        source = {"title": meta.source_title or title}
        if meta.source_url:
            source["url"] = meta.source_url
        return Metadata(
            uuid=self.framework_uuid,
            code=meta.code,
            version=meta.version,
            name={default: title},
            publisher=meta.publisher,
            licence=licence,
            source=source,
            languages=self.languages or [default],
        )
