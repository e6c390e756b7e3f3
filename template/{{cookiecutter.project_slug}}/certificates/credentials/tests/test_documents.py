"""Credentials are valid Open Badges 3.0 documents that say what the certificate says."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from certificates.credentials import (
    Alignment,
    FieldError,
    SigningKey,
    build_credential,
    clean_text,
    credited_hours,
    sign_credential,
)
from certificates.credentials.schema import schema_problems
from certificates.credentials.tests.helpers import NAMES, fields

CREATED = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_signed_credentials_in_every_script_validate_against_the_official_schema(script):
    for name in NAMES[script]:
        signed = sign_credential(fields(learner_name=name), SigningKey.generate(), CREATED)
        assert schema_problems(signed) == []
        subject = signed["credentialSubject"]
        assert subject["name"] == name
        assert subject["identifier"] == [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": name,
            }
        ]


def test_the_schema_catches_a_broken_credential():
    document = build_credential(fields())
    del document["credentialSubject"]["achievement"]["criteria"]
    document["credentialSubject"]["achievement"]["alignment"][0]["targetType"] = "Skill"
    problems = schema_problems(document)
    assert any("criteria" in problem for problem in problems)
    assert any("targetType" in problem for problem in problems)


def test_credited_hours_are_machine_readable_and_labelled():
    document = build_credential(fields(credited_hours=Decimal("12.50")))
    assert credited_hours(document) == Decimal("12.50")
    description = document["credentialSubject"]["achievement"]["resultDescription"][0]
    assert description["name"] == "Credited learning hours"
    assert description["resultType"] == "ext:CreditedLearningHours"
    result = document["credentialSubject"]["result"][0]
    assert result == {
        "type": ["Result"],
        "resultDescription": description["id"],
        "value": "12.50",
        "status": "Completed",
    }


def test_alignments_point_at_case_items():
    item = Alignment(
        target_url="https://learn.example.gov/case/items/abc",
        target_name="Ethics",
        target_code="ETH-1",
        target_framework="NCF",
    )
    document = build_credential(fields(alignments=(item, item)))
    assert document["credentialSubject"]["achievement"]["alignment"][0] == {
        "type": ["Alignment"],
        "targetType": "CFItem",
        "targetUrl": "https://learn.example.gov/case/items/abc",
        "targetName": "Ethics",
        "targetCode": "ETH-1",
        "targetFramework": "NCF",
    }


def test_layout_of_issuer_dates_and_status():
    document = build_credential(
        fields(
            valid_from=datetime(2026, 12, 1, 15, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
        )
    )
    assert document["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["issuer"]["id"] == "did:web:learn.example.gov"
    assert document["validFrom"] == "2026-12-01T09:30:00Z"
    assert document["credentialStatus"] == {
        "id": "https://learn.example.gov/credentials/status/1/#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": "https://learn.example.gov/credentials/status/1/",
    }
    assert "id" not in build_credential(fields(learner_id=None))["credentialSubject"]


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"learner_name": "Bad\x00Name"}, "learner_name"),
        ({"achievement_description": "bell\x07"}, "achievement_description"),
        ({"learner_name": "   "}, "learner_name"),
        ({"credential_id": "/verify/relative/"}, "credential_id"),
        ({"issuer_id": "did:web:has space"}, "issuer_id"),
        ({"learner_id": "mailto:someone@example.gov"}, "learner_id"),
        ({"achievement_id": "https://x.example/a#frag"}, "achievement_id"),
        ({"credited_hours": Decimal("-1")}, "credited_hours"),
        ({"credited_hours": 5.0}, "credited_hours"),
        ({"credited_hours": Decimal("NaN")}, "credited_hours"),
        ({"valid_from": datetime(2026, 1, 1)}, "valid_from"),
        ({"status_list_index": -1}, "status_list_index"),
        ({"status_list_index": True}, "status_list_index"),
        ({"language": "english"}, "language"),
        ({"alignments": [1]}, "alignments"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(overrides, named):
    with pytest.raises(FieldError, match=named):
        fields(**overrides)


def test_clean_text_removes_exactly_what_fields_refuse():
    arabic = NAMES["arabic"][0]
    text = f"Line one\nTab\there\r\n\x00bell\x07 🎓 \u200f{arabic}\x7f"
    cleaned = clean_text(text)
    assert cleaned == f"Line one\nTab\there\r\nbell 🎓 \u200f{arabic}"
    assert fields(achievement_description=cleaned).achievement_description == cleaned


def test_bad_alignment_is_refused_naming_the_field():
    with pytest.raises(FieldError, match="target_url"):
        Alignment(target_url="not a url", target_name="x", target_code="", target_framework="")
