"""orientation (WCAG 1.3.4): locks told apart from re-layouts, on hand-made views. No browser."""

from __future__ import annotations

from typing import Any

from tester.checks.lowvision import orientation
from tester.checks.lowvision.orientation import locks


def view(width: int, height: int, **extra: Any) -> dict[str, Any]:
    return {"width": width, "height": height, "chars": 600, "rotate_chars": 0, "rotated": [],
            "overlays": [], "rotate_text": "", **extra}


def portrait(**extra: Any) -> dict[str, Any]:
    return view(390, 844, **extra)


def landscape(**extra: Any) -> dict[str, Any]:
    return view(844, 390, **extra)


BODY_TURNED = {"selector": "html > body", "snippet": "<body>", "angle": 90, "cover": 1}
NOTICE = {"selector": "#rotate-notice", "snippet": "<div>", "message": "Құрылғыны бұрыңыз",
          "cover": 1}


def test_a_re_layout_is_no_lock() -> None:
    assert locks({"portrait": portrait(chars=640), "landscape": landscape()}) == []


def test_body_rotated_in_portrait_only() -> None:
    found = locks({"portrait": portrait(rotated=[BODY_TURNED]), "landscape": landscape()})
    assert [(f["refused"], f["mode"]) for f in found] == [("portrait", "rotated")]
    # Rotated the same in both: a design, not an orientation lock.
    same = {"portrait": portrait(rotated=[BODY_TURNED]), "landscape": landscape(
        rotated=[BODY_TURNED])}
    assert locks(same) == []


def test_a_notice_covering_the_viewport_in_one_orientation() -> None:
    found = locks({"portrait": portrait(overlays=[NOTICE]), "landscape": landscape()})
    assert [(f["refused"], f["mode"]) for f in found] == [("portrait", "overlay")]


def test_content_hidden_behind_a_message_in_the_flow() -> None:
    hidden = landscape(chars=90, rotate_chars=80, rotate_text="Переверните телефон")
    found = locks({"portrait": portrait(chars=400), "landscape": hidden})
    assert [(f["refused"], f["mode"]) for f in found] == [("landscape", "hidden")]
    # A video player's hint: the message is there but the content stays.
    hint = portrait(chars=620, rotate_chars=40, rotate_text="Поверните устройство")
    assert locks({"portrait": hint, "landscape": landscape()}) == []


def test_finding_has_the_refused_orientation_and_its_screenshot() -> None:
    data = {"applicable": True, "views": {
        "portrait": portrait(overlays=[NOTICE], shot="screenshots/0001-orientation.jpg"),
        "landscape": landscape()}}
    result = orientation.audit(data)
    assert result.status == "failed" and result.wcag == ["1.3.4"]
    finding = result.findings[0]
    assert finding.data["kind"] == "orientation-locked" and finding.data["refused"] == "portrait"
    assert finding.data["shot"] == "screenshots/0001-orientation.jpg"
    assert finding.data["box"] == [0, 0, 390, 844]
    assert finding.message.startswith("With the device held upright")
    assert "Құрылғыны бұрыңыз" in finding.messages["kk"]
    turned = orientation.audit({"applicable": True, "views": {
        "portrait": portrait(rotated=[BODY_TURNED]), "landscape": landscape()}})
    assert "90°" in turned.findings[0].messages["ru"]


def test_a_page_that_adapts_passes() -> None:
    result = orientation.audit({"applicable": True, "views": {"portrait": portrait(),
                                                              "landscape": landscape()}})
    assert result.status == "passed" and not result.findings
    assert result.data["portrait"]["chars"] == 600
