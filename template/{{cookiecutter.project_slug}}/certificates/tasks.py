"""Background issuance. Both tasks are safe to run any number of times."""

from celery import shared_task

from certificates.features import certificates_enabled


@shared_task(
    name="certificates.issue_certificate",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=8,
)
def issue_certificate(enrolment_id: int) -> str | None:
    """Issue the enrolment's certificate if due; the public id (None if not due)."""
    from certificates.issuance import issue_for_enrolment

    certificate = issue_for_enrolment(enrolment_id)
    return certificate.public_id if certificate else None


def enrolments_missing_a_certificate():
    """Completed enrolments without a certificate (the rule is checked when issuing)."""
    from learning.models import Enrolment

    return Enrolment.objects.filter(completed_at__isnull=False, certificate__isnull=True)


@shared_task(name="certificates.issue_missing", acks_late=True)
def issue_missing() -> dict[str, int]:
    """Issue what the rules say is due and was never issued (lost events, a rule met
    later, the feature switched on). Scheduled nightly after the completion sweep."""
    from certificates.issuance import issue_for_enrolment

    counts = {"checked": 0, "issued": 0, "not_due": 0}
    if not certificates_enabled():
        return counts
    ids = enrolments_missing_a_certificate().values_list("pk", flat=True).order_by("pk")
    for enrolment_id in ids.iterator(chunk_size=500):
        counts["checked"] += 1
        if issue_for_enrolment(enrolment_id) is not None:
            counts["issued"] += 1
        else:
            counts["not_due"] += 1
    return counts
