from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _upload_name(run: ImportRun, filename: str) -> str:
    return f"onboarding/uploads/{run.uuid}.csv"


def _report_name(run: ImportRun, filename: str) -> str:
    return f"onboarding/reports/{run.uuid}-rejected.csv"


class ImportRun(models.Model):
    """One import of an HRMS file: who, when, which file, how far, what came of it.

    The uploaded file and the rejected-rows report live in the default storage, not in
    the database. Runs are addressed by a random ``uuid`` so that one administrator's
    run cannot be found by counting.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Importing")
        FINISHED = "finished", _("Finished")
        REFUSED = "refused", _("File refused")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for imports run from the shell."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.BigIntegerField(_("file size (bytes)"))
    upload = models.FileField(_("uploaded file"), upload_to=_upload_name, blank=True)
    report = models.FileField(_("rejected rows"), upload_to=_report_name, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    message = models.TextField(_("message"), blank=True)
    notices = models.JSONField(_("notices"), default=list, blank=True)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("people import")
        verbose_name_plural = _("people imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.FINISHED:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    def progress(self) -> dict:
        """What the run page shows, as its JSON endpoint returns it."""
        return {
            "status": self.status,
            "status_label": str(self.get_status_display()),
            "in_progress": self.in_progress,
            "rows_total": self.rows_total,
            "rows_done": self.rows_done,
            "percent": self.percent,
            "accepted": self.accepted,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "message": self.message,
        }


class SuspendedIndex(models.Model):
    """An index a bulk load dropped and will build again (see ``onboarding.bulk_load``).

    A row here outside a running load means a load stopped half way; the next import
    and the next ``migrate`` build the index from ``definition`` and delete the row."""

    name = models.CharField(max_length=63, unique=True)
    table = models.CharField(max_length=63)
    definition = models.TextField(help_text="CREATE INDEX statement, as PostgreSQL wrote it.")
    suspended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "suspended index"

    def __str__(self) -> str:
        return f"{self.name} on {self.table}"
