"""Create and update regions and organisations from ``country.yaml``, matched by code.

Organisations removed from the profile are deactivated, never deleted: people and
learning records still point at them.
"""

from organisations.models import Organisation, Region


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


def _place(entry, parent: Organisation | None, region: Region | None) -> Organisation:
    fields = {
        "code": entry["code"],
        "name": entry["name"],
        "level": entry["level"],
        "region": region,
    }
    if parent is None:
        return Organisation.add_root(**fields)
    return parent.add_child(**fields)


def _sync_organisations(country, regions: dict[str, Region]) -> tuple[int, int]:
    created = updated = 0
    seen = set()
    # Parents first: the profile validator guarantees parents sit at higher levels.
    level_rank = {level["code"]: rank for rank, level in enumerate(country.organisation_levels)}
    entries = sorted(country.seed_organisations, key=lambda entry: level_rank[entry["level"]])
    for raw in entries:
        entry = {**raw, "name": country.text(raw["name"])}
        parent = Organisation.objects.get(code=entry["parent"]) if entry.get("parent") else None
        region = regions.get(entry.get("region") or "")
        organisation = Organisation.objects.filter(code=entry["code"]).first()
        if organisation is None:
            organisation = _place(entry, parent, region)
            created += 1
            seen.add(organisation.code)
            continue
        current_parent = organisation.get_parent()
        if (current_parent.pk if current_parent else None) != (parent.pk if parent else None):
            if parent is None:
                organisation.move(Organisation.get_last_root_node(), pos="last-sibling")
            else:
                organisation.move(parent, pos="sorted-child")
            organisation.refresh_from_db()
            updated += 1
        changes = {
            "name": entry["name"],
            "level": entry["level"],
            "region": region,
            "is_active": True,
        }
        if any(getattr(organisation, key) != value for key, value in changes.items()):
            for key, value in changes.items():
                setattr(organisation, key, value)
            organisation.save()
            updated += 1
        seen.add(organisation.code)
    Organisation.objects.exclude(code__in=seen).filter(is_active=True).update(is_active=False)
    return created, updated


def sync(country, stdout) -> None:
    regions = _sync_regions(country)
    created, updated = _sync_organisations(country, regions)
    stdout.write(f"{len(regions)} region(s); organisations: {created} created, {updated} updated")
