"""Import a 1EdTech CASE CFPackage (1.1, or 1.0) as a framework.

Two kinds of package arrive here. Our own exports carry ``extensions.govlearn`` and come
back unchanged. Foreign packages (OpenSALT, state standards, other ministries) carry only
CASE fields, so we read the tree from ``isChildOf`` associations, translations from
``isTranslationOf`` associations, make items with children into groups and leaves into
competencies, and borrow a proficiency scale from another framework because CASE has none.

The package is checked as a whole before anything is built: missing required fields,
identifiers that are not UUIDs, association ends that name no item, and ``isChildOf``
cycles are all reported together, located by line when the JSON can be mapped to lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from govlearn.errors import GovlearnError, ValidationFailed, display_path
from govlearn.frameworks.case_export import EXTENSION
from govlearn.frameworks.identity import as_code, derived_uuid, normalised_uuid, unique_codes
from govlearn.frameworks.model import (
    Competency,
    Framework,
    Group,
    Level,
    Metadata,
    Text,
    text_in,
)
from govlearn.yamlfile import located_text

SUPPORTED_VERSIONS = ("1.0", "1.1")

# Required by the CASE 1.0 and 1.1 CFPackage schemas alike.
REQUIRED = {
    "CFDocument": ("identifier", "uri", "creator", "title", "lastChangeDateTime"),
    "CFItems": ("identifier", "fullStatement", "uri", "lastChangeDateTime"),
    "CFAssociations": (
        "identifier",
        "associationType",
        "uri",
        "originNodeURI",
        "destinationNodeURI",
        "lastChangeDateTime",
    ),
}
NAME_MAX = 120


@dataclass
class ImportResult:
    framework: Framework
    warnings: list[str] = field(default_factory=list)


def import_case(path: Path | str, scale: Framework | None = None) -> ImportResult:
    """Read a CFPackage JSON file; ``scale`` lends its levels to packages without ours."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GovlearnError(f"{display_path(path)}: file not found") from None
    except UnicodeDecodeError as exc:
        raise GovlearnError(f"{display_path(path)}: not UTF-8 text ({exc.reason})") from None
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GovlearnError(
            f"{display_path(path)}:{exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})"
        ) from None
    reader = _PackageReader(package, scale)
    problems = reader.check()
    if problems:
        document = located_text(path, text)
        raise ValidationFailed(
            document.report([document.problem(where, message) for where, message in problems]),
            what=f"CASE package {display_path(path)}",
        )
    return reader.build()


class _PackageReader:
    def __init__(self, package: object, scale: Framework | None):
        self.package = package
        self.scale = scale
        self.problems: list[tuple[list, str]] = []
        self.warnings: list[str] = []
        self.items: dict[str, dict] = {}
        self.document: dict = {}
        self.parent_of: dict[str, str] = {}
        self.children: dict[str, list[tuple[int, int, str]]] = {}
        self.translations: dict[str, list[dict]] = {}

    # -- checking -----------------------------------------------------------------------

    def check(self) -> list[tuple[list, str]]:
        package = self.package
        if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
            return [([], "a CASE package is a JSON object with a CFDocument object")]
        self.document = package["CFDocument"]
        version = self.document.get("caseVersion")
        if version is not None and version not in SUPPORTED_VERSIONS:
            self._problem(
                ["CFDocument", "caseVersion"],
                f"CASE version {version!r} is not supported (1.0 and 1.1 are)",
            )
        self._required(self.document, ["CFDocument"], "CFDocument")
        self.document_id = self._uuid(self.document, ["CFDocument"])
        self._check_items()
        self._check_associations()
        if not self.problems:
            self._check_cycles()
        return self.problems

    def _problem(self, where: list, message: str) -> None:
        self.problems.append((where, message))

    def _required(self, obj: dict, where: list, kind: str) -> None:
        for key in REQUIRED[kind]:
            if obj.get(key) in (None, ""):
                self._problem([*where, key], f"{key} is required in a CASE {kind.rstrip('s')}")

    def _uuid(self, obj: dict, where: list) -> str | None:
        value = obj.get("identifier")
        identifier = normalised_uuid(value)
        if value not in (None, "") and identifier is None:
            self._problem([*where, "identifier"], f"{value!r} is not a UUID")
        return identifier

    def _list(self, key: str) -> list:
        value = self.package.get(key, [])
        if not isinstance(value, list):
            self._problem([key], f"{key} must be a list")
            return []
        return value

    def _check_items(self) -> None:
        for index, item in enumerate(self._list("CFItems")):
            where = ["CFItems", index]
            if not isinstance(item, dict):
                self._problem(where, "a CFItem must be an object")
                continue
            self._required(item, where, "CFItems")
            identifier = self._uuid(item, where)
            if identifier is None:
                continue
            if identifier in self.items or identifier == self.document_id:
                self._problem([*where, "identifier"], f"identifier {identifier} is used twice")
                continue
            self.items[identifier] = item

    def _check_associations(self) -> None:
        for index, association in enumerate(self._list("CFAssociations")):
            where = ["CFAssociations", index]
            if not isinstance(association, dict):
                self._problem(where, "a CFAssociation must be an object")
                continue
            self._required(association, where, "CFAssociations")
            kind = association.get("associationType")
            if kind not in ("isChildOf", "isTranslationOf"):
                continue  # peers, exact matches, precedence: nothing our tree holds
            origin = self._end(association, where, "originNodeURI", allow_document=False)
            destination = self._end(
                association, where, "destinationNodeURI", allow_document=kind == "isChildOf"
            )
            if origin is None or destination is None:
                continue
            if kind == "isTranslationOf":
                self.translations.setdefault(destination, []).append(self.items[origin])
                continue
            if origin in self.parent_of:
                if self.parent_of[origin] != destination:
                    self.warnings.append(
                        f"CFAssociations[{index}]: item {origin} has a second parent; "
                        "kept the first one (a framework is a tree)"
                    )
                continue
            self.parent_of[origin] = destination
            sequence = association.get("sequenceNumber")
            order = sequence if isinstance(sequence, int) else 10**9
            self.children.setdefault(destination, []).append((order, index, origin))

    def _end(self, association: dict, where: list, key: str, allow_document: bool):
        node = association.get(key)
        if not isinstance(node, dict):
            if node is not None:
                self._problem([*where, key], f"{key} must be an object with an identifier")
            return None
        identifier = normalised_uuid(node.get("identifier"))
        if identifier is None:
            self._problem([*where, key, "identifier"], f"{node.get('identifier')!r} is not a UUID")
            return None
        if identifier in self.items or (allow_document and identifier == self.document_id):
            return identifier
        self._problem(
            [*where, key, "identifier"],
            f"{identifier} names no CFItem in this package"
            + (" nor its CFDocument" if allow_document else ""),
        )
        return None

    def _check_cycles(self) -> None:
        done: set[str] = set()
        for start in self.parent_of:
            trail: list[str] = []
            node = start
            while node in self.parent_of and node not in done:
                if node in trail:
                    loop = trail[trail.index(node) :]
                    codes = [self._label(identifier) for identifier in loop]
                    association_index = self._association_index(node)
                    self._problem(
                        ["CFAssociations", association_index],
                        "isChildOf associations form a cycle: " + " -> ".join([*codes, codes[0]]),
                    )
                    break
                trail.append(node)
                node = self.parent_of[node]
            done.update(trail)

    def _association_index(self, origin: str) -> int:
        parent = self.parent_of[origin]
        return next(index for _, index, child in self.children[parent] if child == origin)

    def _label(self, identifier: str) -> str:
        item = self.items.get(identifier, {})
        return item.get("humanCodingScheme") or identifier

    # -- building -----------------------------------------------------------------------

    def build(self) -> ImportResult:
        own = _extension(self.document)
        language = own.get("languages", [None])[0] or self.document.get("language") or "en"
        self.language = language
        translated = {id(item) for items in self.translations.values() for item in items}
        in_tree = self._reachable()
        skipped = [
            identifier
            for identifier, item in self.items.items()
            if identifier not in in_tree and id(item) not in translated
        ]
        if skipped:
            self.warnings.append(
                f"{len(skipped)} CFItem(s) are not attached to the document by isChildOf "
                f"and were left out: {', '.join(self._label(i) for i in skipped[:5])}"
                + (" …" if len(skipped) > 5 else "")
            )
        self.codes = unique_codes(
            [(identifier, self._wanted_code(identifier)) for identifier in in_tree]
        )
        top = [child for *_, child in sorted(self.children.get(self.document_id, []))]
        groups, loose = [], []
        for identifier in top:
            node = self._node(identifier)
            (groups if isinstance(node, Group) else loose).append(node)
        if loose:
            groups.append(self._loose_group(loose))
        metadata = self._metadata(own)
        levels = self._levels(metadata)
        framework = Framework(metadata=metadata, levels=levels, groups=groups)
        roles = _extension(self.package).get("roles")
        if roles:
            framework = Framework.from_data({**framework.to_data(), "roles": roles})
        return ImportResult(framework, self.warnings)

    def _reachable(self) -> list[str]:
        order: list[str] = []
        stack = [self.document_id]
        while stack:
            node = stack.pop()
            children = [child for *_, child in sorted(self.children.get(node, []))]
            order.extend(children)
            stack.extend(reversed(children))
        return order

    def _wanted_code(self, identifier: str) -> str:
        item = self.items[identifier]
        fallback = f"item-{identifier[:8]}"
        human = item.get("humanCodingScheme")
        return as_code(human, fallback) if isinstance(human, str) else fallback

    def _node(self, identifier: str) -> Group | Competency:
        item = self.items[identifier]
        own = _extension(item)
        children = [child for *_, child in sorted(self.children.get(identifier, []))]
        name, description = self._texts(item, own)
        kind = own.get("kind") or ("group" if children else "competency")
        if kind == "competency" and not children:
            return Competency(
                code=self.codes[identifier],
                uuid=identifier,
                name=name,
                description=description,
                indicators={lv: dict(text) for lv, text in own.get("indicators", {}).items()},
            )
        group = Group(self.codes[identifier], identifier, name, description)
        for child in children:
            node = self._node(child)
            (group.groups if isinstance(node, Group) else group.competencies).append(node)
        return group

    def _texts(self, item: dict, own: dict) -> tuple[Text, Text]:
        if "name" in own:
            return dict(own["name"]), dict(own.get("description", {}))
        name: Text = {}
        description: Text = {}
        versions = [item, *self.translations.get(normalised_uuid(item["identifier"]), [])]
        for version in versions:
            language = version.get("language") or self.language
            if version is not item and not version.get("language"):
                continue  # a translation that does not say into which language
            short, full = _name_and_description(version)
            name.setdefault(language, short)
            if full:
                description.setdefault(language, full)
        return name, description

    def _loose_group(self, competencies: list) -> Group:
        self.warnings.append(
            f"{len(competencies)} competencies sit directly under the document; "
            "they were put in a group coded 'ungrouped'"
        )
        identifier = derived_uuid(self.document_id, "ungrouped")
        name = {self.language: "Other competencies"}
        return Group("ungrouped", identifier, name, competencies=list(competencies))

    def _metadata(self, own: dict) -> Metadata:
        doc = self.document
        title = doc["title"]
        source = {"title": title}
        if doc.get("publisher"):
            source["publisher"] = doc["publisher"]
        if doc.get("officialSourceURL"):
            source["url"] = doc["officialSourceURL"]
        licence_link = doc.get("licenseURI") if isinstance(doc.get("licenseURI"), dict) else {}
        licence = {"name": licence_link.get("title") or "unknown"}
        if str(licence_link.get("uri", "")).startswith(("http://", "https://")):
            licence["url"] = licence_link["uri"]
        languages = own.get("languages") or self._languages()
        return Metadata(
            uuid=self.document_id,
            code=own.get("code") or as_code(title.lower(), "imported"),
            version=str(doc.get("version") or "1"),
            name=dict(own.get("name") or {self.language: title}),
            description=dict(own.get("description") or self._document_description()),
            publisher=doc["creator"],
            licence=dict(own.get("licence") or licence),
            source=dict(own.get("source") or source),
            languages=list(languages),
            item_types=dict(own.get("item_types") or {}),
        )

    def _document_description(self) -> Text:
        """CASE 1.0 documents had a description; 1.1 dropped it from the package."""
        description = self.document.get("description")
        return {self.language: description} if isinstance(description, str) and description else {}

    def _languages(self) -> list[str]:
        found = [self.language]
        for items in self.translations.values():
            for item in items:
                language = item.get("language")
                if isinstance(language, str) and language not in found:
                    found.append(language)
        return found

    def _levels(self, metadata: Metadata) -> list[Level]:
        levels = _extension(self.package).get("levels")
        if levels:
            return [
                Level(lv["code"], lv["uuid"], dict(lv["name"]), dict(lv.get("description", {})))
                for lv in levels
            ]
        if self.scale is None:
            raise GovlearnError(
                "the CASE package has no proficiency scale; name a framework to borrow "
                "one from (--scale)"
            )
        language = metadata.default_language
        borrowed = []
        for level in self.scale.levels:
            name, description = dict(level.name), dict(level.description)
            if language not in name:
                name[language] = text_in(name, self.scale.metadata.default_language)
            if description and language not in description:
                description[language] = text_in(description, self.scale.metadata.default_language)
            borrowed.append(
                Level(
                    level.code,
                    derived_uuid(metadata.uuid, "level", level.code),
                    {k: v for k, v in name.items() if k in metadata.languages},
                    {k: v for k, v in description.items() if k in metadata.languages},
                )
            )
        self.warnings.append(
            f"the package has no proficiency scale: levels borrowed from "
            f"{self.scale.metadata.code} ({', '.join(lv.code for lv in borrowed)}); "
            "review their names"
        )
        return borrowed


def _extension(obj: dict) -> dict:
    extensions = obj.get("extensions")
    if isinstance(extensions, dict) and isinstance(extensions.get(EXTENSION), dict):
        return extensions[EXTENSION]
    return {}


def _name_and_description(item: dict) -> tuple[str, str]:
    """CASE has a statement, maybe an abbreviation; we want a short name and a description."""
    full = (item.get("fullStatement") or "").strip()
    short = (item.get("abbreviatedStatement") or "").strip()
    if short:
        return short, full if full != short else ""
    if len(full) <= NAME_MAX:
        return full, ""
    return full[: NAME_MAX - 1].rstrip() + "…", full
