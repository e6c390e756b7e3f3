"""``validate_theme_dir``: what an integrator sees when their theme pack is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from editable_theme import editable_theme

from govlearn.catalog import shipped_themes
from govlearn.errors import ValidationFailed
from govlearn.themes import REQUIRED_PAIRS, load_theme, validate_theme_dir


def test_at_least_three_themes_ship():
    assert len(shipped_themes()) >= 3


@pytest.mark.parametrize("name", sorted(shipped_themes()))
def test_every_shipped_theme_is_valid(name):
    assert validate_theme_dir(shipped_themes()[name]) == []
    theme = load_theme(shipped_themes()[name])
    assert theme.name == name


def test_shipped_themes_look_different():
    """Three themes that share a palette would not show integrators what is possible."""
    themes = [load_theme(path) for path in shipped_themes().values()]
    palettes = {(t.color("primary"), t.color("surface")) for t in themes}
    heading_fonts = {t.tokens["typography"]["font-family-heading"] for t in themes}
    assert len(palettes) == len(themes)
    assert len(heading_fonts) == len(themes)
    surfaces_dark = {t.color("surface") < "#808080" for t in themes}
    assert surfaces_dark == {True, False}, "ship at least one light and one dark theme"


def test_a_theme_with_a_right_to_left_font_ships():
    assert any(load_theme(path).supports_rtl for path in shipped_themes().values())


def test_failing_contrast_is_refused_with_the_measured_ratio_and_line(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace('muted: "#4b5563"', 'muted: "#9ca3af"')
    problems = validate_theme_dir(theme.path)
    messages = [str(problem) for problem in problems]
    pair_line = theme.line_of("{foreground: muted, background: surface, size: normal}")
    assert any(
        f"theme.yaml:{pair_line}: contrast_pairs[2]: muted #9ca3af on surface #ffffff "
        "has contrast 2.53:1; WCAG 2.1 AA needs at least 4.5:1 for body text" in message
        for message in messages
    ), messages


def test_a_focus_colour_below_three_to_one_is_refused(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace('focus: "#d9480f"', 'focus: "#f4a261"')
    messages = [p.message for p in validate_theme_dir(theme.path)]
    assert any(
        "focus #f4a261 on surface #ffffff" in m and "3:1 for UI component" in m for m in messages
    )


def test_every_problem_is_reported_at_once(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace('primary: "#1d4f91"', "primary: navy")
    theme.replace('text: "#1b1f24"', 'text: "#aaaaaa"')
    theme.replace("font-size-base: 1.0625rem", 'font-size-base: "1rem; } body { display: none"')
    theme.replace("logo: static/logo.svg", "logo: static/missing.svg")
    theme.replace("xs: 0.25rem", "xs: small")
    problems = validate_theme_dir(theme.path)
    paths = {problem.path for problem in problems}
    assert {
        "tokens.color.primary",
        "tokens.typography.font-size-base",
        "tokens.spacing.xs",
        "logo",
        "contrast_pairs[0]",
    } <= paths
    assert all(problem.line for problem in problems)
    with pytest.raises(ValidationFailed) as raised:
        load_theme(theme.path)
    assert f"({len(problems)} problems)" in str(raised.value)


def test_a_missing_colour_role_is_named(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace('    danger: "#b42318"\n', "")
    messages = [str(p) for p in validate_theme_dir(theme.path)]
    assert any("tokens.color: 'danger' is required" in m for m in messages), messages


def test_a_pair_naming_an_unknown_role_is_refused(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace(
        "{foreground: border, background: surface, size: ui}",
        "{foreground: border, background: paper, size: ui}",
    )
    problems = validate_theme_dir(theme.path)
    assert any(
        p.path == "contrast_pairs[13].background"
        and "'paper' is not a colour in tokens.color" in p.message
        for p in problems
    )


def test_leaving_out_a_pair_the_portal_draws_is_refused(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace("  - {foreground: link, background: surface, size: normal}\n", "")
    messages = [p.message for p in validate_theme_dir(theme.path)]
    assert any(
        "missing pair {foreground: link, background: surface, size: normal}" in m for m in messages
    )


def test_required_pairs_use_only_roles_every_theme_must_define():
    from govlearn.themes import COLOR_ROLES, theme_schema

    required = set(theme_schema()["properties"]["tokens"]["properties"]["color"]["required"])
    assert required == set(COLOR_ROLES)
    for foreground, background, _size in REQUIRED_PAIRS:
        assert {foreground, background} <= required


def test_missing_font_and_licence_files_are_listed(tmp_path):
    theme = editable_theme(tmp_path)
    (theme.path / "static/fonts/public-sans-latin-700-normal.woff2").unlink()
    (theme.path / "static/fonts/OFL-public-sans.txt").unlink()
    problems = validate_theme_dir(theme.path)
    assert {p.path for p in problems} == {"fonts[0].licence", "fonts[1].file", "fonts[1].licence"}
    assert all("does not exist in the theme pack" in p.message for p in problems)


@pytest.mark.parametrize(
    "reference",
    ["https://fonts.example/font.woff2", "/usr/share/fonts/x.woff2", "../civic/static/x.woff2"],
)
def test_fonts_must_be_files_inside_the_pack(tmp_path, reference):
    theme = editable_theme(tmp_path)
    theme.replace("file: static/fonts/public-sans-latin-400-normal.woff2", f"file: {reference}")
    problems = [p for p in validate_theme_dir(theme.path) if p.path == "fonts[0].file"]
    assert problems, "a font outside the pack must be refused"


def test_a_font_of_another_format_is_refused(tmp_path):
    theme = editable_theme(tmp_path)
    (theme.path / "static/fonts/public-sans.ttf").write_bytes(b"\0\1\0\0")
    theme.replace("static/fonts/public-sans-latin-400-normal.woff2", "static/fonts/public-sans.ttf")
    messages = [p.message for p in validate_theme_dir(theme.path)]
    assert "'static/fonts/public-sans.ttf' must be a .woff2 or .woff font file" in messages


@pytest.mark.parametrize(
    ("svg", "expected"),
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "contains <script>",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler onload="),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            '<image x:href="https://cdn.example/logo.png"/></svg>',
            "must be self-contained",
        ),
        ("<svg><unclosed></svg>", "not well-formed SVG"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "not an SVG image"),
    ],
)
def test_an_unsafe_or_broken_logo_is_refused(tmp_path, svg, expected):
    theme = editable_theme(tmp_path)
    (theme.path / "static/logo.svg").write_text(svg, encoding="utf-8")
    messages = [str(p) for p in validate_theme_dir(theme.path) if p.path == "logo"]
    assert any(expected in message for message in messages), messages


def test_a_templates_folder_must_exist(tmp_path):
    theme = editable_theme(tmp_path)
    theme.file.write_text(theme.file.read_text() + "templates: templates\n")
    assert [p.message for p in validate_theme_dir(theme.path)] == [
        "'templates' is not a folder inside the theme pack"
    ]
    (theme.path / "templates").mkdir()
    assert validate_theme_dir(theme.path) == []


def test_broken_yaml_is_a_located_problem_not_a_crash(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace("supports_rtl: true", "supports_rtl: [true")
    problems = validate_theme_dir(theme.path)
    assert len(problems) == 1
    assert problems[0].file.endswith("theme.yaml")
    assert problems[0].line is not None
    assert "invalid YAML" in problems[0].message


def test_a_folder_without_theme_yaml_is_one_clear_problem(tmp_path):
    problems = validate_theme_dir(tmp_path)
    assert len(problems) == 1
    assert "theme.yaml" in problems[0].file
    assert "file not found" in problems[0].message


def test_a_theme_that_is_not_a_mapping_is_refused(tmp_path):
    (tmp_path / "theme.yaml").write_text("- just\n- a list\n")
    assert "YAML mapping" in validate_theme_dir(tmp_path)[0].message


def test_unknown_fields_are_refused(tmp_path):
    theme = editable_theme(tmp_path)
    theme.replace("supports_rtl: true", "supports_rtl: true\ncolour_scheme: dark")
    problems = validate_theme_dir(theme.path)
    assert [(p.path, p.line) for p in problems] == [("colour_scheme", 7)]
    assert "unknown field" in problems[0].message


def test_a_profile_enabling_arabic_with_a_theme_without_rtl_support_is_refused(tmp_path):
    from govlearn.profile import validate_profile

    examples = Path(__file__).resolve().parents[2] / "docs" / "examples"
    text = (examples / "rtl-country.yaml").read_text(encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(text.replace("theme: civic", "theme: lagoon"), encoding="utf-8")
    problems = [p for p in validate_profile(profile) if p.path == "theme"]
    assert len(problems) == 1
    assert "supports_rtl: false" in problems[0].message
    assert "ar" in problems[0].message
    profile.write_text(text.replace("theme: civic", "theme: savanna"), encoding="utf-8")
    assert [p for p in validate_profile(profile) if p.path == "theme"] == []
