"""``manage.py import_people``: what it prints and the exit code a nightly job reads."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from onboarding.models import ImportRun
from onboarding.tests.conftest import csv_text

User = get_user_model()


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_people", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_a_clean_file_prints_the_summary_and_exits_0(orgs, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(csv_text("K-1,Kim Lee,kim@x.example,T-FIN,,,,active"), encoding="utf-8")

    code, out, err = run(str(path))
    assert code == 0 and err == ""
    assert "1 rows; 1 accepted (1 created, 0 updated, 0 unchanged), 0 rejected." in out

    code, out, _err = run(str(path))
    assert code == 0 and "(0 created, 0 updated, 1 unchanged)" in out
    run_record = ImportRun.objects.first()
    assert (run_record.status, run_record.uploaded_by, run_record.unchanged) == (
        "finished",
        None,
        1,
    )


def test_rejected_rows_exit_1_and_go_to_the_report(orgs, tmp_path):
    path, report = tmp_path / "people.csv", tmp_path / "rejected.csv"
    path.write_text(
        csv_text(
            "K-1,Kim Lee,kim@x.example,T-FIN,,,,active", "K-2,Bad Org,b@x.example,ZZZ,,,,active"
        ),
        encoding="utf-8",
    )

    code, out, err = run(str(path), "--report", str(report))

    assert code == 1
    assert "1 accepted (1 created" in out and "1 rejected" in out
    assert f"Rejected rows written to {report}" in err
    with open(report, encoding="utf-8", newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert (row["line"], row["column"], row["employee_id"]) == ("3", "organisation_code", "K-2")
    assert User.objects.filter(employee_id="K-1").exists()


def test_a_refused_file_exits_1_naming_the_problem(orgs, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_text("K-1,Zoë,z@x.example,T-FIN,,,,active").encode("latin-1"))
    code, out, err = run(str(path))
    assert code == 1 and "Line 2 is not UTF-8" in err and out == ""
    assert not User.objects.filter(employee_id="K-1").exists()


def test_a_file_over_the_cap_is_refused_before_reading(orgs, tmp_path, settings):
    settings.ONBOARDING_MAX_UPLOAD_BYTES = 100
    path = tmp_path / "people.csv"
    path.write_text(csv_text(*[f"K-{n},N,k{n}@x.example,T-FIN,,,,active" for n in range(9)]))
    with pytest.raises(CommandError, match="ONBOARDING_MAX_UPLOAD_BYTES"):
        call_command("import_people", str(path))
    assert not ImportRun.objects.exists()
