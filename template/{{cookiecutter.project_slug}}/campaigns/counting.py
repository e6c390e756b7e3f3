"""Counting completions for campaigns, and rebuilding what was counted from raw tables.

``count_completion`` runs from the ``course_completed`` receiver, inside the announcing
transaction: it inserts one ``CampaignCompletion`` per campaign that counts the
completion (the unique constraint turns a re-sent signal into a no-op) and bumps the live
counters only for rows it really inserted, once the transaction commits.

``rebuild`` makes one campaign's rows equal to what the raw tables say (dates or targets
edited, a signal lost, a campaign created after its first completions) with two set-based
statements — a ``DELETE`` of rows that no longer qualify and an
``INSERT … SELECT … ON CONFLICT DO NOTHING`` of those missing — then rewrites the live
counters from the rows.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import DecimalField, Exists, F, IntegerField, OuterRef, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from campaigns import counters
from campaigns.matching import (
    campaigns_counting,
    in_window_on_target,
    qualifying_enrolments,
    scope_q,
)
from campaigns.models import Campaign, CampaignCompletion


def hours_tenths(course) -> int:
    return round(course.hours_credited * 10)


def count_completion(enrolment) -> list[int]:
    """Count ``enrolment``'s completion for every campaign it belongs to; returns the ids
    of the campaigns that counted it now (empty when already counted)."""
    if enrolment.completed_at is None:
        return []
    organisation = enrolment.user.organisation
    region_id = organisation.region_id if organisation is not None else None
    matching = campaigns_counting(enrolment.course, organisation, enrolment.completed_at)
    tenths = hours_tenths(enrolment.course)
    counted = []
    for campaign_id in matching.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                CampaignCompletion.objects.create(
                    campaign_id=campaign_id,
                    enrolment=enrolment,
                    organisation=organisation,
                    region_id=region_id,
                    hours_tenths=tenths,
                    completed_at=enrolment.completed_at,
                )
        except IntegrityError:  # counted before: the signal was re-sent, or a rebuild ran
            continue
        counted.append(campaign_id)
    if counted:
        organisation_id = organisation.pk if organisation is not None else None
        transaction.on_commit(lambda: counters.add(counted, organisation_id, region_id, tenths))
    return counted


def _missing_rows_sql(campaign: Campaign) -> tuple[str, tuple]:
    """The SELECT of every qualifying enrolment not yet counted, as SQL and parameters.
    Every column is a named annotation, so the INSERT below can name them."""
    counted_rows = CampaignCompletion.objects.filter(campaign=campaign)
    missing = (
        qualifying_enrolments(campaign)
        .filter(~Exists(counted_rows.filter(enrolment_id=OuterRef("pk"))))
        .annotate(
            row_enrolment=F("pk"),
            row_organisation=F("user__organisation_id"),
            row_region=F("user__organisation__region_id"),
            row_tenths=Cast(
                Coalesce("course__credited_hours", "course__duration_hours")
                * Value(10, output_field=DecimalField(max_digits=3, decimal_places=0)),
                IntegerField(),
            ),
            row_completed_at=F("completed_at"),
        )
        .values_list(*ROW_COLUMNS.values())
        .order_by()
    )
    return missing.query.sql_with_params()


# CampaignCompletion column → the annotation of ``_missing_rows_sql`` that fills it.
ROW_COLUMNS = {
    "enrolment_id": "row_enrolment",
    "organisation_id": "row_organisation",
    "region_id": "row_region",
    "hours_tenths": "row_tenths",
    "completed_at": "row_completed_at",
}


def rebuild(campaign: Campaign) -> None:
    """Make the campaign's rows equal to a recount from the raw tables, then rewrite its
    live counters from them once that commits."""
    with transaction.atomic():
        # One rebuild of a campaign at a time.
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
        counted = CampaignCompletion.objects.filter(campaign=campaign)
        # Anti-joins (NOT EXISTS on indexed keys), never NOT IN over a large subquery.
        qualifies = in_window_on_target(campaign).filter(pk=OuterRef("enrolment_id"))
        counted.filter(~Exists(qualifies)).delete()
        if campaign.scope != Campaign.Scope.NATIONAL:
            counted.exclude(scope_q(campaign, "organisation")).delete()
        select, params = _missing_rows_sql(campaign)
        table = connection.ops.quote_name(CampaignCompletion._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in ("campaign_id", *ROW_COLUMNS))
        picked = ", ".join(f"missing.{connection.ops.quote_name(a)}" for a in ROW_COLUMNS.values())
        with connection.cursor() as cursor:
            cursor.execute(
                # Names come from the model; every value travels as a parameter.
                f"INSERT INTO {table} ({columns}) "
                f"SELECT %s, {picked} FROM ({select}) AS missing WHERE TRUE "
                "ON CONFLICT (campaign_id, enrolment_id) DO NOTHING",
                (campaign.pk, *params),
            )
        campaign_id = campaign.pk
        transaction.on_commit(lambda: counters.replace_from_rows(campaign_id))


# Completions announced late (a worker backlog) still carry their own time, so the repair
# also covers campaigns that ended a little while ago.
REBUILD_AFTER_END = timedelta(days=2)


def campaigns_to_repair(moment=None):
    moment = moment or timezone.now()
    return Campaign.objects.filter(starts_at__lte=moment, ends_at__gt=moment - REBUILD_AFTER_END)


def rebuild_recent(moment=None) -> int:
    """Rebuild every running or just-ended campaign (the scheduled repair)."""
    campaigns = list(campaigns_to_repair(moment))
    for campaign in campaigns:
        rebuild(campaign)
    return len(campaigns)
