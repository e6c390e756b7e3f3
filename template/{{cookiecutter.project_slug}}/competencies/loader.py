"""Load a framework file into the database, updating in place by UUID.

Loading is one transaction: either the whole new version is in, or nothing changed. Every
record of the framework is first marked retired; each record the file still names is then
updated (or created) and un-retired. What the file no longer names stays retired, so
course alignments and learners' passports that point at it keep working.

Queries are per table, not per row (bulk create / bulk update), so a framework of a few
thousand competencies loads in about a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from competencies.framework_file import read_framework_file, walk_groups
from competencies.models import (
    Competency,
    CompetencyGroup,
    Framework,
    ProficiencyLevel,
    RoleProfile,
    RoleRequirement,
)


@dataclass
class LoadReport:
    framework: Framework
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    retired: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = []
        for label in ("levels", "groups", "competencies", "roles"):
            parts.append(
                f"{label}: {self.created.get(label, 0)} new, {self.updated.get(label, 0)} "
                f"updated, {self.retired.get(label, 0)} retired"
            )
        return f"{self.framework.code} {self.framework.version} — " + "; ".join(parts)


def load_framework_file(path: Path | str) -> LoadReport:
    data = read_framework_file(path)
    with transaction.atomic():
        return _Loader(data).load()


class _Loader:
    def __init__(self, data: dict):
        self.data = data
        self.report: LoadReport | None = None

    def load(self) -> LoadReport:
        framework = self._framework()
        self.report = LoadReport(framework)
        levels = self._sync(
            "levels",
            ProficiencyLevel,
            [
                {**_texts(level), "uuid": level["uuid"], "code": level["code"], "rank": rank}
                for rank, level in enumerate(self.data["levels"], start=1)
            ],
        )
        groups = list(walk_groups(self.data["groups"]))
        group_rows = self._sync(
            "groups",
            CompetencyGroup,
            [
                {**_texts(group), "uuid": group["uuid"], "code": group["code"], "position": i}
                for i, (group, _parent) in enumerate(groups)
            ],
        )
        for group, parent in groups:
            group_rows[group["uuid"]].parent = group_rows[parent["uuid"]] if parent else None
        CompetencyGroup.objects.bulk_update(group_rows.values(), ["parent"])
        competency_rows = []
        for group, _parent in groups:
            for item in group.get("competencies", []):
                competency_rows.append(
                    {
                        **_texts(item),
                        "uuid": item["uuid"],
                        "code": item["code"],
                        "group": group_rows[group["uuid"]],
                        "position": len(competency_rows),
                        "indicators": item.get("indicators", {}),
                    }
                )
        competencies = self._sync("competencies", Competency, competency_rows)
        roles = self._sync(
            "roles",
            RoleProfile,
            [
                {**_texts(role), "uuid": role["uuid"], "code": role["code"], "position": i}
                for i, role in enumerate(self.data.get("roles") or [])
            ],
        )
        self._requirements(roles, competencies, levels)
        return self.report

    def _framework(self) -> Framework:
        meta = self.data["metadata"]
        licence = meta.get("licence") or {}
        types = meta.get("item_types") or {}
        values = {
            "code": meta["code"],
            "version": str(meta["version"]),
            "name": meta["name"],
            "description": meta.get("description") or {},
            "publisher": meta["publisher"],
            "licence_name": licence.get("name", ""),
            "licence_url": licence.get("url", ""),
            "source": meta.get("source") or {},
            "languages": list(meta["languages"]),
            "group_type": types.get("group", "Competency area"),
            "competency_type": types.get("competency", "Competency"),
        }
        framework, _ = Framework.objects.update_or_create(uuid=meta["uuid"], defaults=values)
        return framework

    def _sync(self, label: str, model, rows: list[dict]) -> dict[str, object]:
        """Upsert ``rows`` by UUID; retire the framework's records the file left out."""
        framework = self.report.framework
        wanted = {str(row["uuid"]) for row in rows}
        was_live = set(
            model.objects.filter(framework=framework, is_retired=False).values_list(
                "uuid", flat=True
            )
        )
        model.objects.filter(framework=framework).update(is_retired=True)
        existing = {str(obj.uuid): obj for obj in model.objects.filter(uuid__in=wanted)}
        fields = [key for key in rows[0] if key != "uuid"] if rows else []
        created, updated = [], []
        for row in rows:
            obj = existing.get(str(row["uuid"]))
            if obj is None:
                obj = model(framework=framework, **row)
                created.append(obj)
            else:
                for key in fields:
                    setattr(obj, key, row[key])
                obj.framework = framework
                obj.is_retired = False
                updated.append(obj)
        if updated:
            model.objects.bulk_update(updated, [*fields, "framework", "is_retired"])
        model.objects.bulk_create(created)
        self.report.created[label] = len(created)
        self.report.updated[label] = len(updated)
        self.report.retired[label] = len({str(uuid) for uuid in was_live} - wanted)
        return {str(obj.uuid): obj for obj in [*created, *updated]}

    def _requirements(self, roles: dict, competencies: dict, levels: dict) -> None:
        """Role requirements have no identity of their own: replace them wholesale."""
        RoleRequirement.objects.filter(role__framework=self.report.framework).delete()
        competency_by_code = {obj.code: obj for obj in competencies.values()}
        level_by_code = {obj.code: obj for obj in levels.values()}
        RoleRequirement.objects.bulk_create(
            RoleRequirement(
                role=roles[role["uuid"]],
                competency=competency_by_code[requirement["competency"]],
                level=level_by_code[requirement["level"]],
            )
            for role in self.data.get("roles") or []
            for requirement in role["requirements"]
        )


def _texts(node: dict) -> dict:
    return {"name": node["name"], "description": node.get("description") or {}}
