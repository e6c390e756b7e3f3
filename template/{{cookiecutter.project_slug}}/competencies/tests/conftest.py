"""A framework file the tests can change: a copy of the country's, edited per test."""

import copy
from pathlib import Path

import pytest
import yaml
from django.conf import settings


@pytest.fixture
def framework_data() -> dict:
    text = Path(settings.GOVLEARN_FRAMEWORK_FILE).read_text(encoding="utf-8")
    return copy.deepcopy(yaml.safe_load(text))


@pytest.fixture
def write_framework(tmp_path):
    def write(data: dict, name: str = "framework.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write
