"""The one environment scrub for portal commands, and that the kit's tests use it."""

from __future__ import annotations

import re

from conftest import KIT_ROOT
from portal_env import portal_env


def test_the_kits_test_settings_do_not_reach_a_portal(monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "somewhere.else")
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw3")
    monkeypatch.setenv("GOVLEARN_DEMO_PASSWORD", "from-the-shell")
    monkeypatch.setenv("DATABASE_URL", "postgres://elsewhere/db")
    monkeypatch.setenv("REDIS_URL", "redis://elsewhere:6379/0")
    monkeypatch.setenv("LANG", "C.UTF-8")
    env = portal_env()
    assert env["LANG"] == "C.UTF-8"
    assert env["PATH"]
    for name in (
        "DJANGO_SETTINGS_MODULE",
        "PYTEST_XDIST_WORKER",
        "GOVLEARN_DEMO_PASSWORD",
        "DATABASE_URL",
        "REDIS_URL",
    ):
        assert name not in env


def test_what_the_test_hands_over_wins(monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "somewhere.else")
    env = portal_env(DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL="sqlite:///x")
    assert env["DJANGO_SETTINGS_MODULE"] == "portal.settings.test"
    assert env["DATABASE_URL"] == "sqlite:///x"


def test_no_test_module_writes_its_own_scrub():
    """Another copy of the filter would drift from this one (it did: one kept DATABASE_URL)."""
    own_scrub = re.compile(r"startswith\(\s*\(\s*[\"']DJANGO_")
    copies = [
        path.relative_to(KIT_ROOT).as_posix()
        for path in (KIT_ROOT / "tests").rglob("*.py")
        if path.name != "portal_env.py" and own_scrub.search(path.read_text(encoding="utf-8"))
    ]
    assert copies == []
