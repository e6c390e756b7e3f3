"""Remember each learner's language across devices and sessions.

The language switcher saves the choice on the learner's account (``preferred_language``)
as well as in the cookie; signing in anywhere later brings the learner back to the portal
in that language, because the page they land on is the same page in their language.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import translate_url
from django.views.i18n import set_language

from portal.country import get_country


def enabled_language(code: str | None) -> str | None:
    """The Django code of ``code`` if it is one of the profile's languages, else ``None``."""
    if not code:
        return None
    for language in get_country().languages:
        if code.lower() in (language.code.lower(), language.django_code):
            return language.django_code
    return None


def remember_language(request):
    """Django's ``set_language``, plus saving the choice on a signed-in learner's account."""
    response = set_language(request)
    chosen = enabled_language(request.POST.get("language"))
    user = request.user
    if request.method == "POST" and chosen and user.is_authenticated:
        code = next(lang.code for lang in get_country().languages if lang.django_code == chosen)
        if user.preferred_language != code:
            user.preferred_language = code
            user.save(update_fields=["preferred_language"])
    return response


def continue_in_language(response, code: str | None):
    """Point a sign-in's redirect at the same page in the learner's preferred language.

    Called after every sign-in (password or single sign-on, see ``accounts.adapters``);
    the language cookie is set too, so pages without a language prefix follow.
    """
    preferred = enabled_language(code)
    if not preferred or "Location" not in response:
        return response
    response["Location"] = translate_url(response["Location"], preferred)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        preferred,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
