"""find-low-vision-version: does the mode measurably change the page? (pure comparisons)

The navigator measures the page before and after activating the control (median body-text
size, root font size, text and background colours); these functions decide from the numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

LARGER_RATIO = 1.15  # text at least 15 % larger
HIGH_CONTRAST = 7.0  # WCAG AAA ratio: the usual black/white, yellow/black schemes reach it
CONTRAST_GAIN = 1.25


def parse_rgb(value: str) -> tuple[float, float, float, float] | None:
    """'rgb(1, 2, 3)' / 'rgba(1, 2, 3, 0.5)' / 'color(srgb 1 0 0)' -> (r, g, b, alpha) 0-255."""
    nums = [float(x) for x in re.findall(r"[\d.]+", value or "")]
    if value.startswith("color(srgb") and len(nums) >= 3:
        alpha = nums[3] if len(nums) > 3 else 1.0
        return nums[0] * 255, nums[1] * 255, nums[2] * 255, alpha
    if len(nums) < 3:
        return None
    return nums[0], nums[1], nums[2], nums[3] if len(nums) > 3 else 1.0


def _luminance(rgb: tuple[float, float, float, float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(foreground: str, background: str) -> float | None:
    fg, bg = parse_rgb(foreground), parse_rgb(background)
    if fg is None or bg is None:
        return None
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return round((light + 0.05) / (dark + 0.05), 2)


@dataclass
class StyleChange:
    font_ratio: float
    contrast_before: float | None
    contrast_after: float | None
    larger: bool
    high_contrast: bool

    @property
    def works(self) -> bool:
        return self.larger or self.high_contrast

    def evidence(self) -> dict[str, Any]:
        return {"font_ratio": round(self.font_ratio, 2), "contrast_before": self.contrast_before,
                "contrast_after": self.contrast_after, "larger_text": self.larger,
                "high_contrast": self.high_contrast}


def compare_styles(before: dict[str, Any], after: dict[str, Any]) -> StyleChange:
    """Measure a low-vision mode: larger body text and/or a high-contrast colour scheme."""
    font_before = float(before.get("font_px") or 0) or 16.0
    font_after = float(after.get("font_px") or 0) or font_before
    ratio = font_after / font_before
    c_before = contrast_ratio(before.get("color", ""), before.get("background", ""))
    c_after = contrast_ratio(after.get("color", ""), after.get("background", ""))
    colours_changed = (before.get("color"), before.get("background")) != \
        (after.get("color"), after.get("background"))
    high = bool(c_after and colours_changed and c_after >= HIGH_CONTRAST
                and (c_before is None or c_after >= c_before * CONTRAST_GAIN or c_before < 4.5))
    return StyleChange(ratio, c_before, c_after, ratio >= LARGER_RATIO, high)


def still_in_effect(baseline: dict[str, Any], later: dict[str, Any]) -> bool:
    """After a navigation, is the page still larger / high-contrast compared with the baseline?"""
    return compare_styles(baseline, later).works


def back_to_normal(baseline: dict[str, Any], later: dict[str, Any]) -> bool:
    change = compare_styles(baseline, later)
    return not change.works and abs(change.font_ratio - 1) < 0.1
