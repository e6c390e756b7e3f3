from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # this module also holds the users app's config below
    name = "accounts"
    verbose_name = "Accounts"


class PeopleAdminUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the portal's people admin (``accounts.people_admin``).

    Named in INSTALLED_APPS instead of ``"wagtail.users"``: Wagtail reads the user
    viewset from this config, and the permission policy registered here (exact class,
    so it wins over Wagtail's default) scopes every user view to the people an
    administrator manages.
    """

    default = False
    user_viewset = "accounts.people_admin.PeopleViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model
        from wagtail.permissions import register_permission_policy

        from accounts.people_admin import PeoplePermissionPolicy

        User = get_user_model()
        register_permission_policy(User, PeoplePermissionPolicy(User), exact_class=True)
