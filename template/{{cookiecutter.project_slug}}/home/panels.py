"""The home page's "what needs you" seam: panels that higher apps register with a hook.

The home app sits low in the dependency order, yet the panels it shows (assigned courses,
courses in progress, running campaigns) belong to apps above it. So instead of importing
them, it asks every function registered under ``HOME_PANELS_HOOK`` for a panel and
renders whatever comes back, lowest ``order`` first. Each hook decides for itself who
sees its panel (signed in or not) and must cost a fixed number of queries, whatever the
number of courses, people or enrolments.

A hook is called with ``(request, page)``: ``page`` is the ``HomePage`` being shown (the
catalog reads the editors' featured courses from it), or None outside a page.
"""

from dataclasses import dataclass

from wagtail import hooks

HOME_PANELS_HOOK = "govlearn_home_panels"


@dataclass(frozen=True)
class HomePanel:
    # lower first: assigned 10, in progress 20, recommended 25, campaigns 30,
    # featured and new courses 40, popular courses 50
    order: int
    template: str  # an include template rendered with `context` + request
    context: dict


def panels_for(request, page=None) -> list[HomePanel]:
    """Calls every function registered with wagtail.hooks under HOME_PANELS_HOOK
    with (request, page); each returns a HomePanel or None. Sorted by order."""
    panels = [hook(request, page) for hook in hooks.get_hooks(HOME_PANELS_HOOK)]
    return sorted((panel for panel in panels if panel is not None), key=lambda p: p.order)
