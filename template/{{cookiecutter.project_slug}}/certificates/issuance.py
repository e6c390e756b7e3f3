"""Issuing a certificate for a completed enrolment: rule, snapshot, signature, one row.

``issue_for_enrolment`` is idempotent. It locks the enrolment row, returns the existing
certificate if there is one, and otherwise inserts, signs and stores the certificate in
the same transaction; the unique constraint on the enrolment is the last word if two
workers still race (the loser rolls back and returns the winner's row). A worker killed
mid-task leaves nothing (the transaction never committed) and the task, acknowledged
late, runs again.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, override

from catalog.models import CourseCompetency
from certificates.credentials import Alignment, CredentialFields, sign_credential
from certificates.features import certificates_enabled
from certificates.models import Certificate, status_position
from certificates.rules import rule_met
from certificates.signing import current_key, issuer_did, public_base_url
from competencies.case import item_uri
from competencies.models import ProficiencyLevel
from learning.models import Enrolment
from portal.country import get_country

LEARNER_NAMESPACE = uuid.UUID("0b7f8e3c-2d41-5a6e-9c8b-7f1e4a2d6c30")


def certificate_language(user) -> str:
    """The learner's preferred language if the portal offers it, else the default."""
    offered = {code for code, _name in settings.LANGUAGES}
    preferred = (user.preferred_language or "").lower()
    return preferred if preferred in offered else settings.LANGUAGE_CODE


def verify_url(public_id: str) -> str:
    return f"{public_base_url()}/verify/{public_id}/"


def status_list_url(number: int) -> str:
    return f"{public_base_url()}/credentials/status/{number}/"


def achievement_url(course_id: int) -> str:
    return f"{public_base_url()}/credentials/achievements/{course_id}/"


def competency_snapshot(course, language: str) -> list[dict]:
    """The course's competencies and the level a certificate evidences for each: the
    target level, or the framework's lowest level when the course names none."""
    links = list(
        CourseCompetency.objects.filter(course=course, competency__is_retired=False)
        .select_related("competency__framework", "target_level")
        .order_by("sort_order", "pk")
    )
    lowest = {
        level.framework_id: level
        for level in ProficiencyLevel.objects.filter(
            framework_id__in={link.competency.framework_id for link in links}, is_retired=False
        ).order_by("-rank")
    }
    base = public_base_url()
    snapshot = []
    for link in links:
        competency = link.competency
        level = link.target_level or lowest.get(competency.framework_id)
        snapshot.append(
            {
                "id": competency.pk,
                "code": competency.code,
                "name": competency.label(language),
                "uri": item_uri(competency, base),
                "framework": competency.framework.label(language),
                "level": level.label(language) if level else "",
                "level_rank": level.rank if level else None,
            }
        )
    return snapshot


def credential_fields(certificate: Certificate, course) -> CredentialFields:
    country = get_country()
    language = certificate.language
    with override(language):
        description = gettext("Completed the course “%(course)s” offered by %(provider)s.") % {
            "course": certificate.course_title,
            "provider": certificate.provider_name or country.portal_name(language),
        }
        if certificate.rule == "merit":
            narrative = gettext(
                "Completed every required lesson and reached a mean quiz score of at least "
                "%(score)d%%."
            ) % {"score": course.certificate_min_score or 100}
        else:
            narrative = gettext("Completed every required lesson and passed every quiz.")
    return CredentialFields(
        credential_id=verify_url(certificate.public_id),
        issuer_id=certificate.issuer_id,
        issuer_name=country.portal_name(language),
        issuer_url=f"{public_base_url()}/",
        learner_name=certificate.learner_name,
        learner_id=f"urn:uuid:{uuid.uuid5(LEARNER_NAMESPACE, str(certificate.user_id))}",
        achievement_id=achievement_url(course.pk),
        achievement_name=certificate.course_title,
        achievement_description=description,
        criteria_narrative=narrative,
        credited_hours=Decimal(certificate.credited_hours),
        alignments=tuple(
            Alignment(
                target_url=item["uri"],
                target_name=item["name"],
                target_code=item["code"],
                target_framework=item["framework"],
            )
            for item in certificate.competencies
        ),
        valid_from=certificate.issued_at,
        status_list_credential=status_list_url(certificate.status_list),
        status_list_index=certificate.status_list_index,
        language=language,
    )


def issue_for_enrolment(enrolment_id: int) -> Certificate | None:
    """The enrolment's certificate, issuing it now if the course's rule is met."""
    if not certificates_enabled():
        return None
    try:
        with transaction.atomic():
            return _issue_locked(enrolment_id)
    except IntegrityError:
        # Another worker inserted this enrolment's certificate first: theirs stands.
        return Certificate.objects.filter(enrolment_id=enrolment_id).first()


def _issue_locked(enrolment_id: int) -> Certificate | None:
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("user", "course", "course__provider")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return None
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    if not rule_met(enrolment):
        return None
    course, user = enrolment.course, enrolment.user
    language = certificate_language(user)
    loaded = current_key()
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        user=user,
        course=course,
        learner_name=user.display_name,
        course_title=course.title,
        provider_name=course.provider.title if course.provider else "",
        competencies=competency_snapshot(course, language),
        credited_hours=course.hours_credited,
        rule=course.certificate_rule,
        language=language,
        issued_at=timezone.now().replace(microsecond=0),
        issuer_id=issuer_did(),
        issuer_key=loaded.record,
        credential={},
    )
    certificate.status_list, certificate.status_list_index = status_position(certificate.pk)
    certificate.credential = sign_credential(
        credential_fields(certificate, course), loaded.key, certificate.issued_at
    )
    certificate.save(update_fields=["status_list", "status_list_index", "credential"])
    return certificate
