"""The Django admin's view of organisations: a paginated, searchable list and a plain
form. Browsing, adding under a parent and moving happen in the Wagtail admin's tree
(``organisations.views``); treebeard's own admin would draw the whole tree and offer
every organisation in one dropdown, which a national tree cannot afford."""

from django.contrib import admin

from organisations.models import Organisation, OrganisationAdministrator, Region


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "region", "is_active", "numchild")
    list_filter = ("level", "region", "is_active")
    list_select_related = ("region",)
    search_fields = ("name", "code")
    ordering = ("path",)
    fields = ("name", "code", "level", "region", "is_active", "path", "depth", "numchild")
    readonly_fields = ("path", "depth", "numchild")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # a new organisation needs a parent: add it in the tree

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead; the tree refuses deletes of referenced ones


@admin.register(OrganisationAdministrator)
class OrganisationAdministratorAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("user", "organisation")
    search_fields = ("user__username", "organisation__code", "organisation__name")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
