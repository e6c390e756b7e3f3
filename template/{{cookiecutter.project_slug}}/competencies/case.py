"""The loaded framework as 1EdTech CASE 1.1 objects, for the read-only CASE REST API.

The shapes match what ``govlearn frameworks export`` writes, so a package fetched from a
running portal and one exported from the kit are interchangeable: the same identifiers
(the framework's UUIDs; association UUIDs derived from their two ends), CASE fields in
the framework's default language, other languages, levels and roles in
``extensions.govlearn``. Retired records are left out: CASE describes the framework as it
is now.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse

from competencies.models import Competency, CompetencyGroup, Framework, ProficiencyLevel
from competencies.texts import localised

EXTENSION = "govlearn"
UriFor = Callable[[str, str], str]  # (kind, identifier) -> absolute URI


def document_json(framework: Framework, uri_for: UriFor) -> dict:
    language = framework.default_language
    identifier = str(framework.uuid)
    document = {
        "identifier": identifier,
        "uri": uri_for("CFDocuments", identifier),
        "creator": framework.publisher,
        "title": localised(framework.name, language),
        "lastChangeDateTime": _stamp(framework),
        "caseVersion": "1.1",
        "frameworkType": "Competency framework",
        "language": language,
        "version": framework.version,
        "adoptionStatus": "Adopted",
    }
    if framework.source.get("publisher"):
        document["publisher"] = framework.source["publisher"]
    if framework.source.get("url"):
        document["officialSourceURL"] = framework.source["url"]
    if framework.licence_url:
        document["licenseURI"] = {
            "title": framework.licence_name,
            "identifier": derived_uuid(identifier, "licence"),
            "uri": framework.licence_url,
        }
    if framework.description:
        document["notes"] = localised(framework.description, language)
    licence = {"name": framework.licence_name}
    if framework.licence_url:
        licence["url"] = framework.licence_url
    document["extensions"] = {
        EXTENSION: {
            "code": framework.code,
            "name": framework.name,
            "description": framework.description,
            "licence": licence,
            "source": framework.source,
            "languages": framework.languages,
            "item_types": {
                "group": framework.group_type,
                "competency": framework.competency_type,
            },
        }
    }
    return document


def item_json(node: CompetencyGroup | Competency, framework: Framework, uri_for: UriFor) -> dict:
    language = framework.default_language
    identifier = str(node.uuid)
    kind = "competency" if isinstance(node, Competency) else "group"
    name = localised(node.name, language)
    extension = {"kind": kind, "name": node.name}
    if node.description:
        extension["description"] = node.description
    if kind == "competency" and node.indicators:
        extension["indicators"] = node.indicators
    return {
        "identifier": identifier,
        "uri": uri_for("CFItems", identifier),
        "fullStatement": localised(node.description, language) or name,
        "abbreviatedStatement": name,
        "humanCodingScheme": node.code,
        "CFItemType": framework.competency_type if kind == "competency" else framework.group_type,
        "language": language,
        "lastChangeDateTime": _stamp(framework),
        "extensions": {EXTENSION: extension},
    }


def package_json(framework: Framework, uri_for: UriFor) -> dict:
    document = document_json(framework, uri_for)
    groups = list(CompetencyGroup.objects.filter(framework=framework, is_retired=False))
    competencies = list(Competency.objects.filter(framework=framework, is_retired=False))
    children: dict[int | None, list] = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    by_group: dict[int, list] = {}
    for competency in competencies:
        by_group.setdefault(competency.group_id, []).append(competency)

    items, associations = [], []
    document_link = _link(document["title"], document["identifier"], document["uri"])

    def add(node, parent_link, position):
        item = item_json(node, framework, uri_for)
        items.append(item)
        associations.append(_child_of(framework, item, parent_link, position, uri_for))
        if isinstance(node, CompetencyGroup):
            link = _link(item["abbreviatedStatement"], item["identifier"], item["uri"])
            below = [*by_group.get(node.pk, []), *children.get(node.pk, [])]
            for child_position, child in enumerate(below, start=1):
                add(child, link, child_position)

    for position, group in enumerate(children.get(None, []), start=1):
        add(group, document_link, position)
    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "extensions": {
            EXTENSION: {"levels": _levels(framework), "roles": _roles(framework)},
        },
    }


def item_uri(node: Competency | CompetencyGroup, base_url: str | None = None) -> str:
    """The public CASE URI of a competency, e.g. for an Open Badges alignment's targetUrl.

    Built from the portal's public address (``WAGTAILADMIN_BASE_URL``), because badges are
    issued by background tasks that have no request to take a host name from.
    """
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return f"{base}{reverse('case-item', args=[str(node.uuid)])}"


def derived_uuid(namespace: str, *parts: str) -> str:
    """Same derivation as the kit's exporter, so both give an association the same UUID."""
    return str(uuid.uuid5(uuid.UUID(namespace), ":".join(parts)))


def _child_of(framework, item: dict, parent_link: dict, position: int, uri_for) -> dict:
    identifier = derived_uuid(
        str(framework.uuid), "isChildOf", item["identifier"], parent_link["identifier"]
    )
    return {
        "identifier": identifier,
        "associationType": "isChildOf",
        "uri": uri_for("CFAssociations", identifier),
        "originNodeURI": _link(item["abbreviatedStatement"], item["identifier"], item["uri"]),
        "destinationNodeURI": parent_link,
        "sequenceNumber": position,
        "lastChangeDateTime": item["lastChangeDateTime"],
    }


def _levels(framework: Framework) -> list[dict]:
    levels = ProficiencyLevel.objects.filter(framework=framework, is_retired=False)
    return [
        _without_empty(
            {
                "code": level.code,
                "uuid": str(level.uuid),
                "name": level.name,
                "description": level.description,
            }
        )
        for level in levels
    ]


def _roles(framework: Framework) -> list[dict]:
    roles = framework.roles.filter(is_retired=False).prefetch_related(
        "requirements__competency", "requirements__level"
    )
    return [
        _without_empty(
            {
                "code": role.code,
                "uuid": str(role.uuid),
                "name": role.name,
                "description": role.description,
                "requirements": [
                    {"competency": req.competency.code, "level": req.level.code}
                    for req in role.requirements.all()
                ],
            }
        )
        for role in roles
    ]


def _link(title: str, identifier: str, uri: str) -> dict:
    return {"title": title, "identifier": identifier, "uri": uri}


def _stamp(framework: Framework) -> str:
    return framework.loaded_at.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _without_empty(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value not in ({}, [], None, "")}
