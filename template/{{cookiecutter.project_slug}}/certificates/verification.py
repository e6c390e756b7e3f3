"""Checking a credential someone hands the portal: proof, issuer key, status.

Only keys the portal can vouch for without the network are accepted: its own keys
(current and retired, from ``IssuerKey``) and ``did:key`` identifiers, whose public key
is the identifier itself. Any other issuer — a foreign ``did:web`` included — is an
unknown issuer: the portal never fetches anything while verifying.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from certificates.credentials import PublicKey, did_key_resolve, verify_credential
from certificates.models import Certificate, IssuerKey
from certificates.revocation import find_certificate, published_status_list
from certificates.signing import public_base_url

MAX_UPLOAD_BYTES = 1024 * 1024
_STATUS_PATH = re.compile(r"^/credentials/status/(?P<number>[0-9]{1,9})/$")


def _problem_texts() -> dict[str, str]:
    """Verifier problem codes in the reader's language (``Verification.codes``)."""
    return {
        "not-object": _("This is not a credential: a JSON object is expected."),
        "context": _("The credential does not use the Open Badges 3.0 contexts."),
        "structure": _("The credential is incomplete or malformed."),
        "type": _("This is not an Open Badges credential."),
        "schema": _("The credential does not follow the Open Badges 3.0 schema."),
        "issuer": _("The credential names no issuer this portal can check."),
        "jsonld": _("The credential's data cannot be processed."),
        "proof-missing": _("The credential carries no signature."),
        "proof-unsupported": _("The credential's signature is of an unsupported kind."),
        "proof-bad": _(
            "The signature does not match: the credential was changed after it was issued."
        ),
        "key-unknown": _("Unknown issuer: the signing key is not one of this portal's keys."),
        "key-not-issuers": _(
            "The signing key does not belong to the issuer named in the credential."
        ),
        "dates": _("The credential's dates are not valid."),
        "not-yet-valid": _("The credential is not valid yet."),
        "expired": _("The credential has expired."),
        "status-list": _("The credential's status cannot be checked."),
        "revoked": _("The issuer has revoked this credential."),
        "suspended": _("The issuer has suspended this credential."),
    }


@dataclass
class Outcome:
    valid: bool
    status: str  # "active", "revoked", "unknown"
    problems: list[str] = field(default_factory=list)
    issuer: str | None = None
    certificate: Certificate | None = None


def resolve_key(verification_method: str):
    """This portal's keys, current and retired, and ``did:key`` (no network either way)."""
    if verification_method.startswith("did:key:"):
        return did_key_resolve(verification_method)
    record = IssuerKey.objects.filter(key_id=verification_method).first()
    return PublicKey.from_multibase(record.public_multibase) if record else None


def fetch_status_list(url: str) -> dict | None:
    base = public_base_url()
    if not url.startswith(base + "/"):
        return None
    match = _STATUS_PATH.match(url[len(base) :])
    return published_status_list(int(match["number"])) if match else None


def verify_document(document) -> Outcome:
    if not isinstance(document, dict):
        return Outcome(False, "unknown", [_problem_texts()["not-object"]])
    result = verify_credential(document, resolve_key, fetch_status_list)
    certificate = None
    credential_id = document.get("id")
    if isinstance(credential_id, str) and credential_id.startswith(public_base_url() + "/verify/"):
        certificate = find_certificate(credential_id)
    texts = _problem_texts()
    codes = list(getattr(result, "codes", []) or [])
    problems = [
        texts.get(code, problem) for code, problem in zip(codes, result.problems, strict=False)
    ]
    problems += list(result.problems[len(codes) :])
    return Outcome(
        valid=result.valid,
        status=result.status,
        problems=list(dict.fromkeys(problems)),
        issuer=result.issuer,
        certificate=certificate,
    )


def credential_from_upload(data: bytes) -> dict:
    """The credential JSON in an upload: a JSON file, or a certificate PDF carrying it as
    the ``credential.json`` attachment. Raises ValueError with a reader-facing message."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError("too-large")
    if data.lstrip().startswith(b"%PDF"):
        data = _pdf_attachment(data)
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError("not-json") from None


def _pdf_attachment(data: bytes) -> bytes:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
    except (PdfReadError, ValueError, KeyError):
        raise ValueError("bad-pdf") from None
    contents = attachments.get("credential.json")
    if not contents:
        raise ValueError("no-attachment")
    return contents[0]
