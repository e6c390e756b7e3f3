import pytest

from accounts.tests.conftest import smtp_sink  # noqa: F401  (a fixture, used by name)


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """These tests read the interface's words as written in the code (see the root conftest)."""
