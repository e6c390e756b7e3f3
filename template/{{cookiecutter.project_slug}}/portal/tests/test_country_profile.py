import textwrap

import pytest
from django.conf import settings

from portal.country import CountryProfileError, get_country, load_country


def write_profile(tmp_path, languages_yaml, extra=""):
    path = tmp_path / "country.yaml"
    path.write_text(
        textwrap.dedent(
            """
            country: {name: {en: Jordan, ar: الأردن}, code: JO, time_zone: Asia/Amman}
            portal: {name: {en: Learn, ar: تعلم}, short_name: T, slug: t, domain: t.example,
                     admin_email: a@t.example}
            theme: theme
            competency_framework: framework/framework.yaml
            organisations: {levels: [{code: m, name: M}], seed: [{code: A, name: A, level: m}]}
            """
        )
        + languages_yaml
        + extra,
        encoding="utf-8",
    )
    return path


def test_settings_follow_the_profile_languages():
    country = get_country()
    assert country.default_language.django_code == settings.LANGUAGE_CODE
    assert [code for code, _ in settings.LANGUAGES] == [
        lang.django_code for lang in country.languages
    ]
    assert country.time_zone == settings.TIME_ZONE


def test_right_to_left_languages_are_detected_from_their_script(tmp_path):
    country = load_country(
        write_profile(tmp_path, "languages: {default: ar, enabled: [ar, en, ur, dv]}\n")
    )
    directions = {language.code: language.direction for language in country.languages}
    assert directions == {"ar": "rtl", "en": "ltr", "ur": "rtl", "dv": "rtl"}
    assert country.default_language.autonym == "العربية"


def test_texts_fall_back_to_the_default_language(tmp_path):
    country = load_country(
        write_profile(tmp_path, "languages: {default: ar, enabled: [ar, en, fr]}\n")
    )
    assert country.portal_name("en") == "Learn"
    assert country.portal_name("fr") == "تعلم"
    assert country.portal_name("en-GB") == "Learn"


def test_feature_switches_have_safe_defaults(tmp_path):
    country = load_country(
        write_profile(
            tmp_path, "languages: {default: en, enabled: [en]}\n", "features: {campaigns: false}\n"
        )
    )
    assert country.feature("campaigns") is False
    assert country.feature("certificates") is True
    assert country.feature("self_registration") is False


def test_a_missing_profile_is_a_clear_error(tmp_path):
    with pytest.raises(CountryProfileError, match="country profile is missing"):
        load_country(tmp_path / "nope.yaml")
