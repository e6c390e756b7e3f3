"""The country profile this portal was generated from (``country.yaml``).

Read once at start-up. Everything country-specific in the code asks here instead of
carrying cookiecutter variables, so app code is ordinary code that reads and upgrades
like any Django project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import langcodes

from portal.yaml12 import YAMLFileError, read_yaml

RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"})

FEATURE_DEFAULTS = {
    "self_registration": False,
    "certificates": True,
    "campaigns": True,
    "recommendations": True,
    "oidc_login": False,
    "xapi_forwarding": False,
}


class CountryProfileError(RuntimeError):
    """country.yaml is missing or unreadable; the portal cannot start without it."""


@dataclass(frozen=True)
class Language:
    code: str  # as written in the profile (BCP 47), e.g. "pt-BR"
    django_code: str  # Django's lower-case form, e.g. "pt-br"
    name: str  # in English
    autonym: str  # in the language itself, for the language switcher
    direction: str  # "ltr" or "rtl"

    @property
    def bidi(self) -> bool:
        return self.direction == "rtl"


def describe_language(code: str) -> Language:
    language = langcodes.Language.get(code)
    return Language(
        code=code,
        django_code=code.lower(),
        name=language.display_name(),
        autonym=language.autonym(),
        direction="rtl" if language.maximize().script in RTL_SCRIPTS else "ltr",
    )


@dataclass(frozen=True)
class Country:
    data: dict
    languages: tuple[Language, ...] = field(default=())

    @property
    def code(self) -> str:
        return self.data["country"]["code"]

    @property
    def time_zone(self) -> str:
        return self.data["country"]["time_zone"]

    @property
    def default_language(self) -> Language:
        return self.languages[0]

    @property
    def slug(self) -> str:
        return self.data["portal"]["slug"]

    @property
    def domain(self) -> str:
        return self.data["portal"]["domain"]

    @property
    def admin_email(self) -> str:
        return self.data["portal"]["admin_email"]

    @property
    def short_name(self) -> str:
        return self.data["portal"]["short_name"]

    def name(self, language: str | None = None) -> str:
        return self.text(self.data["country"]["name"], language)

    def portal_name(self, language: str | None = None) -> str:
        return self.text(self.data["portal"]["name"], language)

    def tagline(self, language: str | None = None) -> str:
        return self.text(self.data["portal"].get("tagline", ""), language)

    @property
    def features(self) -> dict[str, bool]:
        return {**FEATURE_DEFAULTS, **(self.data.get("features") or {})}

    def feature(self, name: str) -> bool:
        return bool(self.features[name])

    @property
    def organisation_levels(self) -> list[dict]:
        return self.data["organisations"]["levels"]

    @property
    def seed_organisations(self) -> list[dict]:
        return self.data["organisations"]["seed"]

    @property
    def regions(self) -> list[dict]:
        return self.data.get("regions") or []

    @property
    def accessibility(self) -> dict:
        return {"standard": "WCAG 2.1 AA", **(self.data.get("accessibility") or {})}

    def text(self, value, language: str | None = None) -> str:
        """A profile text in ``language``, falling back to the default language.

        Profile texts are either plain strings or maps of language code to string.
        """
        if not isinstance(value, dict):
            return value or ""
        by_code = {key.lower(): text for key, text in value.items()}
        for candidate in (language, self.default_language.code):
            if candidate and candidate.lower() in by_code:
                return by_code[candidate.lower()]
            if candidate and candidate.split("-")[0].lower() in by_code:
                return by_code[candidate.split("-")[0].lower()]
        return next(iter(value.values()))


def load_country(path: Path | str) -> Country:
    path = Path(path)
    try:
        data = read_yaml(path)
    except FileNotFoundError:
        raise CountryProfileError(f"{path}: the country profile is missing") from None
    except YAMLFileError as exc:
        raise CountryProfileError(f"{path}: {exc}") from None
    if not isinstance(data, dict) or "languages" not in data:
        raise CountryProfileError(f"{path}: not a govlearn country profile")
    default = data["languages"]["default"]
    codes = [default] + [c for c in data["languages"]["enabled"] if c.lower() != default.lower()]
    return Country(data=data, languages=tuple(describe_language(code) for code in codes))


@cache
def get_country() -> Country:
    from django.conf import settings

    return load_country(settings.GOVLEARN_COUNTRY_FILE)
