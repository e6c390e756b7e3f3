"""The country profile validator: every problem at once, each with line and path."""

from __future__ import annotations

import pytest
from conftest import BAD_PROFILES_DIR, EXAMPLE_PROFILES

from govlearn.errors import ValidationFailed
from govlearn.profile import load_profile, validate_profile


@pytest.mark.parametrize("profile", EXAMPLE_PROFILES, ids=lambda path: path.stem)
def test_shipped_example_profiles_are_valid(profile):
    assert validate_profile(profile) == []


def test_every_problem_is_reported_at_once_with_its_line_and_path():
    problems = [str(problem) for problem in validate_profile(BAD_PROFILES_DIR / "many-errors.yaml")]
    expected = [
        "many-errors.yaml:4: country.code: 'ZQ' is not an ISO 3166-1 alpha-2 country code",
        "many-errors.yaml:5: country.time_zone: 'Mars/Olympus' is not an IANA time zone",
        "many-errors.yaml:9: portal.domain: 'Not A Domain' is not valid",
        "many-errors.yaml:10: portal.admin_email: 'nobody' is not valid",
        "many-errors.yaml:12: languages.default: 'de' must also be listed in languages.enabled",
        "many-errors.yaml:13: languages.enabled[2]: 'xx' is not a known language code",
        "many-errors.yaml:13: languages.enabled[3]: 'fr' is listed twice (first at enabled[0])",
        "many-errors.yaml:14: theme: theme 'neon' is neither a shipped theme",
        "many-errors.yaml:15: competency_framework: competency framework './nothing.yaml'",
        "many-errors.yaml:19: organisations.levels[1].code: level code 'ministere' is used twice",
        "many-errors.yaml:21: organisations.seed[0].name.de: 'de' is not one of the enabled",
        "many-errors.yaml:21: organisations.seed[0].parent: parent 'Z' is not an organisation code",
        "many-errors.yaml:22: organisations.seed[1].code: organisation code 'A' is used twice",
        "many-errors.yaml:22: organisations.seed[1].level: unknown level 'region'",
        "many-errors.yaml:23: extra: unknown field",
    ]
    for fragment in expected:
        assert any(fragment in problem for problem in problems), (fragment, problems)
    assert len(problems) == len(expected), problems


def test_load_profile_raises_one_error_listing_everything():
    with pytest.raises(ValidationFailed) as caught:
        load_profile(BAD_PROFILES_DIR / "many-errors.yaml")
    message = str(caught.value)
    assert message.startswith("country profile")
    assert "(15 problems)" in message


def test_a_missing_required_section_is_named(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("country: {name: X, code: MU, time_zone: UTC}\n", encoding="utf-8")
    problems = [str(problem) for problem in validate_profile(profile)]
    for section in ("portal", "languages", "theme", "competency_framework", "organisations"):
        assert any(f"'{section}' is required" in problem for problem in problems), problems


def test_yaml_syntax_errors_carry_the_line(tmp_path):
    from govlearn.errors import GovlearnError

    profile = tmp_path / "p.yaml"
    profile.write_text("country:\n  name: [unclosed\nportal: {}\n", encoding="utf-8")
    with pytest.raises(GovlearnError, match=r"p\.yaml:\d+: invalid YAML"):
        validate_profile(profile)


def test_duplicate_keys_are_refused(tmp_path):
    from govlearn.errors import GovlearnError

    profile = tmp_path / "p.yaml"
    profile.write_text("theme: civic\ntheme: lagoon\n", encoding="utf-8")
    with pytest.raises(GovlearnError, match="invalid YAML"):
        validate_profile(profile)


def test_localised_texts_need_the_default_language(example_profile):
    text = example_profile.read_text(encoding="utf-8")
    example_profile.write_text(
        text.replace("    en: Seychelles Public Service Academy\n", ""), encoding="utf-8"
    )
    problems = [str(problem) for problem in validate_profile(example_profile)]
    assert any("portal.name: needs a text in the default language 'en'" in p for p in problems)


def test_a_child_organisation_must_sit_below_its_parents_level(example_profile):
    text = example_profile.read_text(encoding="utf-8")
    text = text.replace(
        "level: department, parent: MOF, region: SC-MAHE",
        "level: ministry, parent: MOF, region: SC-MAHE",
    )
    example_profile.write_text(text, encoding="utf-8")
    problems = [str(problem) for problem in validate_profile(example_profile)]
    assert any("parent 'MOF' is at level 'ministry', which is not above" in p for p in problems)


def test_unknown_region_is_reported(example_profile):
    text = example_profile.read_text(encoding="utf-8").replace(
        "region: SC-PRASLIN", "region: SC-MARS"
    )
    example_profile.write_text(text, encoding="utf-8")
    problems = [str(problem) for problem in validate_profile(example_profile)]
    assert any("region 'SC-MARS' is not a code listed in regions" in p for p in problems)


@pytest.mark.parametrize(
    ("short_name", "country", "expected"),
    [
        ("CI Learn", "Côte d'Ivoire", "ci-learn"),
        ("भारत सीखें", "India", "bhaart-siikhen"),
        ("تعلم", "Jordan", "t-lm"),
        ("2030 Academy", "Examplia", "portal-2030-academy"),
        ("!!!", "Ελλάδα", "ellada"),
    ],
)
def test_slugs_are_derived_safely_from_names_in_any_script(short_name, country, expected):
    from govlearn.profile import profile_slug

    data = {"portal": {"short_name": short_name}, "country": {"name": country, "code": "XA"}}
    assert profile_slug(data) == expected


def test_a_theme_path_relative_to_the_profile_resolves(example_profile, kit_root):
    import shutil

    shutil.copytree(kit_root / "themes" / "civic", example_profile.parent / "our-theme")
    text = example_profile.read_text(encoding="utf-8").replace("theme: civic", "theme: ./our-theme")
    example_profile.write_text(text, encoding="utf-8")
    assert validate_profile(example_profile) == []
    assert (
        load_profile(example_profile).theme_path == (example_profile.parent / "our-theme").resolve()
    )
