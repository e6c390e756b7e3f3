"""The theme pack as the rest of the kit sees it, once validated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

THEME_FILE = "theme.yaml"

#: Colour roles the portal's stylesheet draws with; a theme must define every one.
COLOR_ROLES = (
    "primary",
    "on-primary",
    "surface",
    "surface-alt",
    "text",
    "muted",
    "link",
    "focus",
    "border",
    "success",
    "warning",
    "danger",
)

#: Combinations the portal's stylesheet always draws, so every theme must declare (and
#: pass) them. A theme may declare more; it may not leave these out and pass unchecked.
REQUIRED_PAIRS = (
    ("text", "surface", "normal"),
    ("muted", "surface", "normal"),
    ("link", "surface", "normal"),
    ("on-primary", "primary", "normal"),
    ("text", "surface-alt", "normal"),
    ("link", "surface-alt", "normal"),
    ("success", "surface", "normal"),
    ("warning", "surface", "normal"),
    ("danger", "surface", "normal"),
    ("focus", "surface", "ui"),
    ("focus", "surface-alt", "ui"),
    ("border", "surface", "ui"),
)


@dataclass(frozen=True)
class Font:
    family: str
    file: str
    weight: int
    style: str
    licence: str
    unicode_range: str | None = None


@dataclass(frozen=True)
class ContrastPair:
    foreground: str
    background: str
    size: str


@dataclass(frozen=True)
class Theme:
    """A theme pack that passed validation; paths inside it are relative to ``path``."""

    path: Path
    name: str
    label: str
    description: str
    supports_rtl: bool
    tokens: dict
    fonts: tuple[Font, ...]
    logo: str
    favicon: str
    contrast_pairs: tuple[ContrastPair, ...]
    templates: str | None = None

    @classmethod
    def from_data(cls, path: Path, data: dict) -> Theme:
        return cls(
            path=path,
            name=data["name"],
            label=data["label"],
            description=data["description"],
            supports_rtl=data["supports_rtl"],
            tokens=data["tokens"],
            fonts=tuple(Font(**font) for font in data["fonts"]),
            logo=data["logo"],
            favicon=data["favicon"],
            contrast_pairs=tuple(ContrastPair(**pair) for pair in data["contrast_pairs"]),
            templates=data.get("templates"),
        )

    def color(self, role: str) -> str:
        return self.tokens["color"][role]
