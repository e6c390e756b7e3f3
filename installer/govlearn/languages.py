"""What the kit knows about a language from its BCP 47 code alone.

langcodes checks the code against the IANA subtag registry and tells its script, from
which we know whether it is written right to left; agencies only list codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import langcodes

# Scripts written right to left (ISO 15924), as far as government portals are concerned.
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"})


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str
    autonym: str
    direction: str  # "ltr" or "rtl"


def is_known(code: str) -> bool:
    """True for a well-formed code whose language the registry names."""
    if not isinstance(code, str) or not langcodes.tag_is_valid(code):
        return False
    language = langcodes.Language.get(code)
    if not language.language or language.language == "und":
        return False
    return not language.language_name().startswith("Unknown language")


def describe(code: str) -> LanguageInfo:
    language = langcodes.Language.get(code)
    script = language.maximize().script
    return LanguageInfo(
        code=code,
        name=language.display_name(),
        autonym=language.autonym(),
        direction="rtl" if script in RTL_SCRIPTS else "ltr",
    )
