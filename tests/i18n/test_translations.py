"""The portal ships complete interface translations for English, French, Spanish, Hindi
and Arabic: no untranslated or fuzzy entry, valid placeholders, and no UI string in the
code that the catalogues do not cover."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govlearn.catalog import template_dir

LOCALE = template_dir() / "{{cookiecutter.project_slug}}" / "locale"
SHIPPED = ["en", "fr", "es", "hi", "ar"]
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def statistics(po_file: Path) -> str:
    """msgfmt's own count, the tool compilemessages uses: '<n> translated messages.'"""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.strip()


def msgids(po_file: Path) -> set[str]:
    text = po_file.read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, flags=re.MULTILINE):
        ids.add("".join(re.findall(r'"(.*)"', block)))
    return ids - {""}


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalogue_is_complete_and_compiles(language):
    stats = statistics(catalogue(language))
    assert re.fullmatch(r"\d+ translated messages?\.", stats), f"{language}: {stats}"


def test_every_catalogue_covers_the_same_strings():
    reference = msgids(catalogue("en"))
    assert len(reference) > 100
    for language in SHIPPED[1:]:
        assert msgids(catalogue(language)) == reference, language


def test_arabic_and_hindi_catalogues_are_really_translated():
    """A catalogue filled with English would pass the counts; these scripts cannot."""
    for language, script in (("ar", r"[\u0600-\u06FF]"), ("hi", r"[\u0900-\u097F]")):
        text = catalogue(language).read_text(encoding="utf-8")
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? "(.+)"$', text, flags=re.MULTILINE)
        in_script = [s for s in msgstrs if re.search(script, s)]
        assert len(in_script) > 0.9 * len(msgstrs), language
    assert "nplurals=6" in catalogue("ar").read_text(encoding="utf-8")


@pytest.mark.slow
def test_catalogues_cover_every_ui_string_in_the_portal(tmp_path):
    """makemessages over a generated portal finds nothing the catalogues lack."""
    from govlearn.generate import generate

    project = generate(EXAMPLES / "island-state.yaml", tmp_path, git=False).path
    shutil.rmtree(project / "locale")
    shutil.copytree(LOCALE, project / "locale")
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *[f"-l{code}" for code in SHIPPED],
            "--no-obsolete",
            "--no-location",
            "--ignore=.venv/*",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
    )
    assert result.returncode == 0, result.stderr
    missing = {
        language: sorted(
            msgids(project / "locale" / language / "LC_MESSAGES" / "django.po")
            - msgids(catalogue(language))
        )
        for language in SHIPPED
    }
    assert missing == {language: [] for language in SHIPPED}, (
        "run `make messages` in a generated portal, translate, copy locale/ back"
    )
