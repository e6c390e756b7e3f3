"""Celery tasks for assigned learning: the daily reminder run (beat) and its batches."""

from __future__ import annotations

import smtplib
from datetime import date

from celery import shared_task
from django.utils import timezone

from assignments import compliance, reminders


@shared_task(name="assignments.send_reminders", acks_late=True)
def send_reminders(today: str | None = None) -> int:
    """Queue one batch task per assignment in a reminder period today (country time)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    queued = 0
    for assignment in reminders.assignments_to_remind(day).only("id", "due_on", "kind"):
        period = reminders.period_for(assignment, day)
        if period:
            remind_assignees.delay(assignment.pk, period, 0, day.isoformat())
            queued += 1
    return queued


@shared_task(
    name="assignments.remind_assignees",
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def remind_assignees(assignment_id: int, period: str, after_pk: int, today: str) -> None:
    """One batch of reminders; queues the next batch so no task runs for long."""
    last = reminders.remind_batch(assignment_id, period, after_pk, date.fromisoformat(today))
    if last is not None:
        remind_assignees.delay(assignment_id, period, last, today)


@shared_task(name="assignments.refresh_compliance", acks_late=True)
def refresh_compliance() -> int:
    """Rebuild the compliance roll-up (see ``assignments.compliance``)."""
    return compliance.refresh_counts()
