"""The pure audit step of every low-vision check, on hand-made gathered data. No browser."""

from __future__ import annotations

import pytest

from tester.checks.lowvision import (
    contrast_review,
    focus_visible,
    images_of_text,
    reflow,
    resize_text,
    small_text,
    text_spacing,
)
from tester.checks.lowvision.common import new_items, rebox
from tester.i18n import say
from tester.registry import page_check_specs

LOWVISION_CHECKS = page_check_specs("lowvision")


def box_item(selector: str, **extra: object) -> dict:
    return {
        "selector": selector,
        "snippet": f"<div id='{selector}'>",
        "page_box": [0, 0, 10, 10],
        "shot": "screenshots/0001-x.jpg",
        "box": [1, 2, 3, 4],
        **extra,
    }


def test_battery_shape() -> None:
    ids = [c.id for c in LOWVISION_CHECKS]
    assert ids == [
        "reflow",
        "resize-text",
        "text-spacing",
        "small-text",
        "visual-presentation",
        "contrast-review",
        "use-of-color",
        "orientation",
        "focus-visible",
        "images-of-text",
    ]
    assert all(c.group == "lowvision" and c.title for c in LOWVISION_CHECKS)
    assert reflow.CHECK.wcag == ["1.4.10"] and text_spacing.CHECK.wcag == ["1.4.12"]


@pytest.mark.parametrize("check", LOWVISION_CHECKS, ids=lambda c: c.id)
def test_not_applicable_is_skipped_and_errors_are_errors(check) -> None:
    skipped = check.audit({"applicable": False, "reason": "nothing to check"})
    assert skipped.status == "skipped" and skipped.message == "nothing to check"
    errored = check.audit(
        {"applicable": True, "error": "Target page, context or browser has been closed"}
    )
    assert errored.status == "error" and "closed" in errored.message


def test_new_items_keeps_only_what_the_change_caused() -> None:
    before = [{"selector": "#a"}, {"selector": "#b", "other_selector": "#c"}]
    after = [{"selector": "#a"}, {"selector": "#b", "other_selector": "#d"}, {"selector": "#e"}]
    assert new_items(before, after, "selector") == [{"selector": "#e"}]
    assert [i["selector"] for i in new_items(before, after, "selector", "other_selector")] == [
        "#b",
        "#e",
    ]
    assert rebox([{"box": [1, 2, 3, 4]}]) == [{"page_box": [1, 2, 3, 4]}]


def test_reflow_offender_fails_and_names_the_element() -> None:
    data = {
        "applicable": True,
        "page_scrolls": True,
        "scroll_width": 1216,
        "viewport_width": 320,
        "offenders": [box_item("div.page-wrap", overflow_px=896, exempt=None)],
        "clipped": [],
        "overlaps": [],
        "lost_controls": [],
    }
    result = reflow.audit(data)
    assert result.status == "failed"
    (finding,) = result.findings
    assert finding.selector == "div.page-wrap" and finding.wcag == ["1.4.10"]
    assert "896 px" in finding.message and "320 px" in finding.message
    assert "896 px" in finding.messages["ru"] and "896 px" in finding.messages["kk"]
    assert finding.data["shot"] and finding.data["box"] == [1, 2, 3, 4]


def test_reflow_exempt_table_is_review_and_cut_off_is_failure() -> None:
    table = box_item("#budget", overflow_px=600, exempt="table")
    review = reflow.audit({"applicable": True, "page_scrolls": True, "offenders": [table]})
    assert review.status == "passed" and review.findings[0].needs_review
    cut = reflow.audit({"applicable": True, "page_scrolls": False, "offenders": [table]})
    assert cut.status == "failed" and cut.findings[0].data["kind"] == "reflow-cut-off"


def test_reflow_page_scroll_without_a_culprit_is_still_reported() -> None:
    result = reflow.audit(
        {
            "applicable": True,
            "page_scrolls": True,
            "scroll_width": 400,
            "viewport_width": 320,
            "offenders": [],
        }
    )
    assert result.status == "failed" and result.findings[0].selector == "html"
    assert "80 px" in result.findings[0].message


@pytest.mark.parametrize(
    ("content", "blocked"),
    [
        ("width=device-width, initial-scale=1", None),
        ("width=device-width, user-scalable=no", "user-scalable=no"),
        ("width=device-width,user-scalable=0", "user-scalable=0"),
        ("width=device-width, maximum-scale=1.0", "maximum-scale=1.0"),
        ("width=device-width; maximum-scale=2", None),
        ("width=device-width, maximum-scale=5, user-scalable=yes", None),
        ("maximum-scale=abc", None),
        (None, None),
    ],
)
def test_zoom_blocked(content: str | None, blocked: str | None) -> None:
    assert resize_text.zoom_blocked(content) == blocked


def test_resize_text_reports_both_states_and_blocked_zoom() -> None:
    data = {
        "applicable": True,
        "viewport_meta": "width=device-width, user-scalable=no",
        "text_zoom": {
            "clipped": [box_item("#notice", clipped_text="Приём", hidden_chars=20)],
            "overlaps": [],
            "lost_controls": [],
        },
        "page_zoom": {
            "clipped": [],
            "overlaps": [box_item("#teaser", other_selector="p", other_text="Вход")],
            "lost_controls": [{"selector": "#menu-button", "shown": False}],
        },
    }
    result = resize_text.audit(data)
    kinds = [f.data["kind"] for f in result.findings]
    assert kinds == ["zoom-blocked", "text-clipped", "text-overlap", "control-lost"]
    assert result.status == "failed"
    assert "200 %" in result.findings[1].message and result.findings[1].data["state"] == "text-zoom"
    assert result.findings[2].data["state"] == "page-zoom"
    assert result.data["zoom_blocked"] == "user-scalable=no"


def test_resize_text_without_text_still_reports_blocked_zoom() -> None:
    result = resize_text.audit(
        {"applicable": False, "reason": "no visible text", "viewport_meta": "maximum-scale=1"}
    )
    assert result.status == "failed" and result.findings[0].impact == "critical"


def test_text_spacing_findings() -> None:
    ok = text_spacing.audit({"applicable": True, "clipped": [], "overlaps": []})
    assert ok.status == "passed" and not ok.findings
    bad = text_spacing.audit(
        {"applicable": True, "clipped": [box_item("#card", clipped_text="x")], "overlaps": []}
    )
    assert bad.status == "failed" and bad.findings[0].wcag == ["1.4.12"]
    assert "spacing" in bad.findings[0].message


def small_data(groups: list[dict], histogram: dict[str, int], min_px: float = 12) -> dict:
    return {
        "applicable": True,
        "min_font_px": min_px,
        "total_chars": sum(histogram.values()),
        "histogram": histogram,
        "groups": groups,
    }


def test_small_text_flags_body_text_and_reports_shares() -> None:
    groups = [box_item("body", small_chars=600, size_px=10, fine_print=False)]
    result = small_text.audit(small_data(groups, {"10": 600, "16": 40}))
    assert result.status == "failed" and result.findings[0].impact == "serious"
    assert "10 px" in result.findings[0].message
    assert result.data["share_under_14"] == pytest.approx(600 / 640, abs=0.001)
    assert result.data["histogram"] == {"10": 600, "16": 40}


def test_small_text_fine_print_and_stray_marks_pass() -> None:
    groups = [
        box_item("p.copyright", small_chars=50, size_px=11, fine_print=True),
        box_item("sup", small_chars=3, size_px=9, fine_print=False),
    ]
    result = small_text.audit(small_data(groups, {"11": 50, "9": 3, "16": 900}))
    assert result.status == "passed" and not result.findings
    assert result.data["share_under_14"] == pytest.approx(53 / 953, abs=0.001)
    long_print = [box_item("footer", small_chars=900, size_px=11, fine_print=True)]
    assert small_text.audit(small_data(long_print, {"11": 900})).status == "failed"


def test_small_text_threshold_is_configurable() -> None:
    groups = [box_item("main", small_chars=300, size_px=13, fine_print=False)]
    assert small_text.audit(small_data(groups, {"13": 300})).status == "passed"
    assert small_text.audit(small_data(groups, {"13": 300}, min_px=14)).status == "failed"


def element(index: int, style: str, visible: bool, hidden: bool = False) -> dict:
    return {
        "tab": index + 1,
        "selector": f"#e{index}",
        "snippet": "<a>",
        "style_key": style,
        "measured": True,
        "visible": visible,
        "hidden": hidden,
        "page_box": [0, 0, 5, 5],
    }


def test_focus_groups_invisible_elements_by_style() -> None:
    data = {
        "applicable": True,
        "tabs": 6,
        "tabbable": 5,
        "completed": True,
        "trap": None,
        "elements": [
            element(0, "a.nav|nav", False),
            element(1, "a.nav|nav", False),
            element(2, "a.nav|nav", False),
            element(3, "button.|form", True),
            element(4, "a.|p", False, hidden=True),
        ],
        "tabs_to_main": 4,
        "skip_link_at": None,
    }
    result = focus_visible.audit(data)
    assert result.status == "failed"
    invisible, hidden = result.findings
    assert invisible.selector == "#e0" and invisible.data["count"] == 3
    assert invisible.data["same_style"] == ["#e1", "#e2"]
    assert hidden.data["kind"] == "focus-hidden"
    assert result.data["no_visible_focus"] == 4 and result.data["tabs_to_main"] == 4


def test_focus_trap_is_critical_and_visible_focus_passes() -> None:
    trap = {
        "index": 1,
        "selector": "#sub-name",
        "snippet": "<input>",
        "cycle": ["#a", "#b", "#c"],
        "count": 3,
        "tab": 8,
    }
    data = {
        "applicable": True,
        "elements": [element(0, "a|p", True)],
        "trap": trap,
        "skip_link_at": 1,
    }
    result = focus_visible.audit(data)
    assert result.status == "failed" and result.findings[0].impact == "critical"
    assert result.findings[0].wcag == ["2.1.2"] and "3 element" in result.findings[0].message
    assert result.wcag == ["1.4.11", "2.1.2", "2.4.7"]
    assert result.data["keys_to_main_via_skip_link"] == 3
    fine = focus_visible.audit({"applicable": True, "elements": [element(0, "a|p", True)]})
    assert fine.status == "passed" and not fine.findings


def image(words: list[str] | None, **extra: object) -> dict:
    return box_item("img.banner", words=words, alt=extra.pop("alt", "Объявление"), **extra)


@pytest.mark.parametrize(
    ("item", "verdict"),
    [
        (image(None), "unknown"),
        (image([]), "none"),
        (image(["ab", "cd"]), "none"),  # under 8 letters: noise or an icon label
        (image(["Азаматтарды", "қабылдау", "кестесі"]), "text"),
        (image(["Ақсу", "ауданы"], in_home_link=True), "logo"),
        (image(["Ақсу", "ауданы"], logo_hint=True), "logo"),
        (image(["Ақсу", "ауданы"], alt=""), "logo"),
        (image(["Ақсу", "ауданы"], role="presentation"), "logo"),
        (image(["Ақсу", "ауданы"]), "text"),
        (
            image(["Приём", "граждан", "по", "понедельникам", "с", "девяти"], in_home_link=True),
            "text",
        ),
    ],
)
def test_image_verdict(item: dict, verdict: str) -> None:
    assert images_of_text.image_verdict(item) == verdict


def test_alt_note() -> None:
    missing, partial = say("lowvision.fragment.alt-missing"), say("lowvision.fragment.alt-partial")
    assert images_of_text.alt_note(None, ["Приём"]) == missing
    assert images_of_text.alt_note("  ", ["Приём"]) == missing
    assert images_of_text.alt_note("Объявление", ["Приём", "граждан"]) == partial
    assert images_of_text.alt_note("Приём граждан: понедельник", ["Приём", "граждан:"]) is None


def test_images_audit_reports_images_and_scanned_pdfs() -> None:
    data = {
        "applicable": True,
        "ocr_available": True,
        "images": [
            image(["Азаматтарды", "қабылдау", "кестесі", "Приём", "граждан"], alt=None),
            image(["Ақсу", "ауданы"], in_home_link=True),
        ],
        "pdfs": [
            box_item(
                "#doc-scan",
                name="scan.pdf",
                href="http://x/scan.pdf",
                status="no-text",
                ocr_words=["БҰЙРЫҚ", "Приказ"],
            ),
            box_item("#doc-text", name="schedule.pdf", href="http://x/s.pdf", status="text"),
        ],
    }
    result = images_of_text.audit(data)
    assert result.status == "failed"
    banner, pdf = result.findings
    assert banner.impact == "serious" and "1.1.1" in banner.wcag and "қабылдау" in banner.message
    assert "has none" in banner.message
    assert pdf.selector == "#doc-scan" and "scan.pdf" in pdf.message and "БҰЙРЫҚ" in pdf.message
    assert result.data["image_verdicts"] == {"text": 1, "logo": 1}
    assert result.data["pdfs"] == {"scan.pdf": "no-text", "schedule.pdf": "text"}


def test_images_without_tesseract_are_skipped_with_a_reason() -> None:
    data = {"applicable": True, "ocr_available": False, "images": [image(None)], "pdfs": []}
    result = images_of_text.audit(data)
    assert result.status == "skipped" and "tesseract" in result.message
    with_pdf = dict(data, pdfs=[box_item("#doc", name="a.pdf", status="no-text", ocr_words=[])])
    result = images_of_text.audit(with_pdf)
    assert result.status == "failed" and "tesseract" in result.message


def test_contrast_audit_uses_stored_measurements() -> None:
    fail = {"needed": 4.5, "ratio_p05": 1.0, "ratio_median": 1.2, "ratio_p95": 1.5, "fg": "#ffffff"}
    unclear = {"needed": 4.5, "ratio_p05": 2.0, "ratio_median": 6.0, "ratio_p95": 9.0}
    good = {"needed": 3.0, "ratio_p05": 8.0, "ratio_median": 12.0, "ratio_p95": 14.0}
    data = {
        "applicable": True,
        "candidates": [
            box_item("#hero-title", stats=fail, backdrop="background-image"),
            box_item("#band", stats=unclear, backdrop="gradient"),
            box_item("#ok", stats=good, backdrop="gradient"),
            box_item("#gone", stats={"verdict": "unclear", "reason": "text is not on screen"}),
        ],
    }
    result = contrast_review.audit(data)
    assert result.status == "failed"
    low, review = result.findings
    assert low.data["count"] == 1 and low.data["backdrop"] == "background-image"
    assert low.selector == "#hero-title" and "1.2:1" in low.message and "4.5:1" in low.message
    assert review.needs_review and "2.0:1" in review.message and "9.0:1" in review.message
    assert result.data["verdicts"] == {"fail": 1, "unclear": 2, "pass": 1}


def test_contrast_findings_group_elements_styled_alike() -> None:
    fail = {"needed": 4.5, "ratio_p05": 1.0, "ratio_median": 1.3, "ratio_p95": 1.6}
    items = [
        box_item(f"li:nth-of-type({n})", stats=fail, group="own|url(a.png)|rgb(0, 0, 0)")
        for n in (1, 2, 3)
    ]
    result = contrast_review.audit({"applicable": True, "candidates": items})
    (finding,) = result.findings
    assert finding.data["count"] == 3
    assert finding.data["same_style"] == ["li:nth-of-type(2)", "li:nth-of-type(3)"]
    assert result.data["verdicts"] == {"fail": 3}
