"""Scheduled repair of the campaign counters (see ``counting.rebuild``)."""

from celery import shared_task

from campaigns.counting import rebuild_recent


@shared_task(name="campaigns.rebuild_recent", acks_late=True)
def rebuild_recent_campaigns() -> int:
    """Recount running and just-ended campaigns from the raw tables and rewrite their live
    counters: repairs a lost Redis or a lost increment within one beat period."""
    return rebuild_recent()
