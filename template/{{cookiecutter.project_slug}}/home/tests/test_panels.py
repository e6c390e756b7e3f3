"""The home page's panel seam: whatever apps register under HOME_PANELS_HOOK is shown
under the hero, lowest order first; a hook answering None shows nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail import hooks

from home.models import HomePage
from home.panels import HOME_PANELS_HOOK, HomePanel, panels_for


@pytest.fixture
def registered(tmp_path, settings):
    """Two panels registered the way an app's wagtail_hooks.py does (order 30 first)."""
    (tmp_path / "home_test_panels").mkdir()
    (tmp_path / "home_test_panels" / "late.html").write_text("<p>late panel {{ word }}</p>")
    (tmp_path / "home_test_panels" / "early.html").write_text(
        "<p>early panel {{ request.user.is_authenticated|yesno:'in,out' }} {{ page }}</p>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}
    ]

    def late(request, page):
        return HomePanel(order=1030, template="home_test_panels/late.html", context={"word": "<b>"})

    def early(request, page):
        context = {"page": type(page).__name__}
        return HomePanel(order=1005, template="home_test_panels/early.html", context=context)

    def silent(request, page):
        return None

    with (
        hooks.register_temporarily(HOME_PANELS_HOOK, late),
        hooks.register_temporarily(HOME_PANELS_HOOK, early),
        hooks.register_temporarily(HOME_PANELS_HOOK, silent),
    ):
        yield


@pytest.mark.usefixtures("synced_site", "registered")
def test_panels_show_in_order_under_the_hero_with_the_page_and_their_context_escaped(client, rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    orders = [panel.order for panel in panels_for(request, HomePage.objects.first())]
    assert orders == sorted(orders) and {1005, 1030} <= set(orders)
    html = client.get("/").content.decode()
    title, hero, early, late = (
        html.index("<h1"),
        html.index('class="hero"'),
        html.index("early panel out HomePage"),
        html.index("late panel"),
    )
    assert hero < title < early < late  # the hero's h1 first: headings stay in order
    assert html.count("<h1") == 1
    assert "late panel &lt;b&gt;" in html
