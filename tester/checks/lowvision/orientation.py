"""Orientation (WCAG 1.3.4, level AA since WCAG 2.1): content must not be locked to portrait or
landscape.

The page is shown in a phone's portrait viewport (390x844) and its landscape one (844x390), and
in each the check looks for what only a lock does: (1) the page's main container (html, body or
a box covering half the viewport or more) rotated by a quarter turn, by a CSS transform or
`rotate`, in one orientation and not the other; (2) a fixed or absolute box covering most of the
viewport with a "rotate your device" / «поверните устройство» / «құрылғыны бұрыңыз» message, in
one orientation only; (3) the page's text mostly gone in one orientation while such a message is
shown. A page that merely re-lays out (columns to rows), a small rotated decoration, or a video
player's hint that leaves the content in place is not a lock. `screen.orientation.lock()` only
works in fullscreen and cannot be seen statically, so it is not looked for. The finding carries
a screenshot of the orientation the page refuses. Viewport and scroll are put back after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError

from tester.checks.base import PageCheck
from tester.checks.lowvision.common import (
    Capturer,
    PageState,
    error_text,
    errored,
    make_finding,
    note,
    probe,
    result_from,
    skipped,
)
from tester.env import PageEnv
from tester.model import CheckResult, Finding

CHECK_ID = "orientation"
WCAG = ["1.3.4"]
VIEWPORTS: dict[str, tuple[int, int]] = {"portrait": (390, 844), "landscape": (844, 390)}
STATES = {"portrait": "orientation-portrait", "landscape": "orientation-landscape"}
MAX_ELEMENTS = 3000  # elements looked at for overlays per orientation
HIDDEN_SHARE = 0.25  # text left in the refused orientation, as a share of the other one
MEASURE_JS = Path(__file__).with_name("orientation.js").read_text(encoding="utf-8").strip()


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    state = await PageState(page).save()
    views: dict[str, Any] = {}
    capturer = await Capturer(page).open()
    try:
        for name, (width, height) in VIEWPORTS.items():
            await state.resize(width, height)
            view = await probe(page, MEASURE_JS, {"maxElements": MAX_ELEMENTS})
            if view["rotated"] or view["overlays"] or view["rotate_text"]:
                # Evidence of this orientation, kept only if the audit calls it a lock.
                view["shot"] = await capturer.evidence(env, f"orientation-{name}")
            views[name] = view
    except PlaywrightError as exc:
        return {"applicable": True, "error": error_text(exc)}
    finally:
        await capturer.close()
        await state.restore()
    return {"applicable": True, "views": views}


def locks(views: dict[str, Any]) -> list[dict[str, Any]]:
    """The orientations the page refuses: {refused, mode, item} each (pure)."""
    found: list[dict[str, Any]] = []
    for refused, other in (("portrait", "landscape"), ("landscape", "portrait")):
        here, there = views.get(refused) or {}, views.get(other) or {}
        if not here or not there:
            continue
        other_turned = {r.get("selector") for r in there.get("rotated", [])}
        turned = [r for r in here.get("rotated", []) if r.get("selector") not in other_turned]
        overlays = here.get("overlays", []) if not there.get("overlays") else []
        # Text shown besides the "rotate" message itself, against the other orientation's.
        chars = int(here.get("chars", 0)) - int(here.get("rotate_chars", 0))
        other_chars = int(there.get("chars", 0))
        hidden = bool(here.get("rotate_text")) and not there.get("rotate_text") and (
            other_chars > 0 and chars <= HIDDEN_SHARE * other_chars)
        if turned:
            found.append({"refused": refused, "mode": "rotated", "item": turned[0], "view": here})
        elif overlays:
            found.append({"refused": refused, "mode": "overlay", "item": overlays[0], "view": here})
        elif hidden:
            item = {"selector": "body", "snippet": "", "text": here.get("rotate_text", "")}
            found.append({"refused": refused, "mode": "hidden", "item": item, "view": here})
    return found


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"])
    views = data.get("views", {})
    findings: list[Finding] = []
    for lock in locks(views):
        view, item = lock["view"], dict(lock["item"])
        item.pop("box", None)  # page coordinates of the measured viewport, not the shot's
        if view.get("shot"):
            item["shot"], item["box"] = view["shot"], [0, 0, view["width"], view["height"]]
        rotated = lock["mode"] == "rotated"
        message = "" if rotated else item.get("message") or item.get("text") or ""
        findings.append(make_finding(
            CHECK_ID, "orientation-rotated" if rotated else "orientation-notice", item,
            impact="serious", wcag=WCAG, state=STATES[lock["refused"]], message=message,
            data={"kind": "orientation-locked", "refused": lock["refused"], "mode": lock["mode"],
                  "message": message,
                  "angle": item.get("angle"), "viewport": [view["width"], view["height"]]},
        ))
    summary = {name: {"chars": v.get("chars"), "rotated": len(v.get("rotated", [])),
                      "overlays": len(v.get("overlays", []))} for name, v in views.items()}
    return result_from(CHECK_ID, findings, WCAG, summary)


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Content is not locked to portrait or landscape",
)
