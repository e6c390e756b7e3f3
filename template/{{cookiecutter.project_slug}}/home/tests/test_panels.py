"""The home page's panel seam: whatever apps register under HOME_PANELS_HOOK is shown
above the hero, lowest order first; a hook answering None shows nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail import hooks

from home.panels import HOME_PANELS_HOOK, HomePanel, panels_for


@pytest.fixture
def registered(tmp_path, settings):
    """Two panels registered the way an app's wagtail_hooks.py does (order 30 first)."""
    (tmp_path / "home_test_panels").mkdir()
    (tmp_path / "home_test_panels" / "late.html").write_text("<p>late panel {{ word }}</p>")
    (tmp_path / "home_test_panels" / "early.html").write_text(
        "<p>early panel {{ request.user.is_authenticated|yesno:'in,out' }}</p>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}
    ]

    def late(request):
        return HomePanel(order=30, template="home_test_panels/late.html", context={"word": "<b>"})

    def early(request):
        return HomePanel(order=5, template="home_test_panels/early.html", context={})

    def silent(request):
        return None

    with (
        hooks.register_temporarily(HOME_PANELS_HOOK, late),
        hooks.register_temporarily(HOME_PANELS_HOOK, early),
        hooks.register_temporarily(HOME_PANELS_HOOK, silent),
    ):
        yield


@pytest.mark.usefixtures("synced_site", "registered")
def test_panels_show_in_order_above_the_hero_with_their_context_escaped(client, rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    orders = [panel.order for panel in panels_for(request)]
    assert orders == sorted(orders) and {5, 30} <= set(orders)
    html = client.get("/").content.decode()
    title, early, late, hero = (
        html.index("<h1"),
        html.index("early panel out"),
        html.index("late panel"),
        html.index('class="hero"'),
    )
    assert title < early < late < hero  # the page's h1 first: headings stay in order
    assert html.count("<h1") == 1
    assert "late panel &lt;b&gt;" in html
