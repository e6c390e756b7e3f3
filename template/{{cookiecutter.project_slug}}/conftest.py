"""Fixtures shared by every app's tests. Each app's own rows come from its factories
(``<app>/factories.py``; people from ``accounts/factories.py``)."""

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.factories import UserFactory
from catalog.factories import course_tree
from competencies.loader import load_framework_file


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
