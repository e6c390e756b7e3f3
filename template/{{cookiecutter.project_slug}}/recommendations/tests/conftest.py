import pytest


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """These tests read the interface's words as written in the code (see the root conftest)."""
