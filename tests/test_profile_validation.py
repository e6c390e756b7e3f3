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


def _with_features(example_profile, features: str, extra: str = "") -> list[str]:
    """The island example with its ``features`` section replaced (and ``extra`` appended)."""
    text = example_profile.read_text(encoding="utf-8")
    start = text.index("features:\n")
    end = text.index("accessibility:\n")
    text = text[:start] + features + text[end:] + extra
    example_profile.write_text(text, encoding="utf-8")
    return [
        "profile.yaml:" + str(problem).split("profile.yaml:", 1)[1]
        for problem in validate_profile(example_profile)
    ]


def test_self_registration_needs_allowed_email_domains(example_profile):
    problems = _with_features(example_profile, "features:\n  self_registration: true\n")
    assert len(problems) == 1, problems
    assert "profile.yaml:41: features.self_registration: self-registration needs " in problems[0]
    assert "accounts.allowed_email_domains" in problems[0]


def test_allowed_email_domains_are_lower_case_domains_listed_once(example_profile):
    problems = _with_features(
        example_profile,
        "features:\n  self_registration: true\n",
        "accounts:\n  allowed_email_domains:\n    - gov.sc.example\n    - Gov.SC\n"
        "    - '@gov.sc'\n    - gov.sc.example\n",
    )
    assert problems == [
        "profile.yaml:48: accounts.allowed_email_domains[1]: 'Gov.SC' is not a lower-case "
        "domain name such as gov.example (no '@', no spaces, no capitals)",
        "profile.yaml:49: accounts.allowed_email_domains[2]: '@gov.sc' is not a lower-case "
        "domain name such as gov.example (no '@', no spaces, no capitals)",
        "profile.yaml:50: accounts.allowed_email_domains[3]: 'gov.sc.example' is listed twice "
        "(first at allowed_email_domains[0])",
    ]


def test_an_empty_domain_list_with_self_registration_is_refused(example_profile):
    problems = _with_features(
        example_profile,
        "features:\n  self_registration: true\n",
        "accounts:\n  allowed_email_domains: []\n",
    )
    assert problems == [
        "profile.yaml:46: accounts.allowed_email_domains: must name at least one e-mail "
        "domain while features.self_registration is true"
    ]


def test_single_sign_on_needs_its_provider_when_switched_on(example_profile):
    problems = _with_features(example_profile, "features:\n  oidc_login: true\n")
    assert len(problems) == 1, problems
    assert (
        "profile.yaml:41: features.oidc_login: single sign-on needs a single_sign_on"
        in (problems[0])
    )


def test_single_sign_on_is_checked(example_profile):
    problems = _with_features(
        example_profile,
        "features:\n  oidc_login: true\n",
        "single_sign_on:\n"
        "  issuer: http://id.gov.sc.example/\n"
        "  client_id: learning portal\n"
        "  scopes: [profile, email]\n"
        "  button_label: {en: Sign in with GovID, de: Anmelden}\n"
        "  claims: {employee_id: '', department: org}\n"
        "  unknown_employees: sometimes\n",
    )
    expected = [
        "profile.yaml:46: single_sign_on.issuer: 'http://id.gov.sc.example/' must use https",
        "profile.yaml:47: single_sign_on.client_id: 'learning portal' is not valid",
        "profile.yaml:48: single_sign_on.scopes: must include 'openid'",
        "profile.yaml:49: single_sign_on.button_label.de: 'de' is not one of the enabled",
        "profile.yaml:50: single_sign_on.claims.department: unknown field",
        "profile.yaml:50: single_sign_on.claims.employee_id: must not be empty",
        "profile.yaml:51: single_sign_on.unknown_employees: 'sometimes' is not",
    ]
    for fragment in expected:
        assert any(problem.startswith(fragment) for problem in problems), (fragment, problems)
    assert len(problems) == len(expected), problems


def test_a_portal_with_registration_and_single_sign_on_is_valid(example_profile):
    problems = _with_features(
        example_profile,
        "features:\n  self_registration: true\n  oidc_login: true\n",
        "accounts:\n  allowed_email_domains: [gov.sc.example, health.sc.example]\n"
        "single_sign_on:\n"
        "  issuer: https://id.gov.sc.example/\n"
        "  client_id: spsa-portal\n"
        "  button_label: {en: Sign in with GovID, fr: Se connecter avec GovID}\n"
        "  claims: {employee_id: employee_number, organisation_code: org, email: email}\n",
    )
    assert problems == []
