"""Revoking certificates and publishing their status as W3C Bitstring Status Lists.

Every certificate names a slot in a status list (``credentialStatus``). A verifier
fetches the whole list — 131,072 slots — so the portal never learns which certificate
was checked. Lists are signed on demand and cached; revoking drops the cached list so
the next fetch carries the new bit.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.credentials import status_list_credential
from certificates.issuance import status_list_url
from certificates.models import STATUS_LIST_SIZE, Certificate
from certificates.signing import current_key, issuer_did

CACHE_SECONDS = 24 * 60 * 60


class RevocationError(ValueError):
    """A revocation that cannot be done (unknown id, no reason, already revoked)."""


def _cache_key(number: int) -> str:
    return f"certificates:status-list:{number}"


def published_status_list(number: int) -> dict | None:
    """The signed status list ``number`` (None if no certificate uses it)."""
    cached = cache.get(_cache_key(number))
    if cached is not None:
        return cached
    if not Certificate.objects.filter(status_list=number).exists():
        return None
    revoked = Certificate.objects.filter(status_list=number, revoked_at__isnull=False)
    loaded = current_key()
    document = status_list_credential(
        list_url=status_list_url(number),
        issuer_id=issuer_did(),
        revoked_indexes=revoked.values_list("status_list_index", flat=True),
        size=STATUS_LIST_SIZE,
        key=loaded.key,
        created=timezone.now().replace(microsecond=0),
    )
    cache.set(_cache_key(number), document, CACHE_SECONDS)
    return document


def find_certificate(identifier: str) -> Certificate | None:
    """By public id or by the credential's ``id`` URL (…/verify/<public id>/)."""
    value = identifier.strip()
    if "/verify/" in value:
        value = value.rstrip("/").rsplit("/", 1)[-1]
    # Ids are upper case; one typed from paper may not be.
    return Certificate.objects.filter(public_id=value.upper()).first() if value else None


def revoke(certificate: Certificate, reason: str, by=None) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise RevocationError(_("Give the reason for revoking this certificate."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.is_revoked:
            raise RevocationError(_("This certificate is already revoked."))
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason
        locked.revoked_by = by if getattr(by, "pk", None) else None
        locked.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        number = locked.status_list
        # Dropped now and again after commit: a list re-signed by a reader in between
        # (still seeing the old row) is dropped by the second delete.
        cache.delete(_cache_key(number))
        transaction.on_commit(lambda: cache.delete(_cache_key(number)))
    return locked
