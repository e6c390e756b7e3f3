"""Embedding the shared fonts: a HarfBuzz subset instead of fpdf2's fontTools one.

fpdf2 writes each TrueType font by subsetting it with fontTools, which decompiles and
recompiles the glyph outlines: ~5–15 ms a font, more than the rest of a certificate
together. HarfBuzz's subsetter (the same uharfbuzz that shapes the text) does it in
~0.1 ms. The PDF objects written are the ones fpdf2 writes for a TrueType font — a Type0
font over a CIDFontType2 with Identity-H encoding, a CIDToGIDMap, widths and a ToUnicode
CMap for copying and search — only the font program comes from HarfBuzz.

Tied to fpdf2's output internals (pinned in requirements.txt); the tests in
``certificates/pdf/tests`` render, extract and compare glyphs, so an fpdf2 upgrade that
changes them fails there first.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import uharfbuzz as hb
from fpdf import FPDF
from fpdf.enums import PDFResourceType, TextDirection
from fpdf.output import (
    CIDSystemInfo,
    OutputProducer,
    PDFContentStream,
    PDFFont,
    PDFFontStream,
    _build_cmap_blocks,
    _tt_font_widths,
)
from fpdf.syntax import Name, PDFArray

from certificates.pdf.fonts import SharedTTFFont

logger = logging.getLogger(__name__)

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, their presentation forms, the
# right-to-left marks and embeddings, and the right-to-left blocks beyond the BMP.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Tables a PDF viewer never reads from an embedded CIDFontType2 font: shaping already
# happened, so the layout tables (and hinting) stay out of the file.
_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "name", "DSIG", "hdmx", "kern", "gasp", "MATH")


class CertificatePDF(FPDF):
    """An ``FPDF`` whose ``output()`` embeds ``SharedTTFFont``s through HarfBuzz, and
    which skips the bidi algorithm for text that has no right-to-left character."""

    def _preload_bidirectional_text(self, text, markdown):
        # fpdf2 runs the full Unicode bidi algorithm on every string it measures or draws
        # (a quarter of a Latin certificate's time). Without a right-to-left character
        # and with a left-to-right (or automatic) base direction, its answer is always
        # one left-to-right run of the whole text, so that run is built directly.
        shaping = self.text_shaping
        if (
            shaping
            and not markdown
            and shaping["direction"] in (None, TextDirection.LTR)
            and not _RIGHT_TO_LEFT.search(text)
        ):
            shaping["paragraph_direction"] = TextDirection.LTR
            shaping["fragment_direction"] = TextDirection.LTR
            return tuple(self._preload_font_styles(text, markdown))
        return super()._preload_bidirectional_text(text, markdown)

    def output(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        kwargs.setdefault("output_producer_class", _SharedFontOutputProducer)
        return super().output(*args, **kwargs)


class _SharedFontOutputProducer(OutputProducer):
    def _add_fonts(self, image_objects_per_index, gfxstate_objs_per_name, pattern_objs_per_name):
        fpdf = self.fpdf
        catalog = fpdf._resource_catalog
        every_font = catalog.font_registry
        shared = [font for font in every_font.values() if isinstance(font, SharedTTFFont)]
        catalog.font_registry = {
            key: font for key, font in every_font.items() if not isinstance(font, SharedTTFFont)
        }
        try:
            font_objs_per_index = super()._add_fonts(
                image_objects_per_index, gfxstate_objs_per_name, pattern_objs_per_name
            )
        finally:
            catalog.font_registry = every_font
        used = catalog.get_used_resources(PDFResourceType.FONT)
        for font in sorted(shared, key=lambda font: font.i):
            # A fallback font no character needed is registered but never referenced.
            if font.i in used or str(font.i) in used:
                font_objs_per_index[font.i] = self._add_shared_font(font)
            font.subset.pick.cache_clear()
            font.subset.get_glyph.cache_clear()
        return font_objs_per_index

    def _add_shared_font(self, font: SharedTTFFont) -> PDFFont:
        glyphs = [(glyph, code) for glyph, code in font.subset.items() if glyph is not None]
        missing = sorted(
            {chr(c) for glyph, _ in glyphs if glyph.glyph_id == 0 for c in glyph.unicode or ()}
            - {" ", "\x00"}
        )
        if missing:
            logger.warning("Certificate font %s has no glyph for %s", font.name, missing)
        program, old_to_new = _subset_program(font.source.face, {g.glyph_id for g, _ in glyphs})
        fontname = f"MPDFAA+{font.name}"

        composite = PDFFont(subtype="Type0", base_font=fontname, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        cid_font = PDFFont(
            subtype="CIDFontType2",
            base_font=fontname,
            d_w=font.desc.missing_width,
            w=_tt_font_widths(font),
        )
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])

        # Text extraction: HarfBuzz gives a cluster's text to its first glyph. The other
        # glyphs of the cluster (a Devanagari consonant after its pre-base vowel sign, the
        # parts of a split vowel) map to no text rather than to their raw code, so
        # copied text is the logical string.
        to_unicode = []
        for glyph, code in glyphs:
            characters = glyph.unicode if isinstance(glyph.unicode, tuple) else ()
            text = "".join(chr(c) for c in characters).encode("utf-16-be").hex().upper()
            to_unicode.append(f"<{code:04X}> <{text}>\n")
        to_unicode_obj = PDFContentStream(
            (
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                f"{_build_cmap_blocks(to_unicode, 'bfchar')}"
                "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
            ).encode("latin-1"),
            compress=True,
        )
        self._add_pdf_obj(to_unicode_obj, "fonts")
        composite.to_unicode = to_unicode_obj

        system_info = CIDSystemInfo()
        self._add_pdf_obj(system_info, "fonts")
        cid_font.c_i_d_system_info = system_info

        descriptor = font.desc
        descriptor.font_name = Name(fontname)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor

        cid_to_gid = bytearray(2 * (max((code for _, code in glyphs), default=0) + 1))
        for glyph, code in glyphs:
            new_gid = old_to_new[glyph.glyph_id]
            cid_to_gid[2 * code] = new_gid >> 8
            cid_to_gid[2 * code + 1] = new_gid & 0xFF
        cid_to_gid_obj = PDFContentStream(contents=bytes(cid_to_gid), compress=True)
        self._add_pdf_obj(cid_to_gid_obj, "fonts")
        cid_font.c_i_d_to_g_i_d_map = cid_to_gid_obj

        program_obj = PDFFontStream(contents=program)
        self._add_pdf_obj(program_obj, "fonts")
        descriptor.font_file2 = program_obj
        return composite


def _subset_program(face: hb.Face, glyph_ids: set[int]) -> tuple[bytes, dict[int, int]]:
    subset_input = hb.SubsetInput()
    subset_input.glyph_set.update(glyph_ids)
    subset_input.flags = hb.SubsetFlags.NOTDEF_OUTLINE | hb.SubsetFlags.NO_HINTING
    dropped = subset_input.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in _DROPPED_TABLES:
        dropped.add(int.from_bytes(tag.encode("ascii"), "big"))
    plan = hb.SubsetPlan(face, subset_input)
    old_to_new = dict(plan.old_to_new_glyph_mapping.items())
    return plan.execute().blob.data, old_to_new
