"""The WCAG 2.1 maths, checked against values any contrast checker reproduces."""

import pytest

from govlearn.themes.contrast import (
    contrast_ratio,
    format_ratio,
    parse_hex,
    passes_aa,
    relative_luminance,
)


def test_black_on_white_is_the_maximum_and_order_does_not_matter():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000") == pytest.approx(21.0)
    assert contrast_ratio("#1d4f91", "#1d4f91") == pytest.approx(1.0)


def test_luminance_of_primaries_matches_the_wcag_coefficients():
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    assert relative_luminance("#00ff00") == pytest.approx(0.7152)
    assert relative_luminance("#0000ff") == pytest.approx(0.0722)


def test_grey_just_below_the_body_text_threshold_fails_and_is_not_rounded_up():
    # #777777 on white is 4.478:1, commonly mistaken for passing.
    ratio = contrast_ratio("#777777", "#ffffff")
    assert 4.47 < ratio < 4.5
    assert not passes_aa("#777777", "#ffffff", "normal")
    assert passes_aa("#777777", "#ffffff", "large")
    assert format_ratio(ratio) == "4.47:1"


def test_darker_grey_passes_body_text():
    assert passes_aa("#767676", "#ffffff", "normal")  # 4.54:1, the classic lightest AA grey


def test_ui_components_need_three_to_one():
    assert passes_aa("#949494", "#ffffff", "ui")  # 3.03:1
    assert not passes_aa("#959595", "#ffffff", "ui")  # 2.99:1


def test_short_hex_expands_like_css():
    assert parse_hex("#fa0") == (255, 170, 0)
    assert contrast_ratio("#fff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("bad", ["red", "#12345", "#ggg", "rgb(0,0,0)", "#ffffff80", 12])
def test_anything_but_opaque_hex_is_refused(bad):
    with pytest.raises(ValueError, match="#rgb or #rrggbb"):
        parse_hex(bad)
