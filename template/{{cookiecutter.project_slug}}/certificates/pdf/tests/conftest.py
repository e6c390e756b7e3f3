"""Documents to render and ways to read the PDFs back (pypdf; poppler where installed)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader
from pypdf.generic import ContentStream

from certificates.pdf import CertificateDocument
from portal.theming import get_theme

CIVIC_COLOURS = {
    "primary": "#1d4f91",
    "text": "#1b1f24",
    "background": "#ffffff",
    "accent": "#4b5563",
}
CREDENTIAL = json.dumps(
    {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {"name": "Sofía Núñez"},
        "proof": {"proofValue": "z3FXQ"},
    },
    ensure_ascii=False,
    indent=2,
).encode("utf-8")

# One learner and course per language: the scripts the example profiles enable.
SAMPLES = {
    "en": ("Sofía Núñez", "Public Financial Management Essentials"),
    "fr": ("Leïla Núñez-Sørensen", "Gestion des finances publiques : l\u2019essentiel"),
    "hi": ("श्रीमती क्षत्रिय हिन्दी", "प्रशिक्षण: सार्वजनिक वित्तीय प्रबंधन"),
    "mr": ("श्रीमती ज्ञानेश्वरी कुलकर्णी", "सार्वजनिक खरेदी प्रक्रिया"),
    "ar": ("ليلى عبد الرحمن", "منصة التعلم للخدمة المدنية"),
    "ur": ("عائشہ صدیقی", "سرکاری خریداری کے بنیادی اصول"),
    "bn": ("সৌমিত্র চট্টোপাধ্যায়", "জনপ্রশাসনে ডিজিটাল দক্ষতা"),
    "ta": ("கிருஷ்ணமூர்த்தி ஸ்ரீநிவாசன்", "பொது நிதி மேலாண்மை"),
    "te": ("శ్రీనివాస్ కృష్ణమూర్తి", "ప్రజా ఆర్థిక నిర్వహణ"),
}
RTL = {"ar", "ur"}


def theme_logo() -> Path:
    """The logo of the theme this portal was generated with (themes ship SVG logos)."""
    return Path(settings.GOVLEARN_THEME_DIR) / get_theme().data["logo"]


@pytest.fixture
def make_document():
    def make(language: str = "en", **overrides) -> CertificateDocument:
        name, course = SAMPLES[language]
        document = CertificateDocument(
            learner_name=name,
            course_title=course,
            provider_name="Institute of Secretariat Training and Management",
            issued_on=date(2026, 12, 1),
            credited_hours=Decimal("5.50"),
            competencies=(("Budgeting", "Proficient"), ("Public procurement", "Working")),
            verify_url="https://learn.gov.in.example/verify/7QK2M9XW4T/",
            public_id="7QK2M9XW4T",
            issuer_name="Civil Services Learning Platform",
            portal_name="Civil Services Learning Platform",
            language=language,
            direction="rtl" if language in RTL else "ltr",
            credential_json=CREDENTIAL,
            colours=dict(CIVIC_COLOURS),
            logo_path=theme_logo(),
        )
        return replace(document, **overrides) if overrides else document

    return make


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_text(data: bytes) -> str:
    """The page's text as pypdf extracts it, lines joined by spaces."""
    return " ".join(read(data).pages[0].extract_text().split())


def operations(data: bytes) -> list[tuple[list, bytes]]:
    reader = read(data)
    return ContentStream(reader.pages[0].get_contents(), reader).operations


def text_runs(data: bytes) -> list[tuple[str, float, float]]:
    """(text, x, y) in points of each run pypdf decodes, in stream order."""
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            runs.append((text, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    read(data).pages[0].extract_text(visitor_text=visit)
    return runs


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)


def word_boxes(data: bytes, tmp_path: Path) -> list[tuple[str, float, float, float, float]]:
    """(word, x_min, y_min, x_max, y_max) in points, from poppler's ``pdftotext -bbox``:
    boxes from the glyphs' real advances and the font's ascent and descent."""
    source = tmp_path / "certificate.pdf"
    source.write_bytes(data)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = []
    for element in ET.fromstring(html).iter("{http://www.w3.org/1999/xhtml}word"):
        box = tuple(float(element.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
        words.append((element.text or "", *box))
    return words


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """Labels as written in the code, whatever catalogues a country has compiled (``make
    check`` compiles them first): a test about layout must not change with a translation,
    and a language without a catalogue would otherwise borrow the default language's. The
    test about translated labels brings its own catalogue."""
