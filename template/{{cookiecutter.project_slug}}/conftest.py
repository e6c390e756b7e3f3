"""Fixtures shared by every app's tests. Each app's own rows come from its factories
(``<app>/factories.py``; people from ``accounts/factories.py``)."""

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.factories import UserFactory
from catalog.factories import course_tree
from competencies.loader import load_framework_file
from portal.testing.worker import RoutedToWorker, start_worker


@pytest.fixture
def synced_site(db):
    """The database as `sync_country` leaves it: home page, locales, organisations."""
    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def source_strings(settings):
    """The interface in its source strings: without the portal's translation catalogues a
    test reading English words passes for every country profile, whatever its default
    language. Apps whose tests read page text use it for all their tests (their conftest)."""
    settings.LOCALE_PATHS = []


@pytest.fixture
def framework(db):
    """The country's real competency framework, loaded as ``seed_demo`` would."""
    return load_framework_file(settings.GOVLEARN_FRAMEWORK_FILE).framework


@pytest.fixture
def learner(db):
    return UserFactory(username="learner", employee_id="EMP-0042")


@pytest.fixture
def other_learner(db):
    return UserFactory(username="other", employee_id="EMP-0043")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def tree(synced_site):
    """A published course of two modules: four reading lessons and a final quiz lesson."""
    return course_tree()


@pytest.fixture(scope="session")
def _workers(django_db_setup, django_db_blocker, tmp_path_factory):
    """The real Celery worker of this test process, started the first time a test asks
    and started again after a test killed it."""
    log_dir = tmp_path_factory.mktemp("celery")
    current: list = []

    def running():
        if not current or current[0].process.poll() is not None:
            with django_db_blocker.unblock():
                current[:] = [start_worker(log_dir)]
        return current[0]

    yield running
    if current:
        current[0].stop()


@pytest.fixture
def real_worker(transactional_db, _workers):
    """Tasks sent during the test go through Redis to a real worker process on the test
    database. Use with ``@pytest.mark.integration`` and
    ``@pytest.mark.django_db(transaction=True)``: the worker sees only committed rows.
    The fixture is the worker (``.kill()`` it to test a crash mid-task)."""
    worker = _workers()
    worker.mail.messages.clear()  # each test reads only the mail its own tasks sent
    with RoutedToWorker(worker.queue):
        yield worker
    worker.settle()  # before pytest-django empties the database under it
