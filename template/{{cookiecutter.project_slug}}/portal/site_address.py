"""The portal's public address, in one setting: ``WAGTAILADMIN_BASE_URL``.

Every link an e-mail carries starts with it: Wagtail's moderation notices (admin links
from the setting itself, page links from the default Wagtail ``Site``, which
``portal.country_sync`` keeps on the same host and port), allauth's verification and
password-reset messages (``accounts.adapters`` moves their links off whatever host the
request came in on) and the portal's own messages (which build links from the setting).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def base_url() -> str:
    """``https://learn.example.gov`` — no trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def site_host_and_port() -> tuple[str, int]:
    """The default Wagtail site's hostname and port for the base URL.

    Wagtail writes ``http://host:port`` for any port but 80 and 443, so an HTTPS address
    on another port cannot be a site's address: refused rather than silently changed.
    """
    parts = urlsplit(base_url())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL must be an http(s) address, not {base_url()!r}"
        )
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL {base_url()!r}: an HTTPS address must use port 443"
        )
    return parts.hostname, port


def on_base_url(url: str) -> str:
    """``url`` (absolute, any host) moved onto the base URL, path and query kept."""
    parts, base = urlsplit(url), urlsplit(base_url())
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))
