from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class Region(models.Model):
    """A state, province or island of the country, for reporting by place."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")

    def __str__(self) -> str:
        return self.name


class Organisation(MP_Node):
    """A ministry, department, state government or district office.

    A materialised-path tree (treebeard, which Wagtail already uses) makes "this
    organisation and everything under it" one indexed prefix query — what organisation
    administrators and dashboards ask all the time. ``level`` is the code of one of the
    profile's own level names (ministry, department, state, district…).
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    level = models.CharField(_("level"), max_length=40)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    is_active = models.BooleanField(_("active"), default=True)
    synced_values = models.JSONField(
        _("values last applied from the profile"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "What country.yaml said at the last sync (name, level, parent, region). Empty "
            "for organisations created in the admin, which the sync never touches."
        ),
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def subtree(self):
        """This organisation and every organisation below it."""
        return Organisation.get_tree(self)


class OrganisationAdministrator(models.Model):
    """This person administers this organisation and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("administrator"),
        on_delete=models.CASCADE,
        related_name="administered_organisations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="administrators",
    )

    class Meta:
        verbose_name = _("organisation administrator")
        verbose_name_plural = _("organisation administrators")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_administration_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
