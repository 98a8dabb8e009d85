"""Pure pixel measurements on screenshots (Pillow only, no browser): focus change and contrast."""

from __future__ import annotations

import io
import re
from typing import Any

from PIL import Image, ImageChops, ImageFilter

CHANGE_DELTA = 24  # a channel must move this much (of 255) for a pixel to count as changed
MIN_CHANGED_PX = 8  # fewer changed pixels than this is rendering noise, not a focus indicator
MAX_CONTRAST_PIXELS = 160_000  # larger crops are scaled down before measuring


def pixels_of(img: Image.Image) -> Any:
    """The pixel sequence of an image (Pillow 13 renamed getdata)."""
    flattened = getattr(img, "get_flattened_data", None)
    return flattened() if flattened else img.getdata()


def load(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as img:
        return img.convert("RGB")


def focus_change(focused: Image.Image, unfocused: Image.Image) -> dict[str, int]:
    """How many pixels differ noticeably between the focused and unfocused captures."""
    if focused.size != unfocused.size:
        unfocused = unfocused.resize(focused.size)
    histogram = _channel_diff(focused.convert("RGB"), unfocused.convert("RGB")).histogram()
    changed = sum(histogram[CHANGE_DELTA + 1 :])
    max_delta = max((value for value, count in enumerate(histogram) if count), default=0)
    return {
        "changed_px": changed,
        "area": focused.size[0] * focused.size[1],
        "max_delta": max_delta,
    }


def _channel_diff(a: Image.Image, b: Image.Image) -> Image.Image:
    """Per pixel, the largest difference of the three channels (0-255, mode L)."""
    red, green, blue = ImageChops.difference(a, b).split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def is_visible_change(stats: dict[str, Any]) -> bool:
    return int(stats.get("changed_px", 0)) >= MIN_CHANGED_PX


# --- colour contrast -------------------------------------------------------------------------

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)")


def parse_css_color(text: str | None) -> tuple[tuple[int, int, int], float] | None:
    """'rgb(1, 2, 3)' / 'rgba(1, 2, 3, 0.5)' / '#abc' / '#aabbcc' -> ((r, g, b), alpha)."""
    if not text:
        return None
    text = text.strip().lower()
    match = _RGB.fullmatch(text)
    if match:
        r, g, b = (max(0, min(255, round(float(v)))) for v in match.groups()[:3])
        alpha_text = match.group(4)
        alpha = 1.0
        if alpha_text:
            alpha = float(alpha_text[:-1]) / 100 if alpha_text.endswith("%") else float(alpha_text)
        return (r, g, b), max(0.0, min(1.0, alpha))
    if re.fullmatch(r"#[0-9a-f]{3}|#[0-9a-f]{6}", text):
        digits = text[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)), 1.0
    return None


# Linearised sRGB channel values, one per byte: luminance is asked per pixel by the focus check.
_CHANNEL = [
    (v / 255 / 12.92) if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4
    for v in range(256)
]


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    return 0.2126 * _CHANNEL[rgb[0]] + 0.7152 * _CHANNEL[rgb[1]] + 0.0722 * _CHANNEL[rgb[2]]


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _mask_near(img: Image.Image, colour: tuple[int, int, int], tolerance: int) -> Image.Image:
    """255 where a pixel is within `tolerance` of `colour` on every channel."""
    solid = Image.new("RGB", img.size, colour)
    return _channel_diff(img, solid).point(lambda v: 255 if v <= tolerance else 0)


def _estimate_text_colour(img: Image.Image) -> tuple[int, int, int]:
    """Without a hint: the less common of the two luminance clusters (text is the minority)."""
    grey = img.convert("L")
    histogram = grey.histogram()
    total = sum(histogram) or 1
    mean = sum(i * c for i, c in enumerate(histogram)) / total
    dark = sum(histogram[: int(mean) + 1])
    want_dark = dark < total - dark
    pixels = [
        p for p, g in zip(pixels_of(img), pixels_of(grey), strict=True) if (g <= mean) == want_dark
    ]
    if not pixels:
        return (0, 0, 0)
    return tuple(round(sum(ch) / len(pixels)) for ch in zip(*pixels, strict=True))  # type: ignore[return-value]


def _changed_mask(a: Image.Image, b: Image.Image) -> Image.Image:
    return _channel_diff(a, b).point(lambda v: 255 if v > CHANGE_DELTA else 0)


def _shrink(img: Image.Image) -> Image.Image:
    area = img.size[0] * img.size[1]
    if area <= MAX_CONTRAST_PIXELS:
        return img
    scale = (MAX_CONTRAST_PIXELS / area) ** 0.5
    return img.resize((max(1, int(img.size[0] * scale)), max(1, int(img.size[1] * scale))))


def decide_contrast(
    pixels_crop: Image.Image,
    fg_hint: str | None,
    *,
    background: Image.Image | None = None,
    large_text: bool = False,
) -> dict[str, Any]:
    """Judge text contrast on a rendered crop of text over an image or gradient.

    The text colour is `fg_hint` (the computed colour) when it is opaque, else estimated.
    With `background` (the same crop with the text made transparent) the glyphs are exactly
    the pixels that differ, and the backdrop is the background under and 2 px around them.
    Without it, glyphs are the pixels close to the text colour and the backdrop is a ring
    2-5 px around them (skipping anti-aliased edges). Each backdrop pixel's contrast with the
    text colour is computed:
    * "pass" when 95 % of the backdrop meets the WCAG threshold (4.5:1, 3:1 for large text),
    * "fail" when most of it (the median) is below the threshold,
    * "unclear" otherwise, or when the glyphs cannot be told from the background.
    """
    img = _shrink(pixels_crop.convert("RGB"))
    needed = 3.0 if large_text else 4.5
    parsed = parse_css_color(fg_hint)
    hinted = parsed is not None and parsed[1] >= 0.9
    fg = parsed[0] if hinted and parsed else _estimate_text_colour(img)
    area = img.size[0] * img.size[1]
    if background is not None:
        back = background.convert("RGB").resize(img.size)
        text_mask = _changed_mask(img, back)
        source, backdrop = back, text_mask.filter(ImageFilter.MaxFilter(5))
    else:
        text_mask = _mask_near(img, fg, 40)
        inner = text_mask.filter(ImageFilter.MaxFilter(5))
        source, backdrop = (
            img,
            ImageChops.subtract(text_mask.filter(ImageFilter.MaxFilter(11)), inner),
        )
    text_px = text_mask.histogram()[255]
    result: dict[str, Any] = {
        "fg": "#{:02x}{:02x}{:02x}".format(*fg),
        "fg_source": "hint" if hinted else "estimated",
        "needed": needed,
        "text_px": text_px,
        "area": area,
        "method": "two-crops" if background is not None else "one-crop",
    }
    if text_px < max(12, area * 0.004):
        return {**result, "verdict": "unclear", "reason": "text not found in the pixels"}
    if background is None and text_px > area * 0.35:
        return {**result, "verdict": "unclear", "reason": "background has the text colour"}
    ratios = sorted(
        contrast_ratio(fg, px)
        for px, m in zip(pixels_of(source), pixels_of(backdrop), strict=True)
        if m
    )
    if len(ratios) < 20:
        return {**result, "verdict": "unclear", "reason": "too little background around the text"}
    result.update(
        ratio_p05=round(ratios[int(len(ratios) * 0.05)], 2),
        ratio_median=round(ratios[len(ratios) // 2], 2),
        ratio_p95=round(ratios[int(len(ratios) * 0.95)], 2),
        below_share=round(sum(1 for r in ratios if r < needed) / len(ratios), 3),
        samples=len(ratios),
    )
    return {**result, "verdict": verdict_from_stats(result)}


def verdict_from_stats(stats: dict[str, Any]) -> str:
    """The decision rule of decide_contrast, re-applied by the pure audit on stored numbers."""
    if "ratio_p05" not in stats:
        return "unclear"
    needed = float(stats.get("needed", 4.5))
    if stats["ratio_p05"] >= needed:
        return "pass"
    if stats["ratio_median"] < needed:
        return "fail"
    return "unclear"
