"""Fixtures shared by the catalog, learning and api test suites (star-imported by their
conftest files)."""

import pytest
from django.conf import settings

from accounts.models import User
from catalog.factories import course_tree
from competencies.loader import load_framework_file


@pytest.fixture(autouse=True)
def source_strings(settings):
    """Tests read the interface's source strings: without the portal's translation
    catalogues they pass for every country profile, whatever its default language."""
    settings.LOCALE_PATHS = []


@pytest.fixture
def framework(db):
    """The country's real competency framework, loaded as ``seed_demo`` would."""
    return load_framework_file(settings.GOVLEARN_FRAMEWORK_FILE).framework


@pytest.fixture
def learner(db):
    return User.objects.create_user("learner", password="pw", employee_id="EMP-0042")


@pytest.fixture
def other_learner(db):
    return User.objects.create_user("other", password="pw", employee_id="EMP-0043")


@pytest.fixture
def tree(synced_site):
    return course_tree()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
