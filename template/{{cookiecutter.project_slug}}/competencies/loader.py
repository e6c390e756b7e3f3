"""Load a framework file into the database, updating in place by UUID.

Loading is one transaction: either the whole new version is in, or nothing changed. Every
record of the framework is first marked retired; each record the file still names is then
updated (or created) and un-retired. What the file no longer names stays retired, so
course alignments and learners' passports that point at it keep working.

New records are inserted in bulk and only records whose values changed are updated, so
re-loading an unchanged framework costs a few queries per table whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction

from competencies.framework_file import read_framework_file, walk_groups
from competencies.models import (
    Competency,
    CompetencyGroup,
    Framework,
    ProficiencyLevel,
    RoleProfile,
    RoleRequirement,
)

BULK_BATCH = 500


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
            row = group_rows[group["uuid"]]
            parent_id = group_rows[parent["uuid"]].pk if parent else None
            if row.parent_id != parent_id:
                CompetencyGroup.objects.filter(pk=row.pk).update(parent_id=parent_id)
                row.parent_id = parent_id
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
        """Upsert ``rows`` by UUID; retire the framework's records the file left out.

        Only rows whose values differ are written, so re-loading an unchanged file of
        thousands of competencies is a handful of queries.
        """
        framework = self.report.framework
        wanted = {str(row["uuid"]) for row in rows}
        dropped = model.objects.filter(framework=framework, is_retired=False).exclude(
            uuid__in=wanted
        )
        self.report.retired[label] = dropped.update(is_retired=True)
        existing = {str(obj.uuid): obj for obj in model.objects.filter(uuid__in=wanted)}
        created, kept, changed = [], [], []
        for row in rows:
            values = {**row, "framework": framework, "is_retired": False}
            obj = existing.get(str(values.pop("uuid")))
            if obj is None:
                created.append(model(uuid=row["uuid"], **values))
                continue
            kept.append(obj)
            difference = {key: value for key, value in values.items() if _differs(obj, key, value)}
            if difference:
                changed.append((obj, difference))
        # A code moving from one kept record to another must not meet itself half-way.
        for obj, difference in changed:
            if "code" in difference:
                model.objects.filter(pk=obj.pk).update(code=f"~{obj.pk}")
        for obj, difference in changed:
            model.objects.filter(pk=obj.pk).update(**difference)
            for key, value in difference.items():
                setattr(obj, key, value)
        model.objects.bulk_create(created, batch_size=BULK_BATCH)
        self.report.created[label] = len(created)
        self.report.updated[label] = len(kept)
        return {str(obj.uuid): obj for obj in [*created, *kept]}

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


def _differs(obj, key: str, value) -> bool:
    if isinstance(value, models.Model):  # compare foreign keys by id, without a query
        return getattr(obj, f"{key}_id") != value.pk
    return getattr(obj, key) != value


def _texts(node: dict) -> dict:
    return {"name": node["name"], "description": node.get("description") or {}}
