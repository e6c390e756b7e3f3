"""Verifiable certificates: Open Badges 3.0 credentials with ``eddsa-rdfc-2022`` proofs.

A framework-free library (no Django, no database): the certificates app passes in
whatever it reads from settings and models. Everything works offline — the JSON-LD
contexts and the OB 3.0 schema ship in ``contexts/`` and ``schemas/``.

The API
=======

Documents (``documents``)
    ``Alignment(target_url, target_name, target_code, target_framework)`` — a CASE CFItem.
    ``CredentialFields(credential_id, issuer_id, issuer_name, issuer_url, learner_name,
    learner_id, achievement_id, achievement_name, achievement_description,
    criteria_narrative, credited_hours: Decimal, alignments: tuple[Alignment, ...],
    valid_from: aware datetime, status_list_credential, status_list_index: int,
    language)`` — validated on construction; ``FieldError`` (a ValueError) names the
    field. ``achievement_id`` and ``status_list_credential`` must carry no ``#fragment``.
    ``build_credential(fields) -> dict`` — the unsigned ``OpenBadgeCredential``.
    ``credited_hours(document) -> Decimal | None`` — the hours a credential states
    (they live in ``credentialSubject.result``; see ``documents`` for why).
    ``clean_text(str) -> str`` — drops the control characters ``CredentialFields``
    refuses (for editor-written descriptions and criteria).

Signing (``fastpath``, ``proofs``)
    ``sign_credential(fields, key, created, *, verification_method=None, fast=True)
    -> dict`` — the signed credential; ``proof`` is a one-item list (the OB schema's
    form). The fast path precompiles one N-Quads template per shape and checks itself
    against full JSON-LD processing; ``fast=False`` is the full-processing baseline.
    ``sign_document(document, key, *, created, verification_method) -> dict`` — any
    JSON-LD document of the shipped contexts (general path).

Keys (``keys``)
    ``SigningKey.from_pem(bytes|str)`` (PKCS#8 Ed25519, as the deployment vault writes),
    ``SigningKey.generate()``, ``.to_pem()``, ``.public_key``, ``.public_multibase``
    (``z6Mk…``), ``.key_id(did) -> "<did>#<multibase>"`` (the verification method id,
    derived from the key), ``.sign(bytes)``.
    ``PublicKey.from_multibase(str)`` / ``.multibase`` / ``.key_id(did)`` /
    ``.verify(signature, data) -> bool``.
    ``did_document(did, keys: Iterable[PublicKey]) -> dict`` — for
    ``/.well-known/did.json``; list the current key and every retired one.
    ``resolver_from_did_document(document)`` — a ``resolve_key`` trusting its keys.
    ``did_key_resolve(method)`` — ``did:key`` resolved from the identifier itself.

Status lists (``status_list``; W3C Bitstring Status List v1.0)
    ``status_list_credential(*, list_url, issuer_id, revoked_indexes, size=131072, key,
    created, verification_method=None) -> dict`` — signed
    ``BitstringStatusListCredential``. ``status_is_set(credential, index) -> bool``.
    ``new_bitstring(size)``, ``set_bit``, ``get_bit``, ``encode_list``, ``decode_list``;
    ``StatusListError`` for malformed lists.

Verification (``verify``)
    ``verify_credential(document, resolve_key, fetch_status_list=None, *, now=None,
    accept_did_key=True) -> Verification`` with ``valid``, ``problems`` (readable
    sentences), ``codes`` (one stable code per problem, for translated messages:
    not-object, context, structure, type, schema, issuer, jsonld, proof-missing,
    proof-unsupported, proof-bad, key-unknown, key-not-issuers, dates, not-yet-valid,
    expired, status-list, revoked, suspended), ``warnings``, ``issuer``,
    ``verification_method``, ``status`` ("active" | "revoked" | "suspended" |
    "unknown"), ``status_purpose``, ``credential_id``. General path only: a posted
    document is never assumed to come from the templates.

Benchmark (``bench``)
    ``signing_rate(n=2000, *, fast=True) -> float`` — credentials signed per second on
    one core.
"""

from certificates.credentials.documents import (
    Alignment,
    CredentialFields,
    FieldError,
    build_credential,
    clean_text,
    credited_hours,
)
from certificates.credentials.fastpath import sign_credential
from certificates.credentials.keys import (
    PublicKey,
    SigningKey,
    did_document,
    did_key_resolve,
    resolver_from_did_document,
)
from certificates.credentials.proofs import sign_document
from certificates.credentials.status_list import (
    StatusListError,
    decode_list,
    encode_list,
    get_bit,
    new_bitstring,
    set_bit,
    status_is_set,
    status_list_credential,
)
from certificates.credentials.verify import Verification, verify_credential

__all__ = [
    "Alignment",
    "CredentialFields",
    "FieldError",
    "PublicKey",
    "SigningKey",
    "StatusListError",
    "Verification",
    "build_credential",
    "clean_text",
    "credited_hours",
    "decode_list",
    "did_document",
    "did_key_resolve",
    "encode_list",
    "get_bit",
    "new_bitstring",
    "resolver_from_did_document",
    "set_bit",
    "sign_credential",
    "sign_document",
    "status_is_set",
    "status_list_credential",
    "verify_credential",
]
