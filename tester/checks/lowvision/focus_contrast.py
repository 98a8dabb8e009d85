"""How strong a focus indicator is, from the focused and unfocused captures of one region (pure).

Every pixel that changed is compared with itself unfocused: the contrast ratio between its
focused colour and its unfocused colour is the contrast of the indicator against what was
there before (the adjacent colour it replaced), which is what WCAG 1.4.11 asks of a
user-interface state (3:1). A ring or underline appearing on the background, a filled
background or text turning white on blue all have many pixels at 3:1 or more; text that only
darkens a shade, or a border that turns from light grey to a slightly darker grey, has none.
Anti-aliased edges only blend the two states, so they never count as strong by accident.
A vivid change of hue over an area (a channel moving by half its range across at least a
third of the element, e.g. its background turning from white to #ffbf47 yellow) is as plain to
see as a 3:1 change and counts too; text that only changes hue (blue to red glyphs) is a
colour-only change and does not, nor do shades of the same colour.
"""

from __future__ import annotations

from typing import Any

from PIL import Image, ImageChops

from tester.checks.lowvision.pixels import (
    CHANGE_DELTA,
    MIN_CHANGED_PX,
    pixels_of,
    relative_luminance,
)

NEEDED_RATIO = 3.0  # WCAG 1.4.11 non-text contrast, and 2.4.13's change of contrast
RATIO_TOLERANCE = 0.05  # colour rounding in the capture
VIVID_DELTA = 128  # a channel moving this much (of 255) is a change of hue anyone notices
VIVID_FILL_SHARE = 1 / 3  # vivid pixels must cover this share of the element: a fill, not glyphs
MIN_STRONG_PX = 8  # as many strong pixels as a visible change needs: a 1 px underline has more
MAX_PIXELS = 120_000  # larger regions are sampled on a grid

NONE = "none"  # nothing visibly changes: 2.4.7
LOW = "low"  # a change under 3:1: 1.4.11
OK = "ok"


def _deltas(a: Image.Image, b: Image.Image) -> Image.Image:
    """Per pixel, the largest difference of the three channels (0-255, mode L)."""
    red, green, blue = ImageChops.difference(a, b).split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def indicator_stats(
    focused: Image.Image, unfocused: Image.Image, element_area: float = 0
) -> dict[str, Any]:
    """changed_px (a channel moved more than CHANGE_DELTA), strong_px (of those, at 3:1 or
    more against the unfocused pixel), vivid_px (under 3:1 but a vivid change of hue), the
    changed pixels' best ratio (95th percentile); element_area (CSS px) is kept for the verdict."""
    focused = focused.convert("RGB")
    unfocused = unfocused.convert("RGB")
    if focused.size != unfocused.size:
        unfocused = unfocused.resize(focused.size)
    area = focused.size[0] * focused.size[1]
    deltas = _deltas(focused, unfocused)
    max_delta = deltas.getextrema()[1]
    ratios: list[float] = []
    vivid = 0
    step = 1
    changed_box = deltas.point(lambda v: 255 if v > CHANGE_DELTA else 0).getbbox()
    if changed_box:
        # Only the changed pixels matter: crop to them, and sample a grid of a large area.
        focused, unfocused = focused.crop(changed_box), unfocused.crop(changed_box)
        width, height = focused.size
        if width * height > MAX_PIXELS:
            step = max(2, round((width * height / MAX_PIXELS) ** 0.5))
            size = (max(1, width // step), max(1, height // step))
            focused = focused.resize(size, Image.NEAREST)
            unfocused = unfocused.resize(size, Image.NEAREST)
        for delta, a, b in zip(
            pixels_of(_deltas(focused, unfocused)),
            pixels_of(focused),
            pixels_of(unfocused),
            strict=True,
        ):
            if delta > CHANGE_DELTA:
                la, lb = relative_luminance(a), relative_luminance(b)
                ratio = (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
                ratios.append(ratio)
                if ratio < NEEDED_RATIO - RATIO_TOLERANCE and delta >= VIVID_DELTA:
                    vivid += 1
    scale = step * step
    ratios.sort()
    strong = sum(1 for r in ratios if r >= NEEDED_RATIO - RATIO_TOLERANCE)
    return {
        "changed_px": len(ratios) * scale,
        "strong_px": strong * scale,
        "vivid_px": vivid * scale,
        "area": area,
        "element_area": round(element_area),
        "max_delta": max_delta,
        "ratio": round(ratios[int(len(ratios) * 0.95)], 2) if ratios else 1.0,
    }


def indicator_verdict(stats: dict[str, Any]) -> str:
    """NONE, LOW or OK from indicator_stats (re-applied by the pure audit on stored numbers)."""
    if int(stats.get("changed_px", 0)) < MIN_CHANGED_PX:
        return NONE
    clear = int(stats.get("strong_px", 0))
    vivid = int(stats.get("vivid_px", 0))
    if vivid >= VIVID_FILL_SHARE * float(stats.get("element_area") or 0):
        clear += vivid
    if "strong_px" in stats and clear < MIN_STRONG_PX:
        return LOW
    return OK


def ring_verdict(ring: dict[str, Any] | None) -> str | None:
    """The element's own outline settles it without pixels: the browser ring, or a solid
    outline of 2 px or more at 3:1 against its backdrop. None: measure the pixels."""
    if not ring:
        return None
    if ring.get("kind") == "auto":
        return OK
    solid = ring.get("kind") == "solid" and float(ring.get("width", 0)) >= 2
    if solid and float(ring.get("contrast", 0)) >= NEEDED_RATIO - RATIO_TOLERANCE:
        return OK
    return None
