"""No template syntax survives generation, in any text file of any generated repository.

As in cookiecutter-django's generation test, every text file of the output is scanned with
a regular expression. The portal's own Django templates use ``{{ }}`` and ``{% %}``, and
GitHub workflows use ``${{ }}``, so the rules are:

- nowhere may ``cookiecutter`` appear inside ``{{ }}``, ``{% %}`` or ``{# #}``;
- in a GitHub workflow, every ``{{`` is the ``${{`` of a GitHub expression;
- in every other file there may be no ``{{``, ``{%`` or ``{# … #}`` at all, except in
  Python: the portal's Python handles Django template text as data (a test's pattern for
  ``{% load %}``, a docstring quoting a tag), and cookiecutter never renders ``*.py``
  (``_copy_without_render``), so there only the first rule can find a leftover.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLE_PROFILES, KIT_ROOT
from cookiecutter.main import cookiecutter

from govlearn.generate import generate

# A tag opening, then "cookiecutter" before the tag closes (or with no close at all).
COOKIECUTTER_IN_TAG = re.compile(r"\{[{%#](?:(?![}%#]\}).){0,200}?\bcookiecutter\b", re.DOTALL)
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#.*?#\}")
BARE_DOUBLE_BRACE = re.compile(r"(?<!\$)\{\{|\{%")


def may_hold_django_syntax(relative: Path) -> bool:
    """Django templates (HTML, and plain-text ones such as e-mails under a ``templates``
    folder), and Python, which handles their text as data."""
    if relative.suffix == ".txt" and "templates" in relative.parts:
        return True
    return relative.suffix in {".html", ".py"}


def is_github_workflow(relative: Path) -> bool:
    return relative.parts[:2] == (".github", "workflows") and relative.suffix in {".yml", ".yaml"}


def text_files(project: Path):
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if relative.parts[0] == ".git" or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # fonts, images, compiled catalogues
        yield relative, data.decode("utf-8", errors="replace")


def leftovers(project: Path) -> list[str]:
    """``path:line: text`` for each piece of template syntax that should not be there."""
    found = []
    for relative, text in text_files(project):
        matches = list(COOKIECUTTER_IN_TAG.finditer(text))
        if is_github_workflow(relative):
            matches += BARE_DOUBLE_BRACE.finditer(text)
        elif not may_hold_django_syntax(relative):
            matches += TEMPLATE_SYNTAX.finditer(text)
        for match in sorted(matches, key=lambda match: match.start()):
            line = text.count("\n", 0, match.start()) + 1
            snippet = text[match.start() : match.start() + 60].split("\n", 1)[0]
            found.append(f"{relative}:{line}: {snippet}")
    return sorted(set(found))


@pytest.mark.parametrize("profile", EXAMPLE_PROFILES, ids=lambda path: path.stem)
def test_no_template_syntax_is_left_in_a_generated_repository(profile, tmp_path):
    project = generate(profile, tmp_path, git=False).path
    scanned = {str(relative) for relative, _ in text_files(project)}
    # The scan reaches the files that are rendered as well as those copied verbatim.
    for expected in (
        "README.md",
        ".env.example",
        "pyproject.toml",
        "Makefile",
        ".github/workflows/check.yml",
        "portal/settings/base.py",
        "portal/templates/base.html",
    ):
        assert expected in scanned, expected
    assert leftovers(project) == []


def test_no_template_syntax_is_left_by_plain_cookiecutter(tmp_path):
    project = Path(
        cookiecutter(str(KIT_ROOT / "template"), no_input=True, output_dir=str(tmp_path))
    )
    assert leftovers(project) == []


def test_the_scan_catches_planted_leftovers(tmp_path):
    planted = {
        "README.md": 'It is an ordinary Wagtail {{ "8" }} project.\n',
        "notes.txt": "Served at {{cookiecutter.domain}}.\n",
        "portal/settings/extra.py": '# {%- if cookiecutter.theme %}\nNAME = "x"\n',
        "country.yaml": "name: {# a Jinja comment #} x\n",
        "Makefile": "PORT ?= {% raw %}8000\n",
        "portal/templates/page.html": "<p>{{ page.title }}</p>{% if cookiecutter.x %}\n",
        ".github/workflows/check.yml": "key: ${{ runner.os }}-{{ python }}\n",
    }
    for name, text in planted.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # What the portal legitimately has: Django syntax in templates and in Python that
    # handles it, GitHub expressions in workflows.
    (tmp_path / "portal/templates/ok.html").write_text("{% load i18n %}{{ page.title }}\n")
    (tmp_path / ".github/workflows/ok.yml").write_text("key: ${{ hashFiles('x') }}\n")
    (tmp_path / "portal/ok.py").write_text('LOAD = re.compile(r"{%\\s*load")  # {{ x }}\n')
    assert leftovers(tmp_path) == [
        ".github/workflows/check.yml:1: {{ python }}",
        "Makefile:1: {% raw %}8000",
        'README.md:1: {{ "8" }} project.',
        "country.yaml:1: {# a Jinja comment #} x",
        "notes.txt:1: {{cookiecutter.domain}}.",
        "portal/settings/extra.py:1: {%- if cookiecutter.theme %}",
        "portal/templates/page.html:1: {% if cookiecutter.x %}",
    ]
