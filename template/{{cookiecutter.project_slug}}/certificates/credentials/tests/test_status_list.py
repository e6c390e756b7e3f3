"""Bitstring Status List: encode/decode, signed lists, revocation seen by verifiers."""

import base64
import copy
import gzip
from datetime import UTC, datetime, timedelta

import pytest

from certificates.credentials import (
    SigningKey,
    StatusListError,
    decode_list,
    encode_list,
    get_bit,
    new_bitstring,
    set_bit,
    sign_credential,
    status_is_set,
    status_list_credential,
    verify_credential,
)
from certificates.credentials.tests.helpers import fields, independently_verified

CREATED = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
KEY = SigningKey.generate()
DID = "did:web:learn.example.gov"
LIST = "https://learn.example.gov/credentials/status/1/"


def resolve(method):
    return KEY.public_key if method == KEY.key_id(DID) else None


def signed_list(revoked, **overrides):
    options = {"list_url": LIST, "issuer_id": DID, "key": KEY, "created": CREATED}
    options.update(overrides)
    return status_list_credential(revoked_indexes=revoked, **options)


def test_bits_round_trip_with_the_specified_order():
    bits = new_bitstring()
    assert len(bits) * 8 == 131072
    for index in (0, 9, 131071):
        set_bit(bits, index)
    assert bits[0] == 0x80 and bits[1] == 0x40 and bits[-1] == 0x01  # bit 0 is left-most
    encoded = encode_list(bits)
    assert encoded.startswith("u") and "=" not in encoded
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert raw == bytes(bits)
    decoded = decode_list(encoded)
    assert [index for index in range(131072) if get_bit(decoded, index)] == [0, 9, 131071]
    set_bit(bits, 9, False)
    assert not get_bit(bits, 9)


def test_short_or_malformed_lists_are_refused():
    with pytest.raises(StatusListError):
        new_bitstring(1024)
    short = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(100))).decode().rstrip("=")
    for bad in [short, "zabc", "u!!!", "u" + base64.urlsafe_b64encode(b"plain").decode()]:
        with pytest.raises(StatusListError):
            decode_list(bad)
    with pytest.raises(StatusListError):
        set_bit(new_bitstring(), 131072)


def test_signed_status_list_verifies_and_reports_bits():
    listing = signed_list([3, 70000])
    assert listing["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listing["credentialSubject"]["statusPurpose"] == "revocation"
    assert verify_credential(listing, resolve).valid
    assert independently_verified(listing, KEY.public_multibase)
    assert status_is_set(listing, 3) and status_is_set(listing, 70000)
    assert not status_is_set(listing, 4)


def test_revocation_is_seen_by_the_verifier():
    credential = sign_credential(fields(status_list_index=7), KEY, CREATED)
    active = verify_credential(credential, resolve, {LIST: signed_list([6, 8])}.get)
    assert active.valid and active.status == "active" and active.status_purpose == "revocation"
    revoked = verify_credential(credential, resolve, {LIST: signed_list([7])}.get)
    assert not revoked.valid and revoked.status == "revoked" and revoked.codes == ("revoked",)


def test_a_list_signed_after_verification_began_is_still_trusted():
    """A portal signs its status list on demand; the list can carry a later second than
    the moment the verifier started (seen under load as a valid certificate reported
    'status cannot be checked')."""
    signed_at = datetime.now(UTC).replace(microsecond=0)
    credential = sign_credential(fields(status_list_index=7), KEY, CREATED)
    fresh = signed_list([], created=signed_at)
    began = signed_at - timedelta(seconds=2)  # when the verifier read its clock
    result = verify_credential(credential, resolve, {LIST: fresh}.get, now=began)
    assert result.valid and result.status == "active", result.problems


def test_status_unknown_when_the_list_cannot_be_had():
    credential = sign_credential(fields(), KEY, CREATED)
    for fetch in (None, lambda url: None):
        result = verify_credential(credential, resolve, fetch)
        assert result.valid and result.status == "unknown" and result.warnings


def test_a_forged_or_foreign_status_list_is_not_trusted():
    credential = sign_credential(fields(status_list_index=7), KEY, CREATED)
    forged = copy.deepcopy(signed_list([7]))
    forged["credentialSubject"]["encodedList"] = signed_list([])["credentialSubject"]["encodedList"]
    result = verify_credential(credential, resolve, lambda url: forged)
    assert result.codes == ("status-list",) and result.status == "unknown"
    other = SigningKey.generate()
    foreign = status_list_credential(
        list_url=LIST,
        issuer_id="did:web:other.example",
        revoked_indexes=[],
        key=other,
        created=CREATED,
    )
    result = verify_credential(
        credential,
        lambda method: (
            other.public_key if method == other.key_id("did:web:other.example") else resolve(method)
        ),
        lambda url: foreign,
    )
    assert result.codes == ("status-list",)
    assert "did:web:other.example" in result.problems[0]
    moved = signed_list([], list_url="https://learn.example.gov/credentials/status/9/")
    assert verify_credential(credential, resolve, lambda url: moved).codes == ("status-list",)
