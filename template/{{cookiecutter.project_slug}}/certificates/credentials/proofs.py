"""``eddsa-rdfc-2022`` Data Integrity proofs (W3C VC Data Integrity EdDSA Cryptosuites v1.0).

Signing: canonicalise the document without ``proof`` and the proof configuration (the
proof without ``proofValue``, with the document's ``@context``) with RDFC-1.0; the signed
bytes are ``sha256(proof configuration) || sha256(document)``; ``proofValue`` is ``z`` +
base58btc of the 64-byte Ed25519 signature.

This module is the general path: any JSON-LD document using the shipped contexts goes
through full JSON-LD processing (~ms). ``fastpath`` signs the portal's own certificates
from precompiled templates and produces the same bytes.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import base58

from certificates.credentials.canonical import canonicalize_document
from certificates.credentials.documents import xsd_datetime
from certificates.credentials.keys import PublicKey, SigningKey

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"


def proof_options(*, created: datetime, verification_method: str) -> dict:
    """The proof without ``proofValue`` (key order as the specification's examples)."""
    return {
        "type": PROOF_TYPE,
        "created": xsd_datetime(created),
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": PROOF_PURPOSE,
    }


def proof_configuration(document: dict, options: dict) -> dict:
    """What is canonicalised for the proof: the options under the document's context."""
    config = {key: value for key, value in options.items() if key not in ("proofValue", "@context")}
    return {"@context": document.get("@context"), **config}


def unsecured(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "proof"}


def hash_data(canonical_proof: str, canonical_document: str) -> bytes:
    return (
        hashlib.sha256(canonical_proof.encode("utf-8")).digest()
        + hashlib.sha256(canonical_document.encode("utf-8")).digest()
    )


def encode_proof_value(signature: bytes) -> str:
    return "z" + base58.b58encode(signature).decode("ascii")


def decode_proof_value(value) -> bytes:
    """The 64-byte signature in a ``proofValue``; ValueError says what is wrong."""
    if not isinstance(value, str) or not value.startswith("z"):
        raise ValueError("proofValue is not base58btc multibase (it must start with 'z')")
    try:
        signature = base58.b58decode(value[1:])
    except ValueError:
        raise ValueError("proofValue is not valid base58btc") from None
    if len(signature) != 64:
        raise ValueError(f"proofValue holds {len(signature)} bytes, not a 64-byte signature")
    return signature


def attach(document: dict, options: dict, signature: bytes) -> dict:
    """The signed document: ``proof`` is a one-item list, as the OB 3.0 schema requires."""
    return {
        **unsecured(document),
        "proof": [{**options, "proofValue": encode_proof_value(signature)}],
    }


def sign_document(
    document: dict, key: SigningKey, *, created: datetime, verification_method: str
) -> dict:
    """Sign any JSON-LD document of the shipped contexts (slow, general path)."""
    body = unsecured(document)
    options = proof_options(created=created, verification_method=verification_method)
    data = hash_data(
        canonicalize_document(proof_configuration(body, options)),
        canonicalize_document(body),
    )
    return attach(body, options, key.sign(data))


def verify_proof(
    document: dict, proof: dict, public_key: PublicKey, *, canonical_document: str | None = None
) -> bool:
    """Whether ``proof`` (one of the document's proofs) is a valid signature by the key.

    ``canonical_document`` may be passed when the caller already canonicalised the
    document without its proof. Raises CanonicalizationError or ValueError for documents
    that cannot be processed.
    """
    signature = decode_proof_value(proof.get("proofValue"))
    body = unsecured(document)
    if canonical_document is None:
        canonical_document = canonicalize_document(body)
    data = hash_data(canonicalize_document(proof_configuration(body, proof)), canonical_document)
    return public_key.verify(signature, data)
