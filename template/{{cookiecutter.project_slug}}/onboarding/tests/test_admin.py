"""The HRMS import in the Wagtail admin, as a national administrator, an organisation
administrator (scoped) and people who should not get in: upload → background task →
run page and its progress endpoint → rejected-rows download."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.factories import UserFactory
from onboarding.models import ImportRun
from onboarding.tests.conftest import csv_text

User = get_user_model()

FILE = csv_text(
    "A-1,Ravi Kumar Sharma,ravi@x.example,T-FIN,,,,active",
    "A-2,Budget Person,budget@x.example,T-FIN-BUDGET,,,,active",
    "A-3,Health Person,health@x.example,T-HEALTH,,,,active",
    "A-4,=Formula,bad-address,T-FIN,,,,active",
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, content: str, django_capture_on_commit_callbacks, name="hrms.csv"):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("onboarding:index"),
            {"file": SimpleUploadedFile(name, content.encode("utf-8"), "text/csv")},
        )
    return response


def report_rows(client, run) -> list[dict]:
    response = client.get(reverse("onboarding:report", args=[run.uuid]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hrms-rejected.csv"'
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_national_admin_uploads_follows_the_run_and_downloads_the_report(
    client, national_admin, orgs, media, django_capture_on_commit_callbacks
):
    client.force_login(national_admin)
    page = client.get(reverse("onboarding:index"))
    assert page.status_code == 200
    assert b"employee_id,full_name,email,organisation_code" in page.content

    response = upload(client, FILE, django_capture_on_commit_callbacks)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("onboarding:run", args=[run.uuid])
    assert (run.status, run.uploaded_by, run.file_name) == ("finished", national_admin, "hrms.csv")
    assert (run.rows_total, run.rows_done, run.created, run.rejected) == (4, 4, 3, 1)
    assert not run.upload and not list((media / "onboarding" / "uploads").iterdir())

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'http-equiv="refresh"' not in page.content  # finished: nothing to refresh
    assert reverse("onboarding:report", args=[run.uuid]).encode() in page.content

    progress = client.get(reverse("onboarding:progress", args=[run.uuid])).json()
    assert progress | {"status_label": ""} == {
        "status": "finished",
        "status_label": "",
        "in_progress": False,
        "rows_total": 4,
        "rows_done": 4,
        "percent": 100,
        "accepted": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
        "message": "",
    }

    (row,) = report_rows(client, run)
    assert (row["line"], row["column"], row["full_name"]) == ("5", "email", "'=Formula")


def test_a_running_import_refreshes_itself_without_javascript(client, national_admin):
    run = ImportRun.objects.create(
        uploaded_by=national_admin,
        file_name="big.csv",
        file_size=10,
        status="running",
        rows_total=1000,
        rows_done=250,
    )
    client.force_login(national_admin)
    page = client.get(reverse("onboarding:run", args=[run.uuid])).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "onboarding/run-progress.js" in page
    assert 'value="25"' in page and ">250<" in page and ">1000<" in page


def test_an_organisation_admin_imports_only_into_their_subtree(
    client, finance_admin, national_admin, orgs, django_capture_on_commit_callbacks
):
    client.force_login(finance_admin)
    upload(client, FILE, django_capture_on_commit_callbacks)

    run = ImportRun.objects.get()
    assert (run.created, run.rejected) == (2, 2)
    rows = {row["line"]: row for row in report_rows(client, run)}
    assert (
        rows["4"]["reason"]
        == "organisation_code: the organisation “T-HEALTH” is not one you administer"
    )
    assert not User.objects.filter(employee_id="A-3").exists()

    # and cannot reach someone outside the subtree, or an administrator inside it
    UserFactory(employee_id="H-9", email="h9@x.example", organisation=orgs.health)
    upload(
        client,
        csv_text(
            "H-9,Moved Here,mine@x.example,T-FIN,,,,active",
            "ADM-FIN,Me Myself,me@x.example,T-FIN,,,,active",
        ),
        django_capture_on_commit_callbacks,
    )
    second = ImportRun.objects.first()
    rows = {row["line"]: row["reason"] for row in report_rows(client, second)}
    assert rows == {
        "2": "employee_id: this person works in an organisation you do not administer",
        "3": "employee_id: this person is an administrator; their account is not changed by import",
    }
    assert User.objects.get(employee_id="H-9").organisation == orgs.health


def test_runs_and_reports_are_seen_only_by_their_uploader_and_national_admins(
    client, finance_admin, national_admin, orgs, django_capture_on_commit_callbacks
):
    client.force_login(national_admin)
    upload(client, FILE, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()

    client.force_login(finance_admin)
    for name in ("run", "progress", "report"):
        assert client.get(reverse(f"onboarding:{name}", args=[run.uuid])).status_code == 404
    assert b"hrms.csv" not in client.get(reverse("onboarding:index")).content

    learner = UserFactory()
    client.force_login(learner)
    assert client.get(reverse("onboarding:report", args=[run.uuid])).status_code in (302, 403)
    client.logout()
    response = client.get(reverse("onboarding:report", args=[run.uuid]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_file_above_the_cap_is_refused_before_it_is_read(
    client, national_admin, orgs, settings, media, django_capture_on_commit_callbacks
):
    settings.ONBOARDING_MAX_UPLOAD_BYTES = 1000
    client.force_login(national_admin)
    content = csv_text(*[f"B-{n},Name {n},b{n}@x.example,T-FIN,,,,active" for n in range(2000)])

    response = upload(client, content, django_capture_on_commit_callbacks)

    assert response.status_code == 413
    assert "files up to 1000" in response.content.decode().replace("\xa0", " ")
    assert not ImportRun.objects.exists() and not (media / "onboarding").exists()


def test_the_schema_download_names_the_portals_languages(client, national_admin):
    client.force_login(national_admin)
    schema = client.get(reverse("onboarding:schema")).json()
    field = next(f for f in schema["fields"] if f["name"] == "preferred_language")
    assert field["constraints"]["enum"]


def test_an_upload_without_its_csrf_token_is_refused(national_admin, orgs):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(national_admin)
    response = client.post(
        reverse("onboarding:index"),
        {"file": SimpleUploadedFile("hrms.csv", FILE.encode(), "text/csv")},
    )
    assert response.status_code == 403
    assert not ImportRun.objects.exists()


def test_a_refused_file_shows_why_on_its_run_page(
    client, national_admin, orgs, django_capture_on_commit_callbacks
):
    client.force_login(national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("onboarding:index"),
            {"file": SimpleUploadedFile("latin.csv", FILE.encode("utf-8") + b"\xe9\n")},
        )
    run = ImportRun.objects.get()
    assert (run.status, run.created) == ("refused", 0)
    page = client.get(reverse("onboarding:run", args=[run.uuid])).content.decode()
    assert "Line 6 is not UTF-8" in page and not User.objects.filter(employee_id="A-1").exists()


def test_a_task_delivered_twice_leaves_the_finished_run_alone(
    client, national_admin, orgs, django_capture_on_commit_callbacks
):
    from onboarding.tasks import import_people

    client.force_login(national_admin)
    upload(client, FILE, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    import_people(run.pk)
    run.refresh_from_db()
    assert (run.status, run.created, run.unchanged) == ("finished", 3, 0)


def test_the_upload_page_tells_an_organisation_admin_their_scope(client, finance_admin):
    client.force_login(finance_admin)
    page = client.get(reverse("onboarding:index")).content.decode()
    assert "<strong>Finance</strong>" in page
