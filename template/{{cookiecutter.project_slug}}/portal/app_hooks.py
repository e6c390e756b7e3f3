"""Per-app hooks run by management commands in ``INSTALLED_APPS`` order.

``sync_country`` calls ``<app>.country_sync.sync(country, stdout)`` and ``seed_demo`` calls
``<app>.demo.seed(country, stdout)``: each app owns its own data, and adding an app never
means editing a central command.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


def app_modules(module_name: str) -> Iterator[tuple[str, ModuleType]]:
    for config in apps.get_app_configs():
        dotted = f"{config.name}.{module_name}"
        if find_spec(dotted) is not None:
            yield config.label, import_module(dotted)
