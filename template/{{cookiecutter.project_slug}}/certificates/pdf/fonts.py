"""The shipped Noto fonts, which script each one writes, and a per-process cache of them.

fpdf2 parses a TrueType file again for every ``FPDF`` instance (cmap, metrics, glyph
names: ~15 ms a font). A certificate uses up to six fonts, so each font is parsed once per
process here (``loaded_font``) and every document gets a light per-document copy
(``SharedTTFFont``) that shares the parsed, read-only tables and the HarfBuzz font, and
owns only what a document changes: its glyph subset and its font descriptor.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"

# Font family (the name given to fpdf2) -> file stem in fonts/. Regular and Bold of each.
FAMILIES = {
    "latin": "NotoSans",
    "devanagari": "NotoSansDevanagari",
    "arabic": "NotoSansArabic",
    "bengali": "NotoSansBengali",
    "tamil": "NotoSansTamil",
    "telugu": "NotoSansTelugu",
}
STYLES = {"": "Regular", "B": "Bold"}

# Code point blocks that decide which font writes a text. Anything else (Latin, Greek,
# Cyrillic, digits, punctuation) is written by Noto Sans.
SCRIPT_BLOCKS = (
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0870, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0xA8E0, 0xA8FF, "devanagari"),
    (0x1CD0, 0x1CFF, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"),
)


def script_of(text: str) -> str:
    """The family for ``text``: the script of its first letter outside Latin, else Latin.

    A Devanagari name on an English certificate is then shaped as one Devanagari run in
    the Devanagari font (conjuncts need the whole syllable in one font), and the Latin
    letters it may contain come from that font too.
    """
    for character in text:
        code = ord(character)
        if code < 0x0600:
            continue
        for first, last, script in SCRIPT_BLOCKS:
            if first <= code <= last:
                return script
    return "latin"


def fallback_order(primary: str) -> list[str]:
    """Every other family, for characters the primary font lacks."""
    return [family for family in FAMILIES if family != primary]


@dataclass(frozen=True)
class LoadedFont:
    """One TrueType file, parsed once per process."""

    family: str
    style: str
    path: Path
    prototype: TTFFont
    face: hb.Face  # the whole font, for HarfBuzz subsetting at output time


class SharedTTFFont(TTFFont):
    """A per-document view of a ``LoadedFont``: fpdf2 treats it as any TrueType font."""

    __slots__ = ("source",)


_lock = threading.Lock()
_loaded: dict[tuple[str, str], LoadedFont] = {}


def loaded_font(family: str, style: str) -> LoadedFont:
    key = (family, style)
    font = _loaded.get(key)
    if font is None:
        with _lock:
            font = _loaded.get(key) or _load(family, style)
            _loaded[key] = font
    return font


def _load(family: str, style: str) -> LoadedFont:
    path = FONT_DIR / f"{FAMILIES[family]}-{STYLES[style]}.ttf"
    scratch = FPDF()
    scratch.add_font(family, style, path)
    prototype = scratch.fonts[f"{family}{style}"]
    # Read every table that rendering consults now, so documents on several threads never
    # race on fontTools' lazy loading.
    prototype.ttfont.getGlyphOrder()
    for table in ("hmtx", "post", "cmap"):
        prototype.ttfont[table]
    prototype.hbfont  # noqa: B018
    face = hb.Face(hb.Blob(path.read_bytes()))
    return LoadedFont(family, style, path, prototype, face)


def add_shared_font(pdf: FPDF, family: str, style: str) -> None:
    """Register ``family``/``style`` with ``pdf`` without parsing the font again."""
    source = loaded_font(family, style)
    prototype = source.prototype
    font = SharedTTFFont.__new__(SharedTTFFont)
    for slot in TTFFont.__slots__:
        if hasattr(prototype, slot):
            setattr(font, slot, getattr(prototype, slot))
    font.source = source
    font.i = len(pdf.fonts) + 1
    font.desc = copy.copy(prototype.desc)  # the output step names and numbers it
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font


def preload() -> None:
    """Parse every shipped font now (a worker can call this at start-up)."""
    for family in FAMILIES:
        for style in STYLES:
            loaded_font(family, style)
