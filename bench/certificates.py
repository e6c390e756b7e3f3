"""Certificates at national scale: signing and PDF rendering rates, per core.

Prints the machine's core count; Open Badges 3.0 credentials signed per second per core
on the fast path (precompiled N-Quads templates) with the slow path (full JSON-LD
processing by pyld for every credential) as the baseline measured in the same run; PDF
certificates rendered per second per core, for a Latin-script and a Devanagari learner;
and what 31 million certificates (iGOT Karmayogi's order of magnitude) would cost in
worker-hours for each.

Rates are per CPU-second of this process (``time.process_time``), so other work on a
shared machine does not distort them. Targets: signing ≥ 1,000/s/core, PDF ≥ 50/s/core.

Run with the kit's virtualenv: ``.venv/bin/python bench/certificates.py [N_SIGN] [N_PDF]``.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
PORTAL = KIT_ROOT / "template" / "{{cookiecutter.project_slug}}"
sys.path.insert(0, str(PORTAL))

NATIONAL_CERTIFICATES = 31_000_000
SIGN_TARGET, PDF_TARGET = 1_000, 50


def configure_django() -> None:
    """The renderer translates its labels with gettext: a minimal i18n configuration."""
    import django
    from django.conf import settings

    settings.configure(
        USE_I18N=True,
        USE_TZ=True,
        LANGUAGE_CODE="en",
        LANGUAGES=[("en", "English"), ("hi", "हिन्दी")],
        LOCALE_PATHS=[PORTAL / "locale"],
        INSTALLED_APPS=[],
    )
    django.setup()


def pdf_document(number: int, language: str):
    from certificates.pdf import CertificateDocument

    names = {"en": f"Mary-Anne O'Connor {number}", "hi": f"अनन्या शर्मा {number}"}
    titles = {"en": "Public Procurement Essentials", "hi": "सार्वजनिक खरीद की मूल बातें"}
    return CertificateDocument(
        learner_name=names[language],
        course_title=titles[language],
        provider_name="National Academy of Public Administration",
        issued_on=date(2026, 12, 1),
        credited_hours=Decimal("6.5"),
        competencies=(("Procurement planning", "Proficient"), ("Integrity", "Foundation")),
        verify_url=f"https://learn.example.gov/verify/C{number:020d}/",
        public_id=f"C{number:020d}",
        issuer_name="National Civil Service Learning",
        portal_name="National Civil Service Learning",
        language=language,
        direction="ltr",
        credential_json=b'{"id": "https://learn.example.gov/verify/x/"}' * 40,
        colours={
            "primary": "#1d4f91",
            "text": "#1b1f24",
            "background": "#ffffff",
            "accent": "#1a55a3",
        },
        logo_path=None,
    )


def pdf_rate(n: int, language: str) -> float:
    from certificates.pdf import preload_fonts, render_certificate_pdf

    preload_fonts()
    render_certificate_pdf(pdf_document(0, language))  # first render loads fonts and caches
    start = time.process_time()
    for number in range(1, n + 1):
        render_certificate_pdf(pdf_document(number, language))
    return n / (time.process_time() - start)


def worker_hours(rate: float) -> float:
    return NATIONAL_CERTIFICATES / rate / 3600


def verdict(rate: float, target: float) -> str:
    if rate >= target:
        return f"meets the target of {target:,}/s"
    return f"MISSES the target of {target:,}/s by {100 * (1 - rate / target):.0f}%"


def main(argv: list[str]) -> None:
    n_sign = int(argv[0]) if argv else 3000
    n_pdf = int(argv[1]) if len(argv) > 1 else 100
    configure_django()
    from certificates.credentials.bench import signing_rate

    print(f"cores: {os.cpu_count()} (rates below are per CPU-second of one process = per core)")
    slow = signing_rate(max(50, n_sign // 20), fast=False, clock=time.process_time)
    fast = signing_rate(n_sign, fast=True, clock=time.process_time)
    print(f"signing, slow path (pyld per credential, baseline): {slow:8,.0f} credentials/s/core")
    print(
        f"signing, fast path (templates):                    {fast:8,.0f} credentials/s/core"
        f"  {fast / slow:.1f} times the baseline; {verdict(fast, SIGN_TARGET)}"
    )
    rates = {language: pdf_rate(n_pdf, language) for language in ("en", "hi")}
    for language, label in (("en", "Latin"), ("hi", "Devanagari")):
        print(
            f"PDF, {label + ' learner:':46}{rates[language]:8,.1f} PDFs/s/core"
            f"  {verdict(rates[language], PDF_TARGET)}"
        )
    print(f"{NATIONAL_CERTIFICATES:,} certificates would take:")
    print(f"  signing (fast path):     {worker_hours(fast):8,.1f} worker-hours")
    print(f"  signing (slow path):     {worker_hours(slow):8,.1f} worker-hours")
    for language, label in (("en", "Latin"), ("hi", "Devanagari")):
        print(f"  PDFs, all {label + ':':12}  {worker_hours(rates[language]):8,.1f} worker-hours")
    print("(PDFs are rendered on first download, not at issuance: only downloaded ones cost.)")


if __name__ == "__main__":
    main(sys.argv[1:])
