"""The generated portal's own browser tests (``-m browser`` inside the portal), in Debian's
chromium, on the portal's SQLite test database. The kit's other browser tests drive a
served demo; these are the journeys each portal app writes beside its code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from portal_env import portal_env
from portal_server import EXAMPLES

from govlearn.generate import generate

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("profile", ["island-state", "rtl-country"])
def test_portal_browser_tests_pass(profile, tmp_path):
    project = generate(EXAMPLES / f"{profile}.yaml", tmp_path).path
    result = subprocess.run(
        [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", "-n", "2", "-m", "browser"],
        cwd=project,
        env=portal_env(),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
