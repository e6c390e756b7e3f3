"""The organisation tree and chooser in the Wagtail admin, for national and organisation
administrators only (the menu item is a convenience; the views check scope themselves)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from organisations import admin_urls
from organisations.choosers import organisation_chooser_viewset
from organisations.scope import has_people_admin


class PeopleAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return has_people_admin(request.user)


@hooks.register("register_admin_urls")
def register_organisation_tree_urls():
    return [path("organisations/tree/", include(admin_urls, namespace="organisations_admin"))]


@hooks.register("register_admin_viewset")
def register_organisation_chooser():
    return organisation_chooser_viewset


@hooks.register("register_admin_menu_item")
def register_organisation_menu_item():
    return PeopleAdminMenuItem(
        _("Organisations"), reverse("organisations_admin:index"), icon_name="site", order=590
    )
