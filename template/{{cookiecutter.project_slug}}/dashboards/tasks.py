"""The beat job that keeps the dashboards' roll-ups current (see ``dashboards.rollups``)."""

from celery import shared_task

from dashboards import rollups

# A refresh after a reorganisation rebuilds every period, which at national scale takes
# far longer than the portal's default task time limit; cut short, it would be retried
# from the start for ever.
REBUILD_TIME_LIMIT = 6 * 60 * 60


@shared_task(
    name="dashboards.refresh_rollups",
    acks_late=True,
    time_limit=REBUILD_TIME_LIMIT,
    soft_time_limit=REBUILD_TIME_LIMIT - 60,
)
def refresh_rollups() -> dict:
    """Recompute the periods that changed since the last run; safe to run twice (the
    second waits for the first's lock, then finds little to do)."""
    report = rollups.refresh()
    return {"full": report.full, "days": report.days, "ranges": report.ranges}
