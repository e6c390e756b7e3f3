"""Every link in every e-mail starts with the configured public address, whichever host the
request that caused the e-mail came in on (here 127.0.0.1:8000, as in development)."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site, WorkflowState

from accounts.factories import UserFactory
from catalog.factories import ProviderPageFactory, catalogue_page
from catalog.models import CoursePage
from catalog.providers import REVIEWERS_GROUP
from catalog.tests.test_editors import course_form
from portal import country_sync

PUBLIC = "https://learn.example.gov"
ELSEWHERE = "127.0.0.1:8000"
LINK = re.compile(r"https?://[^\s<>\"']+")


@pytest.fixture
def public_address(settings, synced_site):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    call_command("sync_country", stdout=io.StringIO())


def links_in(message) -> list[str]:
    """Every http(s) link in every text part, plain and HTML alike."""
    parts = [part for part in message.walk() if part.get_content_maintype() == "text"]
    return [link for part in parts for link in LINK.findall(part.get_content())]


def assert_every_link_is_public(sink, messages, at_least):
    links = [link for message in messages for link in links_in(message)]
    assert len(links) >= at_least, links
    assert [link for link in links if not link.startswith(f"{PUBLIC}/")] == []


def test_moderation_notices_link_to_the_public_address(public_address, client, smtp_sink):
    provider = ProviderPageFactory(parent=catalogue_page())
    provider.refresh_from_db()
    editor = UserFactory(username="editor", email="editor@gov.example")
    editor.groups.add(provider.editors_group)
    reviewer = UserFactory(username="reviewer", email="reviewer@gov.example")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))

    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=["catalog", "coursepage", provider.pk])
    form = {**course_form("Public budgeting", slug="public-budgeting"), "action-submit": "1"}
    assert client.post(add, form, HTTP_HOST=ELSEWHERE).status_code == 302
    course = CoursePage.objects.get(slug="public-budgeting")
    state = WorkflowState.objects.get(object_id=str(course.pk))
    submitted = smtp_sink.wait_for(1)

    client.force_login(reviewer)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[course.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve, {"comment": ""}, HTTP_HOST=ELSEWHERE).status_code == 302
    messages = smtp_sink.wait_for(len(submitted) + 1)
    assert {message["To"] for message in messages} >= {"editor@gov.example", "reviewer@gov.example"}
    # The approval names the live page: the site's address, now the public one.
    assert any(f"{PUBLIC}{course.relative_url(None)}" in smtp_sink.text_of(m) for m in messages)
    assert_every_link_is_public(smtp_sink, messages, at_least=3)


def test_account_messages_link_to_the_public_address(public_address, client, smtp_sink):
    UserFactory(username="joseph", email="joseph@gov.example")
    client.post(
        reverse("account_reset_password"), {"email": "joseph@gov.example"}, HTTP_HOST=ELSEWHERE
    )
    [message] = smtp_sink.wait_for(1)
    assert "/password/reset/key/" in smtp_sink.text_of(message)
    assert_every_link_is_public(smtp_sink, [message], at_least=1)
    assert ELSEWHERE not in smtp_sink.text_of(message)


def test_the_site_follows_the_setting_and_refuses_an_address_it_cannot_hold(settings, synced_site):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000/"
    country_sync.sync(None, io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8000, "http://127.0.0.1:8000")

    settings.WAGTAILADMIN_BASE_URL = "https://learn.example.gov:8443"
    with pytest.raises(ImproperlyConfigured, match="port 443"):
        country_sync.sync(None, io.StringIO())
