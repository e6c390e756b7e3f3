"""Carry out an ``ImportRun``: the glue between the importer, the run's row and storage.

The Celery task and the shell command both come here, so a run from either place goes
through the same steps and leaves the same record.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from onboarding.importer import ImportResult, PeopleImport
from onboarding.models import ImportRun
from onboarding.reader import FileRefused
from onboarding.report import RejectedRowsReport


def _save_progress(run: ImportRun, result: ImportResult) -> None:
    counts = {
        "rows_total": result.total,
        "rows_done": result.done,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": result.rejected,
    }
    for name, value in counts.items():
        setattr(run, name, value)
    ImportRun.objects.filter(pk=run.pk).update(**counts)


def execute(run: ImportRun, opener=None, report_to: Path | None = None) -> ImportResult | None:
    """Import the run's file (or what ``opener`` opens); the run ends finished or refused.

    The rejected rows go to a temporary file while the import runs, then to the default
    storage (and to ``report_to`` too, for the shell), so a run leaves no half report.
    The uploaded file is deleted once the run has ended: HR data is kept no longer than
    the import needs it (the name and size stay on the run).
    """
    if opener is None:

        @contextmanager
        def opener():
            with default_storage.open(run.upload.name, "rb") as stream:
                yield stream

    run.status, run.started_at = ImportRun.Status.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    with tempfile.TemporaryFile() as scratch:
        text = io.TextIOWrapper(scratch, encoding="utf-8", newline="", write_through=True)
        importer = PeopleImport(
            run.uploaded_by,
            report=RejectedRowsReport(text),
            on_progress=lambda result: _save_progress(run, result),
        )
        try:
            found = importer.scan(opener)
            run.notices = importer.result.notices
            _save_progress(run, importer.result)
            result = importer.run(opener, found)
        except FileRefused as refused:
            run.status, run.message = ImportRun.Status.REFUSED, str(refused)
            _finish(run, ["message"])
            return None
        text.flush()
        if result.rejected:
            scratch.seek(0)
            run.report.save("rejected.csv", File(scratch), save=False)
            if report_to is not None:
                scratch.seek(0)
                with open(report_to, "wb") as out:
                    shutil.copyfileobj(scratch, out)
        text.detach()
    run.status = ImportRun.Status.FINISHED
    _finish(run, ["report", "notices"])
    return result


def _finish(run: ImportRun, fields: list[str]) -> None:
    if run.upload:
        run.upload.delete(save=False)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at", "upload", *fields])
