from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self):
        from django.db.models.signals import post_migrate

        from onboarding import lookups  # noqa: F401 - registers the ``one_of`` lookup

        post_migrate.connect(_restore_suspended_indexes, sender=self)


def _restore_suspended_indexes(sender, using="default", **kwargs):
    """A bulk load that died left search indexes dropped: every deploy's ``migrate``
    builds them again (one query when there are none)."""
    from onboarding.bulk_load import restore_suspended_indexes

    if using == "default":
        restore_suspended_indexes()
