"""Roll-up tables behind the learning dashboards.

Figures are attributed to the learner's **current** organisation: moving a person
re-attributes their whole history (the refresh notices through ``LearnerSnapshot``).
Rows hold **subtree totals** (an organisation and everything below it, or the whole
country), split by the region of each person's organisation. Because each person sits in
exactly one organisation, the subtrees of siblings and the regions inside a subtree are
disjoint sets of people, so adding rows over them is exact even for distinct counts.

Rows are per period of one grain (day, ISO week, calendar month, in the country's time
zone). Distinct counts (active learners) are stored per period and never summed over
periods. The rows are written only by ``dashboards.rollups``; see docs/dashboards.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Grain(models.TextChoices):
    DAY = "day", _("Day")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


class Measures(models.Model):
    """What a period holds for one organisation's people (abstract: shared columns)."""

    enrolments = models.PositiveIntegerField(_("enrolments"), default=0)
    completions = models.PositiveIntegerField(_("completions"), default=0)
    certificates = models.PositiveIntegerField(
        _("certificates"), default=0, help_text=_("Issued in the period and not revoked.")
    )
    credited_hours = models.DecimalField(
        _("credited hours"), max_digits=14, decimal_places=1, default=0
    )
    time_seconds = models.BigIntegerField(_("time spent (seconds)"), default=0)
    active_learners = models.PositiveIntegerField(
        _("active learners"),
        default=0,
        help_text=_("Distinct active people who recorded learning time in the period."),
    )

    class Meta:
        abstract = True


class OrganisationPeriod(Measures):
    """A subtree's people in one period of one grain, split by the region of the
    organisation each person is in; no organisation means the whole country.

    Every organisation has rows for its whole subtree, so any subtree, the country, or
    the level below one reads a handful of rows per period, however large the tree.
    """

    grain = models.CharField(_("grain"), max_length=5, choices=Grain.choices)
    period_start = models.DateField(_("period start"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The subtree's top organisation; empty: the whole country."),
    )
    region = models.ForeignKey(
        "organisations.Region", null=True, on_delete=models.CASCADE, related_name="+"
    )
    registrations = models.PositiveIntegerField(_("registrations"), default=0)

    class Meta:
        verbose_name = _("organisation period roll-up")
        indexes = [models.Index(fields=["grain", "organisation", "period_start"])]

    def __str__(self) -> str:
        return f"{self.organisation_id or 'country'} {self.grain} {self.period_start}"


class CoursePeriod(Measures):
    """A subtree's people on one course in one calendar month, by region; no
    organisation means the whole country.

    Month only, and only for the country and the organisations of the top
    ``DASHBOARDS_COURSE_DEPTH`` levels: by course, a table for every organisation of
    every level would be as large as the raw tables it summarises.
    """

    period_start = models.DateField(_("month"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The subtree's top organisation; empty: the whole country."),
    )
    region = models.ForeignKey(
        "organisations.Region", null=True, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey("catalog.CoursePage", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("course period roll-up")
        indexes = [
            models.Index(fields=["organisation", "period_start"]),
            models.Index(fields=["course", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id or 'country'} course {self.course_id} {self.period_start}"


class OrganisationSnapshot(models.Model):
    """The tree as the roll-ups last counted it: a subtree row holds the people below
    an organisation, so moving an organisation or changing its region means a rebuild."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    parent_id = models.BigIntegerField(null=True)
    region_id = models.BigIntegerField(null=True)

    def __str__(self) -> str:
        return f"{self.organisation_id} under {self.parent_id}"


class LearnerSnapshot(models.Model):
    """Where the roll-ups last counted a person, and whether as active.

    The refresh compares it with ``accounts.User`` in one query, so moves and
    deactivations are found however they were made (admin, HRMS import, bulk update).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    organisation_id = models.BigIntegerField(null=True)
    is_active = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.user_id} counted in {self.organisation_id}"


class DirtyDay(models.Model):
    """A local day whose figures changed after the fact (a move, a revocation, a
    deletion): the next refresh recomputes every period containing it."""

    day = models.DateField(primary_key=True)

    def __str__(self) -> str:
        return str(self.day)


class RollupState(models.Model):
    """The single row recording the last refresh (and locking concurrent ones)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    refreshed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"roll-ups refreshed at {self.refreshed_at}"
