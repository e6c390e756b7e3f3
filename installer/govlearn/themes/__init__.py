"""Theme packs: validation, loading, and new themes made from shipped ones.

A theme pack is data, never code: ``theme.yaml`` (design tokens, fonts, logo, favicon,
declared contrast pairs) plus the files it names. The generator calls
:func:`validate_theme_dir` and copies the pack into the portal as ``theme/``.
"""

from __future__ import annotations

from pathlib import Path

from govlearn.errors import GovlearnError, ValidationFailed, display_path
from govlearn.themes.contrast import contrast_ratio, passes_aa
from govlearn.themes.model import COLOR_ROLES, REQUIRED_PAIRS, THEME_FILE, Theme
from govlearn.themes.validate import theme_schema, validate_theme_dir
from govlearn.yamlfile import load_located

__all__ = [
    "COLOR_ROLES",
    "REQUIRED_PAIRS",
    "THEME_FILE",
    "Theme",
    "contrast_ratio",
    "load_theme",
    "passes_aa",
    "theme_schema",
    "unsupported_rtl_languages",
    "validate_theme_dir",
]


def load_theme(path: Path | str) -> Theme:
    """The validated theme at ``path``, or :class:`ValidationFailed` listing every problem."""
    path = Path(path)
    problems = validate_theme_dir(path)
    if problems:
        raise ValidationFailed(problems, what=f"theme pack {display_path(path)}")
    document = load_located(path / THEME_FILE)
    return Theme.from_data(path.resolve(), document.data)


def unsupported_rtl_languages(path: Path | str, language_codes) -> list[str]:
    """The right-to-left languages among ``language_codes`` that the theme cannot serve.

    A theme declares ``supports_rtl: false`` when it ships no fonts for right-to-left
    scripts; a profile enabling Arabic with it would render in fallback fonts. Codes
    that are not valid language tags are left to the profile's own checks.
    """
    from govlearn import languages

    try:
        data = load_located(Path(path) / THEME_FILE).data
    except GovlearnError:
        return []
    if not isinstance(data, dict) or data.get("supports_rtl") is not False:
        return []
    codes = language_codes if isinstance(language_codes, list) else []
    return [
        code
        for code in codes
        if languages.is_known(code) and languages.describe(code).direction == "rtl"
    ]
