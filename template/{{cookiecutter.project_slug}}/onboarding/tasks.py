"""Background work of the onboarding app."""

from celery import shared_task
from django.utils import timezone

from onboarding.models import ImportRun
from onboarding.runs import execute


@shared_task(
    name="onboarding.import_people",
    acks_late=True,
    # A million rows takes about a minute; leave room for a slow night.
    soft_time_limit=2 * 60 * 60,
    time_limit=2 * 60 * 60 + 300,
)
def import_people(run_id: int) -> None:
    """Import an uploaded file. Safe to run again: rows already written are unchanged."""
    run = ImportRun.objects.select_related("uploaded_by").get(pk=run_id)
    if run.status in (ImportRun.Status.FINISHED, ImportRun.Status.REFUSED):
        return  # delivered twice: the run has ended and its file is gone
    try:
        execute(run)
    except Exception as error:
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED,
            message=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
