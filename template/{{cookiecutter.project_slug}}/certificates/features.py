"""The profile's ``features.certificates`` switch: off means nothing is issued and no
certificate page, link or download exists (public verification included)."""

from portal.country import get_country


def certificates_enabled() -> bool:
    return get_country().feature("certificates")
