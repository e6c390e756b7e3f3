from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Civil service"),
            {
                "fields": (
                    "employee_id",
                    "organisation",
                    "designation",
                    "grade",
                    "preferred_language",
                )
            },
        ),
    )
    list_display = ("username", "employee_id", "email", "organisation", "designation", "is_staff")
    list_select_related = ("organisation",)
    search_fields = ("username", "email", "employee_id", "first_name", "last_name")
    autocomplete_fields = ("organisation",)
    show_full_result_count = False  # no COUNT(*) of a million people on every page
