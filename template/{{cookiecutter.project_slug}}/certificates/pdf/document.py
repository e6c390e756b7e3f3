"""What a certificate says, as plain values: the renderer needs no database and no request.

CERTS builds one ``CertificateDocument`` per (certificate, language) and hands it to
``render_certificate_pdf``. The values are checked here, once, so a bad colour or an empty
name is reported by field instead of surfacing as a broken page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

COLOUR_KEYS = ("primary", "text", "background", "accent")
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class CertificateDocumentError(ValueError):
    """A field of a ``CertificateDocument`` cannot be rendered; the message names it."""


@dataclass(frozen=True)
class CertificateDocument:
    """One certificate in one language.

    ``colours`` are the theme's tokens as ``#rrggbb``: ``primary`` (title, frame, QR code),
    ``text`` (body text), ``background`` (the page), ``accent`` (the inner rule and labels).
    ``logo_path`` is the theme's logo (SVG or PNG) or ``None``; a logo that cannot be drawn
    is logged and left out, never a reason to refuse the certificate.
    ``credential_json`` is embedded byte for byte as the attachment ``credential.json``.
    """

    learner_name: str
    course_title: str
    provider_name: str
    issued_on: date
    credited_hours: Decimal
    competencies: tuple[tuple[str, str], ...]
    verify_url: str
    public_id: str
    issuer_name: str
    portal_name: str
    language: str
    direction: Literal["ltr", "rtl"]
    credential_json: bytes
    colours: dict[str, str] = field(default_factory=dict)
    logo_path: Path | None = None

    def __post_init__(self) -> None:
        problems = []
        for name in ("learner_name", "course_title", "verify_url", "public_id", "language"):
            if not str(getattr(self, name) or "").strip():
                problems.append(f"{name}: must not be empty")
        if self.direction not in ("ltr", "rtl"):
            problems.append(f"direction: {self.direction!r} is neither 'ltr' nor 'rtl'")
        if not isinstance(self.issued_on, date):
            problems.append("issued_on: must be a date")
        if not isinstance(self.credited_hours, Decimal) or self.credited_hours < 0:
            problems.append("credited_hours: must be a Decimal of zero or more")
        if not isinstance(self.credential_json, bytes | bytearray):
            problems.append("credential_json: must be bytes")
        for key in COLOUR_KEYS:
            value = self.colours.get(key)
            if not isinstance(value, str) or not _HEX_COLOUR.match(value):
                problems.append(f"colours[{key!r}]: {value!r} is not a #rrggbb colour")
        for index, pair in enumerate(self.competencies):
            if len(pair) != 2 or not all(isinstance(part, str) for part in pair):
                problems.append(f"competencies[{index}]: must be (competency name, level name)")
        if problems:
            raise CertificateDocumentError("; ".join(problems))

    def rgb(self, key: str) -> tuple[int, int, int]:
        value = self.colours[key]
        return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)
