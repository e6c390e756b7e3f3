"""Background work of the learning app: announcing completions.

``announce_course_completion`` is the hook later features plug into: it sends
``learning.signals.course_completed`` from a worker (see that module for the contract).
"""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from learning.models import Enrolment
from learning.signals import course_completed

# A completion not announced after this long is re-queued by the nightly sweep.
STALE_ANNOUNCEMENT = timedelta(minutes=15)


@shared_task(
    name="learning.announce_course_completion",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=8,
)
def announce_course_completion(enrolment_id: int) -> bool:
    """Send ``course_completed`` once for the enrolment; True if it was sent now."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .select_related("user", "course")
            .filter(pk=enrolment_id, completed_at__isnull=False)
            .first()
        )
        if enrolment is None or enrolment.completion_announced_at is not None:
            return False
        course_completed.send(
            sender=Enrolment, enrolment=enrolment, user=enrolment.user, course=enrolment.course
        )
        enrolment.completion_announced_at = timezone.now()
        enrolment.save(update_fields=["completion_announced_at"])
    return True


@shared_task(name="learning.announce_missed_completions", acks_late=True)
def announce_missed_completions() -> int:
    """Re-queue completions whose announcement never ran (e.g. the broker was down when
    the learner finished). Scheduled nightly by beat; safe to run any time."""
    cutoff = timezone.now() - STALE_ANNOUNCEMENT
    missed = Enrolment.objects.filter(
        completed_at__lt=cutoff, completion_announced_at__isnull=True
    ).values_list("pk", flat=True)
    count = 0
    for enrolment_id in missed.iterator():
        announce_course_completion.delay(enrolment_id)
        count += 1
    return count
