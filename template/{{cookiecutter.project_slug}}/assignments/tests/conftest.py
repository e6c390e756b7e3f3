"""Fixtures for assigned learning: the small country of the organisations tests, two
published courses, and the real SMTP sink of the accounts tests."""

import pytest

from accounts.tests.conftest import smtp_sink  # noqa: F401  (a fixture, used by name)
from catalog.factories import CoursePageFactory
from organisations.tests.conftest import build_world


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """These tests read the interface's words as written in the code."""


@pytest.fixture
def world(synced_site):
    return build_world()


@pytest.fixture
def courses(synced_site):
    return [CoursePageFactory(title="Ethics in office"), CoursePageFactory(title="Budget basics")]
