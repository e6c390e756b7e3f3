"""The home page's "recommended for you" (``home.panels``): the first few courses the
competency passport recommends (``recommendations.ranking``), for a signed-in learner."""

from wagtail import hooks

from home.panels import HOME_PANELS_HOOK, HomePanel
from recommendations.ranking import recommend_courses

HOME_RECOMMENDED_SHOWN = 3


@hooks.register(HOME_PANELS_HOOK)
def recommended_for_you(request, page=None) -> HomePanel | None:
    """A fixed number of queries (the ranking's); nothing for a visitor or when the
    passport has nothing to recommend."""
    if not request.user.is_authenticated:
        return None
    recommendations = recommend_courses(request.user, limit=HOME_RECOMMENDED_SHOWN)
    if not recommendations:
        return None
    return HomePanel(
        order=25,
        template="recommendations/includes/home_panel.html",
        context={"recommendations": recommendations},
    )
