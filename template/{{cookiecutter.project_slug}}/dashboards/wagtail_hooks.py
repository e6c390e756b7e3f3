"""The learning dashboard under the admin's Reports menu, for national and organisation
administrators (the menu item is a convenience; the view checks scope itself)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dashboards.views import LearningDashboardView
from organisations.scope import has_people_admin


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return has_people_admin(request.user)


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("reports/learning/", LearningDashboardView.as_view(), name="dashboards_learning")]


@hooks.register("register_reports_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Learning dashboard"), reverse("dashboards_learning"), icon_name="table", order=50
    )
