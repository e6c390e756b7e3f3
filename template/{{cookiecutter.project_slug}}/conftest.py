"""Fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture
def synced_site(db):
    """The database as `sync_country` leaves it: home page, locales, organisations."""
    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
