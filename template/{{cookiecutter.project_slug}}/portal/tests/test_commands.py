import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Site

from accounts.models import User
from home.models import HomePage
from organisations.models import Organisation
from portal.country import get_country


def run(command, **options):
    out = io.StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_sync_country_makes_the_home_page_the_site_root_in_every_language():
    run("sync_country")
    country = get_country()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == country.portal_name()
    assert site.site_name == country.portal_name()
    codes = {language.django_code for language in country.languages}
    assert set(Locale.objects.values_list("language_code", flat=True)) >= codes
    assert HomePage.objects.count() == len(codes)


@pytest.mark.django_db
def test_sync_country_creates_the_profile_organisations_with_their_hierarchy():
    run("sync_country")
    country = get_country()
    seed = country.seed_organisations
    assert Organisation.objects.count() == len(seed)
    for entry in seed:
        organisation = Organisation.objects.get(code=entry["code"])
        parent = organisation.get_parent()
        assert (parent.code if parent else None) == entry.get("parent")
        assert organisation.level == entry["level"]


@pytest.mark.django_db
def test_sync_country_twice_changes_nothing_the_second_time():
    run("sync_country")
    pages = HomePage.objects.count()
    organisations = list(Organisation.objects.order_by("code").values_list("code", "path"))
    second = run("sync_country")
    assert "0 created, 0 updated" in second
    assert HomePage.objects.count() == pages
    assert list(Organisation.objects.order_by("code").values_list("code", "path")) == organisations


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_only_sets_passwords_when_asked(monkeypatch):
    monkeypatch.delenv("GOVLEARN_DEMO_PASSWORD", raising=False)
    run("seed_demo")
    users = User.objects.count()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and not admin.has_usable_password()
    monkeypatch.setenv("GOVLEARN_DEMO_PASSWORD", "correct-horse-battery")
    run("seed_demo")
    assert User.objects.count() == users
    admin.refresh_from_db()
    assert admin.check_password("correct-horse-battery")
    assert User.objects.filter(organisation__isnull=False).count() >= users - 1


@pytest.mark.django_db
def test_check_worker_reports_the_worker_that_answered():
    output = run("check_worker", timeout=10)
    assert "answered in" in output
