"""Export a framework as a 1EdTech CASE 1.1 CFPackage.

What CASE has a field for goes in that field, in the framework's default language:
groups and competencies become CFItems (``humanCodingScheme`` = code, ``abbreviatedStatement``
= name, ``fullStatement`` = description), the tree becomes ``isChildOf`` CFAssociations with
``sequenceNumber``. What CASE has no field for — texts in other languages, the proficiency
scale, level indicators, role profiles — travels in ``extensions.govlearn`` objects, which
the standard leaves open for exactly this. Importing the export gives the framework back
unchanged.

Identifiers are the framework's own UUIDs; associations get UUIDs derived from their ends,
so exporting twice gives the same package apart from ``lastChangeDateTime``.

A portal's CASE API builds the same package from its database (``competencies/case.py``
in the template; a portal cannot import govlearn). Change both together: a kit test
compares the two for every shipped framework.
"""

from __future__ import annotations

from datetime import UTC, datetime

from govlearn.frameworks.identity import derived_uuid
from govlearn.frameworks.model import Competency, Framework, Group, text_in

CASE_PATH = "ims/case/v1p1"
EXTENSION = "govlearn"


class CaseUris:
    """Where each object lives: a portal's CASE REST paths, or ``urn:uuid:`` without one."""

    def __init__(self, base_url: str | None = None):
        self.base = base_url.rstrip("/") if base_url else None

    def of(self, kind: str, identifier: str) -> str:
        if self.base is None:
            return f"urn:uuid:{identifier}"
        return f"{self.base}/{CASE_PATH}/{kind}/{identifier}"


def export_case(
    framework: Framework, base_url: str | None = None, changed_at: datetime | None = None
) -> dict:
    """The CFPackage as a JSON-ready dict."""
    uris = CaseUris(base_url)
    stamp = (changed_at or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    document = _document(framework, uris, stamp)
    items, associations = [], []
    document_link = _link(document["title"], document["identifier"], document["uri"])
    for position, group in enumerate(framework.groups, start=1):
        _add_group(framework, group, document_link, position, uris, stamp, items, associations)
    package = {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "extensions": {
            EXTENSION: {
                "levels": framework.to_data()["levels"],
                "roles": framework.to_data().get("roles", []),
            }
        },
    }
    return package


def _document(framework: Framework, uris: CaseUris, stamp: str) -> dict:
    meta = framework.metadata
    language = meta.default_language
    document = {
        "identifier": meta.uuid,
        "uri": uris.of("CFDocuments", meta.uuid),
        "creator": meta.publisher,
        "title": text_in(meta.name, language),
        "lastChangeDateTime": stamp,
        "caseVersion": "1.1",
        "frameworkType": "Competency framework",
        "language": language,
        "version": meta.version,
        "adoptionStatus": "Adopted",
    }
    if meta.source.get("publisher"):
        document["publisher"] = meta.source["publisher"]
    if meta.source.get("url"):
        document["officialSourceURL"] = meta.source["url"]
    if meta.licence.get("url"):
        document["licenseURI"] = _link(
            meta.licence["name"], derived_uuid(meta.uuid, "licence"), meta.licence["url"]
        )
    if meta.description:
        document["notes"] = text_in(meta.description, language)
    framework_data = framework.to_data()["metadata"]
    document["extensions"] = {
        EXTENSION: {
            key: framework_data[key]
            for key in (
                "code",
                "name",
                "description",
                "licence",
                "source",
                "languages",
                "item_types",
            )
            if key in framework_data
        }
    }
    return document


def _add_group(framework, group: Group, parent_link, position, uris, stamp, items, associations):
    item = _item(framework, group, "group", uris, stamp)
    items.append(item)
    associations.append(_child_of(framework, item, parent_link, position, uris, stamp))
    link = _link(item["abbreviatedStatement"], item["identifier"], item["uri"])
    children = [*group.competencies, *group.groups]
    for child_position, child in enumerate(children, start=1):
        if isinstance(child, Group):
            _add_group(framework, child, link, child_position, uris, stamp, items, associations)
        else:
            child_item = _item(framework, child, "competency", uris, stamp)
            items.append(child_item)
            associations.append(_child_of(framework, child_item, link, child_position, uris, stamp))


def _item(framework: Framework, node: Group | Competency, kind: str, uris, stamp) -> dict:
    meta = framework.metadata
    language = meta.default_language
    name = text_in(node.name, language)
    extension = {"kind": kind, "name": dict(node.name)}
    if node.description:
        extension["description"] = dict(node.description)
    if isinstance(node, Competency) and node.indicators:
        extension["indicators"] = {level: dict(text) for level, text in node.indicators.items()}
    return {
        "identifier": node.uuid,
        "uri": uris.of("CFItems", node.uuid),
        "fullStatement": text_in(node.description, language) or name,
        "abbreviatedStatement": name,
        "humanCodingScheme": node.code,
        "CFItemType": meta.group_type if kind == "group" else meta.competency_type,
        "language": language,
        "lastChangeDateTime": stamp,
        "extensions": {EXTENSION: extension},
    }


def _child_of(framework, item: dict, parent_link: dict, position: int, uris, stamp) -> dict:
    identifier = derived_uuid(
        framework.metadata.uuid, "isChildOf", item["identifier"], parent_link["identifier"]
    )
    return {
        "identifier": identifier,
        "associationType": "isChildOf",
        "uri": uris.of("CFAssociations", identifier),
        "originNodeURI": _link(item["abbreviatedStatement"], item["identifier"], item["uri"]),
        "destinationNodeURI": parent_link,
        "sequenceNumber": position,
        "lastChangeDateTime": stamp,
    }


def _link(title: str, identifier: str, uri: str) -> dict:
    return {"title": title, "identifier": identifier, "uri": uri}
