"""The focus indicator judged from its pixels (focus_contrast) and told by the audit: no change
(2.4.7), a change under 3:1 (1.4.11), covered by a fixed bar (2.4.11); no browser."""

from __future__ import annotations

from PIL import Image, ImageDraw

from tester.checks.lowvision import focus_visible
from tester.checks.lowvision.focus_contrast import (
    LOW,
    NONE,
    OK,
    indicator_stats,
    indicator_verdict,
    ring_verdict,
)


def link(text_colour: str, *, underline: str | None = None, ring: str | None = None,
         background: str = "#ffffff", size: tuple[int, int] = (120, 40)) -> Image.Image:
    """A link-like crop: a block of 'text' strokes, optionally underlined or ringed."""
    img = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(img)
    for x in range(20, 100, 6):
        draw.rectangle((x, 14, x + 2, 24), fill=text_colour)
    if underline:
        draw.line((20, 27, 100, 27), fill=underline, width=1)
    if ring:
        draw.rectangle((14, 8, 106, 32), outline=ring, width=2)
    return img


def test_outline_removed_and_nothing_else_is_no_indicator() -> None:
    stats = indicator_stats(link("#0b5ed7"), link("#0b5ed7"))
    assert stats["changed_px"] == 0 and indicator_verdict(stats) == NONE


def test_text_darkening_a_shade_is_a_colour_only_change_under_three_to_one() -> None:
    stats = indicator_stats(link("#0a4f9c"), link("#0b5ed7"))
    assert stats["changed_px"] > 100 and stats["strong_px"] == 0
    assert 1.3 <= stats["ratio"] <= 1.45 and indicator_verdict(stats) == LOW


def test_faint_border_change_is_low_and_a_dark_one_is_fine() -> None:
    def field(border: str) -> Image.Image:
        img = Image.new("RGB", (200, 40), "#ffffff")
        ImageDraw.Draw(img).rectangle((4, 4, 195, 35), outline=border, width=1)
        return img

    assert indicator_verdict(indicator_stats(field("#b3b3b3"), field("#cccccc"))) == LOW
    assert indicator_verdict(indicator_stats(field("#1b1b1b"), field("#cccccc"))) == OK


def test_ring_underline_background_and_strong_colour_change_are_fine() -> None:
    plain = link("#0b3d91")
    assert indicator_verdict(indicator_stats(link("#0b3d91", ring="#0b3d91"), plain)) == OK
    assert indicator_verdict(indicator_stats(link("#0b3d91", underline="#0b3d91"), plain)) == OK
    filled = link("#ffffff", background="#0a3d7a")
    assert indicator_verdict(indicator_stats(filled, link("#0b5ed7"))) == OK
    assert indicator_verdict(indicator_stats(link("#000000"), link("#767676"))) == OK


def test_light_grey_ring_is_under_three_to_one_but_a_vivid_hue_change_is_seen() -> None:
    plain = link("#0b3d91")
    stats = indicator_stats(link("#0b3d91", ring="#c8c8c8"), plain)
    assert indicator_verdict(stats) == LOW and stats["ratio"] < 3
    # GOV.UK-like yellow fill under darker text: 1.6:1 against white, but plainly visible.
    yellow = indicator_stats(link("#000000", background="#ffbf47"), link("#0b4f8a"), 100 * 30)
    assert yellow["strong_px"] < 8 < yellow["vivid_px"] and indicator_verdict(yellow) == OK
    # Glyphs turning from blue to red: a vivid hue, but a colour-only change of the text.
    red = indicator_stats(link("#d7263d"), link("#0b5ed7"), 100 * 30)
    assert red["ratio"] < 3 and red["vivid_px"] > 8 and indicator_verdict(red) == LOW


def test_large_regions_are_sampled_but_a_thin_underline_is_still_seen() -> None:
    big = (1200, 400)
    underlined = link("#0b3d91", underline="#0b3d91", size=big)
    stats = indicator_stats(underlined, link("#0b3d91", size=big))
    assert indicator_verdict(stats) == OK
    wide = indicator_stats(Image.new("RGB", big, "#0a3d7a"), Image.new("RGB", big, "#ffffff"))
    assert indicator_verdict(wide) == OK and wide["changed_px"] > 400_000


def test_only_the_browser_ring_or_a_clear_solid_outline_skips_the_pixels() -> None:
    assert ring_verdict({"kind": "auto", "width": 1}) == OK
    assert ring_verdict({"kind": "solid", "width": 2, "contrast": 4.2}) == OK
    assert ring_verdict({"kind": "solid", "width": 2, "contrast": 1.6}) is None
    assert ring_verdict({"kind": "solid", "width": 1, "contrast": 9}) is None
    assert ring_verdict({"kind": "none"}) is None and ring_verdict(None) is None


def element(index: int, style: str, verdict: str, **extra: object) -> dict:
    return {"tab": index + 1, "selector": f"#e{index}", "snippet": "<a>", "style_key": style,
            "measured": True, "verdict": verdict, "page_box": [0, 0, 5, 5], **extra}


def test_audit_names_the_criterion_of_each_kind() -> None:
    low = {"changed_px": 400, "strong_px": 0, "ratio": 1.38, "area": 900}
    data = {
        "applicable": True,
        "elements": [
            element(0, "a.menu|li", NONE, method="pixels", change={"changed_px": 0}),
            element(1, "a.menu|li", NONE, inferred=True),
            element(2, "a.news|div", LOW, method="pixels", change=low),
            element(3, "input.form-control|div", "obscured",
                    obscured_by={"selector": "#sliding-popup", "snippet": "<div>"}),
            element(4, "button.|form", OK, method="style"),
        ],
    }
    result = focus_visible.audit(data)
    by_kind = {f.data["kind"]: f for f in result.findings}
    assert set(by_kind) == {"no-focus-indicator", "low-contrast-indicator", "focus-obscured"}
    assert by_kind["no-focus-indicator"].wcag == ["2.4.7"]
    assert by_kind["no-focus-indicator"].data["count"] == 2
    contrast = by_kind["low-contrast-indicator"]
    assert contrast.wcag == ["1.4.11"] and "1.38:1" in contrast.message
    assert "1.38:1" in contrast.messages["ru"] and "1.38:1" in contrast.messages["kk"]
    covered = by_kind["focus-obscured"]
    assert covered.wcag == ["2.4.11"] and "#sliding-popup" in covered.message
    assert result.wcag == ["1.4.11", "2.4.11", "2.4.7"]
    assert result.data["low_contrast_focus"] == 1 and result.data["obscured_focus"] == 1


def test_audit_reapplies_the_thresholds_to_stored_numbers() -> None:
    strong = {"changed_px": 400, "strong_px": 380, "ratio": 9.0, "area": 900}
    data = {"applicable": True,
            "elements": [element(0, "a|p", LOW, method="pixels", change=strong)]}
    assert focus_visible.audit(data).status == "passed"
