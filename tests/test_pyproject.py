"""What pyproject.toml tells a contributor points at things that exist."""

from __future__ import annotations

import re
import tomllib

from conftest import KIT_ROOT


def test_every_script_a_marker_names_exists():
    config = tomllib.loads((KIT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = config["tool"]["pytest"]["ini_options"]["markers"]
    named = {path for marker in markers for path in re.findall(r"scripts/[\w.-]+", marker)}
    assert named, "no marker names a script any more: drop this test"
    assert sorted(path for path in named if not (KIT_ROOT / path).is_file()) == []
