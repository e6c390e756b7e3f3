"""Verifying: the public page and JSON, POSTed credentials (pasted, uploaded, in a PDF),
tampering, unknown issuers, revocation through the status list, key rotation."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from certificates.credentials import SigningKey, sign_credential, status_is_set
from certificates.credentials.schema import schema_problems
from certificates.credentials.tests.helpers import independently_verified
from certificates.issuance import credential_fields
from certificates.models import Certificate, IssuerKey
from certificates.revocation import find_certificate, revoke

pytestmark = pytest.mark.django_db


def verdict(html: str) -> str:
    """The verdict section of a page, for assertion messages."""
    start = html.find('id="verdict"')
    return html[start : html.find("</section>", start)] if start >= 0 else html[:2000]


def post_credential(client, document, **extra):
    return client.post("/verify/", {"credential": json.dumps(document)}, **extra)


def test_issued_credentials_follow_the_official_schema_and_verify_independently(issued):
    assert schema_problems(issued.credential) == []
    assert independently_verified(issued.credential, issued.issuer_key.public_multibase)


def test_the_verify_page_shows_a_valid_certificate_to_an_anonymous_visitor(client, issued):
    page = client.get(f"/verify/{issued.public_id}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Valid certificate" in text, verdict(text)
    assert "Mere Tane" in text and issued.course_title in text
    assert issued.competencies[0]["name"] in text


def test_the_verify_json_says_the_same_by_format_or_accept_header(client, issued):
    by_param = client.get(f"/verify/{issued.public_id}/?format=json").json()
    by_accept = client.get(f"/verify/{issued.public_id}/", HTTP_ACCEPT="application/json").json()
    assert by_param == by_accept
    assert by_param["valid"] is True and by_param["status"] == "active"
    assert by_param["certificate"]["learner_name"] == "Mere Tane"
    assert by_param["certificate"]["id"] == issued.credential["id"]


def test_an_unknown_certificate_is_a_404_page_that_says_so(client, db, synced_site):
    page = client.get("/verify/NoSuchCertificate12345/")
    assert page.status_code == 404
    assert "No certificate with the number NoSuchCertificate12345" in page.content.decode()
    assert client.get("/verify/NoSuchCertificate12345/?format=json").json()["status"] == "unknown"


def test_a_pasted_credential_is_checked_and_anonymous_posts_pass_csrf(issued):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    form = client.get("/verify/")
    token = form.cookies["csrftoken"].value
    page = client.post(
        "/verify/", {"credential": json.dumps(issued.credential), "csrfmiddlewaretoken": token}
    )
    assert page.status_code == 200
    assert 'data-valid="true"' in page.content.decode()


def test_an_uploaded_credential_file_and_the_json_api(client, issued):
    upload = SimpleUploadedFile(
        "credential.json", json.dumps(issued.credential).encode(), "application/json"
    )
    assert 'data-valid="true"' in client.post("/verify/", {"file": upload}).content.decode()
    api = client.post(
        "/verify/", json.dumps(issued.credential), content_type="application/json"
    ).json()
    assert api["valid"] is True and api["certificate"]["public_id"] == issued.public_id


def test_the_credential_inside_the_certificate_pdf_is_checked(client, issued):
    from certificates.documents import certificate_pdf

    pdf = certificate_pdf(issued)
    upload = SimpleUploadedFile("certificate.pdf", pdf, "application/pdf")
    assert 'data-valid="true"' in client.post("/verify/", {"file": upload}).content.decode()


def _tamper(document, path, value):
    changed = copy.deepcopy(document)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


TAMPERINGS = [
    (("credentialSubject", "name"), "Someone Else"),
    (("credentialSubject", "achievement", "name"), "A course never taken"),
    (("validFrom",), "2001-01-01T00:00:00Z"),
    (("issuer", "name"), "Another portal"),
    (("credentialStatus", "statusListIndex"), "7"),
    (("id",), "https://example.org/verify/other/"),
]


@pytest.mark.parametrize(("path", "value"), TAMPERINGS, ids=[".".join(p) for p, _v in TAMPERINGS])
def test_changing_any_field_makes_verification_fail(client, issued, path, value):
    result = client.post(
        "/verify/?format=json", {"credential": json.dumps(_tamper(issued.credential, path, value))}
    ).json()
    assert result["valid"] is False
    assert result["problems"]


def test_changing_the_credited_hours_fails(client, issued):
    document = copy.deepcopy(issued.credential)
    text = json.dumps(document).replace(f'"{issued.credited_hours}', '"99.0')
    assert text != json.dumps(document)
    result = client.post("/verify/?format=json", {"credential": text}).json()
    assert result["valid"] is False


def test_a_foreign_did_web_issuer_is_unknown_and_nothing_is_fetched(client, issued):
    foreign = SigningKey.generate()
    certificate = Certificate.objects.get(pk=issued.pk)
    fields = credential_fields(certificate, certificate.course)
    from dataclasses import replace

    fields = replace(fields, issuer_id="did:web:other.example")
    document = sign_credential(fields, foreign, certificate.issued_at)
    result = post_credential(client, document, QUERY_STRING="format=json").json()
    assert result["valid"] is False
    assert any("Unknown issuer" in problem for problem in result["problems"])


def test_a_revoked_certificate_shows_revoked_everywhere(client, issued, admin_user):
    before = client.get(f"/credentials/status/{issued.status_list}/").json()
    assert not status_is_set(before, issued.status_list_index)
    revoke(issued, "Awarded in error: the quiz was taken by someone else.", by=admin_user)

    page = client.get(f"/verify/{issued.public_id}/").content.decode()
    assert "Revoked certificate" in page and "Awarded in error" in page
    data = client.get(f"/verify/{issued.public_id}/?format=json").json()
    assert data["status"] == "revoked" and data["valid"] is False
    assert data["certificate"]["revocation_reason"].startswith("Awarded in error")
    status_list = client.get(f"/credentials/status/{issued.status_list}/").json()
    assert status_is_set(status_list, issued.status_list_index)
    posted = post_credential(client, issued.credential, QUERY_STRING="format=json").json()
    assert posted["status"] == "revoked" and posted["valid"] is False


def test_did_json_publishes_old_keys_after_rotation_and_old_certificates_still_verify(
    client, issued, aligned_tree, other_learner, settings, tmp_path
):
    from certificates.issuance import issue_for_enrolment
    from certificates.tests.conftest import finish
    from learning.models import Enrolment

    new_key = tmp_path / "rotated.pem"
    new_key.write_bytes(SigningKey.generate().to_pem())
    settings.GOVLEARN_SIGNING_KEY_PATH = str(new_key)
    finish(other_learner, aligned_tree)
    newer = issue_for_enrolment(Enrolment.objects.get(user=other_learner).pk)
    assert newer.issuer_key != issued.issuer_key
    keys = IssuerKey.objects.order_by("first_used_at")
    assert keys.first().retired_at is not None and keys.last().retired_at is None

    did = client.get("/.well-known/did.json").json()
    published = {method["publicKeyMultibase"] for method in did["verificationMethod"]}
    assert published == {key.public_multibase for key in keys}
    for certificate in (issued, newer):
        result = post_credential(client, certificate.credential, QUERY_STRING="format=json")
        assert result.json()["valid"] is True


@pytest.mark.parametrize(
    ("language", "expected", "direction"),
    [("fr", "Certificat valide", "ltr"), ("ar", "شهادة صالحة", "rtl")],
)
def test_the_verify_page_speaks_the_visitors_language(
    client, issued, translated, language, expected, direction
):
    from django.conf import settings

    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"  # default: no prefix
    path = f"{prefix}/verify/{issued.public_id}/"
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in text
    assert expected in text, verdict(text)
    # The switcher posts back to this page, so the visitor stays on the verdict.
    assert f'name="next" type="hidden" value="{path}"' in text


def test_verification_problems_are_in_the_visitors_language(client, issued, translated):
    tampered = _tamper(issued.credential, ("credentialSubject", "name"), "Quelqu'un d'autre")
    result = client.post("/fr/verify/?format=json", {"credential": json.dumps(tampered)}).json()
    assert result["valid"] is False
    assert any("La signature ne correspond pas" in problem for problem in result["problems"])


def test_oversized_and_unreadable_uploads_get_a_clear_error(client, issued):
    big = SimpleUploadedFile("big.json", b" " * (1024 * 1024 + 1), "application/json")
    page = client.post("/verify/", {"file": big})
    assert page.status_code == 400 and "larger than 1 MB" in page.content.decode()
    junk = client.post("/verify/", {"credential": "not json"})
    assert junk.status_code == 400 and "not valid JSON" in junk.content.decode()
    pdf = SimpleUploadedFile("x.pdf", b"%PDF-1.4 broken", "application/pdf")
    assert client.post("/verify/", {"file": pdf}).status_code == 400


def test_revoke_command_takes_a_public_id_or_the_credential_url(issued, capsys):
    call_command("revoke_certificate", issued.credential["id"], "--reason", "Duplicate record")
    assert Certificate.objects.get(pk=issued.pk).revocation_reason == "Duplicate record"
    assert "revoked" in capsys.readouterr().out


def test_revoke_command_refuses_unknown_ids_and_missing_reasons(issued):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no certificate with this id"):
        call_command("revoke_certificate", "unknown-id", "--reason", "x")
    # An id typed in lower case from a printed certificate still finds it.
    assert find_certificate(issued.public_id.lower()) == issued
    with pytest.raises(CommandError, match="reason"):
        call_command("revoke_certificate", issued.public_id, "--reason", "  ")
    assert Certificate.objects.get(pk=issued.pk).revoked_at is None
