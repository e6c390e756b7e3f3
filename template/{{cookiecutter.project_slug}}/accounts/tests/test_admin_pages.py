"""Every admin list page loads for every role: each Wagtail menu item and viewset index,
each Django admin changelist. Roles without access are refused (302/403), never a 500;
an organisation administrator's lists show their own subtree only."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from wagtail.admin.menu import admin_menu, settings_menu
from wagtail.admin.viewsets import viewsets

from accounts.factories import UserFactory
from organisations.tests.conftest import build_world


@pytest.fixture
def world(db):
    """Two top-level organisations and one person in every role (organisations' tests)."""
    return build_world()


def _menu_urls(items):
    for item in items:
        menu = getattr(item, "menu", None)
        if menu is not None:
            yield from _menu_urls(menu.registered_menu_items)
        elif getattr(item, "url", "") and item.url.startswith("/admin/"):
            yield item.url


def _viewset_index_urls():
    for viewset in viewsets.viewsets:
        name = getattr(viewset, "get_url_name", None)
        if name is None:
            continue
        for view in ("index", "choose"):
            try:
                yield reverse(name(view))
            except NoReverseMatch:
                continue


def wagtail_list_urls():
    urls = {*_menu_urls(admin_menu.registered_menu_items)}
    urls |= {*_menu_urls(settings_menu.registered_menu_items)}
    urls |= set(_viewset_index_urls())
    return sorted(urls)


def django_changelists():
    return sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    )


def test_the_discovery_finds_the_people_and_organisation_pages():
    urls = wagtail_list_urls()
    assert reverse("wagtailusers_users:index") in urls
    assert reverse("organisations_admin:index") in urls
    assert reverse("organisation_chooser:choose") in urls
    assert reverse("admin:organisations_organisation_changelist") in django_changelists()


@pytest.mark.parametrize(
    "role", ["superuser", "national_admin", "org_admin", "provider_editor", "reviewer", "learner"]
)
def test_every_admin_list_page_loads_for_every_role(client, world, role):
    if role == "superuser":
        person = UserFactory(username="root", is_staff=True, is_superuser=True)
    else:
        person = world.roles()[role]
    client.force_login(person)
    failures = []
    for url in [*wagtail_list_urls(), *django_changelists()]:
        response = client.get(url)
        if response.status_code not in {200, 302, 403}:
            failures.append((url, response.status_code))
        if role == "org_admin" and response.status_code == 200:
            page = response.content.decode()
            for outsider in ("state-person", "North District", "Coastal State"):
                if outsider in page:
                    failures.append((url, f"shows {outsider}"))
    assert failures == []
