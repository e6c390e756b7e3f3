"""Create and update regions and organisations from ``country.yaml``, matched by code.

Administrators also edit the tree in the admin, so a re-sync must not undo their work.
Each organisation seeded from the profile records the profile values the sync last
applied (``synced_values``: name, level, parent, region, and whether the profile lists
it). On re-sync, field by field:

* the profile value is the same as last time → the organisation's current value (perhaps
  an administrator's edit) is kept;
* the profile value changed → the profile wins: a changed country file is a deliberate
  new decision.

So a renamed or moved organisation stays renamed or moved until the country file itself
changes that field; an organisation deactivated in the admin stays deactivated while the
profile still lists it, and one the profile drops is deactivated (once), never deleted:
people and learning records still point at it. Organisations created in the admin (no
``synced_values``) are never touched. An organisation that existed before values were
recorded is adopted: the profile's values are applied once and recorded. If keeping an
administrator's parent and applying the profile's new parent would make a loop, the
profile's parents win for the organisations in the loop.

A country may list 100,000 organisations, so the tree is planned in memory and written
in bulk: the whole materialised-path tree (treebeard's ``path``, ``depth`` and
``numchild``) is computed from the parent of every organisation, children ordered by
name as ``Organisation.node_order_by`` asks, and only rows that differ are written. A
re-sync of an unchanged profile reads the tree once and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from organisations.models import Organisation, Region
from organisations.scope import ensure_role_groups

BATCH = 2000
_FIELDS = ("name", "level", "region_id", "is_active")
_TREE_FIELDS = ("path", "depth", "numchild")
_SYNCED = ("name", "level", "parent", "region", "active")


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
    """One organisation as it must end up: its fields, its parent's code, what was synced."""

    code: str
    parent: str | None
    values: dict
    synced: dict | None = None
    profile_parent: str | None = None
    children: list[_Planned] = field(default_factory=list)


def _profile_values(country, entry) -> dict:
    return {
        "name": country.text(entry["name"]),
        "level": entry["level"],
        "parent": entry.get("parent") or None,
        "region": entry.get("region") or None,
        "active": True,
    }


def _current_values(organisation: Organisation, parent, region_codes) -> dict:
    return {
        "name": organisation.name,
        "level": organisation.level,
        "parent": parent,
        "region": region_codes.get(organisation.region_id),
        "active": organisation.is_active,
    }


def _merge(profile: dict, last: dict | None, current: dict | None) -> dict:
    """Field by field: the profile wins where it changed since ``last``, else ``current``."""
    if current is None or last is None:
        return dict(profile)
    return {
        name: profile[name] if profile[name] != last.get(name) else current[name]
        for name in _SYNCED
    }


def _plan(country, regions: dict[str, Region], existing: dict[str, Organisation], parents):
    """Every organisation's wanted fields and parent, profile first, then the others."""
    region_ids = {code: region.pk for code, region in regions.items()}
    region_codes = {region.pk: code for code, region in regions.items()}
    for organisation in existing.values():
        # A region no longer in the profile still has a code: keep the admin's choice.
        if organisation.region_id and organisation.region_id not in region_codes:
            region_codes[organisation.region_id] = f"#{organisation.region_id}"
            region_ids[f"#{organisation.region_id}"] = organisation.region_id
    planned: dict[str, _Planned] = {}

    def add(code, wanted, synced, profile_parent):
        values = {
            "name": wanted["name"],
            "level": wanted["level"],
            "region_id": region_ids.get(wanted["region"] or ""),
            "is_active": wanted["active"],
        }
        planned[code] = _Planned(code, wanted["parent"], values, synced, profile_parent)

    for entry in country.seed_organisations:
        code = entry["code"]
        profile = _profile_values(country, entry)
        organisation = existing.get(code)
        current = organisation and _current_values(organisation, parents[code], region_codes)
        last = organisation.synced_values if organisation else None
        add(code, _merge(profile, last, current), profile, profile["parent"])
    for code, organisation in existing.items():
        if code in planned:
            continue
        current = _current_values(organisation, parents[code], region_codes)
        last = organisation.synced_values
        if last is None:  # created in the admin: never touched
            add(code, current, None, None)
            continue
        profile = {**last, "active": False}  # no longer in the profile
        add(code, _merge(profile, last, current), profile, current["parent"])
    _break_loops(planned)
    return planned


def _break_loops(planned: dict[str, _Planned]) -> None:
    """Where kept and changed parents together make a loop, the profile's parents win."""
    for node in planned.values():
        seen = []
        cursor = node
        while cursor is not None and cursor.code not in seen:
            seen.append(cursor.code)
            cursor = planned.get(cursor.parent) if cursor.parent else None
        if cursor is None:
            continue
        loop = seen[seen.index(cursor.code) :]
        for code in loop:
            looped = planned[code]
            if looped.synced is not None:
                looped.parent = looped.profile_parent


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
                Organisation(
                    code=code,
                    path=path,
                    depth=depth,
                    numchild=numchild,
                    synced_values=node.synced,
                    **node.values,
                )
            )
            continue
        edited = any(getattr(organisation, name) != value for name, value in node.values.items())
        if node.values["is_active"] and (edited or parent_before[code] != node.parent):
            updated += 1  # an entry of the profile that changed, not a neighbour shifted
        wanted = {
            "path": path,
            "depth": depth,
            "numchild": numchild,
            "synced_values": node.synced,
            **node.values,
        }
        if (
            edited
            or organisation.synced_values != node.synced
            or any(getattr(organisation, name) != wanted[name] for name in _TREE_FIELDS)
        ):
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
        Organisation.objects.bulk_update(
            changed, [*_TREE_FIELDS, *_FIELDS, "synced_values"], batch_size=BATCH
        )


def _current_parents(existing: dict[str, Organisation]) -> dict[str, str | None]:
    by_path = {organisation.path: code for code, organisation in existing.items()}
    step = Organisation.steplen
    return {
        code: by_path.get(organisation.path[:-step]) if organisation.depth > 1 else None
        for code, organisation in existing.items()
    }


def sync(country, stdout) -> None:
    ensure_role_groups()
    regions = _sync_regions(country)
    created, updated = _sync_organisations(country, regions)
    stdout.write(f"{len(regions)} region(s); organisations: {created} created, {updated} updated")
