"""What an HR officer sees an import do to people: created, updated, unchanged,
deactivated, moved — matched by employee id, names kept exactly as the HRMS has them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from accounts.factories import UserFactory
from learning.factories import EnrolmentFactory
from onboarding.rows import split_full_name
from onboarding.tests.conftest import csv_text

User = get_user_model()

THREE = csv_text(
    "E-001,Ravi Kumar Sharma,ravi@finance.example,T-FIN,Under Secretary,L11,en,active",
    'E-002,"Okonkwo, Ada",Ada.Okonkwo@Mail.Example,T-FIN-BUDGET,'
    '"Deputy Director, Budget",L12,,active',
    "E-003,राम प्रसाद शर्मा,ram@health.example,T-HEALTH,,,,inactive",
)


def test_first_import_creates_people_with_an_unusable_password(import_csv, orgs):
    outcome = import_csv(THREE)

    assert (outcome.result.created, outcome.result.rejected, outcome.result.total) == (3, 0, 3)
    ravi = User.objects.get(employee_id="E-001")
    assert (ravi.username, ravi.first_name, ravi.last_name) == ("E-001", "Ravi Kumar", "Sharma")
    assert ravi.get_full_name() == "Ravi Kumar Sharma"
    assert (ravi.organisation, ravi.designation, ravi.grade) == (
        orgs.finance,
        "Under Secretary",
        "L11",
    )
    assert ravi.preferred_language == "en" and ravi.is_active
    assert not ravi.has_usable_password()
    assert ravi.password != User.objects.get(employee_id="E-002").password
    ada = User.objects.get(employee_id="E-002")
    assert ada.email == "Ada.Okonkwo@Mail.Example"  # any domain, kept as written
    assert ada.designation == "Deputy Director, Budget"
    assert not User.objects.get(employee_id="E-003").is_active


def test_reimporting_the_same_file_changes_nothing(import_csv, orgs):
    import_csv(THREE)
    before = list(User.objects.order_by("pk").values())

    again = import_csv(THREE).result

    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 0)
    assert list(User.objects.order_by("pk").values()) == before


def test_inactive_deactivates_and_active_reactivates_never_deleting(import_csv, orgs):
    import_csv(THREE)
    person = User.objects.get(employee_id="E-001")

    result = import_csv(
        csv_text(
            "E-001,Ravi Kumar Sharma,ravi@finance.example,T-FIN,Under Secretary,L11,en,inactive"
        )
    ).result
    assert (result.updated, result.unchanged) == (1, 0)
    person.refresh_from_db()
    assert not person.is_active

    import_csv(THREE)
    person.refresh_from_db()
    assert person.is_active and User.objects.filter(employee_id__startswith="E-").count() == 3


def test_a_person_who_moves_keeps_their_account_and_learning(import_csv, orgs, tree):
    import_csv(THREE)
    person = User.objects.get(employee_id="E-001")
    enrolment = EnrolmentFactory(user=person, course=tree.course)

    result = import_csv(
        csv_text("E-001,Ravi Kumar Sharma,ravi@finance.example,T-HEALTH,Director,L13,en,active")
    ).result

    assert (result.created, result.updated) == (0, 1)
    moved = User.objects.get(employee_id="E-001")
    assert moved.pk == person.pk and moved.password == person.password
    assert (moved.organisation, moved.designation, moved.grade) == (orgs.health, "Director", "L13")
    enrolment.refresh_from_db()
    assert enrolment.user_id == person.pk


def test_an_empty_language_leaves_the_learners_own_choice(import_csv, orgs):
    UserFactory(
        employee_id="E-002",
        username="ada",
        email="ada.okonkwo@mail.example",
        preferred_language="fr",
        first_name="Okonkwo,",
        last_name="Ada",
    )
    import_csv(THREE)
    ada = User.objects.get(employee_id="E-002")
    assert ada.preferred_language == "fr" and ada.username == "ada"
    assert ada.email == "Ada.Okonkwo@Mail.Example"


@pytest.mark.parametrize(
    "full_name, first, last",
    [
        ("Ravi Kumar Sharma", "Ravi Kumar", "Sharma"),
        ("Sukarno", "Sukarno", ""),
        ("राम प्रसाद", "राम", "प्रसाद"),
        ("محمد بن سلمان", "محمد بن", "سلمان"),
        ("王小明", "王小明", ""),
        ("Anna  Double", "Anna  Double", ""),  # two spaces: kept whole, not altered
        ("Jean\u00a0Dupont", "Jean\u00a0Dupont", ""),  # no-break space is not a separator
    ],
)
def test_full_names_split_so_the_full_name_comes_back_exactly(full_name, first, last):
    assert split_full_name(full_name) == (first, last)
    assert " ".join(part for part in (first, last) if part) == full_name


def test_names_in_any_script_survive_byte_for_byte(import_csv, orgs):
    names = {
        "E-101": "श्रीमती अनुराधा",  # Devanagari with a virama and vowel signs
        "E-102": "فاطمة الزهراء",
        "E-103": "مُحَمَّد\u200fعلي",  # Arabic with diacritics and a right-to-left mark
        "E-104": "ന്‍ജ\u200dമ",  # Malayalam with a zero-width joiner
        "E-105": "Zoë Ångström",  # decomposed/composed Latin stays as typed
    }
    rows = [f"{eid},{name},{eid.lower()}@x.example,T-FIN,,,,active" for eid, name in names.items()]
    outcome = import_csv(csv_text(*rows))

    assert outcome.result.created == 5, outcome.report
    for eid, name in names.items():
        person = User.objects.get(employee_id=eid)
        assert person.get_full_name().encode("utf-8") == name.encode("utf-8")


def test_missing_optional_columns_leave_those_fields_alone(import_csv, orgs):
    import_csv(THREE)
    outcome = import_csv(
        csv_text(
            "E-001,Ravi Kumar Sharma,ravi@finance.example,T-FIN,active",
            header="employee_id,full_name,email,organisation_code,status",
        )
    )
    assert (outcome.result.unchanged, outcome.result.updated) == (1, 0)
    ravi = User.objects.get(employee_id="E-001")
    assert (ravi.designation, ravi.grade) == ("Under Secretary", "L11")


def test_columns_in_another_order_and_case_are_understood(import_csv, orgs):
    outcome = import_csv(
        csv_text(
            "active,T-FIN,ravi@finance.example,E-001,Ravi Kumar Sharma",
            header="Status, ORGANISATION_CODE ,email,Employee_ID,full_name",
        )
    )
    assert outcome.result.created == 1
    assert User.objects.get(employee_id="E-001").organisation == orgs.finance


def test_rows_across_chunks_are_imported_and_counted(import_csv, orgs):
    rows = [f"C-{n:03d},Person {n},c{n}@x.example,T-FIN,,,,active" for n in range(25)]
    outcome = import_csv(csv_text(*rows), chunk_rows=7)
    assert (outcome.result.created, outcome.result.done, outcome.result.total) == (25, 25, 25)
    assert User.objects.filter(employee_id__startswith="C-").count() == 25


def _rows(count: int, start: int = 0) -> str:
    return csv_text(
        *(
            f"Q-{n:05d},Person {n},q{n}@x.example,T-FIN,Officer,L{n % 9},en,active"
            for n in range(start, start + count)
        )
    )


@pytest.mark.parametrize("label", ["create", "update"])
def test_query_count_is_the_same_for_100_and_2000_rows(import_csv, orgs, label):
    """One chunk costs a fixed number of queries, however many rows it holds."""

    def counted(count: int) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        content = _rows(count, start=10_000 * (count // 100))
        if label == "update":
            import_csv(content)
            content = content.replace("Officer", "Senior officer")
        with CaptureQueriesContext(connection) as queries:
            outcome = import_csv(content)
        assert outcome.result.rejected == 0
        assert (outcome.result.updated if label == "update" else outcome.result.created) == count
        return len(queries.captured_queries)

    small, large = counted(100), counted(2000)
    assert small == large
    assert large <= 12
