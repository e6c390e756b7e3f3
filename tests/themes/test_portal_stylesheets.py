"""Every shipped theme defines every custom property the portal's stylesheets use.

The portal turns a theme's tokens into CSS custom properties itself (``portal/theming.py``;
it does not depend on the kit), so this test asks that module for the names.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

from govlearn.catalog import shipped_themes, template_dir
from govlearn.themes import load_theme
from govlearn.yamlfile import yaml12

PORTAL = template_dir() / "{{cookiecutter.project_slug}}" / "portal"


@pytest.fixture(scope="module")
def portal_theming() -> types.ModuleType:
    pytest.importorskip("django")
    # Executed from source, not imported: importing would leave a __pycache__ folder in
    # the cookiecutter template, which would then be rendered into every portal. Its one
    # import from its own package, the YAML reader, is the copy the kit already loads.
    module = types.ModuleType("portal_theming")
    source = (PORTAL / "theming.py").read_text(encoding="utf-8")
    borrowed = {
        "portal_theming": module,
        "portal": types.ModuleType("portal"),
        "portal.yaml12": yaml12(),
    }
    borrowed = {name: value for name, value in borrowed.items() if name not in sys.modules}
    sys.modules.update(borrowed)
    try:
        exec(compile(source, str(PORTAL / "theming.py"), "exec"), module.__dict__)
    finally:
        for name in borrowed:
            sys.modules.pop(name, None)
    return module


def used_custom_properties(stylesheets: list[Path]) -> set[str]:
    """``var(--…)`` names the stylesheets read and do not define themselves."""
    used = set()
    for stylesheet in stylesheets:
        text = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        locally_defined = set(re.findall(r"(--[a-z0-9-]+)\s*:", text))
        used |= set(re.findall(r"var\((--[a-z0-9-]+)", text)) - locally_defined
    return used


def test_the_portal_stylesheets_read_theme_tokens():
    """Guards the next test against passing because nothing is looked at."""
    used = used_custom_properties(sorted((PORTAL / "static").rglob("*.css")))
    assert {"--color-primary", "--color-on-primary", "--font-size-base"} <= used


@pytest.mark.parametrize("name", sorted(shipped_themes()))
def test_every_custom_property_the_portal_uses_is_defined_by_each_theme(name, portal_theming):
    """A theme that left out a token the CSS needs would render unstyled parts."""
    theme = load_theme(shipped_themes()[name])
    defined = set(portal_theming.Theme({"tokens": theme.tokens}).custom_properties())
    used = used_custom_properties(sorted((PORTAL / "static").rglob("*.css")))
    assert used - defined == set()
