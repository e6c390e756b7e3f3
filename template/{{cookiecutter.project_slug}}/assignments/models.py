"""Assigned learning: courses an administrator assigns to designations, organisations or
named people, mandatory or recommended, with a due date (iGOT's capacity-building plans).

An assignment stores its *target*, never the list of people it reaches: who is assigned is
resolved as a queryset when asked (``assignments.targets``), so an assignment to a
designation across a million people costs one row, and people who move, change
designation or join later are covered without any rewrite. The only per-person rows are
``ReminderSent``: the record that makes each reminder e-mail go out once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Assignment(models.Model):
    class Target(models.TextChoices):
        DESIGNATIONS = "designations", _("Designations")
        ORGANISATION = "organisation", _("An organisation")
        PEOPLE = "people", _("Named people")

    class Kind(models.TextChoices):
        MANDATORY = "mandatory", _("Mandatory")
        RECOMMENDED = "recommended", _("Recommended")

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("Shown to administrators and in reminder e-mails, e.g. “Induction 2026”."),
    )
    courses = models.ManyToManyField(
        "catalog.CoursePage", verbose_name=_("courses"), related_name="assignments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.MANDATORY)
    due_on = models.DateField(
        _("due on"), help_text=_("The last day to complete, in the country's time zone.")
    )
    target = models.CharField(_("assigned to"), max_length=12, choices=Target)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text=_(
            "For an organisation target, the organisation; for designations, where those "
            "designations are looked for (empty: the whole country)."
        ),
    )
    include_subtree = models.BooleanField(
        _("include the organisations below"),
        default=True,
        help_text=_("Everyone in the organisations under it too."),
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("people"),
        blank=True,
        related_name="assignments",
        through="AssignedPerson",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="assignments_created",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "kind"], name="assignment_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_mandatory(self) -> bool:
        return self.kind == self.Kind.MANDATORY


class AssignedDesignation(models.Model):
    """One designation an assignment targets, stored upper-cased: HRMS files spell
    "Section Officer" and "SECTION OFFICER" alike, and the people table has an
    ``UPPER(designation)`` index to match against."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="designations"
    )
    designation = models.CharField(_("designation"), max_length=200)

    class Meta:
        verbose_name = _("assigned designation")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "designation"], name="assignments_designation_once"
            )
        ]
        indexes = [models.Index(fields=["designation"], name="assigned_designation")]

    def __str__(self) -> str:
        return self.designation


class AssignedPerson(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("assigned person")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "user"], name="assignments_person_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ← {self.assignment_id}"


class ReminderSent(models.Model):
    """One reminder e-mail that went out: to ``user``, about ``assignment``, for
    ``period`` ("before-7", "before-1", "overdue-0", "overdue-1"…). The unique constraint
    is what makes a second beat run, or a retried task, send nothing more."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=20)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user", "period"], name="assignments_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} → {self.user_id} ({self.assignment_id})"


class ComplianceCount(models.Model):
    """The compliance roll-up: for the people directly in ``organisation``, their assigned
    courses, how many are completed and how many overdue, as counted at ``counted_at``.

    Rebuilt as a whole by a beat job (``assignments.refresh_compliance``) from one
    set-based query over the raw tables; the report sums these rows by organisation path
    prefix, so a national view reads at most one row per organisation and kind instead of
    every person's assignments. ``kind`` is "mandatory", "recommended" or "" for both
    (not the sum of the two: a course assigned both ways counts once).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, blank=True)
    assigned = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    counted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("compliance count")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="compliance_count_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.kind or 'all'}: {self.completed}/{self.assigned}"
