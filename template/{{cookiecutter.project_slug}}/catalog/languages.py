"""Course languages: any BCP 47 tag, named in the reader's own language.

A course's language is independent of the portal's interface languages: a national
catalogue holds courses in many more languages than the portal is translated into.
"""

from functools import lru_cache

import langcodes
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_language_tag(value: str) -> None:
    if not langcodes.tag_is_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a BCP 47 language tag."), params={"value": value}
        )


@lru_cache(maxsize=512)
def language_name(tag: str, in_language: str | None) -> str:
    """'fr' → 'French' for an English reader, 'français' for a French one."""
    try:
        return langcodes.Language.get(tag).display_name(in_language or "en")
    except (langcodes.LanguageTagError, ValueError):
        return tag
