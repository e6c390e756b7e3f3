"""The home page's "what needs you" seam: panels that higher apps register with a hook.

The home app sits low in the dependency order, yet the panels it shows (assigned courses,
courses in progress, running campaigns) belong to apps above it. So instead of importing
them, it asks every function registered under ``HOME_PANELS_HOOK`` for a panel and
renders whatever comes back, lowest ``order`` first. Each hook decides for itself who
sees its panel (signed in or not) and must cost a fixed number of queries.
"""

from dataclasses import dataclass

from wagtail import hooks

HOME_PANELS_HOOK = "govlearn_home_panels"


@dataclass(frozen=True)
class HomePanel:
    order: int  # lower first: assignments 10, in-progress 20, campaigns 30
    template: str  # an include template rendered with `context` + request
    context: dict


def panels_for(request) -> list[HomePanel]:
    """Calls every function registered with wagtail.hooks under HOME_PANELS_HOOK
    with (request); each returns a HomePanel or None. Sorted by order."""
    panels = [hook(request) for hook in hooks.get_hooks(HOME_PANELS_HOOK)]
    return sorted((panel for panel in panels if panel is not None), key=lambda p: p.order)
