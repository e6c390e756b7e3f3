"""Wagtail admin: browse the framework, assign learners to role profiles.

The framework itself is read-only here. It comes from ``framework/framework.yaml`` and
``manage.py load_framework``; an edit made in the admin would silently disappear at the
next load, so the admin offers listing, filtering and inspecting only. Every admin user
may view (and so choose) competencies and levels: course editors align their courses to
them, and the framework is public data anyway (it is served over CASE).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.people_admin import FORM_EXTENSIONS_HOOK, PersonFormExtension
from competencies.models import (
    Competency,
    CompetencyGroup,
    Framework,
    LearnerRole,
    ProficiencyLevel,
    RoleProfile,
)

READ_ACTIONS = {"view", "choose"}


class LoadedFromFilePolicy(ModelPermissionPolicy):
    """Anyone with admin access may look; nobody may add, change or delete."""

    def user_has_permission(self, user, action):
        if action in READ_ACTIONS:
            return user.is_active and user.has_perm("wagtailadmin.access_admin")
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


for model in (Framework, ProficiencyLevel, CompetencyGroup, Competency, RoleProfile):
    register_permission_policy(model, LoadedFromFilePolicy(model), exact_class=True)


class LiveOnly:
    """Choosers offer live records only: nobody should align a course to a retired one."""

    def get_object_list(self):
        objects = super().get_object_list()
        if any(field.name == "is_retired" for field in objects.model._meta.fields):
            objects = objects.filter(is_retired=False)  # frameworks themselves never retire
        return objects


class LiveChooseView(LiveOnly, ChooseView):
    pass


class LiveChooseResultsView(LiveOnly, ChooseResultsView):
    pass


class LiveChooserViewSet(SnippetChooserViewSet):
    choose_view_class = LiveChooseView
    choose_results_view_class = LiveChooseResultsView


class ReadOnlyViewSet(SnippetViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    chooser_viewset_class = LiveChooserViewSet


class FrameworkViewSet(ReadOnlyViewSet):
    model = Framework
    icon = "doc-full"
    list_display = ["__str__", "code", "publisher", "licence_name", "loaded_at"]
    inspect_view_fields = [
        "code",
        "version",
        "name",
        "description",
        "publisher",
        "licence_name",
        "licence_url",
        "source",
        "languages",
        "loaded_at",
    ]


class LevelViewSet(ReadOnlyViewSet):
    model = ProficiencyLevel
    icon = "order"
    list_display = ["label", "code", "rank", "framework", "is_retired"]
    list_filter = ["framework", "is_retired"]


class GroupViewSet(ReadOnlyViewSet):
    model = CompetencyGroup
    icon = "folder-open-inverse"
    list_display = ["code", "label", "parent", "is_retired"]
    list_filter = ["framework", "is_retired"]
    search_fields = ["code"]


class CompetencyViewSet(ReadOnlyViewSet):
    model = Competency
    icon = "tick-inverse"
    list_display = ["code", "label", "group", "is_retired"]
    list_filter = ["framework", "group", "is_retired"]
    search_fields = ["code", "name"]
    inspect_view_fields = ["code", "uuid", "name", "description", "group", "indicators"]


class RoleViewSet(ReadOnlyViewSet):
    model = RoleProfile
    icon = "user"
    list_display = ["label", "code", "framework", "is_retired"]
    list_filter = ["framework", "is_retired"]
    inspect_view_fields = ["code", "uuid", "name", "description", "requirements_list"]


class LearnerRoleViewSet(SnippetViewSet):
    """Editable: which role profile a learner is measured against."""

    model = LearnerRole
    icon = "group"
    menu_label = _("Learner roles")
    list_display = ["user", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "user__designation"]


class CompetenciesGroup(SnippetViewSetGroup):
    menu_label = _("Competencies")
    menu_icon = "tick-inverse"
    menu_order = 250
    items = (
        CompetencyViewSet,
        GroupViewSet,
        LevelViewSet,
        RoleViewSet,
        LearnerRoleViewSet,
        FrameworkViewSet,
    )


register_snippet(CompetenciesGroup)


def _role_fields():
    return {
        "role_profile": forms.ModelChoiceField(
            label=_("Role profile"),
            queryset=RoleProfile.objects.filter(is_retired=False).order_by("code"),
            required=False,
            help_text=_("The role this person's competencies are measured against."),
        )
    }


def _role_initial(person):
    role = LearnerRole.objects.filter(user=person).values_list("role_id", flat=True).first()
    return {"role_profile": role}


def _role_save(person, cleaned_data):
    role = cleaned_data.get("role_profile")
    if role is None:
        LearnerRole.objects.filter(user=person).delete()
    else:
        LearnerRole.objects.update_or_create(user=person, defaults={"role": role})


@hooks.register(FORM_EXTENSIONS_HOOK)
def register_role_profile_field():
    """The person forms of the people admin gain "role profile" (accounts offers the seam)."""
    return PersonFormExtension(fields=_role_fields, initial=_role_initial, save=_role_save)
