"""find-low-vision-version: find the control, switch it on, prove it works, persists, and undoes.

A control that changes nothing measurable is `failed` with evidence present: true, works: false.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tester.goals.language import is_home_like
from tester.goals.lowvision import back_to_normal, compare_styles, still_in_effect
from tester.i18n import join, say
from tester.navigator import actions
from tester.navigator.actions import Control
from tester.navigator.explorer import Explorer, Scorer
from tester.navigator.scoring import goal_scorer, hint_needles
from tester.navigator.settle import Reading, read_settled
from tester.navigator.tasks import Outcome, TaskSpec, open_start

MAX_CONTROLS_TRIED = 3
NOT_CHECKED_TIME = "task time budget spent"


async def measure_settled(x: Explorer, until: Callable[[Reading], bool] | None = None) -> Reading:
    """The page's text size and colours once its styles have stopped changing.

    A mode may arrive late (a stylesheet loaded on click, a class set after a cookie is read, a
    font-size transition): measuring right after the click would judge a half-applied mode on a
    busy machine. `until` is the state we expect; the wait ends early when it holds.
    """
    return await read_settled(lambda: actions.measure(x.page), x.page, until=until)


def low_vision_scorer(x: Explorer) -> Scorer:
    goal = x.lex.goal("low_vision")
    base = goal_scorer(goal, via_weight=0.0)
    needles = hint_needles(goal.words("dom"))

    def score(control: Control, page_url: str) -> list[tuple[float, str]]:
        ranked = base(control, page_url)
        best = ranked[0][0] if ranked else 0.0
        hints = control.hints.lower()
        if any(n in hints for n in needles):
            best = max(best, 0.7)
        return [(best, "")]

    return score


async def find_low_vision_version(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap
    start_url = x.page.url
    scorer = low_vision_scorer(x)
    ranked = sorted(((scorer(c, start_url)[0][0], c) for c in await x.controls_here()
                     if x.followable(c)), key=lambda t: -t[0])
    ranked = [(s, c) for s, c in ranked if s >= 0.6][:MAX_CONTROLS_TRIED]
    if not ranked:
        return Outcome.said("failed", say("task.find-low-vision-version.no-control"),
                            evidence={"present": False, "works": False})
    baseline = await measure_settled(x)
    tried: list[dict[str, Any]] = []
    for _, control in ranked:
        if not x.clicks_left() or not x.time_left():
            break
        if canonical_url(x.page.url) != canonical_url(start_url):
            await x.goto(start_url, action="back")
            await x.arrive()
            control = next((c for c in await x.controls_here()
                            if c.label == control.label and c.abs == control.abs), None)
            if control is None:
                continue
        if not await x.reveal(control):
            continue
        started = time.monotonic()
        await actions.activate(x.page, control, x.settings)
        await x.record("click", control.label, started, click=True)
        await x.arrive()
        after = await measure_settled(x, lambda now: compare_styles(baseline, now).works)
        change = compare_styles(baseline, after)
        tried.append({"control": control.label, **change.evidence()})
        if change.works:
            return await _verify(x, control, baseline, change.evidence())
    label = tried[0]["control"] if tried else ranked[0][1].label
    details = tried[0] if tried else {}
    return Outcome.said(
        "failed",
        say("task.find-low-vision-version.no-effect", label=label,
            ratio=details.get("font_ratio", 1),
            # str(): a contrast that could not be measured always read "None"
            before=str(details.get("contrast_before")),
            after=str(details.get("contrast_after"))),
        evidence={"present": True, "works": False, "tried": tried},
    )


async def _way_back(x: Explorer, baseline: Reading, evidence: dict[str, Any]) -> bool:
    """Find the control that turns the mode off (looked for once the page has settled, since
    many sites show it only while the mode is on), use it, and see the page return to normal."""
    back_goal = x.lex.goal("low_vision_back")
    back = sorted(((back_goal.label_score(*c.labels), c) for c in await x.controls_here()
                   if x.followable(c)), key=lambda t: -t[0])
    if not back or back[0][0] < 0.8 or not await x.reveal(back[0][1]):
        return False
    control = back[0][1]
    started = time.monotonic()
    result = await actions.activate(x.page, control, x.settings)
    await x.record("probe", say("step.way-back", label=control.label), started)
    evidence["way_back_control"] = control.label
    if not result.ok:
        evidence["way_back_error"] = result.error
        return False
    await x.arrive()
    later = await measure_settled(x, lambda now: back_to_normal(baseline, now))
    return back_to_normal(baseline, later)


def canonical_url(url: str) -> str:
    return url.split("#")[0].rstrip("/")


async def _verify(x: Explorer, control: Control, baseline: dict[str, Any],
                  change: dict[str, Any]) -> Outcome:
    """The mode works here; does it survive one navigation, and is there a way back?"""
    mode_url = x.page.url
    evidence: dict[str, Any] = {"present": True, "works": True, "control": control.label,
                                "mode_url": mode_url, **change, "persists": None,
                                "way_back": None}
    x.counting = False  # checking persistence and the way back is not part of finding it
    not_checked: dict[str, str] = {}
    try:
        if x.env.on_low_vision_mode is not None:
            audit_started = time.monotonic()
            await x.env.on_low_vision_mode(x.page)
            # Auditing the mode page is the tool's work, not the citizen's: it must not eat the
            # time left for the persistence and way-back probes (on a busy machine it would).
            x.deadline += time.monotonic() - audit_started
        back_goal = x.lex.goal("low_vision_back")
        scorer = low_vision_scorer(x)
        inner = next((c for c in await x.controls_here()
                      if c.kind == "link" and c.visible and x.followable(c)
                      and c.abs.startswith("http") and not is_home_like(c.abs)
                      and canonical_url(c.abs) != canonical_url(mode_url)
                      and scorer(c, mode_url)[0][0] < 0.6
                      and back_goal.label_score(*c.labels) < 0.8), None)  # not the way back
        if inner is not None and not x.time_left():
            not_checked["persists"] = NOT_CHECKED_TIME
        elif inner is not None:
            loaded = await x.goto(inner.abs, action="probe",
                                  label=say("step.next-page", label=inner.label))
            await x.arrive()
            if loaded.ok:
                later = await measure_settled(x, lambda now: still_in_effect(baseline, now))
                evidence["persists"] = still_in_effect(baseline, later)
                evidence["persists_on"] = x.page.url
            else:  # the probe page did not load: that says nothing about the mode
                not_checked["persists"] = f"{inner.abs}: {loaded.error}"
        if not x.time_left():
            not_checked["way_back"] = NOT_CHECKED_TIME
        else:
            evidence["way_back"] = await _way_back(x, baseline, evidence)
    finally:
        x.counting = True
    if not_checked:
        evidence["not_checked"] = not_checked
    missing = [say(what) for what, key in (
        ("task.find-low-vision-version.not-persistent", "persists"),
        ("task.find-low-vision-version.no-way-back", "way_back"),
    ) if evidence[key] is False]
    if change.get("larger_text") and change.get("high_contrast"):
        what = say("task.find-low-vision-version.larger-text-and-contrast")
    elif change.get("larger_text"):
        what = say("task.find-low-vision-version.larger-text")
    else:
        what = say("task.find-low-vision-version.high-contrast")
    if missing:
        message = say("task.find-low-vision-version.incomplete", label=control.label, what=what,
                      missing=join(missing, say("task.find-low-vision-version.and")))
        return Outcome.said("failed", message, mode_url, evidence)
    return Outcome.said("passed", say("task.find-low-vision-version.works", label=control.label,
                                      what=what, ratio=change["font_ratio"]), mode_url, evidence)


SPEC = TaskSpec(
    id="find-low-vision-version",
    title="Find and use the version for the visually impaired",
    run=find_low_vision_version,
    # While the mode is on and verified, the runner audits that page with the same page checks.
    audits_low_vision_mode=True,
    rules=("Q04",),
)
