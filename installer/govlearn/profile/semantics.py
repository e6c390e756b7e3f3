"""Checks on a country profile that JSON Schema cannot express.

Each check tolerates a malformed document (the schema pass reports shape errors), so the
two passes can run together and the agency sees everything at once.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterator
from urllib.parse import urlsplit

import pycountry

from govlearn import languages
from govlearn.errors import Problem
from govlearn.yamlfile import LocatedDocument

# ISO 3166-1 leaves these alpha-2 codes to its users (used for test and demo countries).
USER_ASSIGNED_CODES = (
    {"AA", "ZZ"}
    | {f"Q{c}" for c in "MNOPQRSTUVWXYZ"}
    | {f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
)


def semantic_problems(document: LocatedDocument) -> list[Problem]:
    data = document.data
    problems: list[Problem] = []
    for check in (
        _country,
        _languages,
        _localised_texts,
        _regions,
        _organisations,
        _accounts,
        _single_sign_on,
        _resources,
    ):
        problems.extend(check(document, data))
    return problems


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _country(document: LocatedDocument, data: dict) -> Iterator[Problem]:
    country = _mapping(data.get("country"))
    code = country.get("code")
    well_formed = isinstance(code, str) and len(code) == 2 and code.isupper()
    if (
        well_formed
        and code not in USER_ASSIGNED_CODES
        and pycountry.countries.get(alpha_2=code) is None
    ):
        yield document.problem(
            ["country", "code"], f"{code!r} is not an ISO 3166-1 alpha-2 country code"
        )
    zone = country.get("time_zone")
    if isinstance(zone, str) and zone and zone not in _time_zones():
        yield document.problem(
            ["country", "time_zone"],
            f"{zone!r} is not an IANA time zone (e.g. 'Europe/Paris', 'Asia/Kolkata')",
        )


def _time_zones() -> set[str]:
    return zoneinfo.available_timezones()


def _enabled_languages(data: dict) -> list[str]:
    enabled = _list(_mapping(data.get("languages")).get("enabled"))
    return [code for code in enabled if isinstance(code, str)]


def _languages(document: LocatedDocument, data: dict) -> Iterator[Problem]:
    section = _mapping(data.get("languages"))
    seen: dict[str, int] = {}
    for index, code in enumerate(_list(section.get("enabled"))):
        if not isinstance(code, str):
            continue
        path = ["languages", "enabled", index]
        if not languages.is_known(code):
            yield document.problem(path, f"{code!r} is not a known language code")
        elif code.lower() in seen:
            first = seen[code.lower()]
            yield document.problem(path, f"{code!r} is listed twice (first at enabled[{first}])")
        seen.setdefault(code.lower(), index)
    default = section.get("default")
    if isinstance(default, str):
        if not languages.is_known(default):
            yield document.problem(
                ["languages", "default"], f"{default!r} is not a known language code"
            )
        elif seen and default.lower() not in seen:
            yield document.problem(
                ["languages", "default"],
                f"{default!r} must also be listed in languages.enabled",
            )


def _localised_paths(data: dict) -> Iterator[tuple[list, object]]:
    yield ["country", "name"], _mapping(data.get("country")).get("name")
    portal = _mapping(data.get("portal"))
    for key in ("name", "tagline"):
        yield ["portal", key], portal.get(key)
    for index, region in enumerate(_list(data.get("regions"))):
        yield ["regions", index, "name"], _mapping(region).get("name")
    yield (
        ["single_sign_on", "button_label"],
        _mapping(data.get("single_sign_on")).get("button_label"),
    )
    organisations = _mapping(data.get("organisations"))
    for section in ("levels", "seed"):
        for index, item in enumerate(_list(organisations.get(section))):
            yield ["organisations", section, index, "name"], _mapping(item).get("name")


def _localised_texts(document: LocatedDocument, data: dict) -> Iterator[Problem]:
    enabled = {code.lower() for code in _enabled_languages(data)}
    default = _mapping(data.get("languages")).get("default")
    for path, value in _localised_paths(data):
        if not isinstance(value, dict):
            continue
        for language in value:
            if enabled and language.lower() not in enabled:
                yield document.problem(
                    [*path, language],
                    f"{language!r} is not one of the enabled languages",
                )
        if isinstance(default, str) and default.lower() not in {k.lower() for k in value}:
            yield document.problem(path, f"needs a text in the default language {default!r}")


def _duplicates(document: LocatedDocument, items: list, path: list, what: str):
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        code = _mapping(item).get("code")
        if not isinstance(code, str):
            continue
        if code in seen:
            yield document.problem(
                [*path, index, "code"],
                f"{what} code {code!r} is used twice (first at {path[-1]}[{seen[code]}])",
            )
        seen.setdefault(code, index)


def _regions(document: LocatedDocument, data: dict) -> Iterator[Problem]:
    yield from _duplicates(document, _list(data.get("regions")), ["regions"], "region")


def _organisations(document: LocatedDocument, data: dict) -> Iterator[Problem]:
    section = _mapping(data.get("organisations"))
    levels = _list(section.get("levels"))
    seed = _list(section.get("seed"))
    yield from _duplicates(document, levels, ["organisations", "levels"], "level")
    yield from _duplicates(document, seed, ["organisations", "seed"], "organisation")

    level_rank = {}
    for rank, level in enumerate(levels):
        code = _mapping(level).get("code")
        if isinstance(code, str):
            level_rank.setdefault(code, rank)
    region_codes = {_mapping(r).get("code") for r in _list(data.get("regions"))}
    org_levels = {}
    for item in seed:
        item = _mapping(item)
        if isinstance(item.get("code"), str):
            org_levels.setdefault(item["code"], item.get("level"))

    for index, item in enumerate(seed):
        item = _mapping(item)
        path = ["organisations", "seed", index]
        level = item.get("level")
        if isinstance(level, str) and level not in level_rank:
            known = ", ".join(repr(code) for code in level_rank) or "none defined"
            yield document.problem([*path, "level"], f"unknown level {level!r} (levels: {known})")
        parent = item.get("parent")
        if isinstance(parent, str):
            if parent == item.get("code"):
                yield document.problem(
                    [*path, "parent"], "an organisation cannot be its own parent"
                )
            elif parent not in org_levels:
                yield document.problem(
                    [*path, "parent"], f"parent {parent!r} is not an organisation code in seed"
                )
            elif (
                level in level_rank
                and org_levels[parent] in level_rank
                and level_rank[org_levels[parent]] >= level_rank[level]
            ):
                yield document.problem(
                    [*path, "parent"],
                    f"parent {parent!r} is at level {org_levels[parent]!r}, which is not "
                    f"above {level!r} in organisations.levels",
                )
        region = item.get("region")
        if isinstance(region, str) and region not in region_codes:
            yield document.problem(
                [*path, "region"], f"region {region!r} is not a code listed in regions"
            )


# A lower-case DNS name of at least two labels (gov.example), the form e-mail domains take.
_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
DOMAIN = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(\.{_LABEL})+$")
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _accounts(document: LocatedDocument, data: dict) -> Iterator[Problem]:
    """Self-registration is only safe when it is limited to the government's own domains."""
    features = _mapping(data.get("features"))
    section = _mapping(data.get("accounts"))
    domains = section.get("allowed_email_domains")
    seen: dict[str, int] = {}
    for index, domain in enumerate(_list(domains)):
        if not isinstance(domain, str):
            continue
        path = ["accounts", "allowed_email_domains", index]
        if not DOMAIN.match(domain):
            yield document.problem(
                path,
                f"{domain!r} is not a lower-case domain name such as gov.example "
                "(no '@', no spaces, no capitals)",
            )
        elif domain in seen:
            yield document.problem(
                path, f"{domain!r} is listed twice (first at allowed_email_domains[{seen[domain]}])"
            )
        seen.setdefault(domain, index)
    if features.get("self_registration") is True:
        if isinstance(domains, list) and not domains:
            yield document.problem(
                ["accounts", "allowed_email_domains"],
                "must name at least one e-mail domain while features.self_registration is true",
            )
        elif domains is None:
            yield document.problem(
                ["features", "self_registration"],
                "self-registration needs accounts.allowed_email_domains: the e-mail domains "
                "(e.g. gov.example) whose owners may register",
            )


def _single_sign_on(document: LocatedDocument, data: dict) -> Iterator[Problem]:
    features = _mapping(data.get("features"))
    section = data.get("single_sign_on")
    if features.get("oidc_login") is True and section is None:
        yield document.problem(
            ["features", "oidc_login"],
            "single sign-on needs a single_sign_on section with the provider's issuer and "
            "the portal's client_id",
        )
    section = _mapping(section)
    issuer = section.get("issuer")
    if isinstance(issuer, str) and issuer.startswith("http://"):
        host = urlsplit(issuer).hostname or ""
        if host not in LOOPBACK_HOSTS:
            yield document.problem(
                ["single_sign_on", "issuer"],
                f"{issuer!r} must use https (http is only accepted for localhost)",
            )
    scopes = section.get("scopes")
    if isinstance(scopes, list) and "openid" not in scopes:
        yield document.problem(
            ["single_sign_on", "scopes"], "must include 'openid' (OpenID Connect needs it)"
        )


def _resources(document: LocatedDocument, data: dict) -> Iterator[Problem]:
    from govlearn.catalog import (
        resolve_framework,
        resolve_theme,
        shipped_frameworks,
        shipped_themes,
    )
    from govlearn.frameworks import validate_framework_file
    from govlearn.themes import unsupported_rtl_languages, validate_theme_dir

    base = document.source.parent
    theme = data.get("theme")
    if isinstance(theme, str) and theme:
        theme_path = resolve_theme(theme, base)
        if theme_path is None:
            names = ", ".join(shipped_themes()) or "none"
            yield document.problem(
                ["theme"],
                f"theme {theme!r} is neither a shipped theme ({names}) "
                "nor a folder holding theme.yaml",
            )
        else:
            yield from validate_theme_dir(theme_path)
            enabled = (data.get("languages") or {}).get("enabled")
            if rtl := unsupported_rtl_languages(theme_path, enabled):
                yield document.problem(
                    ["theme"],
                    f"theme {theme!r} declares supports_rtl: false, but the right-to-left "
                    f"language(s) {', '.join(rtl)} are enabled; choose a theme that supports them",
                )
    framework = data.get("competency_framework")
    if isinstance(framework, str) and framework:
        framework_path = resolve_framework(framework, base)
        if framework_path is None:
            names = ", ".join(shipped_frameworks()) or "none"
            yield document.problem(
                ["competency_framework"],
                f"competency framework {framework!r} is neither a shipped framework ({names}) "
                "nor a framework file",
            )
        else:
            yield from validate_framework_file(framework_path)
