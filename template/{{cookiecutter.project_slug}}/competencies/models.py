"""The competency framework as records: loaded from ``framework/framework.yaml``, never typed.

Every record keeps the UUID the framework file gives it. Re-loading a newer version of the
same framework updates records in place by that UUID, so course alignments
(``catalog.CourseCompetency``) and learner records keep pointing at the same rows. A
competency, level or role that disappears from the file is *retired*, not deleted: old
completions still show in passports, and nobody can align new courses to it.

Names and descriptions stay per language in JSON (``{"en": …, "fr": …}``), exactly as the
file gives them, so a framework in five languages needs no schema change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from competencies.texts import localised


class Framework(models.Model):
    uuid = models.UUIDField(_("UUID"), unique=True)
    code = models.CharField(_("code"), max_length=64)
    version = models.CharField(_("version"), max_length=40)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    licence_name = models.CharField(_("licence"), max_length=200)
    licence_url = models.URLField(_("licence URL"), blank=True)
    source = models.JSONField(_("source"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    group_type = models.CharField(_("group type"), max_length=100, default="Competency area")
    competency_type = models.CharField(_("competency type"), max_length=100, default="Competency")
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("competency framework")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.label()} ({self.version})"

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    def label(self, language: str | None = None) -> str:
        return localised(self.name, language, self.default_language)


def _live_code_once(name: str) -> models.UniqueConstraint:
    """Codes are unique among live records; a retired record may share its old code."""
    return models.UniqueConstraint(
        fields=["framework", "code"], condition=models.Q(is_retired=False), name=name
    )


class FrameworkPart(models.Model):
    """What levels, groups, competencies and roles share: identity and texts."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="+"
    )
    uuid = models.UUIDField(_("UUID"), unique=True)
    code = models.CharField(_("code"), max_length=64)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    is_retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("No longer in the framework file; kept for learner records."),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.code} — {self.label()}"

    def label(self, language: str | None = None) -> str:
        return localised(self.name, language, self.framework.default_language)


class ProficiencyLevel(FrameworkPart):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="levels"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the lowest level."))

    class Meta:
        verbose_name = _("proficiency level")
        ordering = ["framework", "rank"]
        constraints = [
            _live_code_once("competencies_level_code"),
        ]

    def __str__(self) -> str:
        return self.label()


class CompetencyGroup(FrameworkPart):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="groups"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subgroups",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("competency group")
        ordering = ["framework", "position"]
        constraints = [
            _live_code_once("competencies_group_code"),
        ]


class Competency(FrameworkPart):
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="competencies",
    )
    group = models.ForeignKey(
        CompetencyGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="competencies",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    indicators = models.JSONField(
        _("indicators"),
        default=dict,
        blank=True,
        help_text=_("Level code → what the competency looks like at that level, per language."),
    )

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["framework", "position"]
        constraints = [
            _live_code_once("competencies_competency_code"),
        ]


class RoleProfile(FrameworkPart):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="roles"
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("role profile")
        ordering = ["framework", "position"]
        constraints = [
            _live_code_once("competencies_role_code"),
        ]

    def __str__(self) -> str:
        return self.label()

    def requirements_list(self) -> str:
        """One line per requirement, for the admin's inspect view."""
        requirements = self.requirements.select_related("competency", "level")
        return "; ".join(f"{req.competency.code} ≥ {req.level.label()}" for req in requirements)

    requirements_list.short_description = _("requirements")


class RoleRequirement(models.Model):
    """The level of one competency that a role needs."""

    role = models.ForeignKey(
        RoleProfile, verbose_name=_("role"), on_delete=models.CASCADE, related_name="requirements"
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.CASCADE,
        related_name="role_requirements",
    )
    level = models.ForeignKey(
        ProficiencyLevel, verbose_name=_("required level"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("role requirement")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "competency"], name="competencies_role_once"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.competency.code} ≥ {self.level}"


class LearnerRole(models.Model):
    """The role profile a learner is measured against.

    Learners carry a free-text designation from the HR system; an administrator (or the
    designation matching a role's name or code, see ``competencies.roles``) links it to a
    role profile here, without touching the accounts app.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="competency_role",
    )
    role = models.ForeignKey(
        RoleProfile, verbose_name=_("role profile"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("learner role")

    def __str__(self) -> str:
        return f"{self.user} → {self.role}"
