"""Reflow (WCAG 1.4.10): at 320 x 256 CSS px, content must fit without sideways scrolling.

320 CSS px is what a 1280 px wide window shows at 400 % zoom. The check finds the elements that
stick out past the right edge (naming the outermost one, not its children), tells apart content
that WCAG lets scroll in two dimensions (tables, code, maps, images) and content that is cut
off because the page cannot scroll (overflow-x: hidden on the root or body), and reports text
that becomes clipped or overlapping only in the narrow layout.

Only what loses something readable is a finding: an offender must hold text or a control past
the edge (a wide picture, a map frame or a decorative strip is not), and text that no one sees
(visually hidden for screen readers, parked off the canvas, scrolled away inside its own scroll
box, folded to zero height) is neither clipped nor overlapping. Tables are exempt only when they
hold data, not page layout.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error as PlaywrightError

from tester.checks.base import PageCheck
from tester.checks.lowvision.common import (
    PageState,
    error_text,
    errored,
    make_finding,
    new_items,
    note,
    probe,
    rebox,
    result_from,
    shoot_items,
    skipped,
)
from tester.env import PageEnv
from tester.model import CheckResult, Finding

CHECK_ID = "reflow"
WCAG = ["1.4.10"]
NARROW = (320, 256)


async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    state = await PageState(page).save()
    if not state.viewport:
        return {"applicable": False, "reason": "no-fixed-viewport"}
    if state.viewport["width"] <= NARROW[0]:
        return {"applicable": False, "reason": "already-narrow"}
    try:
        base = await state.baseline()
        await state.resize(*NARROW)
        narrow = await probe(page, "LV.layout(true)")
        overflow = narrow["overflow"]
        offenders = rebox(overflow["offenders"])
        changes = layout_changes(base, narrow)
        await shoot_items(env, offenders + changes["clipped"] + changes["overlaps"], "reflow")
    except PlaywrightError as exc:
        return {"applicable": True, "error": error_text(exc)}
    finally:
        await state.restore()
    return {
        "applicable": True,
        "viewport": list(NARROW),
        "viewport_width": overflow["viewport_width"],
        "scroll_width": overflow["scroll_width"],
        "page_scrolls": overflow["page_scrolls"],
        "offenders": offenders,
        **changes,
    }


def layout_changes(
    base: dict[str, Any], now: dict[str, Any], *, controls: bool = True
) -> dict[str, Any]:
    """What LV.layout() finds in a changed state that it did not find on the page as loaded:
    clipped and overlapping text (boxes kept as `page_box`) and, with `controls`, lost controls."""
    changes = {
        "clipped": rebox(new_items(base["clipped"], now["clipped"], "selector")),
        "overlaps": rebox(
            new_items(base["overlaps"], now["overlaps"], "selector", "other_selector")
        ),
    }
    if controls:
        changes["lost_controls"] = lost_controls(base["controls"], now["controls"])
    return changes


def lost_controls(
    before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Controls shown before that are still rendered but cut off now.

    Controls that are no longer rendered at all are ignored: responsive designs legitimately
    fold a menu behind a button.
    """
    shown_before = {c["selector"] for c in before if c.get("shown")}
    return [c for c in after if c["selector"] in shown_before and not c.get("shown")]


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error"):
        return errored(CHECK_ID, WCAG, data["error"])
    findings: list[Finding] = []
    scrolls = bool(data.get("page_scrolls"))
    offenders = data.get("offenders", [])
    # What sticks out but holds no text and no control (a picture, a map frame, a decorative
    # strip) loses nothing readable: it explains the scrollbar without being a barrier.
    readable = [item for item in offenders if item.get("readable", True)]
    for item in readable:
        findings.append(offender_finding(item, scrolls))
    if scrolls and not offenders:
        over = int(data.get("scroll_width", 0)) - int(data.get("viewport_width", 0))
        findings.append(
            make_finding(
                CHECK_ID,
                "reflow-page",
                {"selector": "html"},
                impact="serious",
                wcag=WCAG,
                state="reflow",
                overflow_px=over,
            )
        )
    findings += layout_findings(CHECK_ID, WCAG, data, "reflow")
    summary = {
        "viewport": data.get("viewport"),
        "scroll_width": data.get("scroll_width"),
        "page_scrolls": scrolls,
        "offenders": len(readable),
        "harmless_offenders": len(offenders) - len(readable),
    }
    return result_from(CHECK_ID, findings, WCAG, summary)


def offender_finding(item: dict[str, Any], page_scrolls: bool) -> Finding:
    exempt = item.get("exempt")
    if not page_scrolls:
        return make_finding(
            CHECK_ID,
            "reflow-cut-off",
            item,
            impact="serious",
            wcag=WCAG,
            state="reflow",
            data={"overflow_px": item.get("overflow_px")},
        )
    if exempt:
        # 1.4.10 allows two-dimensional content to scroll; the page-wide scrollbar is the issue.
        return make_finding(
            CHECK_ID,
            "reflow-exempt",
            item,
            impact="minor",
            wcag=WCAG,
            needs_review=True,
            state="reflow",
            kind=exempt,
            data={"overflow_px": item.get("overflow_px"), "exempt": exempt},
        )
    return make_finding(
        CHECK_ID,
        "reflow-offender",
        item,
        impact="serious",
        wcag=WCAG,
        state="reflow",
        data={"overflow_px": item.get("overflow_px")},
    )


def layout_findings(
    check_id: str, wcag: list[str], data: dict[str, Any], state: str
) -> list[Finding]:
    """Findings for text clipped, text overlapping and controls lost in one changed state."""
    findings = []
    for item in data.get("clipped", []):
        findings.append(
            make_finding(
                check_id,
                "text-clipped",
                item,
                impact="serious",
                wcag=wcag,
                state=state,
                data={"state": state, "hidden_chars": item.get("hidden_chars")},
            )
        )
    for item in data.get("overlaps", []):
        findings.append(
            make_finding(
                check_id,
                "text-overlap",
                item,
                impact="moderate",
                wcag=wcag,
                state=state,
                data={"state": state, "other_selector": item.get("other_selector")},
            )
        )
    for item in data.get("lost_controls", []):
        findings.append(
            make_finding(
                check_id,
                "control-lost",
                item,
                impact="serious",
                wcag=wcag,
                state=state,
                data={"state": state},
            )
        )
    return findings


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG,
    title="Content reflows at 320 px without sideways scrolling",
)
