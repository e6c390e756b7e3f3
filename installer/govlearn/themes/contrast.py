"""WCAG 2.1 contrast maths for opaque sRGB colours.

The formulas follow WCAG 2.1's definitions of *relative luminance* and *contrast ratio*.
Ratios are compared unrounded: 4.499:1 fails a 4.5:1 threshold, as the success criteria
require, so a theme cannot pass on rounding.
"""

from __future__ import annotations

import math
import re

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

#: Minimum ratios of WCAG 2.1 level AA by what the foreground is.
#: ``normal``: body text (SC 1.4.3); ``large``: text of at least 18pt, or 14pt bold
#: (SC 1.4.3); ``ui``: component boundaries and focus indicators (SC 1.4.11).
AA_MINIMUM = {"normal": 4.5, "large": 3.0, "ui": 3.0}


def parse_hex(colour: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` as three 0-255 channels; ``ValueError`` otherwise."""
    if not isinstance(colour, str) or not _HEX.match(colour):
        raise ValueError(f"{colour!r} is not a colour written #rgb or #rrggbb")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance, 0 for black to 1 for white."""

    def linear(channel: int) -> float:
        value = channel / 255
        # WCAG 2.1 writes the sRGB threshold as 0.03928; no 8-bit value lies between it
        # and the IEC standard's 0.04045, so both give identical results.
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in parse_hex(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: str, background: str) -> float:
    """The contrast ratio, from 1.0 (identical) to 21.0 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def passes_aa(foreground: str, background: str, size: str = "normal") -> bool:
    return contrast_ratio(foreground, background) >= AA_MINIMUM[size]


def format_ratio(ratio: float) -> str:
    """Two decimals, rounded *down*, so a failing 4.499 never prints as 4.50."""
    return f"{math.floor(ratio * 100) / 100:.2f}:1"
