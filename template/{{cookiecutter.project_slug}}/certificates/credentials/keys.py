"""Ed25519 keys as Multikeys, and the portal's ``did:web`` DID document.

Why ``did:web`` and not an issuer profile carrying the keys: ``did:web:<domain>``
resolves to ``https://<domain>/.well-known/did.json`` — a static document the portal
already serves from its own domain, with no ledger, registry or extra service to run.
Every verifier that speaks Data Integrity knows how to resolve it, and the document
lists several keys: rotating the signing key publishes a new one next to the old ones,
so certificates signed years ago keep verifying for as long as their key stays listed
(remove a key only when it is compromised — that invalidates what it signed, which is
then the point). The issuer profile inside each credential stays small (id, name, url).

A key's id is derived from the public key itself — the fragment is its Multikey
encoding, as ``did:key`` does — so it is stable across restarts and machines, a new
PEM is a new id, and a verifier can see that the key it fetched is the key it was told.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from certificates.credentials.canonical import DID_V1, MULTIKEY_V1

# Multicodec "ed25519-pub" (0xed) as an unsigned varint: 0xed 0x01.
ED25519_PUB_PREFIX = b"\xed\x01"


@dataclass(frozen=True)
class PublicKey:
    """An Ed25519 public key; ``multibase`` is its Multikey form (``z6Mk…``)."""

    raw: bytes

    def __post_init__(self):
        if len(self.raw) != 32:
            raise ValueError("an Ed25519 public key is 32 bytes")

    @classmethod
    def from_multibase(cls, value: str) -> PublicKey:
        """Parse ``z`` + base58btc(0xed01 + 32 bytes); ValueError if it is anything else."""
        if not isinstance(value, str) or not value.startswith("z"):
            raise ValueError("a Multikey must be base58btc multibase (start with 'z')")
        try:
            decoded = base58.b58decode(value[1:])
        except ValueError:
            raise ValueError("the Multikey is not valid base58btc") from None
        if len(decoded) != 34 or not decoded.startswith(ED25519_PUB_PREFIX):
            raise ValueError("the Multikey is not an Ed25519 public key (0xed01 + 32 bytes)")
        return cls(decoded[2:])

    @cached_property
    def multibase(self) -> str:
        return "z" + base58.b58encode(ED25519_PUB_PREFIX + self.raw).decode("ascii")

    @property
    def fragment(self) -> str:
        """The key's id within a DID document: derived from the key, so stable."""
        return self.multibase

    def key_id(self, did: str) -> str:
        """The verification method id: ``<did>#<multikey>``."""
        return f"{did}#{self.fragment}"

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, data)
        except InvalidSignature:
            return False
        return True


class SigningKey:
    """An Ed25519 private key, loaded from the PKCS#8 PEM the deployment writes."""

    def __init__(self, private_key: Ed25519PrivateKey):
        self._private = private_key
        raw = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.public_key = PublicKey(raw)

    @classmethod
    def from_pem(cls, pem: bytes | str) -> SigningKey:
        """ValueError names what is wrong (not PEM, encrypted, not Ed25519)."""
        data = pem.encode("ascii") if isinstance(pem, str) else pem
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError) as error:
            raise ValueError(f"not an unencrypted PEM private key: {error}") from None
        except Exception as error:  # cryptography raises UnsupportedAlgorithm for some inputs
            raise ValueError(f"unreadable private key: {error}") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"the key is {type(key).__name__}, not Ed25519")
        return cls(key)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    def to_pem(self) -> bytes:
        return self._private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @property
    def public_multibase(self) -> str:
        return self.public_key.multibase

    def key_id(self, did: str) -> str:
        """The verification method id this key signs as: ``<did>#<multikey>``."""
        return self.public_key.key_id(did)

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)

    def __repr__(self) -> str:  # never show private material
        return f"SigningKey({self.public_multibase})"


def did_key_resolve(verification_method: str) -> PublicKey | None:
    """Resolve ``did:key:z6Mk…#z6Mk…`` locally: the identifier is the public key."""
    if not verification_method.startswith("did:key:"):
        return None
    did, _, fragment = verification_method.partition("#")
    multibase = did.removeprefix("did:key:")
    if fragment and fragment != multibase:
        return None
    try:
        return PublicKey.from_multibase(multibase)
    except ValueError:
        return None


def did_document(did: str, keys: Iterable[PublicKey]) -> dict:
    """The DID document for ``/.well-known/did.json`` (did:web) listing every key.

    Pass every key whose signatures should still verify: the current one and the retired
    ones. Each is a Multikey verification method usable for ``assertionMethod`` (issuing).
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        raise ValueError("a DID document needs at least one key")
    methods = [
        {
            "id": key.key_id(did),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.multibase,
        }
        for key in keys
    ]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def resolver_from_did_document(document: dict) -> Callable[[str], PublicKey | None]:
    """A ``resolve_key`` for ``verify_credential`` that trusts the given DID document's
    assertion methods (e.g. the portal's own, or one fetched by someone else)."""
    did = document.get("id")

    def absolute(method_id) -> str:
        method_id = method_id if isinstance(method_id, str) else ""
        return f"{did}{method_id}" if method_id.startswith("#") else method_id

    allowed = {absolute(item) for item in document.get("assertionMethod", [])}
    keys: dict[str, PublicKey] = {}
    for method in document.get("verificationMethod", []):
        method_id = absolute(method.get("id"))
        if method_id in allowed and method.get("type") == "Multikey":
            try:
                keys[method_id] = PublicKey.from_multibase(method.get("publicKeyMultibase", ""))
            except ValueError:
                continue
    return keys.get
