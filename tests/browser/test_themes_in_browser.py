"""Every shipped theme, and a right-to-left profile, in a real browser.

For each portal: the main pages pass axe-core with no serious or critical violation, a
keyboard alone reaches the main actions with a visible focus indicator, pages reflow at
320 px, and a screenshot of each page is kept under tests/browser/artifacts/.
"""

from __future__ import annotations

import os

import pytest
from browsing import (
    blocking_violations,
    clear_artifacts,
    deeper_link,
    launch,
    nav_url,
    publish_screenshot,
    screenshot,
    sign_in,
)
from portal_server import CHROMIUM, DEMO_PASSWORD, start_portal, write_profile

from govlearn.catalog import shipped_themes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]

# (portal name, example profile, theme): every shipped theme, plus Arabic (right to left).
PORTALS = [(name, "island-state", name) for name in sorted(shipped_themes())] + [
    ("civic-arabic", "rtl-country", "civic")
]
PAGES = ["home", "catalogue", "course", "lesson", "login", "my-learning", "accessibility"]


@pytest.fixture(scope="module")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance):
    browser = launch(playwright_instance)
    yield browser
    browser.close()


@pytest.fixture(scope="module", params=PORTALS, ids=[portal[0] for portal in PORTALS])
def portal(request, tmp_path_factory):
    name, base, theme = request.param
    workdir = tmp_path_factory.mktemp(name)
    profile = write_profile(base, workdir / "profile", theme=theme)
    running = start_portal(name, profile, workdir)
    clear_artifacts(name)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def page_urls(portal, browser) -> dict[str, str | None]:
    """Where each page kind lives in this portal, found by following its links."""
    context = browser.new_context()
    page = context.new_page()
    urls: dict[str, str | None] = {"home": "/", "login": "/accounts/login/"}
    page.goto(portal.url + "/")
    urls["accessibility"] = page.locator("footer a[href*=accessibility]").first.get_attribute(
        "href"
    )
    sign_in(page, portal.url)
    page.goto(portal.url + "/")
    urls["catalogue"] = nav_url(page, "catalogue")
    urls["my-learning"] = nav_url(page, "my-learning")
    urls["course"] = urls["lesson"] = None
    if urls["catalogue"]:
        page.goto(portal.url + urls["catalogue"])
        urls["course"] = deeper_link(page, urls["catalogue"])
    if urls["course"]:
        page.goto(portal.url + urls["course"])
        enrol = page.locator("main form[action*='/enrol/'] button")
        if enrol.count():  # lessons open to enrolled learners
            with page.expect_navigation():
                enrol.first.click()
        lesson = deeper_link(page, urls["course"])
        for _depth in range(2):  # course → module → lesson
            if lesson is None:
                break
            urls["lesson"] = lesson
            page.goto(portal.url + lesson)
            lesson = deeper_link(page, lesson)
    context.close()
    return urls


def _open(browser, portal, page_urls, kind, **context_options):
    url = page_urls.get(kind)
    if url is None:
        pytest.skip(f"this portal has no {kind} page yet")
    context = browser.new_context(**context_options)
    page = context.new_page()
    if kind in ("my-learning", "lesson", "course"):
        sign_in(page, portal.url)
    response = page.goto(portal.url + url)
    assert response.status == 200, f"{url} answered {response.status}"
    return context, page


@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_serious_accessibility_violation(browser, portal, page_urls, kind):
    context, page = _open(browser, portal, page_urls, kind, viewport={"width": 1280, "height": 800})
    try:
        screenshot(page, portal.name, kind)
        if os.environ.get("GOVLEARN_DOCS_SCREENSHOTS") and kind in ("home", "catalogue"):
            publish_screenshot(page, portal.name, kind)
        assert blocking_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGES)
def test_page_reflows_at_320_pixels_without_sideways_scrolling(browser, portal, page_urls, kind):
    context, page = _open(browser, portal, page_urls, kind, viewport={"width": 320, "height": 640})
    try:
        screenshot(page, portal.name, f"{kind}-320px")
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 320, f"{kind} is {overflow}px wide at a 320px viewport"
    finally:
        context.close()


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return {tag: el.tagName.toLowerCase(), id: el.id, nav: el.dataset.nav || "",
                  href: el.href || "",
                  cls: el.className || "", text: (el.innerText || el.value || "").trim(),
                  outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                  visible: box.width > 0 && box.height > 0 && box.bottom > 0
                           && box.top < window.innerHeight};
        }"""
    )


def _tab_through(page, limit: int = 120) -> list[dict]:
    """Press Tab until focus leaves the page; every stop must show a focus indicator."""
    reached = []
    for _step in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] == "body":  # past the last control: the page has no trap
            return reached
        assert focused["visible"], f"focus went to something off-screen: {focused}"
        assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, (
            f"no visible focus indicator on {focused}"
        )
        reached.append(focused)
    raise AssertionError(f"focus never left the page after {limit} presses of Tab")


def test_keyboard_reaches_skip_link_sign_in_and_language_switcher(browser, portal, page_urls):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(portal.url + "/")
        page.keyboard.press("Tab")
        first = _focused(page)
        assert "skip-link" in first["cls"], first
        assert first["visible"] and first["outline"] != "none", "skip link must show when focused"
        page.keyboard.press("Enter")
        assert _focused(page)["id"] == "main", "the skip link must move focus to <main>"

        page.goto(portal.url + "/")
        reached = _tab_through(page)
        assert any(f["nav"] == "sign-in" for f in reached), "Sign in not reachable by keyboard"
        assert any(f["id"] == "language-select" for f in reached), "language switcher unreachable"
        assert any("button" in f["cls"] and f["tag"] == "a" for f in reached), (
            "the home page's main action is not reachable by keyboard"
        )
    finally:
        context.close()


def test_keyboard_alone_signs_in(browser, portal):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(portal.url + "/accounts/login/")
        page.focus("input[name=login]")
        page.keyboard.type("amina")
        page.keyboard.press("Tab")
        assert _focused(page)["tag"] == "input"
        page.keyboard.type(DEMO_PASSWORD)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("header form[action*=logout] button").count() == 1
    finally:
        context.close()


def test_keyboard_reaches_catalogue_search_and_courses(browser, portal, page_urls):
    context, page = _open(browser, portal, page_urls, "catalogue")
    try:
        reached = _tab_through(page)
        assert any(f["tag"] == "input" for f in reached), "the search field is unreachable"
        course = page_urls["course"]
        assert any(f["tag"] == "a" and f["href"].endswith(course) for f in reached), (
            "no course is reachable by keyboard"
        )
    finally:
        context.close()
