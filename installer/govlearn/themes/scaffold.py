"""``govlearn themes new``: start a theme by copying one that already passes.

Starting from a valid pack means the new theme passes validation on day one; the
integrator then changes tokens and files one at a time and re-validates. The copy is
built in a scratch folder and moved into place only when whole.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

from govlearn.catalog import resolve_theme, shipped_themes
from govlearn.errors import GovlearnError, ValidationFailed, display_path
from govlearn.themes.model import THEME_FILE
from govlearn.themes.validate import validate_theme_dir

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


def new_theme(name: str, source: str, output_dir: Path | str = ".") -> Path:
    """Copy theme ``source`` (a shipped name or a pack folder) to ``output_dir/name``."""
    if not NAME_PATTERN.match(name):
        raise GovlearnError(
            f"theme name {name!r} is not valid: use 2-40 lower-case letters, digits and "
            "hyphens, starting with a letter"
        )
    source_path = resolve_theme(source, Path.cwd())
    if source_path is None:
        names = ", ".join(shipped_themes()) or "none"
        raise GovlearnError(
            f"--from {source!r} is neither a shipped theme ({names}) nor a folder holding "
            f"{THEME_FILE}"
        )
    problems = validate_theme_dir(source_path)
    if problems:
        raise ValidationFailed(problems, what=f"source theme {display_path(source_path)}")
    output_dir = Path(output_dir)
    target = output_dir / name
    if target.exists():
        raise GovlearnError(f"{display_path(target)} already exists; choose another name")
    output_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=output_dir))
    try:
        built = scratch / name
        shutil.copytree(
            source_path,
            built,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store"),
        )
        _rename(built / THEME_FILE, name)
        built.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _rename(theme_file: Path, name: str) -> None:
    """Set name and label, keeping the source's comments so it stays self-explaining."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(theme_file.read_text(encoding="utf-8"))
    origin = data["name"]
    data["name"] = name
    data["label"] = name.replace("-", " ").title()
    data["description"] = f"Started from the {origin} theme; describe what makes it distinct."
    with theme_file.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
