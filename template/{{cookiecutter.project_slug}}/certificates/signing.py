"""The portal's signing key: loaded from a file, registered as a public ``IssuerKey``.

The private key lives only in the PEM file at ``GOVLEARN_SIGNING_KEY_PATH`` (written from
the vault by the deployment). Development and test settings allow generating one on first
use (``GOVLEARN_SIGNING_KEY_GENERATE``) into a path that is never committed. Rotation is
replacing the file: the next signature registers the new public key and retires the
previous one, which stays published in ``/.well-known/did.json`` so old certificates
still verify.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from certificates.credentials import SigningKey
from certificates.models import IssuerKey
from portal.country import get_country


def issuer_did() -> str:
    """``did:web:<domain>``: resolvable at https://<domain>/.well-known/did.json."""
    return f"did:web:{get_country().domain}"


def public_base_url() -> str:
    """The portal's public address: what credentials, alignments and status lists name."""
    return f"https://{get_country().domain}"


@dataclass(frozen=True)
class LoadedKey:
    key: SigningKey
    record: IssuerKey


_loaded: dict[tuple[str, float], SigningKey] = {}
_registered: dict[str, IssuerKey] = {}


def key_path() -> Path:
    path = getattr(settings, "GOVLEARN_SIGNING_KEY_PATH", "")
    if not path:
        raise ImproperlyConfigured(
            "GOVLEARN_SIGNING_KEY_PATH is not set: certificates cannot be signed."
        )
    return Path(path)


def _generate_once(path: Path) -> None:
    """Write a new Ed25519 key to ``path`` unless another process got there first."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        os.write(handle, pem)
        os.close(handle)
        os.chmod(temporary, 0o600)
        with contextlib.suppress(FileExistsError):  # another process wrote it first
            os.link(temporary, path)  # atomic: never a half-written key file
    finally:
        os.unlink(temporary)


def signing_key() -> SigningKey:
    """The current private key, re-read when the file changes (rotation)."""
    path = key_path()
    if not path.exists():
        if not getattr(settings, "GOVLEARN_SIGNING_KEY_GENERATE", False):
            raise ImproperlyConfigured(f"{path}: the signing key file is missing.")
        _generate_once(path)
    stamp = (str(path), path.stat().st_mtime)
    if stamp not in _loaded:
        try:
            _loaded[stamp] = SigningKey.from_pem(path.read_bytes())
        except ValueError as error:
            raise ImproperlyConfigured(f"{path}: not an Ed25519 private key ({error}).") from None
    return _loaded[stamp]


def current_key() -> LoadedKey:
    """The signing key and its public record, registering the key on first use."""
    key = signing_key()
    multibase = key.public_multibase
    record = _registered.get(multibase)
    if record is None or not IssuerKey.objects.filter(pk=record.pk).exists():
        record = _register(key)
        _registered[multibase] = record
    return LoadedKey(key, record)


def _register(key: SigningKey) -> IssuerKey:
    with transaction.atomic():
        record, created = IssuerKey.objects.get_or_create(
            public_multibase=key.public_multibase,
            defaults={"key_id": key.key_id(issuer_did())},
        )
        if created:
            IssuerKey.objects.exclude(pk=record.pk).filter(retired_at__isnull=True).update(
                retired_at=timezone.now()
            )
    return record
