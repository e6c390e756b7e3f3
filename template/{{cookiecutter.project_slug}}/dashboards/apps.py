from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dashboards import (  # noqa: F401
            home_panels,  # registers the home page's popular courses
            receivers,  # connects the change markers
        )
