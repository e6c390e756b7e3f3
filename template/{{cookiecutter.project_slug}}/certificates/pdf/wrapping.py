"""Fitting a text into a box: shrink to a floor size, wrap at spaces, cut with an ellipsis.

fpdf2's ``multi_cell`` re-shapes the growing line once per character while breaking it,
which made line breaking most of a certificate's cost. Here a line is measured once per
word (``get_string_width`` shapes the whole candidate line, so widths include kerning,
conjuncts and joining), and each finished line is drawn with one ``cell``. Lines are cut
from the logical text, then each is laid out on its own with the bidi algorithm.
"""

from __future__ import annotations

import logging
import unicodedata

logger = logging.getLogger(__name__)

ELLIPSIS = "…"
# Characters a line must not start with (they belong to the letter before them) nor end
# on (virama and joiners glue the next letter): a cut there would break a syllable.
_JOINERS = {"\u200c", "\u200d", "\u034f"}
_VIRAMAS = {"\u094d", "\u09cd", "\u0bcd", "\u0c4d"}
_BREAK_AFTER = "/-_.?&=·"


def fit_lines(pdf, family: str, style: str, text: str, width: float, sizes, max_lines: int):
    """(font size, lines): the largest size from ``sizes`` = (max, floor) at which ``text``
    wraps into at most ``max_lines`` lines of ``width`` mm; at the floor, the last line is
    cut and ends in an ellipsis (logged: the full text stays in the signed credential)."""
    largest, floor = sizes
    font_size = largest
    measure = _Measure(pdf)
    while True:
        pdf.set_font(family, style, font_size)
        lines = wrap(measure, text, width)
        if len(lines) <= max_lines:
            return font_size, lines
        if font_size <= floor:
            break
        font_size = max(floor, font_size * 0.88)
    logger.warning("Certificate text cut to %s lines: %.60s", max_lines, text)
    kept = lines[: max_lines - 1]
    rest = " ".join(lines[max_lines - 1 :])
    kept.append(_with_ellipsis(measure, rest, width))
    return font_size, kept


class _Measure:
    """Shaped widths, each word shaped once per text: widths scale with the font size
    (the PDF is unhinted), so a word measured at one size is known at every other."""

    def __init__(self, pdf):
        self.pdf = pdf
        self._per_point: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        per_point = self._per_point.get(text)
        if per_point is None:
            per_point = self.pdf.get_string_width(text) / self.pdf.font_size_pt
            self._per_point[text] = per_point
        return per_point * self.pdf.font_size_pt

    def words(self, words: list[str]) -> float:
        return sum(map(self, words)) + self(" ") * (len(words) - 1)


def wrap(measure: _Measure, text: str, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is split at a safe character."""
    if measure(text) <= width:
        return [text]
    lines: list[str] = []
    current: list[str] = []
    for word in text.split(" "):
        if measure.words([*current, word]) <= width:
            current.append(word)
            continue
        if current:
            lines.append(" ".join(current))
        while measure(word) > width:
            head, word = _split_word(measure, word, width)
            lines.append(head)
        current = [word] if word else []
    if current:
        lines.append(" ".join(current))
    return lines


def _split_word(measure: _Measure, word: str, width: float) -> tuple[str, str]:
    if len(word) < 2:
        return word, ""
    low, high = 1, len(word) - 1
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if measure(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    cut = _safe_cut(word, low)
    # A URL or code reads better cut after a separator, if one is near the end.
    for index in range(cut, max(0, int(cut * 0.6)), -1):
        if word[index - 1] in _BREAK_AFTER:
            cut = index
            break
    return word[:cut], word[cut:]


def _safe_cut(word: str, cut: int) -> int:
    while cut > 1 and (
        unicodedata.category(word[cut]) in ("Mn", "Mc", "Me")
        or word[cut] in _JOINERS
        or word[cut - 1] in _JOINERS | _VIRAMAS
    ):
        cut -= 1
    return max(1, cut)


def _with_ellipsis(measure: _Measure, text: str, width: float) -> str:
    """The words of ``text`` that fit in ``width`` together with a closing ellipsis."""
    kept: list[str] = []
    for word in text.split(" "):
        if measure.words([*kept, word + ELLIPSIS]) > width:
            break
        kept.append(word)
    if kept:
        return " ".join(kept) + ELLIPSIS
    head, _ = _split_word(measure, text.split(" ")[0] + ELLIPSIS, width - measure(ELLIPSIS))
    return head.removesuffix(ELLIPSIS) + ELLIPSIS
