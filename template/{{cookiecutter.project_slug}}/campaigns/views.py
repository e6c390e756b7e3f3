"""The public campaign page and its JSON feed (polled by ``campaigns/live.js``)."""

from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_safe

from campaigns.standings import cache_seconds, public_standings


def _standings_or_404(slug: str) -> dict:
    standings = public_standings(slug)
    if standings is None:
        raise Http404
    return standings


@require_safe
def campaign_page(request, slug: str):
    standings = _standings_or_404(slug)
    context = {
        "standings": standings,
        "starts_at": parse_datetime(standings["starts_at"]),
        "ends_at": parse_datetime(standings["ends_at"]),
        "updated_at": parse_datetime(standings["updated_at"]),
        "refresh_seconds": max(2, int(cache_seconds()) * 2),
    }
    return TemplateResponse(request, "campaigns/campaign_page.html", context)


@require_safe
def campaign_standings(request, slug: str):
    response = JsonResponse(_standings_or_404(slug))
    response["Cache-Control"] = f"public, max-age={int(cache_seconds())}"
    return response
