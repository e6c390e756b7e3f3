"""Verifying any credential someone hands the portal, offline and from first principles.

This path assumes nothing about where the document came from: it is processed as
general JSON-LD (pyld with the shipped contexts only), never through the signing
templates. The checks, each reported in plain words with a stable code:

* ``context`` — only the shipped contexts (VC 2.0, OB 3.0.3) are accepted: anything else
  would have to be fetched, and what it says could change the meaning of what was signed;
* ``structure`` — JSON that JSON-LD would silently drop (keyword-like keys such as
  ``@foo``, ``null`` values, relative IRIs) is refused, so everything a reader sees in the
  JSON is covered by the signature;
* ``schema`` — the official OB 3.0 schema, for Open Badges credentials;
* ``proof-*`` / ``key-*`` — an ``eddsa-rdfc-2022`` proof by a key the caller vouches for
  (``resolve_key``), or a self-describing ``did:key``, controlled by the issuer;
* ``not-yet-valid`` / ``expired`` — ``validFrom`` / ``validUntil`` against ``now``;
* ``revoked`` / ``suspended`` / ``status-list`` — the Bitstring Status List, fetched
  through the caller's ``fetch_status_list`` and itself verified (proof, issuer, purpose).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from certificates.credentials.canonical import (
    OB_V3P0,
    VC_V2,
    CanonicalizationError,
    canonical_nquads,
    expand,
    to_dataset,
)
from certificates.credentials.keys import PublicKey, did_key_resolve
from certificates.credentials.proofs import (
    CRYPTOSUITE,
    PROOF_PURPOSE,
    PROOF_TYPE,
    unsecured,
    verify_proof,
)
from certificates.credentials.schema import schema_problems
from certificates.credentials.status_list import StatusListError, decode_list, get_bit, list_subject

ALLOWED_CONTEXTS = (VC_V2, OB_V3P0)
OPEN_BADGE_TYPES = {"OpenBadgeCredential", "AchievementCredential"}

KeyResolver = Callable[[str], PublicKey | None]
StatusFetcher = Callable[[str], dict | None]


@dataclass(frozen=True)
class Verification:
    """The outcome; ``problems`` (with matching ``codes``) is empty exactly when valid."""

    valid: bool
    problems: tuple[str, ...]
    codes: tuple[str, ...]
    warnings: tuple[str, ...]
    issuer: str | None
    verification_method: str | None
    status: str  # "active", "revoked", "suspended" or "unknown"
    status_purpose: str | None
    credential_id: str | None


@dataclass
class _Report:
    problems: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def problem(self, code: str, message: str) -> None:
        self.problems.append(message)
        self.codes.append(code)


def verify_credential(
    document,
    resolve_key: KeyResolver,
    fetch_status_list: StatusFetcher | None = None,
    *,
    now: datetime | None = None,
    accept_did_key: bool = True,
) -> Verification:
    """Check a credential (an ``OpenBadgeCredential`` or a status list credential).

    ``resolve_key(verification_method_id)`` returns the public key the caller vouches for
    (e.g. the portal's current and retired keys) or None. ``did:key`` methods resolve
    locally when ``accept_did_key`` — the result's ``issuer`` then says who signed.
    ``fetch_status_list(url)`` returns the status list credential at ``url`` or None;
    without it (or when it returns None) the status is "unknown", with a warning.
    """
    now = now or datetime.now(UTC)
    report = _Report()
    if not isinstance(document, dict):
        report.problem("not-object", "The credential is not a JSON object.")
        return _result(report, document, None, None, "unknown", None)
    issuer = _issuer_id(document)
    if not _contexts_allowed(document, report):
        return _result(report, document, issuer, None, "unknown", None)
    _check_structure(document, report)
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    if "VerifiableCredential" not in types:
        report.problem("type", "The document is not a VerifiableCredential.")
    if OPEN_BADGE_TYPES.intersection(types):
        for message in schema_problems(document):
            report.problem("schema", f"Open Badges 3.0 schema: {message}")
    elif "BitstringStatusListCredential" not in types:
        report.warnings.append("Not an Open Badges credential: the OB 3.0 schema was not applied.")
    if issuer is None:
        report.problem("issuer", "The credential names no issuer.")
    try:
        expanded = expand(unsecured(document))
        _check_expanded(expanded, report)
        canonical = canonical_nquads(to_dataset(expanded))
    except CanonicalizationError as error:
        report.problem("jsonld", f"The credential is not valid JSON-LD: {error}")
        return _result(report, document, issuer, None, "unknown", None)
    method = _check_proofs(document, canonical, issuer, resolve_key, accept_did_key, report)
    _check_dates(document, now, report)
    status, purpose = _check_status(
        document, issuer, resolve_key, fetch_status_list, now, accept_did_key, report
    )
    return _result(report, document, issuer, method, status, purpose)


def _result(report, document, issuer, method, status, purpose) -> Verification:
    credential_id = document.get("id") if isinstance(document, dict) else None
    return Verification(
        valid=not report.problems,
        problems=tuple(report.problems),
        codes=tuple(report.codes),
        warnings=tuple(report.warnings),
        issuer=issuer,
        verification_method=method,
        status=status,
        status_purpose=purpose,
        credential_id=credential_id if isinstance(credential_id, str) else None,
    )


def _issuer_id(document: dict) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def _contexts_allowed(document: dict, report: _Report) -> bool:
    contexts = document.get("@context")
    contexts = [contexts] if isinstance(contexts, str) else contexts
    if not isinstance(contexts, list) or not contexts:
        report.problem("context", "The credential has no @context.")
        return False
    ok = True
    for context in contexts:
        if not isinstance(context, str):
            report.problem(
                "context",
                "The credential embeds its own JSON-LD context; only shipped ones are accepted.",
            )
            ok = False
        elif context not in ALLOWED_CONTEXTS:
            report.problem(
                "context",
                f"The context {context} is not one this portal ships, and nothing is fetched "
                "while verifying; accepted: " + ", ".join(ALLOWED_CONTEXTS) + ".",
            )
            ok = False
    if ok and contexts[0] != VC_V2:
        report.problem("context", f"The first @context must be {VC_V2}.")
        ok = False
    return ok


def _check_structure(value, report: _Report, path: str = "", top: bool = True) -> None:
    """JSON that JSON-LD drops silently would be unsigned: refuse it."""
    if value is None:
        report.problem(
            "structure", f"{path or 'The document'} is null; null values are not signed."
        )
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if key.startswith("@") and not (top and key == "@context"):
                report.problem("structure", f"{where}: JSON-LD keywords are not accepted here.")
            elif not (top and key == "@context"):
                _check_structure(item, report, where, top=False)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            _check_structure(item, report, f"{path}[{number}]", top=False)


def _check_expanded(value, report: _Report) -> None:
    """Relative IRIs (no scheme) are dropped from RDF: refuse them."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("@id", "@type"):
                for iri in item if isinstance(item, list) else [item]:
                    if isinstance(iri, str) and not (iri.startswith("_:") or _absolute(iri)):
                        report.problem("structure", f"{iri!r} is not an absolute IRI.")
            elif key != "@value":
                _check_expanded(item, report)
    elif isinstance(value, list):
        for item in value:
            _check_expanded(item, report)


def _absolute(iri: str) -> bool:
    scheme, colon, _ = iri.partition(":")
    return bool(
        colon
        and scheme
        and scheme[0].isalpha()
        and all(char.isalnum() or char in "+-." for char in scheme)
    )


def _check_proofs(document, canonical, issuer, resolve_key, accept_did_key, report) -> str | None:
    proofs = document.get("proof")
    if proofs is None:
        report.problem("proof-missing", "The credential has no proof: it is not signed.")
        return None
    proofs = [proofs] if isinstance(proofs, dict) else proofs
    if not isinstance(proofs, list) or not proofs:
        report.problem("proof-missing", "The credential's proof is empty.")
        return None
    method = None
    for proof in proofs:
        if not isinstance(proof, dict):
            report.problem("proof-bad", "A proof is not a JSON object.")
            continue
        method = proof.get("verificationMethod")
        if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
            report.problem(
                "proof-unsupported",
                f"Only {PROOF_TYPE} proofs with the {CRYPTOSUITE} cryptosuite are supported.",
            )
            continue
        if proof.get("proofPurpose") != PROOF_PURPOSE:
            report.problem("proof-bad", f"The proof's purpose must be {PROOF_PURPOSE}.")
            continue
        if not isinstance(method, str) or "#" not in method:
            report.problem("proof-bad", "The proof names no verification method.")
            continue
        if _parse_datetime(proof.get("created")) is None:
            report.problem("proof-bad", "The proof's created date is not a date-time with zone.")
            continue
        key = did_key_resolve(method) if accept_did_key else None
        if key is None:
            key = resolve_key(method)
        if key is None:
            report.problem(
                "key-unknown", f"The verification method {method} is not a known issuer key."
            )
            continue
        controller = method.split("#", 1)[0]
        if controller != issuer:
            report.problem(
                "key-not-issuers",
                f"The key {method} does not belong to the issuer {issuer}.",
            )
            continue
        try:
            good = verify_proof(document, proof, key, canonical_document=canonical)
        except CanonicalizationError as error:
            report.problem("jsonld", f"The credential cannot be canonicalised: {error}")
            continue
        except ValueError as error:
            report.problem("proof-bad", f"The proof is malformed: {error}.")
            continue
        if not good:
            report.problem(
                "proof-bad",
                "The signature does not match: the credential was changed after signing, "
                "or was not signed by this key.",
            )
    return method if isinstance(method, str) else None


def _check_dates(document, now: datetime, report: _Report) -> None:
    valid_from = document.get("validFrom")
    if valid_from is not None:
        start = _parse_datetime(valid_from)
        if start is None:
            report.problem("dates", "validFrom is not a date-time with a time zone.")
        elif start > now:
            report.problem("not-yet-valid", f"The credential is not valid before {valid_from}.")
    valid_until = document.get("validUntil")
    if valid_until is not None:
        end = _parse_datetime(valid_until)
        if end is None:
            report.problem("dates", "validUntil is not a date-time with a time zone.")
        elif end < now:
            report.problem("expired", f"The credential expired on {valid_until}.")


def _check_status(document, issuer, resolve_key, fetch, now, accept_did_key, report):
    entries = document.get("credentialStatus")
    if entries is None:
        report.warnings.append("The credential carries no status entry; it cannot be revoked.")
        return "unknown", None
    entries = [entries] if isinstance(entries, dict) else entries
    if not isinstance(entries, list):
        report.problem("status-list", "credentialStatus is not an object or a list.")
        return "unknown", None
    status, purpose = "unknown", None
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            report.warnings.append("A status entry of an unsupported type was not checked.")
            continue
        purpose = entry.get("statusPurpose")
        url = entry.get("statusListCredential")
        index = entry.get("statusListIndex")
        if not (isinstance(index, str) and index.isdigit() and index.isascii()):
            report.problem("status-list", "statusListIndex is not a non-negative integer string.")
            continue
        if fetch is None:
            report.warnings.append("The revocation status was not checked.")
            continue
        listing = fetch(url) if isinstance(url, str) else None
        if listing is None:
            report.warnings.append(f"The status list {url} could not be retrieved.")
            continue
        # The list may have been signed after this verification began (a list re-signed
        # on demand, the second after ``now`` was read): judge its dates at fetch time.
        checked = verify_credential(
            listing,
            resolve_key,
            None,
            now=max(now, datetime.now(UTC)),
            accept_did_key=accept_did_key,
        )
        if not checked.valid:
            report.problem(
                "status-list",
                f"The status list {url} cannot be trusted: " + " ".join(checked.problems),
            )
            continue
        try:
            subject = list_subject(listing)
            if listing.get("id") != url:
                raise StatusListError(f"it says it is {listing.get('id')}, not {url}")
            if checked.issuer != issuer:
                raise StatusListError(f"it was issued by {checked.issuer}, not {issuer}")
            if subject.get("statusPurpose") != purpose:
                raise StatusListError(f"its purpose is not {purpose}")
            is_set = get_bit(decode_list(subject.get("encodedList")), int(index))
        except StatusListError as error:
            report.problem("status-list", f"The status list {url} is unusable: {error}.")
            continue
        if is_set and purpose == "revocation":
            report.problem("revoked", "The issuer has revoked this credential.")
            status = "revoked"
        elif is_set and purpose == "suspension":
            report.problem("suspended", "The issuer has suspended this credential.")
            status = "suspended" if status != "revoked" else status
        elif status == "unknown":
            status = "active"
    return status, purpose


def _parse_datetime(value) -> datetime | None:
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None
