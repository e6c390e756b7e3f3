from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Course catalogue")

    def ready(self):
        from catalog import (  # noqa: F401
            home_panels,  # registers the home page's featured and new courses
            signals,  # connects the provider set-up receivers
        )
