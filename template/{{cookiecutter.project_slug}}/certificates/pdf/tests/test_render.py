"""What a learner, a verifier and a screen reader get from a certificate PDF."""

from __future__ import annotations

import logging
import struct
from datetime import date
from decimal import Decimal

import pytest
import segno
from django.utils import translation
from django.utils.formats import date_format
from pypdf.generic import NameObject

from certificates.pdf import CertificateDocumentError, render_certificate_pdf
from certificates.pdf.render import MARGIN, PAGE_H, PAGE_W, PT, QR_SIZE

from .conftest import (
    CREDENTIAL,
    SAMPLES,
    needs_poppler,
    operations,
    page_text,
    read,
    text_runs,
    word_boxes,
)

A4_LANDSCAPE_PT = (841.89, 595.28)
LOOSE_SPACING = {"hi", "mr", "bn", "ta", "te"}
MM = 1 / PT  # points per millimetre


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_renders_one_a4_landscape_page_in_each_language(make_document, language, caplog):
    document = make_document(language)
    with caplog.at_level(logging.WARNING):
        data = render_certificate_pdf(document)

    reader = read(data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE_PT, abs=0.01)
    assert reader.trailer["/Root"]["/Lang"] == language
    assert document.learner_name in reader.metadata.title
    # Every character had a glyph in the shipped fonts: no "tofu" boxes.
    assert not [r for r in caplog.records if "no glyph" in r.getMessage()]
    # The learner's name and the course come back as text, letters in reading order.
    # (pypdf puts a space after a below-base vowel sign that HarfBuzz positions, as in
    # कु of कुलकर्णी: spacing is compared loosely for the Indic scripts.)
    text = page_text(data)
    for value in (document.learner_name, document.course_title):
        if language in LOOSE_SPACING:
            assert _squeezed(value) in _squeezed(text)
        else:
            assert value in text


def test_labels_are_translated_into_the_learners_language(make_document, settings, tmp_path):
    catalogue = tmp_path / "fr" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    _write_mo(
        catalogue / "django.mo",
        {
            "Certificate of completion": "Certificat de réussite",
            "Credited learning hours": "Heures de formation validées",
        },
    )
    settings.LOCALE_PATHS = [tmp_path]

    text = page_text(render_certificate_pdf(make_document("fr")))

    assert "Certificat de réussite" in text
    assert "Heures de formation validées" in text
    assert "Certificate of completion" not in text


def test_date_and_hours_use_the_languages_formats(make_document):
    french = page_text(render_certificate_pdf(make_document("fr")))
    hindi = page_text(render_certificate_pdf(make_document("hi")))
    whole = page_text(render_certificate_pdf(make_document("en", credited_hours=Decimal("12.0"))))

    assert "1 décembre 2026" in french
    assert "5,5" in french
    with translation.override("hi"):  # Django's own Hindi month names
        assert date_format(date(2026, 12, 1), "DATE_FORMAT") in hindi
    assert "Dec" not in hindi
    assert "12" in whole.split()
    assert "12.0" not in whole


def test_the_signed_credential_is_attached_byte_for_byte(make_document):
    reader = read(render_certificate_pdf(make_document("hi")))

    assert reader.attachments["credential.json"] == [CREDENTIAL]
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    file_spec = names[names.index("credential.json") + 1].get_object()
    embedded = file_spec["/EF"]["/F"].get_object()
    assert embedded["/Subtype"] == NameObject("/application/ld+json")


def test_the_qr_code_drawn_is_the_verify_url(make_document):
    # No QR decoder (zbar) is installed: the modules drawn are compared with the
    # symbol segno encodes for the URL, which any decoder reads back as the URL.
    document = make_document("en")
    data = render_certificate_pdf(document)

    drawn = _qr_modules_drawn(operations(data))
    expected = segno.make(document.verify_url, error="m", micro=False)

    assert drawn == [list(row) for row in expected.matrix]
    assert document.verify_url in page_text(data)
    assert f"Certificate ID: {document.public_id}" in page_text(data)


def test_latin_and_arabic_names_are_extractable_in_logical_order(make_document):
    latin = make_document("en", learner_name="Leïla Núñez-Sørensen")
    arabic = make_document("ar")

    assert "Leïla Núñez-Sørensen" in page_text(render_certificate_pdf(latin))
    # pypdf returns the Arabic name in reading order, as typed (ToUnicode maps each
    # joined glyph back to its letter).
    assert "ليلى عبد الرحمن" in page_text(render_certificate_pdf(arabic))


def test_a_devanagari_name_on_an_english_certificate_falls_back_to_devanagari(make_document):
    name = "क्षत्रिय प्रशिक्षण श्रीमती"
    data = render_certificate_pdf(make_document("en", learner_name=name))

    fonts = read(data).pages[0]["/Resources"]["/Font"]
    base_fonts = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert "/MPDFAA+NotoSansDevanagariBold" in base_fonts
    assert name in page_text(data)


@pytest.mark.parametrize(
    "language, name, conjunct",
    [
        ("hi", "श्रीमती क्षत्रिय हिन्दी", "क्ष"),
        ("en", "क्षत्रिय प्रशिक्षण श्रीमती", "क्ष"),
        ("mr", "श्रीमती ज्ञानेश्वरी कुलकर्णी", "ज्ञ"),
    ],
    ids=["hindi", "devanagari-name-on-english", "marathi"],
)
def test_devanagari_is_shaped_into_conjuncts_and_reordered_vowel_signs(
    make_document, language, name, conjunct
):
    """The glyphs the PDF shows for the name are the ones HarfBuzz shapes from the shipped
    font, compared by outline (so the embedded subset's glyph numbering is checked too).
    Unshaped text — क्ष as three glyphs, ि after its consonant — fails the comparison."""
    from . import glyphs

    data = render_certificate_pdf(make_document(language, learner_name=name))

    expected = glyphs.shaped_outlines(name, "NotoSansDevanagari-Bold.ttf", language)
    unshaped = glyphs.unshaped_outlines(name, "NotoSansDevanagari-Bold.ttf")
    drawn = glyphs.drawn_outlines(read(data), "NotoSansDevanagariBold")

    assert expected != unshaped  # the name needs shaping: the test can tell
    assert glyphs.contains_run(drawn, expected)
    assert glyphs.conjunct_outline(conjunct, "NotoSansDevanagari-Bold.ttf") in drawn


@pytest.mark.parametrize(
    "language, font",
    [
        ("ar", "NotoSansArabic"),
        ("ur", "NotoSansArabic"),
        ("bn", "NotoSansBengali"),
        ("ta", "NotoSansTamil"),
        ("te", "NotoSansTelugu"),
    ],
)
def test_other_complex_scripts_draw_the_glyphs_harfbuzz_shapes(make_document, language, font):
    """Arabic and Urdu joining forms in right-to-left order, Bengali, Tamil and Telugu
    conjuncts and vowel signs: the same outline comparison as for Devanagari."""
    from . import glyphs

    document = make_document(language)
    data = render_certificate_pdf(document)

    expected = glyphs.shaped_outlines(document.learner_name, f"{font}-Bold.ttf", language)
    unshaped = glyphs.unshaped_outlines(document.learner_name, f"{font}-Bold.ttf")
    drawn = glyphs.drawn_outlines(read(data), f"{font}Bold")

    assert expected != unshaped
    assert glyphs.contains_run(drawn, expected)


@needs_poppler
@pytest.mark.parametrize("language", ["en", "hi", "ar"])
def test_long_names_and_titles_stay_on_the_page_without_overlapping(
    make_document, language, tmp_path
):
    name = ("Maria de los Ángeles Fernández-Castillo Rodríguez de la Fuente " * 3)[:120]
    title = ("Advanced Programme in Integrated Public Financial Management, " * 5)[:200]
    competencies = tuple((f"Competency with a long name {i}", "Advanced") for i in range(15))
    document = make_document(
        language,
        learner_name=name.strip(),
        course_title=title.strip(),
        competencies=competencies,
        provider_name="National Institute of Public Administration and Governance " * 2,
    )
    data = render_certificate_pdf(document)

    words = word_boxes(data, tmp_path)
    left, right = (MARGIN - 0.5) * MM, (PAGE_W - MARGIN + 0.5) * MM
    top, bottom = 12 * MM, (PAGE_H - 12) * MM
    for word, x_min, y_min, x_max, y_max in words:
        assert left <= x_min and x_max <= right, word
        assert top <= y_min and y_max <= bottom, word
    for index, first in enumerate(words):
        for second in words[index + 1 :]:
            assert not _overlap(first, second), (first, second)
    # Both fit whole: a 120-character name on two lines, a 200-character title on three.
    text = page_text(data)
    assert document.learner_name in text
    assert document.course_title in text


def test_text_too_long_for_its_box_is_cut_with_an_ellipsis(make_document, caplog):
    name = "Wolfeschlegelsteinhausenbergerdorff " * 30
    with caplog.at_level(logging.WARNING):
        data = render_certificate_pdf(make_document("en", learner_name=name.strip()))

    assert "…" in page_text(data)
    assert any("cut" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_right_to_left_certificates_mirror_the_layout(make_document, language):
    data = render_certificate_pdf(make_document(language))
    rtl = language == "ar"

    qr_x = _qr_left_edge(operations(data)) / MM
    with translation.override(language):  # the label as the certificate prints it
        label = translation.gettext("Date of issue")
    label_x = next(x for text, x, _ in text_runs(data) if label in text) / MM

    if rtl:  # QR code at the left, the facts start at the right
        assert qr_x < PAGE_W / 2 - QR_SIZE
        assert label_x > PAGE_W / 2
    else:
        assert qr_x > PAGE_W / 2 + QR_SIZE
        assert label_x < MARGIN + 1


def test_the_page_is_drawn_in_the_themes_colours(make_document):
    colours = {
        "primary": "#5eead4",
        "text": "#eef4f7",
        "background": "#0f1b24",
        "accent": "#a9bcc8",
    }
    ops = operations(render_certificate_pdf(make_document("en", colours=colours)))

    fills = _fill_colours(ops)
    strokes = {tuple(round(float(v), 2) for v in args) for args, op in ops if op == b"RG"}
    assert _rgb("#0f1b24") in fills  # the page
    assert _rgb("#eef4f7") in fills  # the text
    assert _rgb("#5eead4") in strokes  # the frame
    # A light primary colour is too pale for scanners: the QR code is black on white.
    assert (0.0, 0.0, 0.0) in fills


def test_a_logo_that_cannot_be_drawn_is_logged_and_left_out(make_document, tmp_path, caplog):
    broken = tmp_path / "logo.svg"
    broken.write_text("<svg xmlns='http://www.w3.org/2000/svg'><path d='M 0 0 L'", "utf-8")

    with caplog.at_level(logging.WARNING, logger="certificates.pdf.logo"):
        data = render_certificate_pdf(make_document("en", logo_path=broken))

    assert "Sofía Núñez" in page_text(data)
    assert str(broken) in caplog.text


def test_the_theme_logo_is_drawn(make_document, caplog):
    with caplog.at_level(logging.WARNING, logger="certificates.pdf.logo"):
        with_logo = render_certificate_pdf(make_document("en"))
    without = render_certificate_pdf(make_document("en", logo_path=None))

    assert not caplog.records
    assert len(operations(with_logo)) > len(operations(without))


def test_the_same_document_renders_to_the_same_bytes(make_document):
    assert render_certificate_pdf(make_document("hi")) == render_certificate_pdf(
        make_document("hi")
    )


def test_an_invalid_document_names_every_bad_field(make_document):
    with pytest.raises(CertificateDocumentError) as error:
        make_document("en", learner_name=" ", colours={"primary": "blue"}, direction="down")

    message = str(error.value)
    for field in ("learner_name", "direction", "colours['primary']", "colours['text']"):
        assert field in message


# -- helpers ---------------------------------------------------------------------------


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _fill_colours(ops) -> set[tuple[float, float, float]]:
    """Fill colours set on the page: ``r g b rg``, and ``v g`` for greys (fpdf2 writes
    black and white as greys)."""
    colours = set()
    for args, op in ops:
        if op == b"rg":
            colours.add(tuple(round(float(v), 2) for v in args))
        elif op == b"g":
            colours.add((round(float(args[0]), 2),) * 3)
    return colours


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(round(int(colour[i : i + 2], 16) / 255, 2) for i in (1, 3, 5))


def _qr_rectangles(ops) -> list[tuple[float, float, float, float]]:
    """The rectangles of the one path with more than 50 of them: the QR code's modules."""
    run: list = []
    for args, op in ops:
        if op == b"re":
            run.append(tuple(float(v) for v in args))
        elif op == b"f" and len(run) > 50:
            return run
        else:
            run = []
    raise AssertionError("no QR code path in the page")


def _qr_left_edge(ops) -> float:
    return min(x for x, _, _, _ in _qr_rectangles(ops))


def _qr_modules_drawn(ops) -> list[list[bool]]:
    rectangles = _qr_rectangles(ops)
    module = abs(rectangles[0][3])
    left = min(x for x, _, _, _ in rectangles)
    top = max(y for _, y, _, _ in rectangles)
    size = round((max(x + w for x, _, w, _ in rectangles) - left) / module)
    matrix = [[False] * size for _ in range(size)]
    for x, y, w, _ in rectangles:
        row, start = round((top - y) / module), round((x - left) / module)
        for column in range(start, start + round(w / module)):
            matrix[row][column] = True
    return matrix


def _overlap(first, second) -> bool:
    """Boxes of different words overlapping by more than a quarter of a line's height
    (pdftotext's boxes span the font's full ascent and descent, a bit more than the
    line pitch, so neighbouring lines touch)."""
    _, ax0, ay0, ax1, ay1 = first
    _, bx0, by0, bx1, by1 = second
    width = min(ax1, bx1) - max(ax0, bx0)
    height = min(ay1, by1) - max(ay0, by0)
    return width > 0.5 and height > 0.25 * min(ay1 - ay0, by1 - by0)


def _write_mo(path, messages: dict[str, str]) -> None:
    """A GNU gettext catalogue (the .mo format Django reads) of ``messages``."""
    entries = sorted({"": "Content-Type: text/plain; charset=UTF-8\n", **messages}.items())
    ids = b"".join(k.encode() + b"\0" for k, _ in entries)
    strs = b"".join(v.encode() + b"\0" for _, v in entries)
    count = len(entries)
    header = 7 * 4
    ids_start = header + 16 * count
    strs_start = ids_start + len(ids)
    table = []
    offset = 0
    for key, _ in entries:
        table.append((len(key.encode()), ids_start + offset))
        offset += len(key.encode()) + 1
    values = []
    offset = 0
    for _, value in entries:
        values.append((len(value.encode()), strs_start + offset))
        offset += len(value.encode()) + 1
    output = struct.pack("<7I", 0x950412DE, 0, count, header, header + 8 * count, 0, 0)
    output += b"".join(struct.pack("<2I", *item) for item in table)
    output += b"".join(struct.pack("<2I", *item) for item in values)
    path.write_bytes(output + ids + strs)
