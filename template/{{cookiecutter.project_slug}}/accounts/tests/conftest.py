"""Fixtures for the accounts tests: a real SMTP server on loopback, and page text in the
interface's source strings."""

from __future__ import annotations

import time

import pytest

from portal.testing.mail import SMTPSink, free_port


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """Tests read English words whatever the profile's default language."""


@pytest.fixture
def other_language():
    """A language of the profile other than its default (the profile's last one)."""
    from portal.country import get_country

    languages = get_country().languages
    if len(languages) < 2:
        pytest.skip("the profile has one language")
    return languages[-1]


@pytest.fixture
def smtp_sink(settings):
    """An SMTP server on 127.0.0.1 (a free port) that the portal sends its e-mail to."""
    sink = SMTPSink().start()
    port = sink.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture
def open_registration(settings):
    settings.GOVLEARN_SELF_REGISTRATION = True
    settings.GOVLEARN_ALLOWED_EMAIL_DOMAINS = ["gov.sc.example"]


# The people the test identity provider knows, with the claims it asserts for each.
IDP_PASSWORD = "idp-password-for-tests"
IDP_PEOPLE = [
    {
        "username": "mere.hoarau",
        "password": IDP_PASSWORD,
        "claims": {
            "email": "mere.hoarau@gov.sc.example",
            "email_verified": True,
            "given_name": "Mere",
            "family_name": "Hoarau",
            "employee_number": "EMP-0042",
            "org": "SSO-BUDGET",
        },
    },
    {
        "username": "new.officer",
        "password": IDP_PASSWORD,
        "claims": {
            "email": "new.officer@gov.sc.example",
            "given_name": "Noor",
            "family_name": "Officer",
            "employee_number": "EMP-7000",
            "org": "SSO-HEALTH",
        },
    },
    {
        "username": "stray.officer",
        "password": IDP_PASSWORD,
        "claims": {
            "email": "stray@gov.sc.example",
            "employee_number": "EMP-8000",
            "org": "NO-SUCH-ORG",
        },
    },
]


class IdentityProvider:
    client_id = "learning-portal"
    client_secret = "idp-client-secret-for-tests"

    def __init__(self, port: int, database):
        self.port = port
        self.database = database
        self.issuer = f"http://127.0.0.1:{port}/o"

    def allow_redirect(self, uri: str) -> None:
        """Register one more callback URL for the portal client (the live server's port
        is only known once it runs)."""
        import sqlite3

        with sqlite3.connect(self.database) as db:
            (current,) = db.execute(
                "SELECT redirect_uris FROM oauth2_provider_application WHERE client_id = ?",
                (self.client_id,),
            ).fetchone()
            if uri not in current.split():
                db.execute(
                    "UPDATE oauth2_provider_application SET redirect_uris = ? WHERE client_id = ?",
                    (f"{current} {uri}", self.client_id),
                )


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """A real OpenID Connect provider (django-oauth-toolkit) on 127.0.0.1, in its own
    process, with a fresh RS256 key and SQLite database."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    import requests
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    folder = tmp_path_factory.mktemp("identity-provider")
    provider = IdentityProvider(free_port(), folder / "idp.sqlite3")
    portal_root = Path(__file__).resolve().parents[2]
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(portal_root),
        "OIDC_PROVIDER_DB": str(provider.database),
        "OIDC_PROVIDER_KEY": pem,
        "OIDC_PROVIDER_ISSUER": provider.issuer,
        "OIDC_PROVIDER_USERS": json.dumps(IDP_PEOPLE),
        "OIDC_PROVIDER_CLIENT_ID": provider.client_id,
        "OIDC_PROVIDER_CLIENT_SECRET": provider.client_secret,
        "OIDC_PROVIDER_REDIRECT_URIS": "http://testserver/accounts/oidc/government/login/callback/",
    }
    log = (folder / "idp.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "accounts.tests.oidc_provider.serve", str(provider.port)],
        cwd=portal_root,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    discovery = f"{provider.issuer}/.well-known/openid-configuration"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(discovery, timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the test identity provider did not start: {folder / 'idp.log'}")
        time.sleep(0.2)
    try:
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def single_sign_on_settings(settings, provider: IdentityProvider, issuer: str | None = None):
    """Point the portal at ``provider`` the way a profile's single_sign_on section does."""
    settings.SINGLE_SIGN_ON = {
        "issuer": issuer or provider.issuer,
        "client_id": provider.client_id,
        "button_label": {"en": "Sign in with GovID", "fr": "Se connecter avec GovID"},
        "claims": {"employee_id": "employee_number", "organisation_code": "org", "email": "email"},
    }
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": settings.SSO_PROVIDER_ID,
                    "name": "GovID",
                    "client_id": provider.client_id,
                    "secret": provider.client_secret,
                    "settings": {
                        "server_url": issuer or provider.issuer,
                        "verified_email": True,
                    },
                }
            ],
        }
    }


def make_organisations() -> dict:
    """The two organisations the provider's people belong to, whatever the profile seeds."""
    from organisations.models import Organisation
    from portal.country import get_country

    level = get_country().organisation_levels[0]["code"]
    return {
        code: Organisation.add_root(code=code, name=name, level=level)
        for code, name in [("SSO-BUDGET", "Budget Department"), ("SSO-HEALTH", "Health Services")]
    }


@pytest.fixture
def single_sign_on(settings, identity_provider, synced_site):
    single_sign_on_settings(settings, identity_provider)
    make_organisations()
    return identity_provider
