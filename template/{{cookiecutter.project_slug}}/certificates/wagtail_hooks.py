"""Wagtail admin: find certificates (by public id, learner or course) and revoke them.

Certificates are never added, edited or deleted here: an issued credential is a signed
record. The listing and the revoke action are for national administrators — superusers
and holders of ``certificates.revoke_certificate`` (scoping by organisation comes with
organisation admins).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from certificates.features import certificates_enabled
from certificates.models import Certificate
from certificates.revocation import RevocationError, revoke
from learning.additions import COURSE_COMPLETED_HOOK, CompletedCourseLink

REVOKE_PERMISSION = "certificates.revoke_certificate"


def may_revoke(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(REVOKE_PERMISSION))


class RevokersOnlyPolicy(ModelPermissionPolicy):
    """Revokers may list and inspect; nobody may add, change or delete a certificate."""

    def user_has_permission(self, user, action):
        return action in {"view", "inspect"} and may_revoke(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(Certificate, RevokersOnlyPolicy(Certificate), exact_class=True)


class CertificateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_revoked:
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse("certificates_revoke", args=[instance.public_id]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Certificates")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["public_id", "learner_name", "course_title", "issued_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["public_id", "learner_name", "course_title", "user__username"]
    inspect_view_fields = [
        "public_id",
        "learner_name",
        "course_title",
        "provider_name",
        "credited_hours",
        "rule",
        "issued_at",
        "issuer_id",
        "status_list",
        "status_list_index",
        "revoked_at",
        "revocation_reason",
        "revoked_by",
    ]


register_snippet(CertificateViewSet)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy("Shown on the public verification page."),
    )


def revoke_view(request, public_id: str):
    if not may_revoke(request.user):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, public_id=public_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke(certificate, form.cleaned_data["reason"], by=request.user)
        except RevocationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Certificate %(id)s revoked.") % {"id": public_id})
            return redirect(_index_url())
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, "index_url": _index_url()},
    )


def _index_url() -> str:
    return reverse("wagtailsnippets_certificates_certificate:list")


@hooks.register("register_admin_urls")
def register_revoke_url():
    return [path("certificates/<str:public_id>/revoke/", revoke_view, name="certificates_revoke")]


@hooks.register(COURSE_COMPLETED_HOOK)
def certificate_of_completed_course(request, enrolment) -> CompletedCourseLink | None:
    """The certificate a completed course's page links to, once it is issued (issuance
    runs in the background, so the link appears a moment after completion). One query."""
    if not certificates_enabled():
        return None
    public_id = (
        Certificate.objects.filter(enrolment=enrolment, revoked_at__isnull=True)
        .values_list("public_id", flat=True)
        .first()
    )
    if public_id is None:
        return None
    return CompletedCourseLink(
        _("Download your certificate (PDF)"),
        reverse("certificates:download_pdf", args=[public_id]),
    )
