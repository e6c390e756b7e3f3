"""Mark the days whose figures changed after the fact, for the next roll-up refresh.

New events need nothing here: they are stamped "now" and every refresh recomputes the
periods since the last one (``dashboards.rollups``). What changes the past is a deleted
enrolment or certificate, a revoked certificate, or a course whose credited hours were
edited; each receiver does one small insert (or one indexed lookup) and never a recount.
Moves and deactivations of people are found by the refresh itself (``LearnerSnapshot``).
"""

from django.db.models.functions import TruncDate
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from catalog.models import CoursePage
from certificates.models import Certificate
from dashboards.periods import local_day, local_zone
from dashboards.rollups import LATE_COMMIT_MARGIN, mark_dirty
from learning.models import Enrolment, LearningTime

# Fields of an enrolment whose change moves a figure; progress saves touch none of them.
_COUNTED_ENROLMENT_FIELDS = {"enrolled_at", "completed_at", "user", "course"}


def _past(days):
    """Only days the next refresh would not recompute anyway (the usual event is "now")."""
    recent = local_day(timezone.now() - LATE_COMMIT_MARGIN)
    return [day for day in days if day is not None and day < recent]


def _mark(*moments):
    days = _past(local_day(moment) for moment in moments if moment is not None)
    if days:
        mark_dirty(days)


@receiver(post_save, sender=Enrolment, dispatch_uid="dashboards-enrolment-saved")
@receiver(post_delete, sender=Enrolment, dispatch_uid="dashboards-enrolment-deleted")
def enrolment_changed(sender, instance, update_fields=None, **kwargs):
    """A saved enrolment may carry a past date (an import); a deleted one leaves its days."""
    if update_fields is not None and not _COUNTED_ENROLMENT_FIELDS & set(update_fields):
        return
    _mark(instance.enrolled_at, instance.completed_at)


@receiver(post_save, sender=Certificate, dispatch_uid="dashboards-certificate-saved")
@receiver(post_delete, sender=Certificate, dispatch_uid="dashboards-certificate-deleted")
def certificate_changed(sender, instance, **kwargs):
    """A revocation takes the certificate out of the day it was issued."""
    _mark(instance.issued_at)


@receiver(post_delete, sender=LearningTime, dispatch_uid="dashboards-time-deleted")
def learning_time_deleted(sender, instance, **kwargs):
    days = _past([instance.day])
    if days:
        mark_dirty(days)


@receiver(page_published, dispatch_uid="dashboards-course-published")
def course_published(sender, instance, **kwargs):
    """Edited credited hours change every day this course was completed on."""
    if not isinstance(instance, CoursePage):
        return
    days = (
        Enrolment.objects.filter(course=instance, completed_at__isnull=False)
        .annotate(day=TruncDate("completed_at", tzinfo=local_zone()))
        .order_by()
        .values_list("day", flat=True)
        .distinct()
    )
    past = _past(days)
    if past:
        mark_dirty(past)
