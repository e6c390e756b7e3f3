"""Single sign-on over OpenID Connect against a real provider on loopback.

The provider (``oidc_provider/``) runs in its own process; the portal talks to it over
HTTP for discovery, the token, the keys and userinfo, exactly as with a government's
identity provider. Here the browser's part is played by ``requests`` (the provider) and
Django's test client (the portal); ``test_sso_browser.py`` does it in chromium.
"""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.conftest import IDP_PASSWORD, single_sign_on_settings

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/oidc/government/login/"


def _hidden_fields(page: str) -> dict:
    fields = {}
    for tag in re.findall(r"<input[^>]+>", page):
        if 'type="hidden"' in tag:
            name = re.search(r'name="([^"]+)"', tag).group(1)
            value = re.search(r'value="([^"]*)"', tag)
            fields[name] = html.unescape(value.group(1)) if value else ""
    return fields


def sign_in_at_provider(authorize_url: str, username: str) -> str:
    """Log in and consent at the provider; return where it sends the browser back to."""
    browser = requests.Session()
    login_page = browser.get(authorize_url, timeout=10)
    assert "GovID" in login_page.text
    consent = browser.post(
        login_page.url,
        data={**_hidden_fields(login_page.text), "username": username, "password": IDP_PASSWORD},
        timeout=10,
    )
    assert "Authorize" in consent.text, consent.text[:500]
    back = browser.post(
        consent.url,
        data={**_hidden_fields(consent.text), "allow": "Authorize"},
        allow_redirects=False,
        timeout=10,
    )
    assert back.status_code == 302, back.text[:500]
    return back.headers["Location"]


def start(client) -> str:
    response = client.post(LOGIN_URL, {"process": "login"})
    assert response.status_code == 302
    return response["Location"]


def come_back(client, callback_url: str):
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def test_the_sign_in_page_offers_the_profiles_button(client, synced_site, single_sign_on):
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with GovID" in page
    assert f'action="{LOGIN_URL}"' in page


def test_an_hrms_imported_official_signs_in_to_their_own_account(
    client, synced_site, single_sign_on
):
    from organisations.models import Organisation

    imported = UserFactory(username="mere", employee_id="EMP-0042", email="old@gov.sc.example")
    callback = sign_in_at_provider(start(client), "mere.hoarau")
    response = come_back(client, callback)
    assert response.status_code == 302, response.content[:500]
    assert client.session["_auth_user_id"] == str(imported.pk)
    imported.refresh_from_db()
    assert imported.email == "mere.hoarau@gov.sc.example"
    assert imported.organisation == Organisation.objects.get(code="SSO-BUDGET")
    assert imported.emailaddress_set.get().verified
    assert (imported.first_name, imported.last_name) == ("Mere", "Hoarau")
    assert User.objects.filter(employee_id="EMP-0042").count() == 1
    assert SocialAccount.objects.get(user=imported).provider == "government"

    # The next time, the same account again.
    client.logout()
    come_back(client, sign_in_at_provider(start(client), "mere.hoarau"))
    assert client.session["_auth_user_id"] == str(imported.pk)
    assert User.objects.count() == 1


def test_an_employee_the_portal_has_not_seen_gets_an_account(client, synced_site, single_sign_on):
    come_back(client, sign_in_at_provider(start(client), "new.officer"))
    officer = User.objects.get(employee_id="EMP-7000")
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert (officer.email, officer.organisation.code) == (
        "new.officer@gov.sc.example",
        "SSO-HEALTH",
    )
    assert officer.emailaddress_set.get().verified
    assert not officer.has_usable_password()


def test_unknown_employees_are_refused_when_the_profile_says_so(
    client, synced_site, single_sign_on, settings
):
    settings.SINGLE_SIGN_ON = {**settings.SINGLE_SIGN_ON, "unknown_employees": "refuse"}
    response = come_back(client, sign_in_at_provider(start(client), "new.officer"))
    assert response.status_code == 403
    assert "There is no account for employee ID EMP-7000 yet." in response.content.decode()
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_an_unknown_organisation_claim_is_refused_and_nothing_is_saved(
    client, synced_site, single_sign_on
):
    response = come_back(client, sign_in_at_provider(start(client), "stray.officer"))
    assert response.status_code == 403
    assert "Your organisation (NO-SUCH-ORG) is not known to this portal yet." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_a_tampered_state_is_refused(client, synced_site, single_sign_on):
    callback = sign_in_at_provider(start(client), "new.officer")
    parts = urlsplit(callback)
    query = parse_qs(parts.query)
    response = client.get(parts.path, {"code": query["code"][0], "state": "forged-state"})
    assert "Single sign-on did not work" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()


def test_a_provider_that_answers_as_another_issuer_is_refused(
    client, synced_site, identity_provider, settings
):
    # Reached at localhost, the provider still states its issuer as 127.0.0.1.
    elsewhere = identity_provider.issuer.replace("127.0.0.1", "localhost")
    single_sign_on_settings(settings, identity_provider, issuer=elsewhere)
    response = come_back(client, sign_in_at_provider(start(client), "new.officer"))
    assert response.status_code == 403
    assert "not the one this portal trusts" in response.content.decode()
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_an_e_mail_address_of_another_account_is_refused(client, synced_site, single_sign_on):
    other = UserFactory(username="someone", email="New.Officer@gov.sc.example")
    response = come_back(client, sign_in_at_provider(start(client), "new.officer"))
    assert response.status_code == 403
    assert "already belongs to another account" in response.content.decode()
    assert list(User.objects.all()) == [other]
    assert not SocialAccount.objects.exists()
