"""find-low-vision-version: does the mode measurably change the page? (pure comparisons)

The navigator measures the page before and after activating the control (median body-text
size, root font size, text and background colours); these functions decide from the numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tester.i18n import message_fields, say
from tester.model import Finding, TaskResult

# The way back to the normal version, a finding beside the task's verdict. WCAG has no success
# criterion for leaving a site's own alternative presentation (1.4.x judge the page shown, 3.2.5
# Change on Request is about changes nobody asked for), so none is claimed; the Kazakh rules do
# ask for it: Q04 (ST RK 2191 R25, A19) wants the version to have a "back to normal" control.
WAY_BACK_RULE = "low-vision-way-back"
WAY_BACK_RULES = ("Q04",)

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


# What else a version for the visually impaired may change (measured by the navigator's
# dom.js measure()): images hidden, the page turned grey, wider letter/word spacing, taller
# lines, another font family. Each is judged on the measured page alone or against the baseline.
IMAGES_OFF_SHARE = 0.8  # at least this share of the page's images hidden (or removed)
SPACING_GAIN_EM = 0.05  # letter spacing grown by 0.05 em, word spacing by twice that
LINE_HEIGHT_GAIN = 1.2
LINE_HEIGHT_MIN = 1.5  # WCAG 1.4.12's line height


def _num(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _path(reading: dict[str, Any]) -> str:
    try:
        return urlsplit(str(reading.get("url") or "")).path
    except ValueError:
        return ""


def images_hidden(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Images off: most images of the page are hidden now, or all were taken out of it."""
    shown_before = _num(before.get("images_shown"))
    share_before = _num(before.get("images_hidden_share"))
    if share_before >= 0.5:
        return False  # the page hid its images already
    total_after = _num(after.get("images_total"), -1)
    if total_after == 0 and shown_before >= 1 and before.get("url") == after.get("url"):
        return True  # the same page with every <img> replaced (by its alt text, say)
    return total_after > 0 and _num(after.get("images_hidden_share")) >= IMAGES_OFF_SHARE


def greyscale(filters: str) -> bool:
    """A grayscale(…) filter of a non-zero amount (grayscale(), grayscale(1), grayscale(100%))."""
    for amount in re.findall(r"grayscale\(([^)]*)\)", filters or ""):
        amount = amount.strip()
        if not amount or _num(amount.rstrip("%"), 1.0) > 0:
            return True
    return False


def _family(value: Any) -> str:
    first = str(value or "").split(",")[0]
    return first.strip().strip("\"'").lower()


@dataclass
class StyleChange:
    font_ratio: float
    contrast_before: float | None
    contrast_after: float | None
    larger: bool
    high_contrast: bool
    images_off: bool = False
    greyscale: bool = False
    spacing: bool = False
    line_height: bool = False
    font_family: bool = False

    @property
    def kinds(self) -> list[str]:
        """What changed, by name (the evidence's `changes`, the message's words)."""
        names = ("larger_text", "high_contrast", "images_off", "greyscale", "spacing",
                 "line_height", "font_family")
        values = (self.larger, self.high_contrast, self.images_off, self.greyscale,
                  self.spacing, self.line_height, self.font_family)
        return [name for name, on in zip(names, values, strict=True) if on]

    # Another page than the one measured before (the control was a link to another path): its
    # template may differ in spacing, line height or font, which is then no proof of a mode.
    other_page: bool = False

    @property
    def works(self) -> bool:
        strong = self.larger or self.high_contrast or self.images_off or self.greyscale
        return strong or (bool(self.kinds) and not self.other_page)

    def evidence(self) -> dict[str, Any]:
        return {"font_ratio": round(self.font_ratio, 2), "contrast_before": self.contrast_before,
                "contrast_after": self.contrast_after, "larger_text": self.larger,
                "high_contrast": self.high_contrast, "changes": self.kinds}


def compare_styles(before: dict[str, Any], after: dict[str, Any]) -> StyleChange:
    """Measure a low-vision mode: larger body text, a high-contrast colour scheme, images off,
    a grey page, wider spacing, taller lines or another font."""
    font_before = float(before.get("font_px") or 0) or 16.0
    font_after = float(after.get("font_px") or 0) or font_before
    ratio = font_after / font_before
    c_before = contrast_ratio(before.get("color", ""), before.get("background", ""))
    c_after = contrast_ratio(after.get("color", ""), after.get("background", ""))
    colours_changed = (before.get("color"), before.get("background")) != \
        (after.get("color"), after.get("background"))
    high = bool(c_after and colours_changed and c_after >= HIGH_CONTRAST
                and (c_before is None or c_after >= c_before * CONTRAST_GAIN or c_before < 4.5))
    letter = _num(after.get("letter_px")) - _num(before.get("letter_px"))
    word = _num(after.get("word_px")) - _num(before.get("word_px"))
    spacing = letter >= SPACING_GAIN_EM * font_after or word >= 2 * SPACING_GAIN_EM * font_after
    line_before = _num(before.get("line_ratio"), 1.2) or 1.2
    line_after = _num(after.get("line_ratio"), line_before) or line_before
    taller = line_after >= LINE_HEIGHT_MIN and line_after >= line_before * LINE_HEIGHT_GAIN
    family = bool(_family(before.get("font_family")) and _family(after.get("font_family"))
                  and _family(before.get("font_family")) != _family(after.get("font_family")))
    grey = greyscale(str(after.get("filters", ""))) and \
        not greyscale(str(before.get("filters", "")))
    other = _path(before) != _path(after)
    return StyleChange(ratio, c_before, c_after, ratio >= LARGER_RATIO, high,
                       images_hidden(before, after), grey, spacing, taller, family, other)


def still_in_effect(baseline: dict[str, Any], later: dict[str, Any],
                    kinds: list[str] | None = None) -> bool:
    """After a navigation, is the page still changed compared with the baseline? With `kinds`
    (what the mode changed), one of those changes must still hold: another page's own font or
    images are no proof that the mode persisted."""
    change = compare_styles(baseline, later)
    if kinds is None:
        return change.works
    # The images of another page: none to hide is no proof either way, so only kinds that
    # can be seen on any page count when the mode changed more than the images.
    return any(kind in kinds for kind in change.kinds)


def back_to_normal(baseline: dict[str, Any], later: dict[str, Any]) -> bool:
    change = compare_styles(baseline, later)
    return not change.works and abs(change.font_ratio - 1) < 0.1


def way_back_findings(task: TaskResult) -> list[Finding]:
    """The `low-vision-way-back` finding when the version works but no way back to the normal
    version was found (neither a labelled control nor the same toggle again restored the page);
    none when the way back worked or was not checked."""
    evidence = task.evidence
    if evidence.get("works") is not True or evidence.get("way_back") is not False:
        return []
    control = str(evidence.get("control") or "")
    data: dict[str, Any] = {"task": task.id, "rules": list(WAY_BACK_RULES), "control": control}
    if evidence.get("mode_url"):
        data["mode_url"] = evidence["mode_url"]
    if evidence.get("way_back_control"):
        data["tried"] = evidence["way_back_control"]
    return [Finding(rule=WAY_BACK_RULE, impact="moderate", data=data,
                    **message_fields(say("task.find-low-vision-version.finding-no-way-back",
                                         label=control)))]
