"""Assigned learning in the admin menu, on the learner's home page and in "my learning"."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from assignments import admin_urls
from assignments.duties import duties_for
from home.panels import HOME_PANELS_HOOK, HomePanel
from learning.additions import MY_LEARNING_HOOK, MyLearningSection
from organisations.scope import has_people_admin

HOME_SHOWN = 5


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return has_people_admin(request.user)


class AdministratorsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return has_people_admin(request.user)


@hooks.register("register_admin_urls")
def register_assignment_urls():
    return [path("assignments/", include(admin_urls, namespace="assignments_admin"))]


@hooks.register("register_admin_menu_item")
def register_assignment_menu():
    submenu = Menu(
        items=[
            AdministratorsMenuItem(
                _("Assignments"), reverse("assignments_admin:index"), icon_name="tasks", order=1
            ),
            AdministratorsMenuItem(
                _("Compliance"),
                reverse("assignments_admin:compliance"),
                icon_name="list-ul",
                order=2,
            ),
        ]
    )
    return AdministratorsSubmenu(_("Assigned learning"), submenu, icon_name="tasks", order=595)


@hooks.register(HOME_PANELS_HOOK)
def assigned_to_you(request, page=None) -> HomePanel | None:
    """ "Assigned to you, due in N days": the learner's unfinished assigned courses."""
    duties = duties_for(request.user)
    if not duties:
        return None
    return HomePanel(
        order=10,
        template="assignments/includes/home_panel.html",
        context={"shown": duties[:HOME_SHOWN], "more": max(0, len(duties) - HOME_SHOWN)},
    )


@hooks.register(MY_LEARNING_HOOK)
def assigned_in_my_learning(request) -> MyLearningSection | None:
    duties = duties_for(request.user)
    if not duties:
        return None
    return MyLearningSection(
        order=10,
        template="assignments/includes/my_learning_section.html",
        context={"duties": duties},
    )
