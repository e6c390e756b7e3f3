"""Finish a plain `cookiecutter` run: bring in the default theme and framework.

`govlearn new` copies the profile's own theme and framework itself (and says so through
`_kit_copies_assets`); someone running cookiecutter directly gets the kit's defaults, found
through the installed `govlearn` package or beside the template folder.
"""

import json
import os
import shutil
import sys
from pathlib import Path

# Each value arrives as a JSON string inside a raw ''' string: Jinja's tojson escapes
# quotes (' becomes \u0027), so nothing typed at the prompt can end the literal and
# become Python code. fmt: off keeps the single quotes that guarantee this.
# fmt: off
KIT_COPIES_ASSETS = json.loads(r'''{{ cookiecutter._kit_copies_assets | tojson }}''') == "yes"
TEMPLATE_DIR = json.loads(r'''{{ cookiecutter._repo_dir | tojson }}''')
# fmt: on
DEFAULT_THEME = "civic"
DEFAULT_FRAMEWORK = "generic-public-service"


def kit_data_dirs():
    try:
        from govlearn import catalog

        yield catalog.themes_dir(), catalog.frameworks_dir()
    except ImportError:
        pass
    template = Path(TEMPLATE_DIR)
    if not template.is_absolute():
        template = Path(os.environ.get("PWD", os.getcwd())) / template
    yield template.parent / "themes", template.parent / "competency_frameworks"


def copy_default_assets():
    for themes, frameworks in kit_data_dirs():
        theme = themes / DEFAULT_THEME
        framework = frameworks / f"{DEFAULT_FRAMEWORK}.yaml"
        if (theme / "theme.yaml").is_file() and framework.is_file():
            shutil.copytree(theme, "theme", dirs_exist_ok=True)
            Path("framework").mkdir(exist_ok=True)
            shutil.copyfile(framework, Path("framework") / "framework.yaml")
            return True
    return False


def remove_build_leftovers():
    """Byte-code caches of a template that was used in place are not part of a project."""
    for cache in list(Path(".").rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)
    for leftover in (".pytest_cache", ".ruff_cache", "db.sqlite3"):
        path = Path(leftover)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()


remove_build_leftovers()
if not KIT_COPIES_ASSETS and not copy_default_assets():
    print(
        "error: cannot find the govlearn kit's default theme and framework; "
        "run cookiecutter on the template inside a govlearn checkout, or use `govlearn new`",
        file=sys.stderr,
    )
    sys.exit(1)
