"""Every kind of bad input an HRMS export (or an attacker) can bring: the reported line,
column and reason, and that nothing else changed — good rows still go in, bad ones not."""

from __future__ import annotations

import dataclasses
import io
from unittest import mock

import pytest
from django.contrib.auth import get_user_model

from accounts.factories import UserFactory
from onboarding.reader import FileRefused, scan
from onboarding.report import safe_cell
from onboarding.schema import people_schema
from onboarding.tests.conftest import HEADER, csv_text, run_import

User = get_user_model()

GOOD = "G-1,Good Person,good@x.example,T-FIN,,,,active"


def people() -> list[tuple]:
    return list(
        User.objects.order_by("employee_id").values_list("employee_id", "email", "is_active")
    )


def refused(content: bytes | str) -> str:
    with pytest.raises(FileRefused) as caught:
        run_import(content)
    assert not User.objects.filter(employee_id__startswith="G-").exists()
    return str(caught.value)


# -- whole-file problems: refused, nothing written ------------------------------------


def test_a_file_not_in_utf8_is_refused_naming_the_line_of_the_first_bad_byte(db, orgs):
    content = csv_text(GOOD, "G-2,Zoë,z@x.example,T-FIN,,,,active").encode("cp1252")
    message = refused(content)
    assert "Line 3 is not UTF-8" in message and "0xEB" in message


def test_a_bad_byte_far_down_still_refuses_before_anything_is_written(db, orgs):
    rows = [f"G-{n},Person {n},p{n}@x.example,T-FIN,,,,active" for n in range(2, 40)]
    content = csv_text(*rows).encode() + "G-99,Zoë,z@x.example,T-FIN,,,,active\n".encode("latin-1")
    assert "Line 40 is not UTF-8" in refused(content)


def test_a_byte_order_mark_is_accepted_and_stripped(import_csv, orgs):
    outcome = import_csv(("\ufeff" + csv_text(GOOD)).encode("utf-8"))
    assert outcome.result.created == 1 and outcome.result.notices == []
    assert User.objects.get(employee_id="G-1").first_name == "Good"


def test_missing_required_columns_are_named_and_the_file_refused(db, orgs):
    message = refused(csv_text("G-1,Good Person,active", header="employee_id,full_name,status"))
    assert "Line 1" in message and "email, organisation_code" in message
    assert HEADER in message  # tells the officer what the header must be


def test_a_repeated_column_is_refused(db, orgs):
    message = refused(csv_text(GOOD + ",x", header=HEADER + ",email"))
    assert "email" in message and "more than once" in message


def test_extra_columns_are_ignored_and_reported_once(import_csv, orgs):
    outcome = import_csv(
        csv_text(
            GOOD + ",blue,7",
            "G-2,Other One,o@x.example,T-FIN,,,,active,red,8",
            header=HEADER + ",favourite_colour,shoe_size",
        )
    )
    assert outcome.result.created == 2
    assert outcome.result.notices == [
        "These columns are not part of the format and were ignored: favourite_colour, shoe_size."
    ]


def test_an_empty_file_is_refused(db):
    with pytest.raises(FileRefused):
        run_import(b"")


def test_broken_quoting_is_refused_naming_the_line(db, orgs):
    message = refused(csv_text(GOOD, 'G-2,"Unclosed,o@x.example,T-FIN,,,,active'))
    assert "Line 3" in message


# -- row problems: the row is reported, the others go in --------------------------------


def test_empty_lines_are_skipped_and_line_numbers_stay_those_of_the_file(import_csv, orgs):
    outcome = import_csv(
        csv_text("", GOOD, "   ", ",,,,,,,", "", "G-2,Second,second@x.example,NOPE,,,,active")
    )
    assert (outcome.result.total, outcome.result.created) == (2, 1)
    assert outcome.rejected() == {
        7: ("organisation_code", "organisation_code: no organisation has the code “NOPE”")
    }


def test_quoted_fields_with_commas_and_newlines_keep_line_numbers_right(import_csv, orgs):
    """A quoted comma is data; a quoted newline makes the row span two lines (it is
    named by its first) and is refused in a one-line field, as a control character."""
    outcome = import_csv(
        csv_text(
            'G-1,"Sharma, Ravi",ravi@x.example,T-FIN,"Deputy Director, Budget",,,active',
            'G-2,Split Row,split@x.example,T-FIN,"Officer\non special duty",,,active',
            "G-3,Bad,bad-address,T-FIN,,,,active",
        )
    )
    assert outcome.result.created == 1
    person = User.objects.get(employee_id="G-1")
    assert (person.first_name, person.designation) == ("Sharma,", "Deputy Director, Budget")
    assert outcome.rejected() == {
        3: ("designation", "designation: contains a control character (U+000A)"),
        5: ("email", "email: “bad-address” is not a valid e-mail address"),
    }
    assert outcome.report[0]["designation"] == "Officer\ufffdon special duty"


@pytest.mark.parametrize(
    "row, column, reason",
    [
        (",No Id,n@x.example,T-FIN,,,,active", "employee_id", "employee_id: is required"),
        ("G-2,,n@x.example,T-FIN,,,,active", "full_name", "full_name: is required"),
        (
            "G 2,Spaced Id,n@x.example,T-FIN,,,,active",
            "employee_id",
            "employee_id: “G 2” is not in the expected form",
        ),
        (
            "G-2,Someone,n@x.example,T-FIN,,,,retired",
            "status",
            "status: “retired” is not one of: active, inactive",
        ),
        (
            "G-2,Someone,n@x.example,T-FIN,,,tlh,active",
            "preferred_language",
            "preferred_language: “tlh” is not one of:",
        ),
        (
            "G-2," + "n" * 151 + ",n@x.example,T-FIN,,,,active",
            "full_name",
            "full_name: is longer than 150 characters (151)",
        ),
        (
            "G-2,Someone,n@x.example,T-FIN,,,,active,surplus",
            "(row)",
            "(row): the row has 9 cells but the header has 8",
        ),
        (
            "G-2,Some\x00one,n@x.example,T-FIN,,,,active",
            "full_name",
            "full_name: contains a control character (U+0000",
        ),
        (
            "G-2,Evil\u202eeno,n@x.example,T-FIN,,,,active",
            "full_name",
            "full_name: contains a control character (U+202E RIGHT-TO-LEFT OVERRIDE)",
        ),
        (
            "G-2,Isolated\u2066x\u2069,n@x.example,T-FIN,,,,active",
            "full_name",
            "U+2066 LEFT-TO-RIGHT ISOLATE",
        ),
        ("G-2,Tab\tbed,n@x.example,T-FIN,,,,active", "full_name", "U+0009"),
        (
            "G-2,Someone,n@x.example,T-OLD,,,,active",
            "organisation_code",
            "organisation_code: the organisation “T-OLD” is closed",
        ),
        (
            "G-2,Someone,n@x.example,T-NOPE,,,,active",
            "organisation_code",
            "organisation_code: no organisation has the code “T-NOPE”",
        ),
    ],
)
def test_a_bad_row_is_reported_with_line_column_and_reason(import_csv, orgs, row, column, reason):
    outcome = import_csv(csv_text(GOOD, row))

    assert outcome.result.created == 1 and outcome.result.rejected == 1
    ((line, (columns, reasons)),) = outcome.rejected().items()
    assert (line, columns) == (3, column)
    assert reason in reasons
    assert people() == [("G-1", "good@x.example", True)]


def test_several_problems_of_one_row_are_all_named(import_csv, orgs):
    outcome = import_csv(csv_text("G-2,,not-an-address,T-FIN,,,,maybe"))
    columns, reasons = outcome.rejected()[2]
    assert columns == "full_name email status"
    assert reasons.count(";") == 2


def test_duplicates_in_the_file_reject_every_later_occurrence_naming_the_first(import_csv, orgs):
    outcome = import_csv(
        csv_text(
            GOOD,
            "G-1,Same Id,other@x.example,T-FIN,,,,active",
            "G-3,Same Address,GOOD@X.example,T-FIN,,,,active",
            "G-4,Fine,fine@x.example,T-FIN,,,,active",
            "G-1,Same Id Again,third@x.example,T-FIN,,,,active",
        ),
        chunk_rows=2,  # the first occurrence is in an earlier chunk than the later ones
    )
    assert outcome.rejected() == {
        3: ("employee_id", "employee_id: “G-1” already appears on line 2"),
        4: ("email", "email: “GOOD@X.example” already appears on line 2"),
        6: ("employee_id", "employee_id: “G-1” already appears on line 2"),
    }
    assert people() == [("G-1", "good@x.example", True), ("G-4", "fine@x.example", True)]


def test_an_address_of_another_account_is_refused_whatever_its_case(import_csv, orgs):
    UserFactory(employee_id="OTHER-9", email="Taken@X.example")
    UserFactory(employee_id=None, username="self-registered", email="mine@x.example")
    outcome = import_csv(
        csv_text(
            GOOD,
            "G-2,Thief,taken@x.EXAMPLE,T-FIN,,,,active",
            "G-3,Thief,MINE@x.example,T-FIN,,,,active",
        )
    )
    assert outcome.rejected() == {
        3: ("email", "email: “taken@x.EXAMPLE” is already used by another account"),
        4: ("email", "email: “MINE@x.example” is already used by another account"),
    }
    assert User.objects.get(employee_id="OTHER-9").email == "Taken@X.example"


def test_changing_a_known_persons_address_to_anothers_is_refused(import_csv, orgs):
    UserFactory(employee_id="G-1", email="good@x.example")
    UserFactory(employee_id="G-2", email="second@x.example")
    outcome = import_csv(csv_text("G-2,Second,Good@x.example,T-FIN,,,,active"))
    assert outcome.rejected()[2][0] == "email"
    assert User.objects.get(employee_id="G-2").email == "second@x.example"


def test_a_username_taken_by_someone_else_is_refused(import_csv, orgs):
    UserFactory(username="G-2", employee_id=None)
    outcome = import_csv(csv_text(GOOD, "G-2,Someone,s@x.example,T-FIN,,,,active"))
    assert outcome.rejected() == {
        3: ("employee_id", "employee_id: the username “G-2” is already taken by another account")
    }


def test_a_superuser_is_never_changed_by_import(import_csv, orgs):
    UserFactory(employee_id="ROOT-1", email="root@x.example", is_superuser=True)
    outcome = import_csv(csv_text("ROOT-1,Taken Over,attacker@evil.example,T-FIN,,,,active"))
    assert "superuser" in outcome.rejected()[2][1]
    assert User.objects.get(employee_id="ROOT-1").email == "root@x.example"


def test_the_report_defuses_spreadsheet_formulas(import_csv, orgs):
    outcome = import_csv(
        csv_text(
            '=HYPERLINK("http://evil.example"),+1,-2,@SUM(A1),T-FIN,,,active',
            header="employee_id,full_name,email,organisation_code,designation,grade,preferred_language,status",
        )
    )
    (row,) = outcome.report
    assert row["employee_id"] == '\'=HYPERLINK("http://evil.example")'
    assert (row["full_name"], row["email"], row["organisation_code"]) == ("'+1", "'-2", "'@SUM(A1)")
    assert all(not value.startswith(("=", "+", "-", "@")) for value in row.values())
    assert safe_cell("\tcmd") == "\ufffdcmd" and safe_cell("plain") == "plain"


def test_a_fifty_megabyte_file_is_read_as_a_stream(db):
    """The first pass of a 50 MB file keeps 8 bytes per row, never the file."""
    import tracemalloc

    row = (
        "S-{:07d},Person Number {:07d} Of The Long Name Test,"
        "p{:07d}@x.example,T-FIN,Officer,L1,,active\n"
    )
    lines = (row.format(n, n, n).encode() for n in range(560_000))

    class Stream(io.RawIOBase):
        """Yields the file line by line as a real file would, without holding it."""

        def __iter__(self):
            yield (HEADER + "\n").encode()
            yield from lines

    tracemalloc.start()
    found = scan(Stream(), people_schema())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = 560_000 * len(row.format(0, 0, 0).encode())
    assert size > 50 * 1024 * 1024
    assert found.total_rows == 560_000 and found.repeated == {"employee_id": set(), "email": set()}
    assert peak < 40 * 1024 * 1024  # two arrays of 8-byte hashes and a sort, not 50 MB of rows


def test_an_organisation_admins_file_needs_the_organisation_column(db, orgs, finance_admin):
    """Scope is checked through each row's organisation: a country that made the column
    optional still cannot let an organisation administrator import without it."""
    schema = people_schema()
    relaxed = dataclasses.replace(
        schema,
        fields=tuple(
            dataclasses.replace(rule, required=False) if rule.name == "organisation_code" else rule
            for rule in schema.fields
        ),
    )
    content = csv_text("G-1,Good,g@x.example,active", header="employee_id,full_name,email,status")
    with mock.patch("onboarding.importer.people_schema", return_value=relaxed):
        with pytest.raises(FileRefused, match="organisation_code"):
            run_import(content, finance_admin)
        assert run_import(content).result.created == 1  # the shell (national) may
