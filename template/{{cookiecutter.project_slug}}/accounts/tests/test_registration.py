"""Self-registration: only for the government's e-mail domains, verified, or closed."""

from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse

from accounts.factories import PASSWORD, UserFactory
from accounts.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "tall-ocean-lantern-42"


def _sign_up(client, email, username="newcomer"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "username": username,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def test_registration_is_closed_by_default_and_no_link_offers_it(client, synced_site):
    response = client.get(reverse("account_signup"))
    assert "Registration is closed" in response.content.decode()
    assert 'data-nav="sign-up"' not in client.get("/").content.decode()
    assert "Create an account" not in client.get(reverse("login")).content.decode()
    assert _sign_up(client, "a@gov.sc.example").status_code == 200
    assert not User.objects.filter(username="newcomer").exists()


def test_an_open_portal_offers_registration_on_the_sign_in_page(
    client, synced_site, open_registration
):
    assert "Create an account" in client.get(reverse("login")).content.decode()


def test_an_address_outside_the_allowed_domains_is_refused(client, synced_site, open_registration):
    response = _sign_up(client, "someone@gmail.example")
    assert response.status_code == 200
    assert "Use your government e-mail address (ending in @gov.sc.example)." in (
        response.content.decode()
    )
    assert not User.objects.filter(username="newcomer").exists()


def test_a_look_alike_domain_is_not_a_subdomain(client, synced_site, open_registration):
    _sign_up(client, "someone@evilgov.sc.example")
    assert not User.objects.filter(username="newcomer").exists()


def test_signing_up_at_a_subdomain_sends_a_link_that_confirms_and_signs_in(
    client, synced_site, open_registration, smtp_sink
):
    response = _sign_up(client, "nadia@health.gov.sc.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "nadia@health.gov.sc.example"
    assert settings.WAGTAIL_SITE_NAME in smtp_sink.text_of(message)  # the portal greets
    [link] = [url for url in smtp_sink.links_in(message) if "/confirm-email/" in url]

    # Until the address is confirmed, the password alone does not sign in.
    client.logout()
    client.post(reverse("login"), {"login": "newcomer", "password": NEW_PASSWORD})
    assert "_auth_user_id" not in client.session

    confirm_path = urlsplit(link).path
    assert "Confirm your e-mail address" in client.get(confirm_path).content.decode()
    response = client.post(confirm_path, follow=True)
    assert response.context["user"].username == "newcomer"
    assert EmailAddress.objects.get(email="nadia@health.gov.sc.example").verified


def test_signing_up_with_a_registered_address_looks_the_same_and_makes_no_account(
    client, synced_site, open_registration, smtp_sink
):
    UserFactory(username="owner", email="owner@gov.sc.example")
    known = _sign_up(client, "owner@gov.sc.example", username="intruder")
    unknown = _sign_up(client, "fresh@gov.sc.example", username="fresh")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert not User.objects.filter(username="intruder").exists()
    # The owner learns that someone tried; the newcomer gets their confirmation link.
    messages = smtp_sink.wait_for(2)
    assert sorted(m["To"] for m in messages) == ["fresh@gov.sc.example", "owner@gov.sc.example"]


def test_imported_accounts_sign_in_without_a_verification_step(client, synced_site):
    UserFactory(username="imported", email="imported@gov.sc.example")
    client.post(reverse("login"), {"login": "imported@gov.sc.example", "password": PASSWORD})
    assert client.session["_auth_user_id"]
