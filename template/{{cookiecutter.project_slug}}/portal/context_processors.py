"""What every page needs from the country profile and the theme."""

from django.utils.translation import get_language

from portal.country import get_country
from portal.theming import get_theme


def portal(request):
    country = get_country()
    language = get_language() or country.default_language.django_code
    return {
        "country": country,
        "portal_name": country.portal_name(language),
        "portal_tagline": country.tagline(language),
        "country_name": country.name(language),
        "theme": get_theme(),
        "profile_languages": country.languages,
    }
