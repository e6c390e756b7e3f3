"""The portal's ``.env.example`` documents every environment variable its settings read.

Names are found by parsing the settings modules (and the entry points that choose them),
not by running them: any ``env(...)``, ``env.<cast>(...)``, ``os.environ[...]``,
``os.environ.get(...)``, ``os.environ.setdefault(...)`` or ``os.getenv(...)`` call.
"""

from __future__ import annotations

import ast
import re

from conftest import KIT_ROOT

PORTAL = KIT_ROOT / "template" / "{{cookiecutter.project_slug}}"
ENV_EXAMPLE = PORTAL / ".env.example"
READERS = [
    *sorted((PORTAL / "portal" / "settings").glob("*.py")),
    PORTAL / "manage.py",
    PORTAL / "portal" / "wsgi.py",
    PORTAL / "portal" / "celery_app.py",
]
ASSIGNMENT = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=")


def _is_os_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _reader(call: ast.Call) -> bool:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id == "env"
    if not isinstance(function, ast.Attribute):
        return False
    if isinstance(function.value, ast.Name) and function.value.id == "env":
        return True  # env.bool, env.int, env.list, env.db, env.email_url, …
    if isinstance(function.value, ast.Name) and function.value.id == "os":
        return function.attr == "getenv"
    return _is_os_environ(function.value) and function.attr in {"get", "setdefault", "pop"}


def variables_read(source: str, filename: str = "<settings>") -> dict[str, bool]:
    """Each variable the source reads, and whether it is read with no default."""
    found: dict[str, bool] = {}
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call) and _reader(node):
            assert node.args, f"{filename}:{node.lineno}: environment read without a name"
            name = node.args[0]
            assert isinstance(name, ast.Constant) and isinstance(name.value, str), (
                f"{filename}:{node.lineno}: environment variable name is not a literal"
            )
            required = len(node.args) == 1 and not any(k.arg == "default" for k in node.keywords)
            found[name.value] = found.get(name.value, False) or required
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            key = node.slice
            assert isinstance(key, ast.Constant), f"{filename}:{node.lineno}: not a literal"
            found[key.value] = True
    return found


def documented(text: str) -> dict[str, tuple[bool, str]]:
    """Each variable of an .env file: whether it is set (not commented out), and the
    comment line just above it, '' when there is none."""
    entries: dict[str, tuple[bool, str]] = {}
    previous = ""
    for line in text.splitlines():
        match = ASSIGNMENT.match(line)
        if match:
            comment = "" if ASSIGNMENT.match(previous) else previous
            entries[match.group(2)] = (match.group(1) is None, comment)
        previous = line if line.startswith("#") else ""
    return entries


def portal_variables() -> dict[str, bool]:
    found: dict[str, bool] = {}
    for path in READERS:
        for name, required in variables_read(path.read_text(encoding="utf-8"), path.name).items():
            found[name] = found.get(name, False) or required
    return found


def test_every_variable_the_settings_read_is_in_env_example():
    read = portal_variables()
    entries = documented(ENV_EXAMPLE.read_text(encoding="utf-8"))
    missing = sorted(set(read) - set(entries))
    assert missing == [], f".env.example lacks {missing}"


def test_env_example_lists_nothing_the_portal_does_not_read():
    entries = documented(ENV_EXAMPLE.read_text(encoding="utf-8"))
    stale = sorted(set(entries) - set(portal_variables()))
    assert stale == [], f".env.example documents variables nothing reads: {stale}"


def test_every_variable_in_env_example_has_its_own_comment():
    entries = documented(ENV_EXAMPLE.read_text(encoding="utf-8"))
    bare = sorted(name for name, (_, comment) in entries.items() if not comment.strip("# "))
    assert bare == [], f"no comment directly above {bare}"


def test_what_production_cannot_start_without_is_set_not_commented_out():
    entries = documented(ENV_EXAMPLE.read_text(encoding="utf-8"))
    production = PORTAL / "portal" / "settings" / "production.py"
    required = [
        name
        for name, needed in variables_read(production.read_text(encoding="utf-8")).items()
        if needed
    ]
    # production.py refuses to start without these too (it checks them itself).
    required += ["DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"]
    assert "DJANGO_SECRET_KEY" in required
    assert [name for name in required if not entries[name][0]] == []


def test_the_scan_finds_every_kind_of_read():
    source = """
import os
A = env("A_PLAIN")
B = env.bool("A_BOOL", default=True)
C = env.int("AN_INT", default=1)
D = env.list("A_LIST", default=[])
E = env.db("A_DATABASE", default="sqlite://")
F = os.environ["AN_ENVIRON_ITEM"]
G = os.environ.get("AN_ENVIRON_GET")
os.environ.setdefault("A_SETDEFAULT", "x")
H = os.getenv("A_GETENV", "y")
"""
    assert variables_read(source) == {
        "A_PLAIN": True,
        "A_BOOL": False,
        "AN_INT": False,
        "A_LIST": False,
        "A_DATABASE": False,
        "AN_ENVIRON_ITEM": True,
        "AN_ENVIRON_GET": True,
        "A_SETDEFAULT": False,
        "A_GETENV": False,
    }
    text = "# Said.\nA_PLAIN=\n# AN_INT=1\n\nA_BOOL=true\n"
    assert documented(text) == {
        "A_PLAIN": (True, "# Said."),
        "AN_INT": (False, ""),
        "A_BOOL": (True, ""),
    }


def test_the_readme_points_operators_to_env_example():
    readme = (PORTAL / "README.md").read_text(encoding="utf-8")
    production = readme.split("## Production", 1)[1]
    assert "`.env.example`" in production
