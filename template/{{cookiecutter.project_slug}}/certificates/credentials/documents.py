"""The certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (a W3C VC 2.0 document).

What goes where, and why (every choice checked against the official OB 3.0 JSON schema
and the 3.0.3 JSON-LD context, so the terms expand to the vocabulary a verifier expects):

* ``issuer`` is a ``Profile`` whose ``id`` is the portal's ``did:web`` (see ``keys``).
* The learner: OB 3.0 has no name property on ``AchievementSubject``; it records who
  the recipient is with ``identifier`` — ``IdentityObject``s — and says "either ``id`` or
  at least one ``identifier`` MUST be supplied". The name exactly as recorded goes in an
  unhashed ``IdentityObject`` of ``identityType`` ``name`` (what OB-aware verifiers read),
  and also in ``credentialSubject.name`` (``schema:name``, defined by the VC and OB
  contexts) for wallets that display that. ``id`` is an opaque ``urn:uuid:`` when given —
  never an e-mail address.
* Credited learning hours: ``creditsAvailable``/``creditsEarned`` are academic credit
  hours ("semester or quarter credit hours" in the schema), not hours of learning, so
  reusing them would mislead every registrar who reads them. OB 3.0's place for a
  measured outcome is a ``Result`` pointing at a ``ResultDescription`` of the
  achievement: the achievement describes the figure (``name`` "Credited learning hours",
  ``resultType`` ``ext:CreditedLearningHours``, ``valueMin`` "0") and
  ``credentialSubject.result`` carries the ``value`` as a decimal string ("5.0") with
  ``status`` ``Completed``. Machine-readable, labelled, and schema-valid.
* Competencies: ``achievement.alignment`` entries of ``targetType`` ``CFItem`` whose
  ``targetUrl`` is the CASE CFItem URI.
* ``credentialStatus``: a W3C ``BitstringStatusListEntry`` (purpose ``revocation``).
* Texts carry no language tag (the shipped contexts define none and the schema wants
  plain strings); their language is stated once in ``achievement.inLanguage``.

Control characters other than tab, newline and carriage return are refused in texts:
JSON-LD processors in the field disagree on how to write them in canonical N-Quads, and
a credential must hash the same in every verifier for decades.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pyoxigraph as ox

from certificates.credentials.canonical import OB_V3P0, VC_V2

CONTEXT = [VC_V2, OB_V3P0]
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
ACHIEVEMENT_TYPE = "CertificateOfCompletion"
HOURS_LABEL = "Credited learning hours"
HOURS_RESULT_TYPE = "ext:CreditedLearningHours"
HOURS_FRAGMENT = "credited-learning-hours"

# The schema's pattern for Achievement.inLanguage.
LANGUAGE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
# Characters canonical N-Quads writers disagree on (RDFC-1.0 escapes them, pyld and
# older writers do not), and lone surrogates, which are not Unicode text.
_UNSTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
IRI_SCHEMES = ("https://", "http://", "did:", "urn:")


class FieldError(ValueError):
    """A credential field is unusable; the message names the field."""


@dataclass(frozen=True)
class Alignment:
    """A competency the achievement aligns to: a CASE CFItem."""

    target_url: str  # the CFItem URI
    target_name: str
    target_code: str
    target_framework: str

    def __post_init__(self):
        _check_iri("alignment target_url", self.target_url)
        _check_text("alignment target_name", self.target_name, required=True)
        _check_text("alignment target_code", self.target_code)
        _check_text("alignment target_framework", self.target_framework)


@dataclass(frozen=True)
class CredentialFields:
    """Everything one certificate's credential says; validated on construction."""

    credential_id: str  # https://<domain>/verify/<public_id>/
    issuer_id: str  # did:web:<domain>
    issuer_name: str
    issuer_url: str  # https://<domain>/
    learner_name: str  # any script, as recorded
    learner_id: str | None  # e.g. "urn:uuid:…", or None
    achievement_id: str  # stable URL of the course's achievement
    achievement_name: str
    achievement_description: str
    criteria_narrative: str
    credited_hours: Decimal
    alignments: tuple[Alignment, ...]
    valid_from: datetime  # aware
    status_list_credential: str  # https://<domain>/credentials/status/<n>/
    status_list_index: int
    language: str  # BCP 47 language of the texts

    def __post_init__(self):
        for name in ("credential_id", "issuer_id", "achievement_id", "status_list_credential"):
            _check_iri(name, getattr(self, name))
        _check_iri("issuer_url", self.issuer_url)
        if self.learner_id is not None:
            _check_iri("learner_id", self.learner_id)
        for name in ("achievement_id", "status_list_credential"):
            if "#" in getattr(self, name):
                raise FieldError(f"{name}: must not have a #fragment (one is appended)")
        for name in ("issuer_name", "learner_name", "achievement_name"):
            _check_text(name, getattr(self, name), required=True)
        for name in ("achievement_description", "criteria_narrative"):
            _check_text(name, getattr(self, name))
        if not isinstance(self.alignments, tuple) or not all(
            isinstance(item, Alignment) for item in self.alignments
        ):
            raise FieldError("alignments: must be a tuple of Alignment")
        hours = self.credited_hours
        if not isinstance(hours, Decimal) or not hours.is_finite() or hours < 0:
            raise FieldError(f"credited_hours: {hours!r} is not a non-negative Decimal")
        if not isinstance(self.valid_from, datetime) or self.valid_from.utcoffset() is None:
            raise FieldError("valid_from: must be a timezone-aware datetime")
        index = self.status_list_index
        if isinstance(index, bool) or not isinstance(index, int) or index < 0:
            raise FieldError(f"status_list_index: {index!r} is not a non-negative integer")
        if not isinstance(self.language, str) or not LANGUAGE.match(self.language):
            raise FieldError(
                f"language: {self.language!r} is not a language tag Open Badges accepts "
                "(e.g. 'en', 'hi', 'zh-Hans', 'pt-BR')"
            )

    @property
    def result_description_id(self) -> str:
        return f"{self.achievement_id}#{HOURS_FRAGMENT}"

    @property
    def status_entry_id(self) -> str:
        return f"{self.status_list_credential}#{self.status_list_index}"


def xsd_datetime(value: datetime) -> str:
    """``2026-12-01T10:00:00Z`` (UTC, ``Z``; fractional seconds only when present)."""
    if value.utcoffset() is None:
        raise FieldError("datetimes in credentials must be timezone-aware")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def hours_text(hours: Decimal) -> str:
    """Fixed-point text of the hours as given: Decimal("5.0") → "5.0", never "5E+0"."""
    return format(hours, "f")


def credential_values(fields: CredentialFields) -> dict[str, str]:
    """Every value the credential states, as the exact text it carries.

    The one place fields become text: ``build_credential`` lays these out as JSON and the
    fast path writes the same strings into its N-Quads template, so the JSON and the
    signed RDF cannot drift apart.
    """
    values = {
        "credential_id": fields.credential_id,
        "issuer_id": fields.issuer_id,
        "issuer_name": fields.issuer_name,
        "issuer_url": fields.issuer_url,
        "valid_from": xsd_datetime(fields.valid_from),
        "learner_name": fields.learner_name,
        "achievement_id": fields.achievement_id,
        "achievement_name": fields.achievement_name,
        "achievement_description": fields.achievement_description,
        "criteria_narrative": fields.criteria_narrative,
        "language": fields.language,
        "result_description_id": fields.result_description_id,
        "hours": hours_text(fields.credited_hours),
        "status_entry_id": fields.status_entry_id,
        "status_list_index": str(fields.status_list_index),
        "status_list_credential": fields.status_list_credential,
    }
    if fields.learner_id is not None:
        values["learner_id"] = fields.learner_id
    for number, item in enumerate(fields.alignments):
        values[f"alignment_{number}_url"] = item.target_url
        values[f"alignment_{number}_name"] = item.target_name
        values[f"alignment_{number}_code"] = item.target_code
        values[f"alignment_{number}_framework"] = item.target_framework
    return values


def shape_of(fields: CredentialFields) -> tuple[bool, int]:
    """What varies in the document's structure: a learner id or not, how many alignments."""
    return (fields.learner_id is not None, len(fields.alignments))


def build_credential(fields: CredentialFields) -> dict:
    """The unsigned ``OpenBadgeCredential`` for these fields."""
    has_learner_id, alignments = shape_of(fields)
    return credential_document(credential_values(fields), has_learner_id, alignments)


def credential_document(values: dict[str, str], has_learner_id: bool, alignments: int) -> dict:
    """The JSON layout of a credential from its values (see ``credential_values``)."""
    subject: dict = {}
    if has_learner_id:
        subject["id"] = values["learner_id"]
    subject.update(
        {
            "type": ["AchievementSubject"],
            "name": values["learner_name"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": values["learner_name"],
                }
            ],
            "achievement": {
                "id": values["achievement_id"],
                "type": ["Achievement"],
                "achievementType": ACHIEVEMENT_TYPE,
                "name": values["achievement_name"],
                "description": values["achievement_description"],
                "criteria": {"narrative": values["criteria_narrative"]},
                "inLanguage": values["language"],
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetType": "CFItem",
                        "targetUrl": values[f"alignment_{number}_url"],
                        "targetName": values[f"alignment_{number}_name"],
                        "targetCode": values[f"alignment_{number}_code"],
                        "targetFramework": values[f"alignment_{number}_framework"],
                    }
                    for number in range(alignments)
                ],
                "resultDescription": [
                    {
                        "id": values["result_description_id"],
                        "type": ["ResultDescription"],
                        "name": HOURS_LABEL,
                        "resultType": HOURS_RESULT_TYPE,
                        "valueMin": "0",
                    }
                ],
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": values["result_description_id"],
                    "value": values["hours"],
                    "status": "Completed",
                }
            ],
        }
    )
    return {
        "@context": list(CONTEXT),
        "id": values["credential_id"],
        "type": list(CREDENTIAL_TYPE),
        "issuer": {
            "id": values["issuer_id"],
            "type": ["Profile"],
            "name": values["issuer_name"],
            "url": values["issuer_url"],
        },
        "validFrom": values["valid_from"],
        "name": values["achievement_name"],
        "credentialSubject": subject,
        "credentialStatus": {
            "id": values["status_entry_id"],
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": values["status_list_index"],
            "statusListCredential": values["status_list_credential"],
        },
    }


def credited_hours(document: dict) -> Decimal | None:
    """The credited learning hours a credential states (None if it states none)."""
    subject = document.get("credentialSubject")
    if not isinstance(subject, dict):
        return None
    achievement = subject.get("achievement") or {}
    descriptions = achievement.get("resultDescription") or []
    hour_ids = {
        item.get("id")
        for item in descriptions
        if isinstance(item, dict) and item.get("resultType") == HOURS_RESULT_TYPE
    }
    for result in subject.get("result") or []:
        if isinstance(result, dict) and result.get("resultDescription") in hour_ids:
            try:
                return Decimal(result.get("value"))
            except (ArithmeticError, TypeError, ValueError):
                return None
    return None


def clean_text(value: str) -> str:
    """``value`` with the characters credentials refuse removed (for editor-written text).

    Use it on text the portal did not capture as a person's record (course descriptions,
    criteria); a learner's name should be fixed where it is recorded instead.
    """
    return _UNSTABLE.sub("", value)


def _check_text(name: str, value, *, required: bool = False) -> None:
    if not isinstance(value, str):
        raise FieldError(f"{name}: must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise FieldError(f"{name}: must not be empty")
    bad = _UNSTABLE.search(value)
    if bad:
        raise FieldError(
            f"{name}: contains the control character U+{ord(bad.group()):04X}, which "
            "verifiers do not canonicalise alike; remove it"
        )


def _check_iri(name: str, value) -> None:
    if not isinstance(value, str) or not value.startswith(IRI_SCHEMES):
        raise FieldError(f"{name}: {value!r} is not an absolute https:, http:, did: or urn: IRI")
    try:
        ox.NamedNode(value)
    except ValueError as error:
        raise FieldError(f"{name}: {value!r} is not a valid IRI ({error})") from None
