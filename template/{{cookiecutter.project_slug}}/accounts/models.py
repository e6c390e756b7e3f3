from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A civil servant (or administrator) using the portal.

    Identity fields mirror what a government HRMS holds, so bulk imports and single
    sign-on can match people by ``employee_id``.
    """

    employee_id = models.CharField(
        _("employee ID"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The identifier used by the civil service's HR system."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    designation = models.CharField(_("designation"), max_length=200, blank=True)
    grade = models.CharField(_("grade"), max_length=50, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=35,
        blank=True,
        help_text=_("BCP 47 code of one of the portal's languages; empty means the default."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # One account per e-mail address, whatever its case. UPPER, not LOWER: it is
            # what Django's ``email__iexact`` compiles to on PostgreSQL, so that lookup
            # (sign-in, registration, HRMS import) uses this index over a million rows.
            models.UniqueConstraint(
                Upper("email"), condition=~Q(email=""), name="one_account_per_email"
            ),
        ]
        # Name order for the people list. Prefix search (and the designation filter) use
        # the UPPER(…) text_pattern_ops indexes of migration 0002 on PostgreSQL; every
        # further index here slows the HRMS import of a million people.
        indexes = [models.Index(fields=["last_name", "first_name"], name="person_name")]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
