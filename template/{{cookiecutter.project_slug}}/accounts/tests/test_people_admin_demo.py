"""``seed_demo`` gives a fresh portal one person in every administrative role."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from organisations.scope import administered_roots, is_national_admin


def seed(monkeypatch, password=None):
    if password:
        monkeypatch.setenv("GOVLEARN_DEMO_PASSWORD", password)
    else:
        monkeypatch.delenv("GOVLEARN_DEMO_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_demo_seeds_every_role_and_never_prints_a_password(monkeypatch):
    printed = seed(monkeypatch, password="demo-secret-123")
    for username in ("national-admin", "org-admin", "org-admin-2", "provider-editor", "reviewer"):
        assert username in printed
    assert "demo password set" in printed and "demo-secret-123" not in printed
    assert is_national_admin(User.objects.get(username="national-admin"))
    first = administered_roots(User.objects.get(username="org-admin"))
    second = administered_roots(User.objects.get(username="org-admin-2"))
    assert len(first) == len(second) == 1 and first[0].depth == second[0].depth == 1
    assert first[0] != second[0]
    editor = User.objects.get(username="provider-editor")
    # catalog's demo runs after accounts', and the editor still ends up in a provider's group.
    assert editor.groups.filter(name__endswith=" editors", page_permissions__isnull=False).exists()
    assert editor.check_password("demo-secret-123")
    reviewer = User.objects.get(username="reviewer")
    assert reviewer.groups.filter(name="Catalogue reviewers").exists()
    again = seed(monkeypatch)  # idempotent; without a password nothing can sign in anew
    assert "no password" in again
    assert User.objects.filter(username="provider-editor").count() == 1
    assert editor.groups.count() == 1
