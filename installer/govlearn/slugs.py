"""Project slugs that are safe as directory, database and service names.

Names come in every script ("भारत", "Côte d'Ivoire", "مصر"); python-slugify transliterates
them to ASCII, and a slug that would still be empty or start with a digit falls back to
something predictable built from the country code.
"""

from __future__ import annotations

import re

from slugify import slugify

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,38}[a-z0-9]$")


def derive_slug(*candidates: str, fallback: str) -> str:
    for candidate in candidates:
        if not candidate:
            continue
        slug = slugify(candidate, max_length=40, word_boundary=True, separator="-")
        if slug and not slug[0].isalpha():
            slug = f"portal-{slug}"[:40].rstrip("-")
        if SLUG_PATTERN.match(slug):
            return slug
    return slugify(f"{fallback}-learning")
