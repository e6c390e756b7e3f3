"""Design tokens as CSS: the one place token names turn into custom property names.

The portal's stylesheet refers only to these properties, so a theme restyles the whole
portal without touching CSS. The portal carries its own copy of this naming (it does not
depend on the kit); ``tests/themes`` checks the two agree.
"""

from __future__ import annotations

from govlearn.themes.model import Theme

#: token group → prefix of its custom properties. Typography keys are already
#: self-describing (``font-size-base``), so they keep their own names.
PREFIXES = {"color": "color-", "typography": "", "spacing": "space-", "radius": "radius-"}


def custom_property_names(tokens: dict) -> dict[str, str]:
    """``--color-primary`` → ``#1d4f91`` for every token, in a stable order."""
    properties = {}
    for group, prefix in PREFIXES.items():
        for key, value in tokens.get(group, {}).items():
            properties[f"--{prefix}{key}"] = str(value)
    return properties


def css_custom_properties(tokens: dict, selector: str = ":root") -> str:
    """A CSS rule declaring every token as a custom property on ``selector``."""
    lines = [f"{selector} {{"]
    lines += [f"  {name}: {value};" for name, value in custom_property_names(tokens).items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


def font_face_rules(theme: Theme, url_prefix: str) -> str:
    """``@font-face`` rules for the pack's fonts, served from ``url_prefix`` (no CDN)."""
    rules = []
    for font in theme.fonts:
        declarations = [
            f'font-family: "{font.family}";',
            f'src: url("{url_prefix.rstrip("/")}/{font.file}") format("{_format(font.file)}");',
            f"font-weight: {font.weight};",
            f"font-style: {font.style};",
            "font-display: swap;",
        ]
        if font.unicode_range:
            declarations.append(f"unicode-range: {font.unicode_range};")
        body = "\n".join(f"  {line}" for line in declarations)
        rules.append(f"@font-face {{\n{body}\n}}")
    return "\n".join(rules) + ("\n" if rules else "")


def _format(file: str) -> str:
    return "woff2" if file.endswith(".woff2") else "woff"
