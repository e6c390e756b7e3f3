"""Teach Django about every language the profile enables.

Django's ``LANG_INFO`` knows about a hundred languages; a profile may enable any BCP 47
code (Haitian Creole, Dhivehi…). Registering the missing ones lets ``get_language_info``
and the ``{% get_language_info %}`` tag work for all of them.
"""

from django.conf.locale import LANG_INFO

from portal.country import get_country


def register_profile_languages() -> None:
    for language in get_country().languages:
        LANG_INFO.setdefault(
            language.django_code,
            {
                "bidi": language.bidi,
                "code": language.django_code,
                "name": language.name,
                "name_local": language.autonym,
            },
        )
