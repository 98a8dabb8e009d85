"""Focus visible (WCAG 2.4.7), the focus indicator's contrast (1.4.11), focus not obscured
(2.4.11) and keyboard traps (2.1.2), by pressing Tab like a person.

Every element focus reaches is captured focused and compared with the same region unfocused
(the walk and its bounds: focus_walk; the measure: focus_contrast). A person sees focus move
only when something changes clearly: the browser's ring, a ring or underline appearing, a
background or text colour turning at least 3:1 away from what was there, a vivid fill (a
yellow background), a ring on an ancestor (`:focus-within`). So:
* nothing visibly changes (`outline: none`, a background tinted a shade): no-focus-indicator,
  2.4.7;
* the change is under 3:1 (link text #0b5ed7 turning #0a4f9c, an input border turning a
  slightly darker grey): low-contrast-indicator, 1.4.11 (a user-interface state);
* the focused element is entirely under a fixed or sticky header, footer or banner:
  focus-obscured, 2.4.11 (WCAG 2.2; advisory under 2.1 through its criterion);
* focus lands on something off-screen or hidden: focus-hidden, 2.4.7.
Findings are grouped by style (tag, classes, parent tag); each group's first element is shown
focused in its screenshot. Focus, scroll and viewport end as they were.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from typing import Any

from playwright.async_api import Error as PlaywrightError

from tester.checks.base import PageCheck
from tester.checks.lowvision.common import (
    MAX_SHOTS,
    PageState,
    error_text,
    errored,
    make_finding,
    note,
    probe,
    result_from,
    skipped,
)
from tester.checks.lowvision.focus_contrast import LOW, NONE, OK, indicator_verdict
from tester.checks.lowvision.focus_walk import (  # noqa: F401 - the walk's parts, for tests
    BLUR_JS,
    END_JS,
    QUIET_CSS,
    REFOCUS_JS,
    START_JS,
    FocusWalk,
    LostPosition,
)
from tester.env import PageEnv
from tester.gather import isolated
from tester.model import CheckResult, Finding
from tester.options import Option

CHECK_ID = "focus-visible"
WCAG = ["2.4.7"]
CONTRAST_WCAG = ["1.4.11"]
OBSCURED_WCAG = ["2.4.11"]
TRAP_WCAG = ["2.1.2"]
DEFAULT_MAX_TABS = 60
# verdict of an element -> (finding kind, criteria)
PROBLEMS: dict[str, tuple[str, list[str]]] = {
    NONE: ("no-focus-indicator", WCAG),
    LOW: ("low-contrast-indicator", CONTRAST_WCAG),
    "hidden": ("focus-hidden", WCAG),
    "obscured": ("focus-obscured", OBSCURED_WCAG),
}

OPTIONS: tuple[Option, ...] = (
    Option("lowvision_max_tabs", DEFAULT_MAX_TABS, int,
           "focus-visible: the most Tab presses spent walking one page", minimum=1),
)

async def gather(env: PageEnv) -> dict[str, Any]:
    page = env.page
    count = await probe(page, "LV.tabbableCount()")
    if not count:
        return {"applicable": False, "reason": "no-focusable-elements"}
    max_tabs = int(env.settings.option("lowvision_max_tabs"))
    state = await PageState(page).save()
    walk = FocusWalk(page, count)
    try:
        await walk.capturer.open()
        try:
            await walk.run(max_tabs)
            await walk.judge_unreached()
        except LostPosition as exc:
            walk.error = str(exc)
        await _shoot_focused(env, walk)
    except PlaywrightError as exc:
        walk.error = error_text(exc)
    finally:
        with suppress(PlaywrightError):
            await isolated.evaluate(page, END_JS)
        await walk.capturer.close()
        await state.restore()
    return walk.to_data()


def _verdict(element: dict[str, Any]) -> str:
    """An element's verdict; records without one (older data) say `visible` and `hidden`."""
    verdict = element.get("verdict")
    if verdict in (OK, NONE, LOW) and element.get("method") == "pixels" and element.get("change"):
        return indicator_verdict(element["change"])  # the thresholds re-applied to the numbers
    if verdict:
        return str(verdict)
    if element.get("visible"):
        return OK
    return "hidden" if element.get("hidden") else NONE


async def _shoot_focused(env: PageEnv, walk: FocusWalk) -> None:
    """Evidence: the first element of each problem group (and a trap) shown focused."""
    firsts: dict[tuple[str, str], int] = {}
    for index, element in sorted(walk.elements.items()):
        verdict = _verdict(element)
        if element.get("measured") and verdict in PROBLEMS:
            firsts.setdefault((str(element.get("style_key")), verdict), index)
    wanted = ([walk.trap["index"]] if walk.trap else []) + list(firsts.values())
    for index in wanted[:MAX_SHOTS]:
        box = await walk.show_focused(index)
        if not box:
            continue
        rel = await walk.capturer.evidence(env, "focus")
        if rel:
            walk.elements[index].update(shot=rel, box=box)
            if walk.trap and walk.trap["index"] == index:
                walk.trap.update(shot=rel, box=box, page_box=walk.elements[index]["page_box"])


def audit(data: dict[str, Any]) -> CheckResult:
    if not data.get("applicable"):
        return skipped(CHECK_ID, WCAG, note(data.get("reason", "not-applicable")))
    if data.get("error") and not data.get("elements"):
        return errored(CHECK_ID, WCAG, data["error"])
    findings: list[Finding] = []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for element in data.get("elements", []):
        verdict = _verdict(element)
        if element.get("measured") and verdict in PROBLEMS:
            groups[(str(element.get("style_key")), verdict)].append(element)
    for (_, verdict), members in groups.items():
        first = members[0]
        kind, criteria = PROBLEMS[verdict]
        change = first.get("change") or {}
        obscured_by = first.get("obscured_by") or {}
        findings.append(
            make_finding(
                CHECK_ID,
                kind,
                first,
                impact="serious",
                wcag=criteria,
                ratio=change.get("ratio"),
                cover=obscured_by.get("selector"),
                data={
                    "count": len(members),
                    "same_style": [m.get("selector") for m in members[1:11]],
                    "change": first.get("change"),
                    **({"obscured_by": obscured_by} if obscured_by else {}),
                },
            )
        )
    trap = data.get("trap")
    if trap:
        findings.insert(
            0,
            make_finding(
                CHECK_ID,
                "keyboard-trap",
                trap,
                impact="critical",
                wcag=TRAP_WCAG,
                count=trap.get("count"),
                data={"cycle": trap.get("cycle")},
            ),
        )
    elements = data.get("elements", [])
    summary = {
        "tabs": data.get("tabs"),
        "tabbable": data.get("tabbable"),
        "reached": len(elements),
        "completed": data.get("completed"),
        "measured_with_pixels": sum(1 for e in elements if "change" in e),
        "no_visible_focus": sum(len(m) for (_, v), m in groups.items() if v in (NONE, "hidden")),
        "low_contrast_focus": sum(len(m) for (_, v), m in groups.items() if v == LOW),
        "obscured_focus": sum(len(m) for (_, v), m in groups.items() if v == "obscured"),
        "judged_beyond_tabs": data.get("unreached_judged", 0),
        "timed_out": bool(data.get("timed_out")),
        "keyboard_trap": bool(trap),
        "tabs_to_main": data.get("tabs_to_main"),
        "skip_link_at": data.get("skip_link_at"),
        # Enter on the skip link, then one Tab, lands in the main content.
        "keys_to_main_via_skip_link": (data["skip_link_at"] + 2)
        if data.get("skip_link_at")
        else None,
    }
    message = data.get("error") or ""
    criteria = set(WCAG + CONTRAST_WCAG) | {c for f in findings for c in f.wcag}
    return result_from(CHECK_ID, findings, sorted(criteria), summary, message)


CHECK = PageCheck(
    id=CHECK_ID,
    group="lowvision",
    gather=gather,
    audit=audit,
    wcag=WCAG + CONTRAST_WCAG + OBSCURED_WCAG + TRAP_WCAG,
    title="Keyboard focus is always clearly visible and never trapped",
    options=OPTIONS,
)
