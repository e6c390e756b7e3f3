"""Course languages: one of the profile's enabled languages, named in the reader's language.

A course is taught in one of the languages the country's profile enables (``languages`` in
``country.yaml``): those are the languages the portal serves and its reviewers read. The
column stays a BCP 47 tag (a CharField), validated against the profile at save time, so a
profile can enable another language without a migration.
"""

from functools import lru_cache

import langcodes
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.country import get_country


def validate_language_tag(value: str) -> None:
    if not langcodes.tag_is_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a BCP 47 language tag."), params={"value": value}
        )


def course_language_choices() -> list[tuple[str, str]]:
    """(tag, native name) for each enabled language, the profile's default first."""
    return [(language.code, language.autonym) for language in get_country().languages]


def is_course_language(value: str) -> bool:
    return value.lower() in {code.lower() for code, _name in course_language_choices()}


def validate_course_language(value: str) -> None:
    validate_language_tag(value)
    if not is_course_language(value):
        raise ValidationError(
            _("“%(value)s” is not one of this portal's languages (%(enabled)s)."),
            params={
                "value": value,
                "enabled": ", ".join(code for code, _name in course_language_choices()),
            },
        )


class LanguageSelect(forms.Select):
    """The admin's language picker: the enabled languages by their own names."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.choices = course_language_choices()


@lru_cache(maxsize=512)
def language_name(tag: str, in_language: str | None) -> str:
    """'fr' → 'French' for an English reader, 'français' for a French one."""
    try:
        return langcodes.Language.get(tag).display_name(in_language or "en")
    except (langcodes.LanguageTagError, ValueError):
        return tag
