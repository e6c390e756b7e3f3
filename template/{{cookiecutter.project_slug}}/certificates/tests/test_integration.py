"""On real PostgreSQL and a real Celery worker: one certificate per completion, however
many events arrive and however they race.

Run in the integration lane (``-m integration`` with DATABASE_URL and REDIS_URL set).
"""

import threading

import pytest
from django.db import connection

from catalog.factories import course_tree
from certificates.issuance import issue_for_enrolment
from certificates.models import Certificate
from certificates.tasks import issue_certificate
from certificates.tests.conftest import finish
from learning.models import Enrolment

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def completed(synced_site, learner):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    tree = course_tree()
    finish(learner, tree)
    return Enrolment.objects.get(user=learner)


def test_two_workers_issuing_the_same_completion_at_once_leave_one_certificate(completed):
    barrier = threading.Barrier(2)
    results, errors = [], []

    def issue():
        try:
            barrier.wait(timeout=10)
            results.append(issue_for_enrolment(completed.pk).public_id)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert Certificate.objects.filter(enrolment=completed).count() == 1


def test_a_real_worker_given_duplicated_events_issues_one_certificate(real_worker, completed):
    sent = [issue_certificate.delay(completed.pk) for _ in range(3)]
    public_ids = {result.get(timeout=120) for result in sent}
    assert len(public_ids) == 1
    certificate = Certificate.objects.get(enrolment=completed)
    assert public_ids == {certificate.public_id}
    assert sent[0].id in real_worker.log_text()
    assert certificate.credential["proof"][0]["proofValue"]


def test_a_learner_finishing_a_course_gets_a_certificate_through_the_worker(
    real_worker, synced_site, learner
):
    """The whole chain off the request: the completion is announced by a worker task,
    whose ``course_completed`` receiver queues the issuing task, which the worker runs."""
    import time

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    tree = course_tree()
    finish(learner, tree)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        certificate = Certificate.objects.filter(enrolment__user=learner).first()
        if certificate is not None:
            break
        time.sleep(0.25)
    else:
        pytest.fail("no certificate was issued:\n" + real_worker.log_text())
    log = real_worker.log_text()
    assert "learning.announce_course_completion" in log and "certificates." in log
    assert certificate.credential["credentialSubject"]
    assert Enrolment.objects.get(user=learner).completion_announced_at is not None


def _backend_waiting_on_a_lock(timeout=60.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.2)
    return False


def test_a_worker_killed_mid_task_leaves_nothing_and_the_sweep_issues_once(real_worker, completed):
    """The worker is stopped inside its issuing transaction (held on the enrolment's row
    lock, which this test owns) and killed there: nothing is committed, and the nightly
    sweep then issues exactly one certificate."""
    from django.core.management import call_command
    from django.db import transaction

    locked, release = threading.Event(), threading.Event()

    def hold_the_enrolment_lock():
        try:
            with transaction.atomic():
                Enrolment.objects.select_for_update().get(pk=completed.pk)
                locked.set()
                release.wait(90)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_enrolment_lock)
    holder.start()
    assert locked.wait(10)
    issue_certificate.delay(completed.pk)
    try:
        assert _backend_waiting_on_a_lock(), real_worker.log_text()
        real_worker.kill()
    finally:
        release.set()
        holder.join(timeout=30)
    assert not Certificate.objects.filter(enrolment=completed).exists()
    call_command("issue_missing", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("issue_missing", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Certificate.objects.filter(enrolment=completed).count() == 1
