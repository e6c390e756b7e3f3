"""Signed-in browser pages for Playwright tests, without going through the sign-in form.

The tests that are about signing in use the form; the others start already signed in,
with the session cookie Django's test client gives the user.
"""

from __future__ import annotations

from django.conf import settings
from django.test import Client


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def signed_in_page(browser, base_url: str, cookie: str, height: int = 900):
    """A new page of a fresh browser context carrying ``cookie`` as its session."""
    context = browser.new_context(viewport={"width": 1280, "height": height})
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])
    return context.new_page()
