"""Languages as a learner meets them: right-to-left layout that really mirrors, the
language switcher, a preferred language that follows the learner, and a clean fallback
for a language the portal has no UI translations for."""

from __future__ import annotations

import urllib.request

import pytest
from browsing import launch, screenshot, sign_in
from portal_server import CHROMIUM, start_portal, write_profile

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def arabic_portal(tmp_path_factory):
    """Arabic by default, English enabled: the shipped right-to-left example."""
    workdir = tmp_path_factory.mktemp("arabic")
    running = start_portal("languages-arabic", write_profile("rtl-country", workdir / "p"), workdir)
    yield running
    running.stop()


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_arabic_pages_are_right_to_left_and_mirrored(browser, arabic_portal):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(arabic_portal.url + "/")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator(".skip-link").inner_text() == "تخطي إلى المحتوى الرئيسي"
    brand = _box(page, ".site-header__brand")
    heading = _box(page, "main h1")
    # Mirrored: the brand and the page heading start at the right-hand edge.
    assert brand["x"] + brand["width"] > 1280 * 0.6, brand
    assert heading["x"] + heading["width"] > 1280 * 0.6, heading
    screenshot(page, "languages-arabic", "home-rtl")

    page.select_option("#language-select", "en")
    with page.expect_navigation():
        page.click(".language-switcher button")
    assert page.url.startswith(arabic_portal.url + "/en/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.locator(".skip-link").inner_text() == "Skip to main content"
    brand = _box(page, ".site-header__brand")
    assert brand["x"] < 1280 * 0.2, brand
    screenshot(page, "languages-arabic", "home-ltr")
    page.close()


def test_the_switcher_is_on_every_page(browser, arabic_portal):
    page = browser.new_page()
    for path in ("/", "/accounts/login/", "/accessibility/", "/en/accessibility/"):
        page.goto(arabic_portal.url + path)
        switcher = page.locator("header form.language-switcher select#language-select")
        assert switcher.count() == 1, path
        assert page.locator("label[for=language-select]").count() == 1, path
    page.close()


def test_a_learners_language_choice_follows_them_to_the_next_sign_in(browser, arabic_portal):
    first = browser.new_context()
    page = first.new_page()
    sign_in(page, arabic_portal.url, "leila")
    page.goto(arabic_portal.url + "/")
    page.select_option("#language-select", "en")
    with page.expect_navigation():
        page.click(".language-switcher button")
    first.close()

    # A new device: no cookie. Signing in on the Arabic login page lands in English.
    second = browser.new_context()
    page = second.new_page()
    sign_in(page, arabic_portal.url, "leila")
    assert page.url.startswith(arabic_portal.url + "/en/"), page.url
    assert page.get_attribute("html", "lang") == "en"
    second.close()

    # Another learner who never chose keeps the portal's default language.
    third = browser.new_context()
    page = third.new_page()
    sign_in(page, arabic_portal.url, "kofi")
    assert not page.url.startswith(arabic_portal.url + "/en/"), page.url
    assert page.get_attribute("html", "lang") == "ar"
    third.close()


def test_a_language_without_ui_translations_falls_back_to_the_default(tmp_path_factory):
    """Haitian Creole enabled beside French: its pages work, UI words come out in French."""
    workdir = tmp_path_factory.mktemp("fallback")
    profile = write_profile("island-state", workdir / "p", languages=["fr", "en", "ht"])
    portal = start_portal("fallback", profile, workdir)
    try:
        with urllib.request.urlopen(portal.url + "/ht/") as response:
            html = response.read().decode("utf-8")
        assert '<html lang="ht" dir="ltr"' in html
        assert "Aller au contenu principal" in html  # French, the default language
        assert "Skip to main content" not in html
        with urllib.request.urlopen(portal.url + "/en/") as response:
            assert "Skip to main content" in response.read().decode("utf-8")
    finally:
        portal.stop()
