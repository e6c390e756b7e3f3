"""Issue a certificate when learning announces a completion.

``course_completed`` is sent from a worker inside the announcing transaction; the
issuing task is queued only once that transaction commits, so it never reads a
completion that could still roll back.
"""

from django.db import transaction
from django.dispatch import receiver

from certificates.features import certificates_enabled
from learning.signals import course_completed


@receiver(course_completed, dispatch_uid="certificates.issue_on_completion")
def issue_certificate_on_completion(sender, enrolment, **kwargs):
    if not certificates_enabled():
        return
    from certificates.tasks import issue_certificate

    enrolment_id = enrolment.pk
    transaction.on_commit(lambda: issue_certificate.delay(enrolment_id))
