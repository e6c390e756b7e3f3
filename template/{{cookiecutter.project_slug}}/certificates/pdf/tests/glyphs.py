"""Glyph outlines: what HarfBuzz shapes from a shipped font, and what a PDF draws.

Outlines (decomposed drawing commands) identify a glyph across fonts: the PDF embeds a
renumbered subset, so glyph ids alone cannot be compared with the shipped font's.
"""

from __future__ import annotations

import io
from functools import cache

import uharfbuzz as hb
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from pypdf.generic import ContentStream

from certificates.pdf.fonts import FONT_DIR

Outline = tuple


@cache
def _font(file_name: str) -> tuple[TTFont, hb.Font]:
    data = (FONT_DIR / file_name).read_bytes()
    return TTFont(io.BytesIO(data)), hb.Font(hb.Face(hb.Blob(data)))


def _outline(font: TTFont, glyph_name: str) -> Outline:
    glyph_set = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[glyph_name].draw(pen)
    return tuple((op, tuple(args)) for op, args in pen.value)


def _visible(outlines) -> list[Outline]:
    return [outline for outline in outlines if outline]  # spaces draw nothing


def shaped_outlines(text: str, file_name: str, language: str) -> list[Outline]:
    font, hb_font = _font(file_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.language = language
    hb.shape(hb_font, buffer, {})
    order = font.getGlyphOrder()
    return _visible(_outline(font, order[info.codepoint]) for info in buffer.glyph_infos)


def unshaped_outlines(text: str, file_name: str) -> list[Outline]:
    font, _ = _font(file_name)
    cmap = font.getBestCmap()
    return _visible(_outline(font, cmap[ord(c)]) for c in text if ord(c) in cmap)


def conjunct_outline(cluster: str, file_name: str) -> Outline:
    """The one glyph HarfBuzz forms for ``cluster`` (e.g. क्ष); fails if it forms several."""
    outlines = shaped_outlines(cluster, file_name, "hi")
    assert len(outlines) == 1, f"{cluster!r} is not one glyph in {file_name}"
    return outlines[0]


def drawn_outlines(reader, base_font_suffix: str) -> list[Outline]:
    """The outlines of every glyph the page draws in the font named ``base_font_suffix``,
    in content-stream order: char code -> CIDToGIDMap -> glyph of the embedded program."""
    page = reader.pages[0]
    resources = page["/Resources"]["/Font"]
    fonts = {}
    for resource_name, reference in resources.items():
        font = reference.get_object()
        if str(font["/BaseFont"]).endswith("+" + base_font_suffix):
            descendant = font["/DescendantFonts"][0].get_object()
            cid_to_gid = descendant["/CIDToGIDMap"].get_object().get_data()
            program = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            fonts[resource_name] = (cid_to_gid, TTFont(io.BytesIO(program)))
    assert fonts, f"no font {base_font_suffix} on the page"
    drawn: list[Outline] = []
    current = None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"Tf":
            current = fonts.get(operands[0])
        elif operator in (b"Tj", b"TJ") and current is not None:
            cid_to_gid, program = current
            order = program.getGlyphOrder()
            strings = operands[0] if operator == b"TJ" else [operands[0]]
            for string in strings:
                if not hasattr(string, "original_bytes"):
                    continue  # a TJ kerning number
                raw = string.original_bytes
                for index in range(0, len(raw), 2):
                    code = int.from_bytes(raw[index : index + 2], "big")
                    gid = int.from_bytes(cid_to_gid[2 * code : 2 * code + 2], "big")
                    drawn.append(_outline(program, order[gid]))
    return _visible(drawn)


def contains_run(sequence: list, run: list) -> bool:
    return any(sequence[i : i + len(run)] == run for i in range(len(sequence) - len(run) + 1))
