"""``compilemessages`` that first gives every profile language a catalogue.

Django treats a language as unavailable — its URLs 404 and the switcher ignores it —
unless some ``.mo`` file exists for it. A profile may enable a language the portal has
no UI translations for yet (Haitian Creole, Dhivehi…). For each of those this command
writes an empty ``locale/<language>/LC_MESSAGES/django.po`` before compiling, so the
language works and every UI string falls back to the default language's translation
(Django's own fallback), while page content is still served in the learner's language.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.commands.compilemessages import Command as DjangoCompileMessages
from django.utils.translation import to_locale

from portal.country import get_country

EMPTY_CATALOGUE = """\
# No UI translations for {name} yet: every string falls back to the portal's default
# language. Translate by running `make messages`, then filling in this file.
msgid ""
msgstr ""
"Language: {code}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


class Command(DjangoCompileMessages):
    help = DjangoCompileMessages.help + " Adds an empty catalogue for untranslated languages."

    def handle(self, **options):
        for path in write_missing_catalogues(Path(settings.LOCALE_PATHS[0])):
            if options.get("verbosity", 1) > 0:
                self.stdout.write(f"no UI translations yet, falling back: {path}")
        return super().handle(**options)


def write_missing_catalogues(locale_dir: Path) -> list[Path]:
    written = []
    for language in get_country().languages:
        folder = locale_dir / to_locale(language.django_code) / "LC_MESSAGES"
        catalogue = folder / "django.po"
        if catalogue.exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        catalogue.write_text(
            EMPTY_CATALOGUE.format(name=language.name, code=language.code), encoding="utf-8"
        )
        written.append(catalogue)
    return written
