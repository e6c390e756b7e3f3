"""Issued certificates and the public keys that signed them.

A ``Certificate`` is a snapshot: the learner's name, the course, provider, competencies,
levels and hours are copied at issue time and the signed credential is stored as issued,
so editing a course later never changes what a learner was given. One certificate per
enrolment (a unique constraint), whatever the number of duplicated or retried events.

``IssuerKey`` lists every public key the portal has signed with. The private key never
enters the database: it lives in the file at ``GOVLEARN_SIGNING_KEY_PATH``.
"""

from __future__ import annotations

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Each Bitstring Status List holds this many entries (16 KB of bits, the spec's minimum
# size for herd privacy); certificate n goes to list 1 + (n - 1) // STATUS_LIST_SIZE.
STATUS_LIST_SIZE = 131_072
# Odd, so multiplying by it permutes the indexes of a list: neighbours in issue order are
# far apart in the list, and a verifier cannot read issue order from an index.
_INDEX_SPREAD = 40_503


def status_position(sequence: int) -> tuple[int, int]:
    """(list number, index in that list) for the ``sequence``-th certificate (1-based)."""
    offset = sequence - 1
    return 1 + offset // STATUS_LIST_SIZE, (offset % STATUS_LIST_SIZE) * _INDEX_SPREAD % (
        STATUS_LIST_SIZE
    )


def new_public_id() -> str:
    """120 random bits as 24 upper-case base32 characters (A–Z, 2–7): not guessable, not
    sequential, and safe wherever people copy it — read aloud, typed from a printed
    certificate (no 0/O or 1/l to confuse), or given to a command line (never a leading
    ``-`` that argparse would take for an option)."""
    return base64.b32encode(secrets.token_bytes(15)).decode("ascii")


class IssuerKey(models.Model):
    key_id = models.CharField(_("key id"), max_length=300, unique=True)
    public_multibase = models.CharField(_("public key (multibase)"), max_length=100, unique=True)
    first_used_at = models.DateTimeField(_("first used"), auto_now_add=True)
    retired_at = models.DateTimeField(
        _("retired at"),
        null=True,
        blank=True,
        help_text=_("Set when another key took over; kept so old certificates verify."),
    )

    class Meta:
        verbose_name = _("issuer key")
        ordering = ["first_used_at", "pk"]

    def __str__(self) -> str:
        return self.key_id


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    public_id = models.CharField(
        _("public id"), max_length=32, unique=True, default=new_public_id, editable=False
    )
    enrolment = models.OneToOneField(
        "learning.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "catalog.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    learner_name = models.CharField(_("learner name, as recorded"), max_length=300)
    course_title = models.CharField(_("course title"), max_length=255)
    provider_name = models.CharField(_("provider"), max_length=255, blank=True)
    competencies = models.JSONField(
        _("competencies achieved"),
        default=list,
        help_text=_("[{id, code, name, level, uri, framework}] as at issue."),
    )
    credited_hours = models.DecimalField(
        _("credited learning hours"), max_digits=5, decimal_places=1
    )
    rule = models.CharField(_("rule met"), max_length=20)
    language = models.CharField(_("language"), max_length=35)
    issued_at = models.DateTimeField(_("issued at"))
    issuer_id = models.CharField(_("issuer"), max_length=300)
    issuer_key = models.ForeignKey(
        IssuerKey, verbose_name=_("signing key"), on_delete=models.PROTECT, related_name="+"
    )
    credential = models.JSONField(_("signed credential"))
    # Derived from the row's id (``status_position``) inside the issuing transaction, so
    # issuance needs no shared counter to lock; empty only between insert and signing.
    status_list = models.PositiveIntegerField(_("status list"), null=True)
    status_list_index = models.PositiveIntegerField(_("status list index"), null=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        ordering = ["-issued_at", "-pk"]
        permissions = [("revoke_certificate", _("Can revoke certificates"))]
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "status_list_index"], name="certificates_status_slot_once"
            )
        ]
        indexes = [
            models.Index(fields=["user", "issued_at"]),
            models.Index(fields=["issued_at"], name="certificate_issued_at"),  # dashboards
        ]

    def __str__(self) -> str:
        return f"{self.public_id}: {self.learner_name} — {self.course_title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def credential_url(self) -> str:
        return self.credential.get("id", "")
