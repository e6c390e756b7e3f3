"""catalog sits below learning and the apps built on it: it must never import them.

What a learner did reaches catalogue pages through ``catalog.additions``, which the apps
above fill; an import the other way would bring back the loop this rule removed.
"""

import ast
import re
from pathlib import Path

from django.template.backends.django import get_installed_libraries

import catalog

# The portal's layers above catalog (see the architecture notes): none may be imported here.
HIGHER_APPS = {
    "learning",
    "certificates",
    "recommendations",
    "assignments",
    "dashboards",
    "campaigns",
    "api",
}
CATALOG_DIR = Path(catalog.__file__).parent
# ``{% url 'learning:…' %}``, ``{% static 'learning/…' %}``, ``{% include "learning/…" %}``…
TEMPLATE_REFERENCE = re.compile("['\"](" + "|".join(sorted(HIGHER_APPS)) + ")[:/]")
LOAD_TAG = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def imported_apps(source: str) -> set[str]:
    """Top-level packages a module imports, wherever the import sits (functions too)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.partition(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value).partition(".")[0])
    return found


def test_the_scanner_sees_imports_wherever_they_hide():
    source = (
        "import os\n"
        "def get_context(self):\n"
        "    from learning.progress import course_progress_for\n"
        "    import api.views\n"
        "    importlib.import_module('certificates.models')\n"
    )
    assert imported_apps(source) == {"os", "learning", "api", "certificates"}
    assert TEMPLATE_REFERENCE.search("""{% url 'learning:enrol' page.pk %}""")
    assert not TEMPLATE_REFERENCE.search("""{% static 'catalog/catalog.css' %}""")


def test_catalog_python_imports_no_app_above_it():
    offending = {
        str(path.relative_to(CATALOG_DIR)): imported_apps(path.read_text("utf-8")) & HIGHER_APPS
        for path in sorted(CATALOG_DIR.rglob("*.py"))
    }
    assert {path: apps for path, apps in offending.items() if apps} == {}


def test_catalog_templates_name_no_url_template_file_or_tag_library_of_an_app_above_it():
    libraries = get_installed_libraries()  # {% load name %} → the module defining it
    templates = sorted(CATALOG_DIR.rglob("templates/**/*.html"))
    assert templates
    offending = {}
    for path in templates:
        text = path.read_text("utf-8")
        names = TEMPLATE_REFERENCE.findall(text)
        for load in LOAD_TAG.findall(text):
            for library in load.split():
                module = libraries.get(library, library)
                if module.partition(".")[0] in HIGHER_APPS:
                    names.append(library)
        if names:
            offending[str(path.relative_to(CATALOG_DIR))] = names
    assert offending == {}
