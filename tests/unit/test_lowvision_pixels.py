"""Pure pixel logic of the low-vision battery on synthetic images: contrast decisions and
focus-change detection. No browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tester.checks.lowvision.pixels import (
    contrast_ratio,
    decide_contrast,
    focus_change,
    is_visible_change,
    parse_css_color,
    verdict_from_stats,
)

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def font(size: int) -> ImageFont.ImageFont:
    if FONT_PATH.is_file():
        return ImageFont.truetype(str(FONT_PATH), size)
    return ImageFont.load_default()


def text_on(
    background: Image.Image,
    colour: tuple[int, int, int],
    size: int = 22,
    text: str = "Приём граждан 9:00",
) -> Image.Image:
    img = background.copy()
    ImageDraw.Draw(img).text((6, 4), text, font=font(size), fill=colour)
    return img


def solid(colour: tuple[int, int, int], size: tuple[int, int] = (300, 36)) -> Image.Image:
    return Image.new("RGB", size, colour)


def split(left: tuple[int, int, int], right: tuple[int, int, int]) -> Image.Image:
    img = solid(left)
    ImageDraw.Draw(img).rectangle([150, 0, 300, 36], fill=right)
    return img


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # #767676 on white is the classic 4.54:1 grey.
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rgb(255, 255, 255)", ((255, 255, 255), 1.0)),
        ("rgba(10, 20, 30, 0.5)", ((10, 20, 30), 0.5)),
        ("rgb(10 20 30 / 40%)", ((10, 20, 30), 0.4)),
        ("#abc", ((0xAA, 0xBB, 0xCC), 1.0)),
        ("#0b4f8a", ((0x0B, 0x4F, 0x8A), 1.0)),
        ("currentcolor", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_css_color(text: str | None, expected: object) -> None:
    assert parse_css_color(text) == expected


def test_white_text_on_dark_background_passes_both_ways() -> None:
    back = solid((20, 30, 50))
    crop = text_on(back, (255, 255, 255))
    one = decide_contrast(crop, "rgb(255, 255, 255)")
    two = decide_contrast(crop, "rgb(255, 255, 255)", background=back)
    assert one["verdict"] == "pass" and one["method"] == "one-crop"
    assert two["verdict"] == "pass" and two["method"] == "two-crops"
    assert two["ratio_p05"] >= 4.5


def test_white_text_on_light_background_fails_with_the_measured_ratio() -> None:
    back = solid((235, 232, 220))
    result = decide_contrast(text_on(back, (255, 255, 255)), "rgb(255, 255, 255)", background=back)
    assert result["verdict"] == "fail"
    assert result["ratio_median"] < 1.5
    assert result["below_share"] > 0.9


def test_one_crop_cannot_separate_text_from_same_coloured_background() -> None:
    back = solid((250, 250, 250))
    result = decide_contrast(text_on(back, (255, 255, 255)), "rgb(255, 255, 255)")
    assert result["verdict"] == "unclear"


def test_text_half_over_light_half_over_dark_is_unclear() -> None:
    back = split((15, 15, 15), (120, 120, 120))
    crop = text_on(back, (255, 255, 255), text="Приём граждан по вторникам")
    result = decide_contrast(crop, "rgb(255, 255, 255)", background=back)
    assert result["verdict"] == "unclear", result
    assert result["ratio_p05"] < 4.5 <= result["ratio_median"]


def test_large_text_uses_the_three_to_one_threshold() -> None:
    # #909090 on white is about 3.2:1: enough for large text, not for body text.
    back = solid((255, 255, 255), (420, 50))
    crop = text_on(back, (0x90, 0x90, 0x90), size=30)
    normal = decide_contrast(crop, "rgb(144, 144, 144)", background=back)
    large = decide_contrast(crop, "rgb(144, 144, 144)", background=back, large_text=True)
    assert normal["verdict"] == "fail" and normal["needed"] == 4.5
    assert large["verdict"] == "pass" and large["needed"] == 3.0


def test_missing_text_is_unclear_not_a_verdict() -> None:
    back = solid((40, 40, 40))
    result = decide_contrast(back, "rgb(255, 255, 255)", background=back)
    assert result["verdict"] == "unclear" and "text" in result["reason"]


def test_text_colour_is_estimated_without_a_hint() -> None:
    back = solid((20, 20, 20))
    result = decide_contrast(text_on(back, (250, 250, 250)), None)
    assert result["fg_source"] == "estimated"
    assert result["verdict"] == "pass"


def test_translucent_hint_is_not_trusted() -> None:
    back = solid((20, 20, 20))
    result = decide_contrast(text_on(back, (250, 250, 250)), "rgba(250, 250, 250, 0.4)")
    assert result["fg_source"] == "estimated"


def test_verdict_from_stats_reapplies_the_rule() -> None:
    assert verdict_from_stats({}) == "unclear"
    assert verdict_from_stats({"needed": 4.5, "ratio_p05": 5.0, "ratio_median": 8}) == "pass"
    assert verdict_from_stats({"needed": 4.5, "ratio_p05": 1.1, "ratio_median": 2}) == "fail"
    assert verdict_from_stats({"needed": 4.5, "ratio_p05": 2.0, "ratio_median": 6}) == "unclear"


def test_focus_change_sees_an_outline_and_ignores_identical_captures() -> None:
    plain = text_on(solid((255, 255, 255), (120, 40)), (11, 79, 138), size=16, text="Новости")
    outlined = plain.copy()
    ImageDraw.Draw(outlined).rectangle([1, 1, 118, 38], outline=(26, 115, 232), width=2)
    same = focus_change(plain, plain.copy())
    assert same["changed_px"] == 0 and not is_visible_change(same)
    changed = focus_change(outlined, plain)
    assert changed["changed_px"] > 300 and is_visible_change(changed)


def test_focus_change_ignores_faint_noise() -> None:
    plain = solid((200, 200, 200), (60, 30))
    noisy = plain.copy()
    ImageDraw.Draw(noisy).point([(5, 5), (10, 10), (20, 3)], fill=(190, 190, 190))
    ImageDraw.Draw(noisy).point([(30, 20)], fill=(0, 0, 0))
    assert not is_visible_change(focus_change(noisy, plain))
