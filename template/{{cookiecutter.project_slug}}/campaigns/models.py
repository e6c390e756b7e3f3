"""Learning weeks: a campaign, and the completions it has counted.

A campaign runs over the half-open interval ``[starts_at, ends_at)``: a completion at
``starts_at`` counts, one at ``ends_at`` does not. Administrators type both moments as
local date-times in the country's time zone (Django's forms read them in
``TIME_ZONE``); they are stored as aware datetimes, so a week spanning a daylight-saving
change is still exactly the local days it says. A "learning week from the 1st to the 7th"
is therefore ``starts_at`` = the 1st 00:00 and ``ends_at`` = the 8th 00:00.

``CampaignCompletion`` is the durable truth of what a campaign counted, one row per
(campaign, enrolment): the unique constraint makes counting idempotent when
``course_completed`` is re-sent, and the live counters (Redis, see ``counters``) are
rebuilt from these rows. A row keeps the organisation and region the learner belonged to
when the completion was counted, so a leaderboard does not reshuffle when someone moves
after the week.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CampaignQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def running(self, moment=None):
        moment = moment or timezone.now()
        return self.published().filter(starts_at__lte=moment, ends_at__gt=moment)

    def relevant_to(self, user):
        """National campaigns, plus those of the viewer's region and of any organisation
        on the path from the top of the tree down to the viewer's own organisation."""
        query = Q(scope=Campaign.Scope.NATIONAL)
        organisation = getattr(user, "organisation", None) if user.is_authenticated else None
        if organisation is not None:
            steplen = type(organisation).steplen
            ancestors = [
                organisation.path[:end]
                for end in range(steplen, len(organisation.path) + 1, steplen)
            ]
            query |= Q(scope=Campaign.Scope.ORGANISATION, organisation__path__in=ancestors)
            if organisation.region_id:
                query |= Q(scope=Campaign.Scope.REGION, region_id=organisation.region_id)
        return self.filter(query)


class Campaign(models.Model):
    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        REGION = "region", _("Region")
        ORGANISATION = "organisation", _("Organisation and everything below it")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("The campaign page's address.")
    )
    description = models.TextField(_("description"), blank=True)
    scope = models.CharField(
        _("scope"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL
    )
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    starts_at = models.DateTimeField(
        _("starts"), help_text=_("Local time in the country's time zone; this moment counts.")
    )
    ends_at = models.DateTimeField(
        _("ends"),
        help_text=_(
            "Local time in the country's time zone; completions from this moment on no "
            "longer count (a week ending on the 7th ends on the 8th at 00:00)."
        ),
    )
    target_courses = models.ManyToManyField(
        "catalog.CoursePage",
        verbose_name=_("target courses"),
        blank=True,
        related_name="campaigns",
    )
    target_competencies = models.ManyToManyField(
        "competencies.Competency",
        verbose_name=_("target competencies"),
        blank=True,
        related_name="campaigns",
        help_text=_("A course counts if it develops any of these. Leave both empty for all."),
    )
    target_completions = models.PositiveIntegerField(_("target completions"), null=True, blank=True)
    target_hours = models.PositiveIntegerField(
        _("target learning hours"),
        null=True,
        blank=True,
        help_text=_("Credited hours of the courses completed during the campaign."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shows the public page and the home panel.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_at", "name"]
        indexes = [models.Index(fields=["is_published", "ends_at", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="campaign_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:page", args=[self.slug])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A campaign must end after it starts.")
        if self.scope == self.Scope.REGION and self.region_id is None:
            errors["region"] = _("Choose the region of a regional campaign.")
        if self.scope == self.Scope.ORGANISATION and self.organisation_id is None:
            errors["organisation"] = _("Choose the organisation of an organisation campaign.")
        if errors:
            raise ValidationError(errors)
        # Only the field the scope uses is kept, so scope checks read one column.
        if self.scope != self.Scope.REGION:
            self.region = None
        if self.scope != self.Scope.ORGANISATION:
            self.organisation = None

    def counts_at(self, moment) -> bool:
        """Whether a completion at ``moment`` falls inside ``[starts_at, ends_at)``."""
        return self.starts_at <= moment < self.ends_at

    def is_running(self, moment=None) -> bool:
        return self.is_published and self.counts_at(moment or timezone.now())


class CampaignCompletion(models.Model):
    """One completion a campaign counted (see the module docstring)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="completions")
    enrolment = models.ForeignKey(
        "learning.Enrolment", on_delete=models.CASCADE, related_name="campaign_completions"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        on_delete=models.SET_NULL,
        related_name="campaign_completions",
    )
    region = models.ForeignKey(
        "organisations.Region",
        null=True,
        on_delete=models.SET_NULL,
        related_name="campaign_completions",
    )
    hours_tenths = models.PositiveIntegerField(
        _("credited hours (tenths)"), help_text=_("The course's credited hours × 10.")
    )
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        verbose_name = _("campaign completion")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "enrolment"], name="campaign_counts_enrolment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: enrolment {self.enrolment_id}"
