from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from organisations.models import Organisation, Region


@admin.register(Organisation)
class OrganisationAdmin(TreeAdmin):
    form = movenodeform_factory(Organisation)
    list_display = ("name", "code", "level", "region", "is_active")
    list_filter = ("level", "region", "is_active")
    search_fields = ("name", "code")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
