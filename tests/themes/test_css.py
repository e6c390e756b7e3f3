"""Tokens become CSS custom properties under one naming the portal's stylesheet relies on."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

from govlearn.catalog import shipped_themes, template_dir
from govlearn.themes import (
    css_custom_properties,
    custom_property_names,
    font_face_rules,
    load_theme,
)

PORTAL = template_dir() / "{{cookiecutter.project_slug}}" / "portal"


def test_every_token_becomes_a_custom_property_with_the_documented_name():
    theme = load_theme(shipped_themes()["civic"])
    css = css_custom_properties(theme.tokens)
    assert css.startswith(":root {\n")
    assert "  --color-primary: #1d4f91;\n" in css
    assert "  --color-on-primary: #ffffff;\n" in css
    assert "  --font-family-base: " in css
    assert "  --font-size-base: 1.0625rem;\n" in css
    assert "  --line-height-base: 1.6;\n" in css
    assert "  --space-md: 1rem;\n" in css
    assert "  --radius-lg: 8px;\n" in css
    declared = re.findall(r"--[a-z0-9-]+(?=:)", css)
    assert (
        len(declared)
        == len(set(declared))
        == sum(len(theme.tokens[group]) for group in ("color", "typography", "spacing", "radius"))
    )


def test_font_faces_point_inside_the_portal_and_keep_script_ranges():
    theme = load_theme(shipped_themes()["civic"])
    css = font_face_rules(theme, "/static/theme/")
    assert css.count("@font-face") == len(theme.fonts)
    assert 'src: url("/static/theme/static/fonts/public-sans-latin-400-normal.woff2")' in css
    assert "unicode-range: U+0600-06FF" in css  # Arabic glyphs come only from the Arabic font
    assert "http" not in css


def _portal_stylesheets() -> list[Path]:
    return sorted((PORTAL / "static").rglob("*.css"))


@pytest.mark.parametrize("name", sorted(shipped_themes()))
def test_every_custom_property_the_portal_uses_is_defined_by_each_theme(name):
    """A theme that left out a token the CSS needs would render unstyled parts."""
    defined = set(custom_property_names(load_theme(shipped_themes()[name]).tokens))
    stylesheets = _portal_stylesheets()
    if not stylesheets:
        pytest.skip("the portal has no stylesheet yet")
    used = set()
    for stylesheet in stylesheets:
        text = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        locally_defined = set(re.findall(r"(--[a-z0-9-]+)\s*:", text))
        used |= set(re.findall(r"var\((--[a-z0-9-]+)", text)) - locally_defined
    assert used - defined == set()


def test_the_portal_names_custom_properties_exactly_as_the_kit_does():
    """The portal reads theme.yaml itself (it does not depend on the kit); names must agree."""
    pytest.importorskip("django")
    # Executed from source, not imported: importing would leave a __pycache__ folder in
    # the cookiecutter template, which would then be rendered into every portal.
    module = types.ModuleType("portal_theming")
    source = (PORTAL / "theming.py").read_text(encoding="utf-8")
    sys.modules["portal_theming"] = module
    try:
        exec(compile(source, str(PORTAL / "theming.py"), "exec"), module.__dict__)
    finally:
        sys.modules.pop("portal_theming", None)
    for path in shipped_themes().values():
        theme = load_theme(path)
        portal_theme = module.Theme(
            {"name": theme.name, "tokens": theme.tokens, "fonts": [], "logo": theme.logo}
        )
        assert portal_theme.custom_properties() == custom_property_names(theme.tokens)
