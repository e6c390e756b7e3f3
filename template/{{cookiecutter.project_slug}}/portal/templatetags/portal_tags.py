"""Tags the base template needs to build navigation that works whichever apps exist.

Apps are added to a portal over time; the header links to the course catalogue and to
"My learning" only when those apps (and their pages) are present, in the visitor's
language, so the base template never breaks on a missing URL.
"""

from __future__ import annotations

from django import template
from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from portal.country import get_country

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[dict]:
    """``[{"key", "label", "url", "current"}]`` for the header's main navigation."""
    request = context.get("request")
    path = request.path if request else ""
    links = []
    catalogue = _catalogue_url()
    if catalogue:
        links.append({"key": "catalogue", "label": _("Courses"), "url": catalogue})
    my_learning = url_or_empty("learning:my_learning")
    if request is not None and request.user.is_authenticated and my_learning:
        links.append({"key": "my-learning", "label": _("My learning"), "url": my_learning})
    my_competencies = url_or_empty("recommendations:my_competencies")
    if request is not None and request.user.is_authenticated and my_competencies:
        links.append(
            {"key": "my-competencies", "label": _("My competencies"), "url": my_competencies}
        )
    my_certificates = url_or_empty("certificates:mine")
    if (
        request is not None
        and request.user.is_authenticated
        and my_certificates
        and get_country().feature("certificates")
    ):
        links.append(
            {"key": "my-certificates", "label": _("My certificates"), "url": my_certificates}
        )
    for link in links:
        link["current"] = path == link["url"] or (
            link["url"] != "/" and path.startswith(link["url"])
        )
    return links


def _catalogue_url() -> str | None:
    """The URL of the catalogue page in the active language, if the catalog app has one."""
    if not apps.is_installed("catalog"):
        return None
    try:
        catalog_page = apps.get_model("catalog", "CatalogPage")
    except LookupError:
        return None
    from wagtail.models import Locale

    pages = catalog_page.objects.live()
    try:
        page = pages.filter(locale=Locale.get_active()).first() or pages.first()
    except Locale.DoesNotExist:
        page = pages.first()
    return page.url if page else None


@register.simple_tag
def catalogue_url() -> str:
    """The catalogue page's URL in the active language (its search form's action), or ""."""
    return _catalogue_url() or ""


@register.simple_tag
def url_or_empty(name: str, *args) -> str:
    """``reverse(name)``, or an empty string while the app providing it is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
