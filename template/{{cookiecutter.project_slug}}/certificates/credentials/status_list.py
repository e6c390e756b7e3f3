"""W3C Bitstring Status List v1.0: revocation without telling anyone who is checking.

A status list is one signed ``BitstringStatusListCredential`` holding a long bitstring;
each certificate names its list and its bit (``statusListIndex``). A verifier fetches
the whole list, so the issuer never learns which certificate was looked up. Bit 0 is the
left-most (most significant) bit of the first byte. ``encodedList`` is multibase
base64url without padding (prefix ``u``) of the GZIP-compressed bitstring, which must be
at least 131,072 bits (16 KB) long so that a list hides its members among many.

Allocating indexes is the certificates app's job (a database sequence); this module
encodes, decodes, sets bits and signs.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from collections.abc import Iterable
from datetime import datetime

from certificates.credentials.canonical import VC_V2
from certificates.credentials.documents import xsd_datetime
from certificates.credentials.keys import SigningKey
from certificates.credentials.proofs import sign_document

MIN_BITS = 131_072
# A list larger than this is refused when decoding (a compressed "bomb" guard): 16 MB.
MAX_BYTES = 16 * 1024 * 1024


class StatusListError(ValueError):
    """A status list (or a status list credential) is malformed; the message says how."""


def new_bitstring(size: int = MIN_BITS) -> bytearray:
    if size < MIN_BITS or size % 8:
        raise StatusListError(f"a status list has at least {MIN_BITS} bits, a multiple of 8")
    return bytearray(size // 8)


def set_bit(bitstring: bytearray, index: int, value: bool = True) -> None:
    _check_index(bitstring, index)
    mask = 0x80 >> (index % 8)
    if value:
        bitstring[index // 8] |= mask
    else:
        bitstring[index // 8] &= ~mask & 0xFF


def get_bit(bitstring: bytes, index: int) -> bool:
    _check_index(bitstring, index)
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def encode_list(bitstring: bytes) -> str:
    """``u`` + base64url(gzip(bitstring)), no padding; deterministic (gzip mtime 0)."""
    if len(bitstring) * 8 < MIN_BITS:
        raise StatusListError(f"a status list has at least {MIN_BITS} bits")
    compressed = gzip.compress(bytes(bitstring), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode_list(encoded) -> bytes:
    """The bitstring of an ``encodedList``; StatusListError names what is wrong."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise StatusListError("encodedList is not multibase base64url (it must start with 'u')")
    body = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise StatusListError("encodedList is not valid base64url") from None
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        bitstring = inflater.decompress(compressed, MAX_BYTES + 1)
    except zlib.error:
        raise StatusListError("encodedList is not GZIP-compressed") from None
    if len(bitstring) > MAX_BYTES or inflater.unconsumed_tail:
        raise StatusListError("the status list is larger than 16 MB")
    if len(bitstring) * 8 < MIN_BITS:
        raise StatusListError(
            f"the status list has {len(bitstring) * 8} bits, fewer than the {MIN_BITS} required"
        )
    return bitstring


def status_list_document(
    *,
    list_url: str,
    issuer_id: str,
    set_indexes: Iterable[int],
    size: int = MIN_BITS,
    valid_from: datetime,
    status_purpose: str = "revocation",
) -> dict:
    """The unsigned ``BitstringStatusListCredential`` with the given bits set."""
    bitstring = new_bitstring(size)
    for index in set_indexes:
        set_bit(bitstring, index)
    return {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_purpose,
            "encodedList": encode_list(bitstring),
        },
    }


def status_list_credential(
    *,
    list_url: str,
    issuer_id: str,
    revoked_indexes: Iterable[int],
    size: int = MIN_BITS,
    key: SigningKey,
    created: datetime,
    verification_method: str | None = None,
) -> dict:
    """A signed revocation list (same proof suite as certificates; general path)."""
    document = status_list_document(
        list_url=list_url,
        issuer_id=issuer_id,
        set_indexes=revoked_indexes,
        size=size,
        valid_from=created,
    )
    return sign_document(
        document,
        key,
        created=created,
        verification_method=verification_method or key.key_id(issuer_id),
    )


def list_subject(credential: dict) -> dict:
    """The ``BitstringStatusList`` subject of a status list credential (or raise)."""
    if not isinstance(credential, dict):
        raise StatusListError("the status list is not a JSON object")
    types = credential.get("type")
    if not isinstance(types, list) or "BitstringStatusListCredential" not in types:
        raise StatusListError("the document is not a BitstringStatusListCredential")
    subject = credential.get("credentialSubject")
    if not isinstance(subject, dict) or subject.get("type") not in (
        "BitstringStatusList",
        ["BitstringStatusList"],
    ):
        raise StatusListError("the status list credential has no BitstringStatusList subject")
    if subject.get("statusSize", 1) not in (1, "1"):
        raise StatusListError("only one-bit statuses (statusSize 1) are supported")
    return subject


def status_is_set(credential: dict, index: int) -> bool:
    """Whether bit ``index`` is set in a status list credential (proof not checked here)."""
    return get_bit(decode_list(list_subject(credential).get("encodedList")), index)


def _check_index(bitstring: bytes, index: int) -> None:
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise StatusListError(f"status index {index!r} is not a non-negative integer")
    if index >= len(bitstring) * 8:
        raise StatusListError(
            f"status index {index} is beyond the list's {len(bitstring) * 8} bits"
        )
