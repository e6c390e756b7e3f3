"""The integration lane's real Celery worker: tasks leave this process, run in another one
on the same test database, and a killed worker is replaced for the next test."""

import os

import pytest

from portal.tasks import ping

pytestmark = [
    pytest.mark.integration,
    # Leaves the database as it found it, so tests after it in any order still have
    # the rows migrations create (content types, the Wagtail root page).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_task_runs_in_the_worker_process_not_inline(real_worker):
    result = ping.delay("from-the-test")
    answer = result.get(timeout=60)
    assert answer["nonce"] == "from-the-test"
    assert result.id in real_worker.log_text()
    assert real_worker.process.pid != os.getpid()


def test_a_killed_worker_is_replaced_for_the_next_test(real_worker):
    real_worker.kill()
    assert real_worker.process.poll() is not None


def test_after_a_kill_tasks_run_again(real_worker):
    assert real_worker.process.poll() is None
    assert ping.delay("again").get(timeout=60)["nonce"] == "again"
