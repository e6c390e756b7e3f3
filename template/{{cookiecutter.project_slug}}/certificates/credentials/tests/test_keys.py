"""Keys load from the deployment's PEM, publish as Multikeys in a did:web document."""

from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials import (
    PublicKey,
    SigningKey,
    did_document,
    resolver_from_did_document,
    sign_credential,
    verify_credential,
)
from certificates.credentials.canonical import canonicalize_document
from certificates.credentials.tests.helpers import fields

DID = "did:web:learn.example.gov"
CREATED = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def vault_pem() -> bytes:
    """The format the deployment vault writes: PKCS#8 PEM, unencrypted."""
    return Ed25519PrivateKey.generate().private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )


def test_pem_from_the_vault_loads_and_round_trips():
    pem = vault_pem()
    key = SigningKey.from_pem(pem)
    assert SigningKey.from_pem(pem.decode()).public_multibase == key.public_multibase
    assert SigningKey.from_pem(key.to_pem()).public_multibase == key.public_multibase
    assert key.public_multibase.startswith("z6Mk")
    assert "PRIVATE" not in repr(key)


def test_key_id_is_derived_from_the_public_key():
    key = SigningKey.from_pem(vault_pem())
    assert key.key_id(DID) == f"{DID}#{key.public_multibase}"
    assert SigningKey.generate().key_id(DID) != key.key_id(DID)


@pytest.mark.parametrize(
    "pem",
    [
        b"not a pem",
        generate_private_key(SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    ],
)
def test_unusable_pem_is_refused(pem):
    with pytest.raises(ValueError):
        SigningKey.from_pem(pem)


def test_multibase_round_trip_and_refusals():
    key = SigningKey.generate().public_key
    assert PublicKey.from_multibase(key.multibase) == key
    for bad in ["", "6Mk", "z111", "zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"]:
        with pytest.raises(ValueError):
            PublicKey.from_multibase(bad)


def test_did_document_lists_every_key_for_assertion_and_is_offline_json_ld():
    old, new = SigningKey.generate(), SigningKey.generate()
    document = did_document(DID, [old.public_key, new.public_key])
    assert document["id"] == DID
    assert document["assertionMethod"] == [old.key_id(DID), new.key_id(DID)]
    assert document["verificationMethod"][1] == {
        "id": new.key_id(DID),
        "type": "Multikey",
        "controller": DID,
        "publicKeyMultibase": new.public_multibase,
    }
    # Every context it names ships with the portal: it expands without the network.
    assert "publicKeyMultibase" in canonicalize_document(document)
    resolve = resolver_from_did_document(document)
    assert resolve(old.key_id(DID)) == old.public_key
    assert resolve(f"{DID}#z6MkUnknown") is None


def test_rotation_old_credentials_verify_while_the_old_key_is_published():
    old, new = SigningKey.generate(), SigningKey.generate()
    sample = fields()
    before = sign_credential(sample, old, CREATED)
    after = sign_credential(sample, new, CREATED)
    published = resolver_from_did_document(did_document(DID, [old.public_key, new.public_key]))
    assert verify_credential(before, published, now=CREATED).valid
    assert verify_credential(after, published, now=CREATED).valid
    only_new = resolver_from_did_document(did_document(DID, [new.public_key]))
    result = verify_credential(before, only_new, now=CREATED)
    assert result.codes == ("key-unknown",)
