"""The interface's words as a page shows them, for tests that find buttons and headings.

With the portal's own catalogues set aside (the ``source_strings`` fixture) most words stay
as written in the code, but a word Django or Wagtail also translate ("Sign in", "Continue",
"Check") still arrives in the portal's default language. Looking words up through gettext,
as the page does, keeps such tests right for every country profile."""

from django.conf import settings
from django.utils import translation


def shown(text: str, context: str = "") -> str:
    """``text`` (with its ``msgctxt``, if any) in the portal's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.pgettext(context, text) if context else translation.gettext(text)
