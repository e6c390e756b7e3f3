"""Wagtail admin for campaigns, scoped like the people admin.

National administrators create and edit any campaign: national, regional or for an
organisation subtree. Organisation administrators create and edit campaigns only for an
organisation inside their own subtrees; another subtree's campaign is not in their
listing and its edit and delete URLs answer 404. Everyone else is refused.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from campaigns.models import Campaign
from catalog.models import CoursePage
from competencies.models import Competency
from organisations.choosers import OrganisationChooserWidget
from organisations.scope import (
    can_manage_organisation,
    has_people_admin,
    in_scope_q,
    is_national_admin,
    organisations_in_scope,
)


def campaigns_in_scope(user):
    """Every campaign for a national administrator; for an organisation administrator,
    the organisation campaigns inside their subtrees; nothing for anyone else."""
    if is_national_admin(user):
        return Campaign.objects.all()
    if not has_people_admin(user):
        return Campaign.objects.none()
    return Campaign.objects.filter(in_scope_q(user, "organisation"))


def may_manage_campaign(user, campaign: Campaign) -> bool:
    if is_national_admin(user):
        return True
    return (
        campaign.scope == Campaign.Scope.ORGANISATION
        and campaign.organisation is not None
        and can_manage_organisation(user, campaign.organisation)
    )


class CampaignPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_authenticated and has_people_admin(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_manage_campaign(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_permission_for(self, user, action):
        return campaigns_in_scope(user)

    def instances_user_has_any_permission_for(self, user, actions):
        return campaigns_in_scope(user)


register_permission_policy(Campaign, CampaignPermissionPolicy(Campaign), exact_class=True)


class CampaignForm(WagtailAdminModelForm):
    """Offers an organisation administrator only the scope and organisations they may use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.national = user is not None and is_national_admin(user)
        organisation = self.fields["organisation"]
        organisation.queryset = organisations_in_scope(user) if user else organisation.queryset
        organisation.widget = OrganisationChooserWidget()
        self.fields["target_courses"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["target_competencies"].queryset = Competency.objects.filter(
            is_retired=False
        ).order_by("name")
        if not self.national:
            self.fields["scope"].choices = [
                (Campaign.Scope.ORGANISATION, Campaign.Scope.ORGANISATION.label)
            ]
            self.fields["scope"].initial = Campaign.Scope.ORGANISATION
            self.fields["region"].disabled = True
            self.fields["region"].help_text = _(
                "Regional campaigns are for national administrators."
            )

    def clean(self):
        cleaned = super().clean()
        if not self.national and cleaned.get("scope") != Campaign.Scope.ORGANISATION:
            self.add_error("scope", _("You may only run campaigns for your organisations."))
        return cleaned

    def save(self, commit=True):
        if self.instance._state.adding and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit)


class ScopedObjectMixin:
    """Another subtree's campaign is simply not found."""

    def get_queryset(self):
        return campaigns_in_scope(self.request.user)


class CampaignEditView(ScopedObjectMixin, generic.EditView):
    pass


class CampaignDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class CampaignIndexView(generic.IndexView):
    def get_base_queryset(self):
        return campaigns_in_scope(self.request.user).select_related("organisation", "region")


class CampaignViewSet(ModelViewSet):
    model = Campaign
    icon = "date"
    menu_label = _("Campaigns")
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = CampaignIndexView
    edit_view_class = CampaignEditView
    delete_view_class = CampaignDeleteView
    list_display = ["name", "scope", "starts_at", "ends_at", "is_published"]
    list_filter = ["scope", "is_published"]
    search_fields = ["name", "slug"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("scope"), FieldPanel("region"), FieldPanel("organisation")],
            heading=_("Who takes part"),
        ),
        FieldRowPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When (local time)")
        ),
        MultiFieldPanel(
            [FieldPanel("target_courses"), FieldPanel("target_competencies")],
            heading=_("Courses that count"),
        ),
        FieldRowPanel(
            [FieldPanel("target_completions"), FieldPanel("target_hours")], heading=_("Targets")
        ),
        FieldPanel("is_published"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=CampaignForm).bind_to_model(self.model)


campaign_viewset = CampaignViewSet("campaign_admin", url_prefix="campaigns")
