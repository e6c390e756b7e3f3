"""People admin extras: the streaming export, and Wagtail's user bulk actions narrowed to
the people an administrator manages (an id from another subtree is not found)."""

from django.http import Http404
from django.shortcuts import get_list_or_404
from django.urls import path
from wagtail import hooks
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)

from accounts.people_admin import export_people
from accounts.scope import can_manage_person, people_in_scope


@hooks.register("register_admin_urls")
def register_people_export_url():
    return [path("people/export/", export_people, name="people_export")]


class ScopedBulkActionMixin:
    """Only people in scope are looked up, listed or changed."""

    def get_queryset(self, model, object_ids):
        return get_list_or_404(people_in_scope(self.request.user), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        return people_in_scope(self.request.user).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        if not objects and not any(extra.values()):
            raise Http404
        return objects, extra


class ScopedDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    pass


class ScopedAssignRoleBulkAction(ScopedBulkActionMixin, AssignRoleBulkAction):
    pass  # still needs Django's change-user permission: only national administrators


class ScopedSetActiveStateBulkAction(ScopedBulkActionMixin, SetActiveStateBulkAction):
    def check_perm(self, obj):
        return can_manage_person(self.request.user, obj)


# Registered after Wagtail's own (a higher order runs later), so these replace them.
for action_class in (
    ScopedDeleteBulkAction,
    ScopedAssignRoleBulkAction,
    ScopedSetActiveStateBulkAction,
):
    hooks.register("register_bulk_action", action_class, order=100)
