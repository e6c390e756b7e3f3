"""The HRMS import in the Wagtail admin, for national and organisation administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from onboarding import admin_urls
from organisations.scope import has_people_admin


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return has_people_admin(request.user)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("people/import/", include(admin_urls, namespace="onboarding"))]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import people"), reverse("onboarding:index"), icon_name="upload", order=595
    )
