"""Drawing one certificate: A4 landscape, the theme's colours, the learner's language.

Every text sits in a fixed slot of the page (header, title, name, course, competencies,
facts, verification) and is fitted to it: first shrunk down to a floor size, then wrapped
to the slot's line limit, and only past that cut with an ellipsis (the signed credential
embedded in the file always carries the full text). Slots never overlap, so no input can
push text off the page or over the QR code.

Right-to-left languages mirror the page: the logo and the facts start at the right, the
QR code sits at the left, start-aligned text is right-aligned, and labels are laid out
with a right-to-left base direction. Data a person typed (names, titles) keeps the
direction of its own first strong letter, so an English name on an Arabic certificate
reads left to right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from decimal import Decimal
from functools import lru_cache

import segno
from django.utils import formats, translation
from django.utils.translation import gettext as _

from certificates.pdf.document import CertificateDocument
from certificates.pdf.embedding import CertificatePDF
from certificates.pdf.fonts import FAMILIES, STYLES, add_shared_font, fallback_order, script_of
from certificates.pdf.logo import draw_logo
from certificates.pdf.wrapping import fit_lines

PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 20.0  # content box inside the frame
CONTENT_W = PAGE_W - 2 * MARGIN
LINE_HEIGHT = 1.22  # line pitch as a multiple of the font size
PT = 25.4 / 72  # millimetres per point
QR_SIZE = 30.0
QR_QUIET_ZONE = 4  # modules
QR_COLUMN_W = 78.0


@dataclass(frozen=True)
class Slot:
    """A box on the page, in left-to-right coordinates (mirrored for RTL when drawn)."""

    x: float
    y: float
    w: float
    h: float


# The page grid, in mm. A slot's width and line limit bound its text (wrapping.fit_lines).
HEADER = Slot(MARGIN, 17.0, CONTENT_W, 15.0)
TITLE = Slot(MARGIN, 36.0, CONTENT_W, 14.0)
INTRO = Slot(MARGIN, 52.0, CONTENT_W, 7.0)
NAME = Slot(MARGIN + 10, 59.0, CONTENT_W - 20, 22.0)
COMPLETED = Slot(MARGIN, 82.0, CONTENT_W, 7.0)
COURSE = Slot(MARGIN + 10, 89.0, CONTENT_W - 20, 24.0)
PROVIDER = Slot(MARGIN + 10, 114.0, CONTENT_W - 20, 7.0)
COMPETENCIES_HEADING = Slot(MARGIN + 10, 124.0, CONTENT_W - 20, 6.0)
COMPETENCIES = Slot(MARGIN + 10, 130.0, CONTENT_W - 20, 16.0)
FACTS_Y, FACTS_H = 160.0, 30.0
FACTS_W = CONTENT_W - QR_COLUMN_W - 8.0
QR_COLUMN = Slot(PAGE_W - MARGIN - QR_COLUMN_W, 149.0, QR_COLUMN_W, 43.0)


def render_certificate_pdf(document: CertificateDocument) -> bytes:
    """The certificate as PDF bytes; labels, dates and numbers in ``document.language``."""
    with translation.override(document.language):
        return _CertificateDrawing(document).draw()


class _CertificateDrawing:
    def __init__(self, document: CertificateDocument):
        self.doc = document
        self.rtl = document.direction == "rtl"
        pdf = CertificatePDF(orientation="L", unit="mm", format="A4")
        for family in FAMILIES:
            for style in STYLES:
                add_shared_font(pdf, family, style)
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.c_margin = 0
        self.pdf = pdf
        self._fallbacks_for = ""

    # -- the page -----------------------------------------------------------------------

    def draw(self) -> bytes:
        doc, pdf = self.doc, self.pdf
        title = _("Certificate of completion")
        pdf.set_title(f"{title}: {doc.course_title} — {doc.learner_name}")
        pdf.set_lang(doc.language)
        pdf.set_author(doc.issuer_name)
        pdf.set_creator(doc.portal_name)
        pdf.set_subject(doc.course_title)
        # The issue date, not the moment of rendering: the same certificate renders to the
        # same bytes whenever it is (re)generated.
        pdf.set_creation_date(datetime.combine(doc.issued_on, time(0), tzinfo=UTC))
        pdf.add_page()
        self._background()
        self._header()
        self._text(TITLE, title, size=(28, 16), lines=1, bold=True, colour="primary")
        # Translators: on its own line above the learner's name, then "has completed the
        # course" below it and the course title: word order may be adapted to the language.
        self._text(INTRO, _("This is to certify that"), size=(12, 9), lines=1, colour="accent")
        self._text(NAME, doc.learner_name, size=(26, 13), lines=2, bold=True, data=True)
        self._text(COMPLETED, _("has completed the course"), size=(12, 9), lines=1, colour="accent")
        self._text(COURSE, doc.course_title, size=(18, 10), lines=3, bold=True, data=True)
        if doc.provider_name:
            # Translators: below the course title; provider is the training institution.
            offered = _("offered by %(provider)s") % {"provider": doc.provider_name}
            self._text(PROVIDER, offered, size=(11, 8), lines=1, colour="accent")
        self._competencies()
        self._facts()
        self._verification()
        pdf.embed_file(
            bytes=bytes(doc.credential_json),
            basename="credential.json",
            mime_type="application/ld+json",
            desc=_("Signed Open Badges 3.0 credential of this certificate"),
            modification_date=datetime.combine(doc.issued_on, time(0), tzinfo=UTC),
        )
        return bytes(pdf.output())

    def _background(self) -> None:
        pdf = self.pdf
        pdf.set_fill_color(*self.doc.rgb("background"))
        pdf.rect(0, 0, PAGE_W, PAGE_H, style="F")
        pdf.set_draw_color(*self.doc.rgb("primary"))
        pdf.set_line_width(1.6)
        pdf.rect(8, 8, PAGE_W - 16, PAGE_H - 16)
        pdf.set_draw_color(*self.doc.rgb("accent"))
        pdf.set_line_width(0.3)
        pdf.rect(11.5, 11.5, PAGE_W - 23, PAGE_H - 23)

    def _header(self) -> None:
        logo_h = HEADER.h
        text_slot = HEADER
        if self.doc.logo_path is not None:
            x = self._mirror(HEADER.x, logo_h)
            if draw_logo(self.pdf, self.doc.logo_path, x, HEADER.y, logo_h):
                gap = logo_h + 4
                text_slot = Slot(HEADER.x + gap, HEADER.y, HEADER.w - gap, HEADER.h)
        self._text(
            text_slot,
            self.doc.portal_name,
            size=(14, 9),
            lines=2,
            bold=True,
            colour="primary",
            align="start",
            data=True,
        )

    def _competencies(self) -> None:
        pairs = self.doc.competencies
        if not pairs:
            return
        self._text(
            COMPETENCIES_HEADING,
            _("Competencies achieved"),
            size=(10, 8),
            lines=1,
            bold=True,
            colour="accent",
        )
        items = [_("%(competency)s: %(level)s") % {"competency": c, "level": lv} for c, lv in pairs]
        self._text(COMPETENCIES, "  ·  ".join(items), size=(10, 7.5), lines=3, data=True)

    def _facts(self) -> None:
        doc = self.doc
        facts = [
            (_("Date of issue"), formats.date_format(doc.issued_on, "DATE_FORMAT")),
            (_("Credited learning hours"), _hours(doc.credited_hours)),
            (_("Issued by"), doc.issuer_name),
        ]
        column_w = FACTS_W / len(facts)
        for index, (label, value) in enumerate(facts):
            x = MARGIN + index * column_w
            label_slot = Slot(x, FACTS_Y, column_w - 4, 6.0)
            value_slot = Slot(x, FACTS_Y + 6.5, column_w - 4, FACTS_H - 6.5)
            self._text(label_slot, label, size=(8.5, 7), lines=1, colour="accent", align="start")
            self._text(
                value_slot,
                value,
                size=(11, 8),
                lines=3,
                bold=True,
                align="start",
                valign="top",
                data=True,
            )
            self.pdf.set_draw_color(*doc.rgb("accent"))
            self.pdf.set_line_width(0.2)
            rule_x = self._mirror(x, column_w - 4)
            self.pdf.line(rule_x, FACTS_Y - 1.5, rule_x + column_w - 4, FACTS_Y - 1.5)

    def _verification(self) -> None:
        doc = self.doc
        column_x = self._mirror(QR_COLUMN.x, QR_COLUMN.w)
        qr_x = column_x + (QR_COLUMN.w - QR_SIZE) / 2
        draw_qr(self.pdf, doc.verify_url, qr_x, QR_COLUMN.y, QR_SIZE, self._qr_colour())
        url_slot = Slot(QR_COLUMN.x, QR_COLUMN.y + QR_SIZE + 1.5, QR_COLUMN.w, 7.0)
        self._text(url_slot, doc.verify_url, size=(7, 5.5), lines=2, direction="ltr", data=True)
        id_line = _("Certificate ID: %(public_id)s") % {"public_id": doc.public_id}
        id_slot = Slot(QR_COLUMN.x, url_slot.y + url_slot.h, QR_COLUMN.w, 4.5)
        self._text(id_slot, id_line, size=(7.5, 6), lines=1, colour="accent")

    def _qr_colour(self) -> tuple[int, int, int]:
        """The theme's primary colour when it is dark enough for scanners, else black."""
        red, green, blue = self.doc.rgb("primary")
        luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
        return (red, green, blue) if luminance < 0.35 else (0, 0, 0)

    # -- text ---------------------------------------------------------------------------

    def _mirror(self, x: float, w: float) -> float:
        return PAGE_W - x - w if self.rtl else x

    def _text(
        self,
        slot: Slot,
        text: str,
        *,
        size: tuple[float, float],
        lines: int,
        bold: bool = False,
        valign: str = "middle",
        colour: str = "text",
        align: str = "center",
        direction: str | None = None,
        data: bool = False,
    ) -> None:
        """Write ``text`` fitted into ``slot`` (vertically centred unless ``valign="top"``).

        ``data`` texts (typed by people) take the base direction of their first strong
        letter; labels take the document's. ``direction`` forces one (URLs are LTR).
        """
        pdf = self.pdf
        text = " ".join(text.split())
        if not text:
            return
        family = script_of(text)
        if family != self._fallbacks_for:
            pdf.set_fallback_fonts(fallback_order(family), exact_match=False)
            self._fallbacks_for = family
        base_direction = direction or (None if data else self.doc.direction)
        pdf.set_text_shaping(True, direction=base_direction, language=self.doc.language)
        style = "B" if bold else ""
        font_size, wrapped = fit_lines(pdf, family, style, text, slot.w, size, lines)
        line_h = font_size * PT * LINE_HEIGHT
        top = slot.y
        if valign == "middle":
            top += max(0.0, (slot.h - len(wrapped) * line_h) / 2)
        cell_align = ("R" if self.rtl else "L") if align == "start" else "C"
        pdf.set_text_color(*self.doc.rgb(colour))
        x = self._mirror(slot.x, slot.w)
        for index, line in enumerate(wrapped):
            pdf.set_xy(x, top + index * line_h)
            pdf.cell(slot.w, line_h, line, align=cell_align)


def _hours(hours: Decimal) -> str:
    """``5`` for 5.0, ``2.5`` / ``2,5`` for 2.50 — the language's decimal separator."""
    normalised = hours.quantize(Decimal("0.01")).normalize()
    places = max(0, -normalised.as_tuple().exponent)
    return formats.number_format(normalised, decimal_pos=places, use_l10n=True)


def draw_qr(pdf, url: str, x: float, y: float, size: float, colour) -> None:
    """The QR code of ``url`` on a white quiet zone of four modules (what scanners expect).

    Dark modules are written as one filled path, a rectangle per run of dark modules in a
    row: ~300 rectangles, written directly rather than through ~300 ``rect()`` calls.
    """
    matrix = _qr_matrix(url)
    count = len(matrix)
    module = size / (count + 2 * QR_QUIET_ZONE)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(*colour)
    k, page_h = pdf.k, pdf.h
    origin_x, origin_y = x + QR_QUIET_ZONE * module, y + QR_QUIET_ZONE * module
    operators = []
    for row_index, row in enumerate(matrix):
        top = (page_h - (origin_y + row_index * module)) * k
        column = 0
        while column < count:
            if not row[column]:
                column += 1
                continue
            start = column
            while column < count and row[column]:
                column += 1
            left = (origin_x + start * module) * k
            operators.append(
                f"{left:.3f} {top:.3f} {(column - start) * module * k:.3f} {-module * k:.3f} re"
            )
    pdf._out("\n".join(operators) + "\nf")


@lru_cache(maxsize=256)
def _qr_matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """segno picks the mask with the lowest penalty (ISO/IEC 18004); cached per URL, as a
    certificate is usually rendered in more than one language."""
    return tuple(tuple(row) for row in segno.make(url, error="m", micro=False).matrix)


def qr_geometry(url: str, size: float = QR_SIZE) -> tuple[int, float]:
    """(modules per side, module size in mm) of the QR code ``draw_qr`` draws for ``url``."""
    count = len(_qr_matrix(url))
    return count, size / (count + 2 * QR_QUIET_ZONE)


__all__ = ["draw_qr", "qr_geometry", "render_certificate_pdf"]
