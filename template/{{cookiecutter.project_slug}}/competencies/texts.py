"""Texts stored per language, as the framework file gives them: ``{"en": …, "fr": …}``.

The framework file keys texts by BCP 47 code ("pt-BR"); Django's active language is
lower-case ("pt-br"). Lookups ignore case and fall back to the base language, then to the
framework's default language, so a learner always sees a name.
"""

from __future__ import annotations

from django.utils.translation import get_language


def localised(text: dict | None, language: str | None = None, default: str | None = None) -> str:
    if not text:
        return ""
    by_code = {code.lower(): value for code, value in text.items()}
    wanted = (language or get_language() or "").lower()
    for candidate in (wanted, wanted.split("-")[0], (default or "").lower()):
        if candidate and candidate in by_code:
            return by_code[candidate]
    return next(iter(text.values()))
