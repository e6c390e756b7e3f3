"""The theme's logo on the certificate: SVG (drawn as vectors by fpdf2) or PNG/JPEG.

A logo that cannot be drawn never stops a certificate: the reason is logged (once per
file and process) and the page is laid out without it.
"""

from __future__ import annotations

import logging
from pathlib import Path

logger = logging.getLogger(__name__)

_reported: set[str] = set()


def draw_logo(pdf, path: Path, x: float, y: float, height: float) -> bool:
    """Draw the logo ``height`` mm tall at (x, y); False (and a log line) if it cannot be."""
    try:
        pdf.image(str(path), x=x, y=y, h=height)
    except Exception as error:
        if str(path) not in _reported:
            _reported.add(str(path))
            logger.warning("Certificate logo %s cannot be drawn, leaving it out: %s", path, error)
        return False
    return True
