"""An organisation administrator needs Wagtail admin access: membership of the
"Organisation administrators" group follows the ``OrganisationAdministrator`` rows, however
they are made (people admin, Django admin, demo, import)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from organisations.models import OrganisationAdministrator
from organisations.scope import ensure_role_groups


@receiver(post_save, sender=OrganisationAdministrator)
def grant_admin_access(sender, instance, **kwargs):
    _national, organisation_admins = ensure_role_groups()
    instance.user.groups.add(organisation_admins)


@receiver(post_delete, sender=OrganisationAdministrator)
def withdraw_admin_access(sender, instance, **kwargs):
    if OrganisationAdministrator.objects.filter(user_id=instance.user_id).exists():
        return
    _national, organisation_admins = ensure_role_groups()
    organisation_admins.user_set.remove(instance.user_id)
