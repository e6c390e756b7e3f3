"""The page frame every learner sees: landmarks, language switcher, remembered language,
accessibility statement, theme tokens, and languages without UI translations."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from portal.country import get_country
from portal.language_preference import enabled_language
from portal.management.commands.compilemessages import write_missing_catalogues
from portal.theming import get_theme

multilingual = pytest.mark.skipif(
    len(settings.LANGUAGES) < 2, reason="this country's profile enables one language"
)


def other_language():
    """A language of the profile other than the default one."""
    return get_country().languages[1]


@pytest.mark.usefixtures("synced_site")
class TestPageFrame:
    def test_landmarks_are_present_once_each(self, client):
        html = client.get("/").content.decode()
        for landmark in ('<header class="site-header">', "<main ", '<footer class="site-footer">'):
            assert html.count(landmark) == 1, landmark
        assert html.index('class="skip-link"') < html.index("<header")
        assert '<nav aria-label="' in html

    @multilingual
    def test_the_switcher_offers_every_language_in_its_own_name(self, client):
        html = client.get("/accounts/login/").content.decode()
        for language in get_country().languages:
            assert f'value="{language.django_code}" lang="{language.code}"' in html
            assert language.autonym in html
        assert '<label for="language-select">' in html

    @multilingual
    def test_a_prefixed_page_is_served_in_that_language_and_direction(self, client):
        language = other_language()
        html = client.get(f"/{language.django_code}/").content.decode()
        assert f'<html lang="{language.django_code}" dir="{language.direction}"' in html

    def test_theme_tokens_and_fonts_are_in_every_page_head(self, client):
        html = client.get("/").content.decode()
        theme = get_theme()
        primary = theme.data["tokens"]["color"]["primary"]
        assert f"--color-primary:{primary};" in html
        for font in theme.data["fonts"]:
            assert font["file"].removeprefix("static/") in html
            if font.get("unicode_range"):
                assert f"unicode-range:{font['unicode_range']};" in html
        assert "fonts.googleapis" not in html


@pytest.mark.usefixtures("synced_site")
class TestAccessibilityStatement:
    def test_it_states_the_profiles_standard_and_contact(self, client):
        response = client.get("/accessibility/")
        assert response.status_code == 200
        html = response.content.decode()
        facts = get_country().accessibility
        assert facts["standard"] in html
        contact = facts.get("contact_email") or get_country().admin_email
        assert f'href="mailto:{contact}"' in html

    def test_every_page_links_to_it(self, client):
        assert 'href="/accessibility/"' in client.get("/accounts/login/").content.decode()


@multilingual
@pytest.mark.usefixtures("synced_site")
class TestRememberedLanguage:
    def test_switching_language_is_saved_on_the_learners_account(self, client):
        user = User.objects.create_user("amina", password="a-long-demo-password")
        client.force_login(user)
        language = other_language()
        response = client.post("/i18n/setlang/", {"language": language.django_code, "next": "/"})
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.preferred_language == language.code

    def test_an_anonymous_switch_saves_nothing_and_still_works(self, client):
        language = other_language()
        response = client.post("/i18n/setlang/", {"language": language.django_code, "next": "/"})
        assert response.status_code == 302
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language.django_code

    def test_signing_in_continues_in_the_preferred_language(self):
        language = other_language()
        User.objects.create_user(
            "amina", password="a-long-demo-password", preferred_language=language.code
        )
        client = Client()
        response = client.post(
            "/accounts/login/", {"login": "amina", "password": "a-long-demo-password"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(f"/{language.django_code}/")
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language.django_code

    def test_a_preference_for_a_language_no_longer_enabled_is_ignored(self):
        User.objects.create_user("amina", password="a-long-demo-password", preferred_language="tlh")
        response = Client().post(
            "/accounts/login/", {"login": "amina", "password": "a-long-demo-password"}
        )
        assert response["Location"] == settings.LOGIN_REDIRECT_URL
        assert enabled_language("tlh") is None


def test_languages_without_ui_translations_get_an_empty_catalogue(tmp_path):
    existing = tmp_path / "en" / "LC_MESSAGES" / "django.po"
    existing.parent.mkdir(parents=True)
    existing.write_text("# translated\n", encoding="utf-8")
    written = write_missing_catalogues(tmp_path)
    codes = {language.django_code for language in get_country().languages}
    assert {path.parent.parent.name.lower().replace("_", "-") for path in written} == codes - {"en"}
    assert existing.read_text(encoding="utf-8") == "# translated\n"
    for path in written:
        assert 'msgid ""' in path.read_text(encoding="utf-8")
    assert write_missing_catalogues(tmp_path) == []  # nothing to do the second time


@pytest.mark.usefixtures("synced_site")
def test_sign_in_errors_are_identified_in_text_and_tied_to_their_fields(client):
    html = client.post("/accounts/login/", {"login": "", "password": ""}).content.decode()
    for field in ("login", "password"):
        assert f'aria-describedby="id_{field}_error"' in html
        assert f'id="id_{field}_error"' in html
    assert 'role="alert"' in html
    title = html[html.index("<title>") : html.index("</title>")]
    assert ":" in title.split("·")[0]  # "Error: Sign in", in the page's language
