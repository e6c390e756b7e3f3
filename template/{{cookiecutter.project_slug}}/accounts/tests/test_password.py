"""Password reset never tells whether an account exists; changing a password works."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "quiet-harbour-sunrise-7"


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _ask_for_reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email}, follow=True)


def test_a_reset_link_arrives_by_smtp_and_sets_a_new_password(client, synced_site, smtp_sink):
    UserFactory(username="joseph", email="joseph@gov.sc.example")
    _ask_for_reset(client, "Joseph@gov.sc.example")
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "joseph@gov.sc.example"
    [link] = [url for url in smtp_sink.links_in(message) if "/password/reset/key/" in url]

    page = client.get(urlsplit(link).path, follow=True)
    assert "Choose a new password" in page.content.decode()
    form_path = page.redirect_chain[-1][0] if page.redirect_chain else urlsplit(link).path
    done = client.post(
        form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert "Password changed" in done.content.decode()

    assert client.login(username="joseph", password=NEW_PASSWORD)
    assert not client.login(username="joseph", password=PASSWORD)
    # The link works once.
    again = client.get(urlsplit(link).path, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, synced_site, smtp_sink):
    UserFactory(username="joseph", email="joseph@gov.sc.example")
    known = _ask_for_reset(client, "joseph@gov.sc.example")
    unknown = _ask_for_reset(client, "nobody@gov.sc.example")
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_csrf(known) == _without_csrf(unknown)
    assert [m["To"] for m in smtp_sink.wait_for(2, seconds=1)] == ["joseph@gov.sc.example"]


def test_the_request_does_the_same_work_for_any_address(client, synced_site, monkeypatch):
    """No lookup in the request: the same queries and one queued task, known or not."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts import tasks

    queued = []
    monkeypatch.setattr(tasks.request_password_reset, "delay", lambda *a: queued.append(a))
    UserFactory(username="joseph", email="joseph@gov.sc.example")
    UserFactory.create_batch(20, email="")
    counts = []
    for address in ("nobody@gov.sc.example", "joseph@gov.sc.example"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("account_reset_password"), {"email": address})
        assert response.status_code == 302
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert [args[0] for args in queued] == ["nobody@gov.sc.example", "joseph@gov.sc.example"]


def test_a_signed_in_learner_changes_their_password(client, synced_site):
    user = UserFactory(username="joseph")
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="joseph", password=NEW_PASSWORD)


def test_a_wrong_current_password_is_refused_visibly(client, synced_site):
    client.force_login(UserFactory(username="joseph"))
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert 'role="alert"' in response.content.decode()
    assert not client.login(username="joseph", password=NEW_PASSWORD)
