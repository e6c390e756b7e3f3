"""The theme pack copied into ``theme/``: its design tokens become CSS custom properties.

The portal's stylesheets only use ``var(--…)`` names, so re-branding never forks CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static

from portal.yaml12 import read_yaml

TOKEN_PREFIXES = {"color": "color", "typography": "", "spacing": "space", "radius": "radius"}


@dataclass(frozen=True)
class Theme:
    data: dict

    @property
    def name(self) -> str:
        return self.data.get("name", "theme")

    @property
    def logo_url(self) -> str | None:
        return _static_url(self.data.get("logo"))

    @property
    def favicon_url(self) -> str | None:
        return _static_url(self.data.get("favicon"))

    def custom_properties(self) -> dict[str, str]:
        properties = {}
        for group, prefix in TOKEN_PREFIXES.items():
            for name, value in (self.data.get("tokens", {}).get(group) or {}).items():
                properties[f"--{prefix}-{name}" if prefix else f"--{name}"] = str(value)
        return properties

    def root_css(self) -> str:
        declarations = "".join(f"{key}:{value};" for key, value in self.custom_properties().items())
        return ":root{" + declarations + "}"

    def font_faces_css(self) -> str:
        rules = []
        for font in self.data.get("fonts") or []:
            url = _static_url(font["file"])
            rules.append(
                "@font-face{"
                f"font-family:'{font['family']}';"
                f"src:url('{url}') format('{_font_format(font['file'])}');"
                f"font-weight:{font.get('weight', 400)};"
                f"font-style:{font.get('style', 'normal')};"
                # A script-specific font (Arabic, Devanagari) is fetched only for its script.
                + (f"unicode-range:{font['unicode_range']};" if font.get("unicode_range") else "")
                + "font-display:swap;}"
            )
        return "".join(rules)


def _font_format(file_name: str) -> str:
    return {"woff2": "woff2", "woff": "woff", "ttf": "truetype", "otf": "opentype"}.get(
        file_name.rsplit(".", 1)[-1].lower(), "woff2"
    )


def _static_url(relative: str | None) -> str | None:
    """Theme files live in ``theme/static`` and are served under ``static/theme/``."""
    if not relative:
        return None
    relative = relative.removeprefix("static/")
    return static(f"theme/{relative}")


@cache
def get_theme() -> Theme:
    theme_file = Path(settings.GOVLEARN_THEME_DIR) / "theme.yaml"
    return Theme(read_yaml(theme_file))
