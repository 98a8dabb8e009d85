"""The low-vision battery: page checks axe-core cannot do because they need a driven browser.

Checks run one after another on the same loaded page (no reload) and each leaves the page as
it found it: viewport, injected styles, focus and scroll. Order matters a little: the cheap
layout checks come first, keyboard and OCR last.
"""

from __future__ import annotations

from tester.checks.base import PageCheck
from tester.checks.lowvision import (
    contrast_review,
    focus_visible,
    images_of_text,
    reflow,
    resize_text,
    small_text,
    text_spacing,
)

LOWVISION_CHECKS: list[PageCheck] = [
    reflow.CHECK,
    resize_text.CHECK,
    text_spacing.CHECK,
    small_text.CHECK,
    contrast_review.CHECK,
    focus_visible.CHECK,
    images_of_text.CHECK,
]

__all__ = ["LOWVISION_CHECKS"]
