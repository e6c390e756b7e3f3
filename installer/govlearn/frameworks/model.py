"""A competency framework in memory, independent of the file or exchange format it came from.

The YAML file, CASE packages and CSV sheets all convert to and from these dataclasses, so
each format only has to know one shape. ``to_data`` gives back exactly the structure the
JSON Schema describes (optional fields left out when empty), which is what gets written
and validated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# A text per language: BCP 47 code -> text.
Text = dict[str, str]

FORMAT_VERSION = 1
DEFAULT_GROUP_TYPE = "Competency area"
DEFAULT_COMPETENCY_TYPE = "Competency"


@dataclass
class Level:
    code: str
    uuid: str
    name: Text
    description: Text = field(default_factory=dict)


@dataclass
class Competency:
    code: str
    uuid: str
    name: Text
    description: Text = field(default_factory=dict)
    # level code -> what the competency looks like at that level
    indicators: dict[str, Text] = field(default_factory=dict)


@dataclass
class Group:
    code: str
    uuid: str
    name: Text
    description: Text = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    competencies: list[Competency] = field(default_factory=list)


@dataclass(frozen=True)
class Requirement:
    competency: str  # competency code
    level: str  # level code


@dataclass
class Role:
    code: str
    uuid: str
    name: Text
    description: Text = field(default_factory=dict)
    requirements: list[Requirement] = field(default_factory=list)


@dataclass
class Metadata:
    uuid: str
    code: str
    version: str
    name: Text
    publisher: str
    licence: dict[str, str]
    source: dict[str, str]
    languages: list[str]
    description: Text = field(default_factory=dict)
    item_types: dict[str, str] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def group_type(self) -> str:
        return self.item_types.get("group", DEFAULT_GROUP_TYPE)

    @property
    def competency_type(self) -> str:
        return self.item_types.get("competency", DEFAULT_COMPETENCY_TYPE)


@dataclass
class Framework:
    metadata: Metadata
    levels: list[Level]
    groups: list[Group]
    roles: list[Role] = field(default_factory=list)

    # -- walking the tree -------------------------------------------------------------

    def walk(self) -> Iterator[tuple[Group | Competency, Group | None]]:
        """Every group and competency with its parent group, parents before children."""

        def visit(group: Group, parent: Group | None):
            yield group, parent
            for competency in group.competencies:
                yield competency, group
            for child in group.groups:
                yield from visit(child, group)

        for group in self.groups:
            yield from visit(group, None)

    def competencies(self) -> list[Competency]:
        return [node for node, _ in self.walk() if isinstance(node, Competency)]

    def all_groups(self) -> list[Group]:
        return [node for node, _ in self.walk() if isinstance(node, Group)]

    def name(self, language: str | None = None) -> str:
        return text_in(self.metadata.name, language or self.metadata.default_language)

    # -- plain data (the YAML / JSON Schema shape) ------------------------------------

    @classmethod
    def from_data(cls, data: dict) -> Framework:
        """Build from data that already passed validation."""
        meta = data["metadata"]
        return cls(
            metadata=Metadata(
                uuid=meta["uuid"],
                code=meta["code"],
                version=str(meta["version"]),
                name=dict(meta["name"]),
                description=dict(meta.get("description", {})),
                publisher=meta["publisher"],
                licence=dict(meta["licence"]),
                source=dict(meta["source"]),
                languages=list(meta["languages"]),
                item_types=dict(meta.get("item_types", {})),
            ),
            levels=[
                Level(lv["code"], lv["uuid"], dict(lv["name"]), dict(lv.get("description", {})))
                for lv in data["levels"]
            ],
            groups=[_group_from_data(group) for group in data["groups"]],
            roles=[
                Role(
                    code=role["code"],
                    uuid=role["uuid"],
                    name=dict(role["name"]),
                    description=dict(role.get("description", {})),
                    requirements=[
                        Requirement(req["competency"], req["level"]) for req in role["requirements"]
                    ],
                )
                for role in data.get("roles", [])
            ],
        )

    def to_data(self) -> dict:
        meta = self.metadata
        metadata = {
            "uuid": meta.uuid,
            "code": meta.code,
            "version": meta.version,
            "name": dict(meta.name),
            "description": dict(meta.description),
            "publisher": meta.publisher,
            "licence": dict(meta.licence),
            "source": dict(meta.source),
            "languages": list(meta.languages),
            "item_types": dict(meta.item_types),
        }
        data = {
            "format": FORMAT_VERSION,
            "metadata": _without_empty(metadata),
            "levels": [
                _without_empty(
                    {
                        "code": lv.code,
                        "uuid": lv.uuid,
                        "name": dict(lv.name),
                        "description": dict(lv.description),
                    }
                )
                for lv in self.levels
            ],
            "groups": [_group_to_data(group) for group in self.groups],
        }
        if self.roles:
            data["roles"] = [
                _without_empty(
                    {
                        "code": role.code,
                        "uuid": role.uuid,
                        "name": dict(role.name),
                        "description": dict(role.description),
                        "requirements": [
                            {"competency": req.competency, "level": req.level}
                            for req in role.requirements
                        ],
                    }
                )
                for role in self.roles
            ]
        return data


def text_in(text: Text, language: str) -> str:
    """The text in ``language``, else in any language, else an empty string."""
    if language in text:
        return text[language]
    return next(iter(text.values()), "")


def _group_from_data(data: dict) -> Group:
    return Group(
        code=data["code"],
        uuid=data["uuid"],
        name=dict(data["name"]),
        description=dict(data.get("description", {})),
        groups=[_group_from_data(child) for child in data.get("groups", [])],
        competencies=[
            Competency(
                code=item["code"],
                uuid=item["uuid"],
                name=dict(item["name"]),
                description=dict(item.get("description", {})),
                indicators={
                    level: dict(text) for level, text in item.get("indicators", {}).items()
                },
            )
            for item in data.get("competencies", [])
        ],
    )


def _group_to_data(group: Group) -> dict:
    return _without_empty(
        {
            "code": group.code,
            "uuid": group.uuid,
            "name": dict(group.name),
            "description": dict(group.description),
            "competencies": [
                _without_empty(
                    {
                        "code": item.code,
                        "uuid": item.uuid,
                        "name": dict(item.name),
                        "description": dict(item.description),
                        "indicators": {lv: dict(text) for lv, text in item.indicators.items()},
                    }
                )
                for item in group.competencies
            ],
            "groups": [_group_to_data(child) for child in group.groups],
        }
    )


def _without_empty(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value not in ({}, [], None, "")}
