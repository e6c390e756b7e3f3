"""Operators and administrators: export, the admin listing and its revoke action."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.factories import UserFactory
from catalog.factories import course_tree
from certificates.factories import CertificateFactory
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(issued, learner, tree):
    for _ in range(2):
        course = course_tree(provider=tree.provider, modules=1, lessons_per_module=1).course
        CertificateFactory(enrolment__user=learner, enrolment__course=course)
    return list(Certificate.objects.all())


def test_export_writes_one_file_per_credential_named_by_public_id(three, tmp_path, capsys):
    target = tmp_path / "out" / "credentials"
    call_command("export_credentials", "--limit", "2", "-o", str(target))
    files = sorted(target.glob("*.json"))
    assert len(files) == 2
    by_id = {c.public_id: c for c in three}
    for path in files:
        assert json.loads(path.read_text(encoding="utf-8")) == by_id[path.stem].credential
    assert "2 credentials written" in capsys.readouterr().out


def test_export_refuses_to_overwrite_unless_forced(three, tmp_path):
    call_command("export_credentials", "--limit", "3", "-o", str(tmp_path))
    (tmp_path / f"{three[0].public_id}.json").write_text("{}")
    with pytest.raises(CommandError, match="already exists"):
        call_command("export_credentials", "--limit", "3", "-o", str(tmp_path))
    assert (tmp_path / f"{three[0].public_id}.json").read_text() == "{}"
    call_command("export_credentials", "--limit", "3", "-o", str(tmp_path), "--force")
    assert json.loads((tmp_path / f"{three[0].public_id}.json").read_text())["id"]


def test_export_refuses_a_bad_limit_or_a_file_as_directory(three, tmp_path):
    with pytest.raises(CommandError, match="--limit"):
        call_command("export_credentials", "--limit", "0", "-o", str(tmp_path))
    a_file = tmp_path / "file"
    a_file.write_text("")
    with pytest.raises(CommandError, match="not a directory"):
        call_command("export_credentials", "--limit", "1", "-o", str(a_file))


def test_an_admin_finds_a_certificate_by_public_id_and_revokes_it_with_a_reason(
    client, issued, admin_user
):
    client.force_login(admin_user)
    listing = client.get("/admin/snippets/certificates/certificate/", {"q": issued.public_id})
    assert listing.status_code == 200 and issued.public_id in listing.content.decode()
    url = f"/admin/certificates/{issued.public_id}/revoke/"
    assert url in listing.content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and Certificate.objects.get(pk=issued.pk).revoked_at is None
    done = client.post(url, {"reason": "Identity fraud established by the ministry."})
    assert done.status_code == 302
    revoked = Certificate.objects.get(pk=issued.pk)
    assert revoked.revoked_by == admin_user
    assert revoked.revocation_reason == "Identity fraud established by the ministry."


def test_searching_by_learner_or_course_finds_it_too(client, issued, admin_user):
    client.force_login(admin_user)
    for query in ("Mere Tane", issued.course_title):
        page = client.get("/admin/snippets/certificates/certificate/", {"q": query})
        assert issued.public_id in page.content.decode()


def test_only_revokers_see_certificates_in_the_admin(client, issued):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/snippets/certificates/certificate/").status_code in (302, 403)
    assert client.get(f"/admin/certificates/{issued.public_id}/revoke/").status_code in (302, 403)
    editor.user_permissions.add(Permission.objects.get(codename="revoke_certificate"))
    client.force_login(UserFactory._meta.model.objects.get(pk=editor.pk))
    assert client.get("/admin/snippets/certificates/certificate/").status_code == 200
    assert client.get(f"/admin/certificates/{issued.public_id}/revoke/").status_code == 200
    assert client.get(
        f"/admin/snippets/certificates/certificate/edit/{issued.pk}/"
    ).status_code in (
        302,
        403,
    )


def test_editors_set_the_certificate_rule_in_the_course_editor(client, admin_user, tree):
    client.force_login(admin_user)
    page = client.get(f"/admin/pages/{tree.course.pk}/edit/").content.decode()
    for field in ("certificate_rule", "certificate_min_score", "credited_hours"):
        assert f'name="{field}"' in page
