import pytest
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from portal.country import get_country


@pytest.mark.usefixtures("synced_site")
class TestHomePage:
    def test_home_page_shows_the_portal_name_in_the_default_language(self, client):
        response = client.get("/")
        assert response.status_code == 200
        country = get_country()
        html = response.content.decode()
        assert f'<h1 id="hero-title">{country.portal_name()}</h1>' in html
        language = country.default_language
        assert f'<html lang="{language.django_code}" dir="{language.direction}"' in html

    def test_every_page_has_a_skip_link_to_the_main_landmark(self, client):
        html = client.get("/").content.decode()
        assert '<a class="skip-link" href="#main">' in html
        assert '<main id="main"' in html


class TestHomePageRules(WagtailPageTestCase):
    def test_home_page_only_goes_at_the_root_of_the_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_editors_can_create_a_home_page_at_the_root(self):
        root = Page.get_first_root_node()
        self.assertCanCreateAt(Page, HomePage)
        assert root is not None

    def test_home_page_is_served_from_the_site_root(self):
        from django.core.management import call_command

        call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
        home = Site.objects.get(is_default_site=True).root_page
        self.assertPageIsRenderable(home.specific)
