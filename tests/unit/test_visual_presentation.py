"""visual-presentation (WCAG 1.4.8): the pure audit on hand-made measurements. No browser."""

from __future__ import annotations

from typing import Any

import pytest

from tester.checks.lowvision import visual_presentation as vp


def block(selector: str = "#body > p", **values: Any) -> dict[str, Any]:
    """A running-text block as the probe measures it: left-aligned, 1.5 spacing, 70 per line."""
    return {
        "selector": selector, "snippet": f"<p id='{selector}'>", "text": "Өтініштер мен шағымдар",
        "page_box": [0, 0, 600, 120], "chars": 400, "words": 55, "lines": 6, "wrapped": 5,
        "cjk": False,
        "align": "start", "font_px": 16, "line_height_px": 24, "cpl_median": 70, "cpl_max": 74,
        **values,
    }


def measured(base: list[dict[str, Any]], zoom: list[dict[str, Any]] | None = None) -> dict:
    data: dict[str, Any] = {"applicable": True, "seconds": 0.2,
                            "base": {"running": len(base), "examined": len(base),
                                     "blocks": base, "page_cpl_median": 70}}
    if zoom is not None:
        data["zoom"] = {"running": len(zoom), "blocks": zoom}
    return data


def kinds(data: dict[str, Any]) -> list[str]:
    return [f.data["kind"] for f in vp.audit(data).findings]


def test_readable_text_passes_with_its_summary() -> None:
    result = vp.audit(measured([block()], [block(overflow_px=0, visible_width=640)]))
    assert result.status == "passed" and not result.findings
    assert result.wcag == ["1.4.8"]
    assert result.data["running_blocks"] == 1 and result.data["zoom_checked"]


@pytest.mark.parametrize(("values", "kind"), [
    ({"align": "justify"}, "justified"),
    ({"cpl_median": 120, "cpl_max": 131}, "line-length"),
    ({"cjk": True, "cpl_median": 46}, "line-length"),
    ({"line_height_px": 19.2}, "line-height"),
    ({"line_height_px": None}, "line-height"),  # `normal` counts as 1.2
])
def test_each_kind_is_found_on_running_text(values: dict[str, Any], kind: str) -> None:
    assert kinds(measured([block(**values)])) == [kind]


@pytest.mark.parametrize("values", [
    {"line_height_px": 24, "font_px": 16},  # 24px on 16px text is exactly 1.5
    {"line_height_px": 23.9, "font_px": 16},  # the engine's rounding of 1.5
    {"cpl_median": 80, "cpl_max": 92},  # one long line does not make the column too wide
    {"cjk": True, "cpl_median": 38},
    {"align": "justify", "chars": 14, "words": 2, "lines": 1},  # a justified 2-word cell
    {"line_height_px": 16.8, "chars": 90, "lines": 2},  # a short caption
    {"align": "justify", "lines": 1},  # a single-line note
    {"align": "justify", "line_height_px": 17, "wrapped": 0},  # short lines cut by <br>
])
def test_near_misses_pass(values: dict[str, Any]) -> None:
    assert kinds(measured([block(**values)])) == []


def test_no_reflow_is_judged_in_the_zoomed_state_only() -> None:
    wide = block("#content > p", overflow_px=80, visible_width=640)
    assert kinds(measured([wide], [wide])) == ["no-reflow"]
    assert kinds(measured([block(overflow_px=80)], [])) == []
    assert kinds(measured([block()], [block(overflow_px=6)])) == []  # rounding, not a lost end


def test_one_finding_per_kind_names_the_worst_block_and_lists_the_next() -> None:
    blocks = [block(f"#p{i}", line_height_px=16 + i, chars=300 + i) for i in range(8)]
    result = vp.audit(measured(blocks))
    assert result.status == "failed" and len(result.findings) == 1
    finding = result.findings[0]
    assert finding.selector == "#p0" and finding.rule == "visual-presentation"
    assert finding.wcag == ["1.4.8"] and finding.impact == "moderate"
    assert finding.data["kind"] == "line-height" and finding.data["count"] == 8
    assert [e["selector"] for e in finding.data["elements"]] == ["#p0", "#p1", "#p2", "#p3", "#p4"]
    assert finding.data["elements"][0]["ratio"] == 1.0
    assert finding.data["page_box"] == [0, 0, 600, 120]


def test_messages_are_told_in_three_languages_with_their_values() -> None:
    base = [block(align="justify", cpl_median=95, cpl_max=101, line_height_px=18, font_px=15)]
    zoom = [block(overflow_px=78, visible_width=640)]
    findings = {f.data["kind"]: f for f in vp.audit(measured(base, zoom)).findings}
    assert list(findings) == list(vp.KINDS)
    for finding in findings.values():
        assert set(finding.messages) == {"ru", "kk"}
        for text in (finding.message, *finding.messages.values()):
            assert "{" not in text and "1" in text
    assert "95" in findings["line-length"].message and "80" in findings["line-length"].message
    assert "1.2" in findings["line-height"].messages["ru"]
    assert findings["no-reflow"].message.startswith("With the page zoomed to 200 %")
    assert findings["no-reflow"].impact == "serious"
    assert "78 px" in findings["no-reflow"].messages["kk"]


def test_a_page_without_running_text_is_skipped_with_a_note() -> None:
    result = vp.audit({"applicable": False, "reason": "no-running-text"})
    assert result.status == "skipped" and result.message_key == "lowvision.note.no-running-text"
    assert result.messages["kk"] and result.messages["ru"]


def test_the_zoomed_state_is_measured_only_when_a_line_could_outgrow_it() -> None:
    assert not vp.may_overflow_zoomed({"widest_line": 620}, 1280)  # a 70ch column fits 640 px
    assert vp.may_overflow_zoomed({"widest_line": 720}, 1280)
    assert not vp.may_overflow_zoomed({}, 1280)


def test_a_line_cut_off_by_a_clipping_box_is_left_to_resize_text() -> None:
    clipped = block(overflow_px=120, visible_width=500, clipped=True)
    assert kinds(measured([block()], [clipped])) == []
