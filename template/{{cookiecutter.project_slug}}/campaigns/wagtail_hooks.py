"""Campaigns in the Wagtail admin, and the running campaign on the home page."""

from django.utils import timezone
from wagtail import hooks

from campaigns.admin_views import campaign_viewset
from campaigns.models import Campaign
from campaigns.standings import home_cards
from home.panels import HOME_PANELS_HOOK, HomePanel

# The home page shows at most this many running campaigns, those ending soonest first.
HOME_PANEL_CAMPAIGNS = 3


@hooks.register("register_admin_viewset")
def register_campaign_viewset():
    return campaign_viewset


@hooks.register(HOME_PANELS_HOOK)
def running_campaigns_panel(request, page=None) -> HomePanel | None:
    """National campaigns for everyone; signed-in learners also see their region's and
    their organisations'. One query for the campaigns, one read of their totals."""
    campaigns = list(
        Campaign.objects.running(timezone.now())
        .relevant_to(request.user)
        .order_by("ends_at", "name")[:HOME_PANEL_CAMPAIGNS]
    )
    if not campaigns:
        return None
    return HomePanel(
        order=30,
        template="campaigns/includes/home_panel.html",
        context={"campaign_cards": home_cards(campaigns)},
    )
