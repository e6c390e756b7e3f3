"""Downloads of an issued certificate: its PDF (rendered once, then cached) and its JSON.

Issuance never waits for a PDF: the first download renders it in the requested language
and stores it in the default storage under the public id, the language and the
renderer's version, so a new renderer release re-renders and an old file is never served
for it.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import get_language_info

from certificates import pdf
from certificates.models import Certificate
from certificates.pdf import CertificateDocument, render_certificate_pdf
from portal.country import get_country
from portal.theming import get_theme

RENDERER_VERSION = str(getattr(pdf, "RENDERER_VERSION", "1"))


def credential_bytes(certificate: Certificate) -> bytes:
    return json.dumps(certificate.credential, ensure_ascii=False, indent=2).encode("utf-8")


def pdf_storage_name(certificate: Certificate, language: str) -> str:
    return f"certificates/{certificate.public_id}/{language}-r{RENDERER_VERSION}.pdf"


def _direction(language: str) -> str:
    try:
        return "rtl" if get_language_info(language)["bidi"] else "ltr"
    except KeyError:
        return "rtl" if language in settings.LANGUAGES_BIDI else "ltr"


def _logo_path() -> Path | None:
    relative = get_theme().data.get("logo")
    if not relative:
        return None
    path = Path(settings.GOVLEARN_THEME_DIR) / relative  # "static/logo.svg", as theme.yaml says
    return path if path.is_file() else None


def _colours() -> dict[str, str]:
    colours = get_theme().data.get("tokens", {}).get("color") or {}
    return {
        "primary": colours.get("primary", "#1d4f91"),
        "text": colours.get("text", "#1b1f24"),
        "background": colours.get("surface", "#ffffff"),
        "accent": colours.get("link", colours.get("primary", "#1d4f91")),
    }


def certificate_document(certificate: Certificate, language: str) -> CertificateDocument:
    country = get_country()
    return CertificateDocument(
        learner_name=certificate.learner_name,
        course_title=certificate.course_title,
        provider_name=certificate.provider_name,
        issued_on=certificate.issued_at.date(),
        credited_hours=certificate.credited_hours,
        competencies=tuple((item["name"], item["level"]) for item in certificate.competencies),
        verify_url=certificate.credential_url,
        public_id=certificate.public_id,
        issuer_name=country.portal_name(language),
        portal_name=country.portal_name(language),
        language=language,
        direction=_direction(language),
        credential_json=credential_bytes(certificate),
        colours=_colours(),
        logo_path=_logo_path(),
    )


def certificate_pdf(certificate: Certificate, language: str | None = None) -> bytes:
    """The PDF in ``language`` (the certificate's own by default), rendered at most once."""
    language = language or certificate.language
    name = pdf_storage_name(certificate, language)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    data = render_certificate_pdf(certificate_document(certificate, language))
    if not default_storage.exists(name):  # a parallel download may have stored it
        default_storage.save(name, ContentFile(data))
    return data
