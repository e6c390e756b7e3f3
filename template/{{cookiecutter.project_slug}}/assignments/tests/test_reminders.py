"""Reminder e-mails through a real SMTP conversation: before the due date and weekly once
overdue, once per person per period however often the job runs, in each person's
language, only to active people who have not finished."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from assignments import reminders, tasks
from assignments.factories import AssignmentFactory
from assignments.models import Assignment, ReminderSent
from learning.factories import EnrolmentFactory
from portal.country import get_country

pytestmark = pytest.mark.django_db


def day(offset: int):
    return timezone.localdate() + timedelta(days=offset)


@pytest.mark.parametrize(
    ("days_left", "kind", "period"),
    [
        (10, "mandatory", None),
        (8, "mandatory", None),
        (7, "mandatory", "before-7"),
        (3, "mandatory", "before-7"),  # assigned late: still told, once
        (1, "recommended", "before-1"),
        (0, "mandatory", "before-1"),
        (-1, "mandatory", "overdue-0"),
        (-7, "mandatory", "overdue-0"),
        (-8, "mandatory", "overdue-1"),
        (-15, "mandatory", "overdue-2"),
        (-1, "recommended", None),  # recommended learning is not chased once overdue
    ],
)
def test_the_period_an_assignment_is_in(days_left, kind, period):
    assignment = Assignment(due_on=day(days_left), kind=kind)
    assert reminders.period_for(assignment, timezone.localdate()) == period


def test_reminder_days_come_from_settings(settings):
    settings.GOVLEARN_ASSIGNMENT_REMINDER_DAYS = [14, 3]
    assignment = Assignment(due_on=day(10), kind="mandatory")
    assert reminders.period_for(assignment, timezone.localdate()) == "before-14"


@pytest.fixture
def people(world):
    office = world.office
    return {
        "en": UserFactory(username="anna", email="anna@gov.example", organisation=office),
        "other": UserFactory(
            username="lou",
            email="lou@gov.example",
            organisation=office,
            preferred_language=get_country().languages[-1].code,
        ),
        "done": UserFactory(username="dina", email="dina@gov.example", organisation=office),
        "inactive": UserFactory(
            username="ivo", email="ivo@gov.example", organisation=office, is_active=False
        ),
        "no-email": UserFactory(username="noel", email="", organisation=office),
        "elsewhere": UserFactory(
            username="eli", email="eli@gov.example", organisation=world.district
        ),
    }


@pytest.fixture
def due_in_a_week(world, courses, people):
    assignment = AssignmentFactory(
        title="Induction", organisation=world.union, courses=courses, due_on=day(7)
    )
    for course in courses:
        EnrolmentFactory(user=people["done"], course=course, completed=True)
    EnrolmentFactory(user=people["en"], course=courses[0], completed=True)
    return assignment


def recipients(messages) -> list[str]:
    return sorted(message["To"] for message in messages)


def test_a_week_before_each_unfinished_active_person_gets_one_email(
    smtp_sink, due_in_a_week, people
):
    assert tasks.send_reminders() == 1
    messages = smtp_sink.wait_for(2)
    assert recipients(messages) == ["anna@gov.example", "lou@gov.example"]
    anna = next(m for m in messages if m["To"] == "anna@gov.example")
    assert anna["Subject"] == "“Induction” is due in 7 days"
    body = smtp_sink.text_of(anna)
    assert "- Budget basics" in body and "Ethics in office" not in body  # finished one left out
    assert "http://testserver/learning/" in body
    # two more runs the same day, or the next day (still the "7 days before" period)
    tasks.send_reminders()
    tasks.send_reminders(today=day(1).isoformat())
    assert len(smtp_sink.wait_for(3, seconds=0.5)) == 2
    assert ReminderSent.objects.filter(period="before-7").count() == 2


def test_the_email_is_in_the_persons_language(smtp_sink, due_in_a_week, people):
    country = get_country()
    if len(country.languages) < 2:
        pytest.skip("the profile has one language")
    tasks.send_reminders()
    lou = next(m for m in smtp_sink.wait_for(2) if m["To"] == "lou@gov.example")
    language = country.languages[-1].django_code
    assert lou["Content-Language"] == language
    assert country.portal_name(language) in smtp_sink.text_of(lou)


def test_the_day_before_and_then_weekly_when_overdue(smtp_sink, due_in_a_week, people):
    tasks.send_reminders()
    assert len(smtp_sink.wait_for(2)) == 2
    tasks.send_reminders(today=day(6).isoformat())  # the day before: "before-1"
    assert len(smtp_sink.wait_for(4)) == 4
    tasks.send_reminders(today=day(7).isoformat())  # due today: already told
    for offset in (8, 10, 14):  # overdue week 0
        tasks.send_reminders(today=day(offset).isoformat())
    assert len(smtp_sink.wait_for(6)) == 6
    assert smtp_sink.messages[-1]["Subject"] == "Overdue: “Induction”"
    tasks.send_reminders(today=day(15).isoformat())  # overdue week 1
    assert len(smtp_sink.wait_for(8)) == 8
    periods = sorted(set(ReminderSent.objects.values_list("period", flat=True)))
    assert periods == ["before-1", "before-7", "overdue-0", "overdue-1"]


def test_a_failed_smtp_conversation_is_sent_again_by_the_retry(
    smtp_sink, settings, due_in_a_week, people
):
    port = settings.EMAIL_PORT
    with socket_that_refuses() as closed_port:
        settings.EMAIL_PORT = closed_port
        with pytest.raises(OSError):
            reminders.remind_batch(due_in_a_week.pk, "before-7", 0, timezone.localdate())
    assert not ReminderSent.objects.exists()  # nothing recorded for what was not sent
    settings.EMAIL_PORT = port
    reminders.remind_batch(due_in_a_week.pk, "before-7", 0, timezone.localdate())
    assert recipients(smtp_sink.wait_for(2)) == ["anna@gov.example", "lou@gov.example"]


def test_large_audiences_go_in_batches_each_person_once(smtp_sink, monkeypatch, world, courses):
    monkeypatch.setattr(reminders, "BATCH", 2)
    crowd = [UserFactory(email=f"p{n}@gov.example", organisation=world.ministry) for n in range(5)]
    AssignmentFactory(organisation=world.ministry, courses=courses, due_on=day(1))
    tasks.send_reminders()
    messages = smtp_sink.wait_for(5)
    assert recipients(messages) == sorted(person.email for person in crowd)


class socket_that_refuses:
    """A loopback port nothing listens on."""

    def __enter__(self):
        import socket

        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        return self.port

    def __exit__(self, *exc):
        return False


@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_beat_runs_on_a_real_worker_record_one_reminder_per_person(
    real_worker, due_in_a_week, people
):
    """Two runs queued at once, through Redis, to a real worker process: the unique
    reminder record decides, not timing."""
    import time

    first = tasks.send_reminders.delay()
    second = tasks.send_reminders.delay()
    assert first.get(timeout=60) == 1 and second.get(timeout=60) == 1
    deadline = time.monotonic() + 60
    while ReminderSent.objects.count() < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # give any duplicate time to appear
    sent = sorted(ReminderSent.objects.values_list("user__username", "period"))
    assert sent == [("anna", "before-7"), ("lou", "before-7")], real_worker.log_text()
    # …and the worker's SMTP conversation delivered exactly one e-mail to each of them.
    delivered = real_worker.mail.wait_for(2, seconds=10)
    time.sleep(0.5)
    addresses = sorted(message["To"] for message in delivered)
    expected = [people["en"].email, people["other"].email]
    assert addresses == expected, real_worker.log_text()
