"""The profile reference page, rendered from the JSON Schema itself.

``docs/profile.md`` is this function's output; a test fails when the two drift, so the
documentation cannot describe a field the validator does not know, or miss one it does.
"""

from __future__ import annotations

from pathlib import Path

from govlearn.profile import profile_schema

HEADER = """# Country profile reference

<!-- Generated from the profile's JSON Schema by `govlearn profile docs`; do not edit by hand. -->

A country profile is one YAML file that describes a country's portal. Validate it with
`govlearn validate PROFILE` (every problem is listed with its line and path), then
generate the portal with `govlearn new PROFILE`. The machine-readable schema is printed by
`govlearn profile schema`.

**Texts in any language.** Fields marked *localised text* take either a plain text or a
map of language code to text, e.g. `name: {en: Ministry of Finance, fr: Ministère des
Finances}`; a map must include the default language and may only use enabled languages.

**Checks beyond the schema.** Language codes must be known BCP 47 codes and the default
language must be enabled; the country code must be an ISO 3166-1 alpha-2 code; the time
zone must be an IANA zone; level, region and organisation codes must be unique; every
organisation's level and region must exist and its parent must be another organisation at
a higher level; the theme and the framework must resolve and pass their own validators.
The project slug, when not given, is derived from `portal.short_name` (transliterated to
ASCII, so names in any script work).

| field | type | required | description |
| --- | --- | --- | --- |
"""


def _type_of(node: dict, schema: dict) -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return {"localised_text": "localised text", "code": "code"}.get(name, name)
    if "const" in node:
        return f"constant `{node['const']}`"
    kind = node.get("type", "")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array":
        return f"list of {_type_of(node.get('items', {}), schema)}"
    if kind == "object" and "properties" in node:
        return "mapping"
    return kind or "any"


def _description(node: dict, schema: dict) -> str:
    text = node.get("description", "")
    if "$ref" in node and not text:
        target = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        text = target.get("description", "")
    if "default" in node:
        text = f"{text} Default: `{str(node['default']).lower()}`.".strip()
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(node: dict, schema: dict, prefix: str, required: set[str]):
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield (
            f"| `{path}` | {_type_of(child, schema)} | {'yes' if name in required else 'no'} "
            f"| {_description(child, schema)} |"
        )
        if child.get("type") == "object" and "properties" in child:
            yield from _rows(child, schema, f"{path}.", set(child.get("required", [])))
        items = child.get("items", {})
        if child.get("type") == "array" and "properties" in items:
            yield from _rows(items, schema, f"{path}[].", set(items.get("required", [])))


def render_reference(example: Path | None = None) -> str:
    schema = profile_schema()
    rows = list(_rows(schema, schema, "", set(schema.get("required", []))))
    text = HEADER + "\n".join(rows) + "\n"
    if example is not None:
        text += (
            f"\n## Worked example: `{example.name}`\n\n```yaml\n"
            + example.read_text(encoding="utf-8").rstrip()
            + "\n```\n"
        )
    return text
