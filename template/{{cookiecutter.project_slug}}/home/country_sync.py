"""Make the site's root a HomePage named after the portal, in every enabled language.

Wagtail's migrations create a placeholder "Welcome" page as the default site's root; the
first sync replaces it, later syncs only rename when the profile's portal name changed.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import HomePage


def _ensure_locales(country) -> dict[str, Locale]:
    locales = {}
    for language in country.languages:
        locales[language.django_code], _ = Locale.objects.get_or_create(
            language_code=language.django_code
        )
    return locales


def _default_home(country, locale: Locale) -> HomePage:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root_page = site.root_page.specific if site else None
    if isinstance(root_page, HomePage):
        return root_page
    tree_root = Page.get_first_root_node()
    home = HomePage(
        title=country.portal_name(locale.language_code),
        slug=country.slug,
        locale=locale,
        introduction=country.tagline(locale.language_code),
    )
    tree_root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    old_root = site.root_page if site.pk else None
    site.root_page = home
    site.site_name = country.portal_name()
    site.save()
    if old_root is not None and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home


def _name_page(page: HomePage, title: str) -> bool:
    if page.title == title and page.draft_title == title:
        return False
    page.title = title
    page.draft_title = title
    page.save_revision().publish()
    return True


@transaction.atomic
def sync(country, stdout) -> None:
    locales = _ensure_locales(country)
    default_locale = locales[country.default_language.django_code]
    home = _default_home(country, default_locale)
    changed = _name_page(home, country.portal_name(default_locale.language_code))
    created = 0
    for code, locale in locales.items():
        if locale == default_locale:
            continue
        translation = home.get_translation_or_none(locale)
        if translation is None:
            translation = home.copy_for_translation(locale)
            translation.introduction = country.tagline(code)
            created += 1
        changed |= _name_page(translation.specific, country.portal_name(code))
    Site.objects.filter(root_page=home).update(site_name=country.portal_name())
    stdout.write(f"home page ready in {len(locales)} language(s), {created} translation(s) created")
