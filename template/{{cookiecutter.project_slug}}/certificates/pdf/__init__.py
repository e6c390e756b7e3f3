"""Certificate PDFs: one A4 landscape page in the theme's colours and the learner's language.

API (used by ``certificates.documents``)::

    from certificates.pdf import CertificateDocument, render_certificate_pdf

    data: bytes = render_certificate_pdf(CertificateDocument(...))

- ``CertificateDocument`` (``document.py``): what the certificate says, as plain values;
  invalid fields raise ``CertificateDocumentError`` naming every bad field.
- ``render_certificate_pdf(document) -> bytes``: labels translated with gettext inside
  ``translation.override(document.language)``, the issue date in the language's
  ``DATE_FORMAT``, hours with its decimal separator. Text is shaped by HarfBuzz
  (Devanagari conjuncts, Arabic joining, Bengali, Tamil, Telugu); ``direction == "rtl"``
  mirrors the layout. The page carries a QR code of ``verify_url`` with the URL printed
  beneath it and the public id; ``credential_json`` is attached byte for byte as
  ``credential.json`` (``application/ld+json``). PDF metadata: title, ``/Lang``, author
  (issuer), creation date = issue date, so a re-render gives the same bytes.
- ``RENDERER_VERSION``: bumped whenever the same document would render differently, so
  stored PDFs of an older renderer are not served again.
- ``preload_fonts()``: parse the shipped fonts now (they are otherwise parsed on first use,
  once per process).

Fonts (Noto, SIL OFL 1.1) ship in ``fonts/``; see ``fonts/README.txt``.
"""

from certificates.pdf.document import CertificateDocument, CertificateDocumentError
from certificates.pdf.fonts import preload as preload_fonts
from certificates.pdf.render import render_certificate_pdf

RENDERER_VERSION = "1"

__all__ = [
    "RENDERER_VERSION",
    "CertificateDocument",
    "CertificateDocumentError",
    "preload_fonts",
    "render_certificate_pdf",
]
