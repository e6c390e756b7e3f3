"""A framework file the tests can change: a copy of the country's, edited per test."""

import copy
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from portal.yaml12 import read_yaml


@pytest.fixture
def framework_data() -> dict:
    return copy.deepcopy(read_yaml(Path(settings.GOVLEARN_FRAMEWORK_FILE)))


@pytest.fixture
def write_framework(tmp_path):
    def write(data: dict, name: str = "framework.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write
