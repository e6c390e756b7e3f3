"""Any change to a signed credential is caught; a mere re-serialisation is not a change."""

import copy
import json
import random
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest

from certificates.credentials import SigningKey, sign_credential, verify_credential
from certificates.credentials.tests.helpers import fields, independently_verified

CREATED = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
NOW = CREATED + timedelta(days=1)
KEY = SigningKey.generate()
DID = "did:web:learn.example.gov"


def resolve(method):
    return KEY.public_key if method == KEY.key_id(DID) else None


@pytest.fixture(scope="module")
def signed():
    return sign_credential(fields(learner_name="Zoë Ångström"), KEY, CREATED)


def check(document, **options):
    return verify_credential(document, resolve, now=options.pop("now", NOW), **options)


def test_untouched_credential_verifies(signed):
    result = check(signed)
    assert result.valid, result.problems
    assert result.issuer == DID
    assert result.credential_id == "https://learn.example.gov/verify/ABC123/"


def _set(path, value):
    def change(document):
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


TAMPERING = {
    "learner name": _set(["credentialSubject", "name"], "Zoe Angstrom"),
    "learner identity": _set(["credentialSubject", "identifier", 0, "identityHash"], "Eve"),
    "learner id": _set(
        ["credentialSubject", "id"], "urn:uuid:6f1c2a4e-0000-4000-8000-000000000002"
    ),
    "hours": _set(["credentialSubject", "result", 0, "value"], "65"),
    "course name": _set(["credentialSubject", "achievement", "name"], "Advanced Procurement"),
    "alignment url": _set(
        ["credentialSubject", "achievement", "alignment", 0, "targetUrl"],
        "https://learn.example.gov/case/items/other",
    ),
    "alignment name": _set(
        ["credentialSubject", "achievement", "alignment", 0, "targetName"], "Leadership"
    ),
    "extra alignment": lambda d: d["credentialSubject"]["achievement"]["alignment"].append(
        dict(d["credentialSubject"]["achievement"]["alignment"][0], targetCode="X")
    ),
    "valid from": _set(["validFrom"], "2026-11-30T09:30:00Z"),
    "issuer id": _set(["issuer", "id"], "did:web:evil.example"),
    "issuer name": _set(["issuer", "name"], "Another Ministry"),
    "status index": _set(["credentialStatus", "statusListIndex"], "8"),
    "status list": _set(
        ["credentialStatus", "statusListCredential"],
        "https://learn.example.gov/credentials/status/2/",
    ),
    "added field": _set(["credentialSubject", "achievement", "humanCode"], "VIP"),
    "added top-level field": _set(["validUntil"], "2030-01-01T00:00:00Z"),
    "added undefined term": _set(["grade"], "A+"),
    "proof created": _set(["proof", 0, "created"], "2026-12-01T10:00:01Z"),
    "proof value": _set(
        ["proof", 0, "proofValue"],
        "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr",
    ),
    "proof purpose": _set(["proof", 0, "proofPurpose"], "authentication"),
    "proof suite": _set(["proof", 0, "cryptosuite"], "ecdsa-rdfc-2019"),
    "proof method": _set(["proof", 0, "verificationMethod"], f"{DID}#z6MkOther"),
    "proof removed": lambda d: d.pop("proof"),
    "added proof field": _set(["proof", 0, "nonce"], "123"),
    "proof as context-free object": lambda d: d.update(proof={"type": "DataIntegrityProof"}),
    "keyword key": _set(["credentialSubject", "@note"], "not signed"),
    "null value": _set(["credentialSubject", "achievement", "fieldOfStudy"], None),
    "relative iri": _set(["evidence"], [{"id": "evidence/1", "type": ["Evidence"]}]),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_tampering_fails_verification(signed, name):
    document = copy.deepcopy(signed)
    TAMPERING[name](document)
    result = check(document)
    assert not result.valid, name
    assert result.problems and len(result.problems) == len(result.codes)


def test_unicode_normalisation_only_change_of_the_name_fails(signed):
    document = copy.deepcopy(signed)
    decomposed = unicodedata.normalize("NFD", document["credentialSubject"]["name"])
    assert decomposed != document["credentialSubject"]["name"]
    document["credentialSubject"]["name"] = decomposed
    assert check(document).codes == ("proof-bad",)


def test_reordered_keys_are_the_same_credential(signed):
    def shuffled(value, rng):
        if isinstance(value, dict):
            items = list(value.items())
            rng.shuffle(items)
            return {key: shuffled(item, rng) for key, item in items}
        if isinstance(value, list):
            return [shuffled(item, rng) for item in value]
        return value

    document = shuffled(json.loads(json.dumps(signed)), random.Random(3))
    assert list(document) != list(signed)
    assert check(document).valid
    assert independently_verified(document, KEY.public_multibase)


def test_single_proof_object_is_accepted_like_a_list(signed):
    document = dict(signed, proof=signed["proof"][0])
    assert check(document).valid


def test_foreign_context_is_refused_without_fetching(signed):
    document = dict(signed, **{"@context": [*signed["@context"], "https://evil.example/ctx.json"]})
    result = check(document)
    assert result.codes == ("context",)
    assert "https://evil.example/ctx.json" in result.problems[0]
    inline = dict(signed, **{"@context": [*signed["@context"], {"name": "https://evil.example/n"}]})
    assert check(inline).codes == ("context",)


def test_key_of_another_controller_is_not_the_issuers():
    other = "did:web:other.example"
    document = sign_credential(fields(), KEY, CREATED, verification_method=f"{other}#k1")
    result = verify_credential(
        document, lambda method: KEY.public_key if method == f"{other}#k1" else None, now=NOW
    )
    assert result.codes == ("key-not-issuers",)


def test_did_key_issuers_resolve_locally():
    did_key = f"did:key:{KEY.public_multibase}"
    document = sign_credential(
        fields(issuer_id=did_key),
        KEY,
        CREATED,
        verification_method=f"{did_key}#{KEY.public_multibase}",
    )
    result = verify_credential(document, lambda method: None, now=NOW)
    assert result.valid and result.issuer == did_key
    refused = verify_credential(document, lambda method: None, now=NOW, accept_did_key=False)
    assert refused.codes == ("key-unknown",)


def test_validity_period(signed):
    early = check(signed, now=datetime(2026, 11, 30, tzinfo=UTC))
    assert early.codes == ("not-yet-valid",)


def test_unsigned_expired_document_reports_both():
    document = sign_credential(fields(), KEY, CREATED)
    document["validUntil"] = "2026-12-01T12:00:00Z"
    assert set(check(document).codes) == {"proof-bad", "expired"}


def test_not_json_object_and_schema_violation():
    assert verify_credential([], resolve).codes == ("not-object",)
    document = sign_credential(fields(), KEY, CREATED)
    document["credentialSubject"]["achievement"]["alignment"][0]["targetType"] = 7
    assert "schema" in check(document).codes
