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
Each text is one line of at most 200 characters (no line breaks, tabs or other control
characters). Texts are data: they are copied into the portal exactly as written and never
evaluated, so `{{ }}`, quotes, `</script>` or right-to-left marks in a name are just text.

**YAML 1.2, read the same way by the kit and the portal.** `NO`, `no`, `on`, `off`, `yes`,
`y`, `n`, `12:30` and `2026-12-01` are text; `08`, `1e3`, `0o10` and `0x1F` are numbers and
`~`, `null` and an empty value mean nothing, so a code or name written like that must be in
quotes (`code: "08"`); the validator says so when it meets one. Anchors, aliases and `<<`
merge keys work. A file may be at most 50 MB; aliases may add at most 1,000,000 nodes (a
"billion laughs" file is refused at the line of the alias that crosses that bound); nesting
may be at most 64 levels deep; only the `!!str` tag is accepted; one document per file; keys
must be unique. A file that is not UTF-8 is refused with the line of its first bad byte.
`govlearn validate` takes several profiles at once and reports each.

**Checks beyond the schema.** Language codes must be known BCP 47 codes and the default
language must be enabled; the country code must be an ISO 3166-1 alpha-2 code; the time
zone must be an IANA zone; level, region and organisation codes must be unique; every
organisation's level and region must exist and its parent must be another organisation at
a higher level; the theme and the framework must resolve and pass their own validators.
Self-registration needs `accounts.allowed_email_domains` (lower-case domains, each listed
once); single sign-on needs a `single_sign_on` section whose issuer uses https (http only
for localhost) and whose scopes, when given, include `openid`.
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
