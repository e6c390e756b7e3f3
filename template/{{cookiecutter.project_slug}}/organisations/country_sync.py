"""Create and update regions and organisations from ``country.yaml``, matched by code.

Organisations removed from the profile are deactivated, never deleted: people and
learning records still point at them. Organisations that exist only in the database
(added by an administrator) keep their place in the tree.

A country may list 100,000 organisations, so the tree is planned in memory and written
in bulk: the whole materialised-path tree (treebeard's ``path``, ``depth`` and
``numchild``) is computed from the parent of every organisation, children ordered by
name as ``Organisation.node_order_by`` asks, and only rows that differ are written. A
re-sync of an unchanged profile writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from organisations.models import Organisation, Region

BATCH = 2000
_FIELDS = ("name", "level", "region_id", "is_active")
_TREE_FIELDS = ("path", "depth", "numchild")


def _sync_regions(country) -> dict[str, Region]:
    regions = {}
    for entry in country.regions:
        name = country.text(entry["name"])
        region, created = Region.objects.get_or_create(code=entry["code"], defaults={"name": name})
        if not created and region.name != name:
            region.name = name
            region.save(update_fields=["name"])
        regions[region.code] = region
    return regions


@dataclass
class _Planned:
    """One organisation as it must end up: its fields and its parent's code."""

    code: str
    parent: str | None
    values: dict
    children: list[_Planned] = field(default_factory=list)


def _plan(country, regions: dict[str, Region], existing: dict[str, Organisation], parents):
    """Every organisation's wanted fields and parent, profile first, then the others."""
    planned: dict[str, _Planned] = {}
    for entry in country.seed_organisations:
        region = regions.get(entry.get("region") or "")
        values = {
            "name": country.text(entry["name"]),
            "level": entry["level"],
            "region_id": region.pk if region else None,
            "is_active": True,
        }
        planned[entry["code"]] = _Planned(entry["code"], entry.get("parent") or None, values)
    for code, organisation in existing.items():
        if code in planned:
            continue
        values = {name: getattr(organisation, name) for name in _FIELDS}
        values["is_active"] = False  # no longer in the profile
        planned[code] = _Planned(code, parents[code], values)
    return planned


def _lay_out(planned: dict[str, _Planned]) -> dict[str, tuple[str, int, int]]:
    """Code → (path, depth, numchild) for the whole tree, children sorted by name."""
    roots = []
    for node in planned.values():
        if node.parent is None:
            roots.append(node)
        else:
            planned[node.parent].children.append(node)
    layout = {}
    pending = [(None, 1, roots)]
    while pending:
        parent_path, depth, siblings = pending.pop()
        siblings.sort(key=lambda node: (node.values["name"], node.code))
        for position, node in enumerate(siblings, start=1):
            path = Organisation._get_path(parent_path, depth, position)
            layout[node.code] = (path, depth, len(node.children))
            if node.children:
                pending.append((path, depth + 1, node.children))
    return layout


def _sync_organisations(country, regions: dict[str, Region]) -> tuple[int, int]:
    """Write the planned tree; returns (created, updated) counted over the profile's entries."""
    existing = {organisation.code: organisation for organisation in Organisation.objects.all()}
    parent_before = _current_parents(existing)
    planned = _plan(country, regions, existing, parent_before)
    layout = _lay_out(planned)
    new, changed, moved = [], [], []
    updated = 0
    for code, node in planned.items():
        path, depth, numchild = layout[code]
        organisation = existing.get(code)
        if organisation is None:
            new.append(
                Organisation(code=code, path=path, depth=depth, numchild=numchild, **node.values)
            )
            continue
        edited = any(getattr(organisation, name) != value for name, value in node.values.items())
        if node.values["is_active"] and (edited or parent_before[code] != node.parent):
            updated += 1  # an entry of the profile that changed, not a neighbour shifted
        wanted = {"path": path, "depth": depth, "numchild": numchild, **node.values}
        if edited or any(getattr(organisation, name) != wanted[name] for name in _TREE_FIELDS):
            if organisation.path != path:
                moved.append(organisation)
            for name, value in wanted.items():
                setattr(organisation, name, value)
            changed.append(organisation)
    if new or changed:
        _write(new, changed, moved)
    return len(new), updated


def _write(new, changed, moved) -> None:
    with transaction.atomic():
        # Paths are unique: park the moving rows on paths no layout uses, then write.
        final_paths = {organisation.pk: organisation.path for organisation in moved}
        for organisation in moved:
            organisation.path = f"~{organisation.pk}"
        Organisation.objects.bulk_update(moved, ["path"], batch_size=BATCH)
        for organisation in moved:
            organisation.path = final_paths[organisation.pk]
        Organisation.objects.bulk_create(new, batch_size=BATCH)
        Organisation.objects.bulk_update(changed, [*_TREE_FIELDS, *_FIELDS], batch_size=BATCH)


def _current_parents(existing: dict[str, Organisation]) -> dict[str, str | None]:
    by_path = {organisation.path: code for code, organisation in existing.items()}
    step = Organisation.steplen
    return {
        code: by_path.get(organisation.path[:-step]) if organisation.depth > 1 else None
        for code, organisation in existing.items()
    }


def sync(country, stdout) -> None:
    regions = _sync_regions(country)
    created, updated = _sync_organisations(country, regions)
    stdout.write(f"{len(regions)} region(s); organisations: {created} created, {updated} updated")
