"""Where the kit's shipped data lives: the template, themes, frameworks and playbooks.

In a source checkout (and an editable install) they sit at the repository root; a built
wheel carries them inside the package under ``_data/``. The live source tree wins when
both exist, so an editable install never serves a stale copy. Everything else asks here.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_DATA_NAMES = ("template", "themes", "competency_frameworks", "playbooks", "docs")


def data_dir(name: str) -> Path:
    if name not in _DATA_NAMES:
        raise ValueError(f"unknown kit data folder {name!r}")
    source_tree = _PACKAGE_DIR.parent.parent
    if (source_tree / "pyproject.toml").is_file() and (source_tree / name).is_dir():
        return source_tree / name  # a checkout or an editable install: the live files
    return _PACKAGE_DIR / "_data" / name


def template_dir() -> Path:
    return data_dir("template")


def themes_dir() -> Path:
    return data_dir("themes")


def frameworks_dir() -> Path:
    return data_dir("competency_frameworks")


def playbooks_dir() -> Path:
    return data_dir("playbooks")


def shipped_themes() -> dict[str, Path]:
    """Theme name → theme pack folder, for every folder holding a ``theme.yaml``."""
    return {path.parent.name: path.parent for path in sorted(themes_dir().glob("*/theme.yaml"))}


def shipped_frameworks() -> dict[str, Path]:
    """Framework name (file stem) → framework file."""
    return {
        path.stem: path
        for path in sorted(frameworks_dir().glob("*.yaml"))
        if not path.name.startswith("_")
    }


def resolve_theme(reference: str, relative_to: Path | None = None) -> Path | None:
    """A shipped theme name or a path to a theme pack folder; ``None`` if neither."""
    if reference in shipped_themes():
        return shipped_themes()[reference]
    candidate = Path(reference)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    if (candidate / "theme.yaml").is_file():
        return candidate.resolve()
    return None


def resolve_framework(reference: str, relative_to: Path | None = None) -> Path | None:
    """A shipped framework name or a path to a framework YAML file; ``None`` if neither."""
    if reference in shipped_frameworks():
        return shipped_frameworks()[reference]
    candidate = Path(reference)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    if candidate.is_file():
        return candidate.resolve()
    return None
