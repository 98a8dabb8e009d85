"""find-low-vision-version: the version for the visually impaired, judged as its users judge it.

The verdict has three parts, each in the evidence and the message:
- found (`found`, also `present`): a control for the version was reached within the click budget;
- works: activating it measurably changes the page (larger text, higher contrast, images off,
  a grey page, wider spacing, taller lines, another font), measured before and after;
- persists: the change still holds on the next page reached by a link.
The task passes when all three hold. `persists: null` (not checked: no inner link to follow,
the probe page did not load, or no time left; `not_checked` says which) does not fail it: a
verdict rests on what was seen, and nothing was seen to fail.

The way back to the normal version is a separate finding (rule `low-vision-way-back`), not a
part of the verdict: a labelled control («Обычная версия», «Қалыпты нұсқа») or the same toggle
activated again counts when the page returns to its baseline measurement. Without one the task
still passes; `way_back: false` and the finding say so (tester.goals.lowvision.way_back_findings).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tester.goals.language import is_home_like
from tester.goals.lowvision import (
    back_to_normal,
    compare_styles,
    still_in_effect,
    way_back_findings,
)
from tester.i18n import Message, join, say
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
                            evidence={"found": False, "present": False, "works": False})
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
        evidence={"found": True, "present": True, "works": False, "tried": tried},
    )


async def _use(x: Explorer, control: Control, baseline: Reading, evidence: dict[str, Any],
               how: str) -> bool:
    """Activate a candidate way back and see the page return to the baseline measurement."""
    if not await x.reveal(control):
        return False
    started = time.monotonic()
    result = await actions.activate(x.page, control, x.settings)
    await x.record("probe", say("step.way-back", label=control.label), started)
    evidence["way_back_control"] = control.label
    evidence["way_back_by"] = how
    if not result.ok:
        evidence["way_back_error"] = result.error
        return False
    await x.arrive()
    later = await measure_settled(x, lambda now: back_to_normal(baseline, now))
    return back_to_normal(baseline, later)


async def _switch_on_again(x: Explorer, control: Control, mode_url: str,
                           baseline: Reading) -> bool:
    """Back on the page the mode was switched on, with the mode on again (when it did not
    persist, the page the probe reached shows no mode to leave)."""
    loaded = await x.goto(mode_url, action="probe", label=say("step.start-again"))
    if not loaded.ok:
        return False
    await x.arrive()
    if compare_styles(baseline, await actions.measure(x.page)).works:
        return True  # the mode survived the way back to its page
    again = next((c for c in await x.controls_here()
                  if c.label == control.label and c.kind == control.kind), None)
    if again is None or not await x.reveal(again):
        return False
    started = time.monotonic()
    result = await actions.activate(x.page, again, x.settings)
    await x.record("probe", again.label, started)
    if not result.ok:
        return False
    await x.arrive()
    later = await measure_settled(x, lambda now: compare_styles(baseline, now).works)
    return compare_styles(baseline, later).works


async def _way_back(x: Explorer, toggle: Control, baseline: Reading,
                    evidence: dict[str, Any]) -> bool:
    """A control labelled as the way back (looked for once the page has settled, since many
    sites show it only while the mode is on), else the same toggle activated again: either
    counts when the page returns to its baseline measurement, whatever the label says."""
    back_goal = x.lex.goal("low_vision_back")
    here = [c for c in await x.controls_here() if x.followable(c)]
    back = sorted(((back_goal.label_score(*c.labels), c) for c in here), key=lambda t: -t[0])
    if back and back[0][0] >= 0.8:
        if await _use(x, back[0][1], baseline, evidence, "labelled"):
            return True
        here = [c for c in await x.controls_here() if x.followable(c)]
    scorer = low_vision_scorer(x)
    # The toggle itself: the same label (a label that never changes), else this page's best
    # low-vision control (a toggle whose label now says something else).
    same = [c for c in here if c.label == toggle.label and c.kind == toggle.kind]
    best = sorted(((scorer(c, x.page.url)[0][0], c) for c in here), key=lambda t: -t[0])
    again = same[0] if same else (best[0][1] if best and best[0][0] >= 0.6 else None)
    if again is None:
        return False
    return await _use(x, again, baseline, evidence, "toggle-again")


def canonical_url(url: str) -> str:
    return url.split("#")[0].rstrip("/")


CHANGE_WORDS = {
    "larger_text": "task.find-low-vision-version.larger-text",
    "high_contrast": "task.find-low-vision-version.high-contrast",
    "images_off": "task.find-low-vision-version.images-off",
    "greyscale": "task.find-low-vision-version.greyscale",
    "spacing": "task.find-low-vision-version.spacing",
    "line_height": "task.find-low-vision-version.line-height",
    "font_family": "task.find-low-vision-version.font-family",
}


PERSISTS = {True: "task.find-low-vision-version.part-persists",
            False: "task.find-low-vision-version.part-not-persistent",
            None: "task.find-low-vision-version.part-persists-not-checked"}
WAY_BACK = {True: "task.find-low-vision-version.part-way-back",
            False: "task.find-low-vision-version.part-no-way-back-note",
            None: "task.find-low-vision-version.part-way-back-not-checked"}
# Verdicts earlier versions wrote: a saved result.json names them, and still renders.
FORMER_MESSAGES = ("task.find-low-vision-version.works", "task.find-low-vision-version.incomplete",
                   "task.find-low-vision-version.not-persistent",
                   "task.find-low-vision-version.no-way-back",
                   "task.find-low-vision-version.larger-text-and-contrast")


def describe_changes(kinds: list[str]) -> Message:
    """"larger text and high contrast" / "крупный текст, изображения отключены и ..." """
    words = [say(CHANGE_WORDS[k]) for k in kinds if k in CHANGE_WORDS]
    return join(words, say("task.find-low-vision-version.and")) if words else \
        say("task.find-low-vision-version.larger-text")


def verdict(control: str, evidence: dict[str, Any]) -> tuple[str, Message]:
    """Status and message from the three parts (found and works hold here) and the way back."""
    what = describe_changes(list(evidence.get("changes") or []))
    persists = evidence.get("persists")
    status = "failed" if persists is False else "passed"
    ratio = evidence.get("font_ratio", 1)
    text = say("task.find-low-vision-version.text-ratio", ratio=ratio) \
        if evidence.get("larger_text") else None
    return status, say("task.find-low-vision-version.verdict", label=control, what=what,
                       ratio=text, persists=say(PERSISTS[persists]),
                       way_back=say(WAY_BACK[evidence.get("way_back")]))


async def _verify(x: Explorer, control: Control, baseline: Reading,
                  change: dict[str, Any]) -> Outcome:
    """The mode works here; does it survive one navigation, and is there a way back?"""
    mode_url = x.page.url
    evidence: dict[str, Any] = {"found": True, "present": True, "works": True,
                                "control": control.label, "mode_url": mode_url, **change,
                                "persists": None, "way_back": None}
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
        if inner is None:
            not_checked["persists"] = "no inner link to follow"
        elif not x.time_left():
            not_checked["persists"] = NOT_CHECKED_TIME
        else:
            loaded = await x.goto(inner.abs, action="probe",
                                  label=say("step.next-page", label=inner.label))
            await x.arrive()
            if loaded.ok:
                kinds = list(change.get("changes") or [])
                later = await measure_settled(
                    x, lambda now: still_in_effect(baseline, now, kinds))
                evidence["persists"] = still_in_effect(baseline, later, kinds)
                evidence["persists_on"] = x.page.url
            else:  # the probe page did not load: that says nothing about the mode
                not_checked["persists"] = f"{inner.abs}: {loaded.error}"
        # The way back is looked for where the mode is on: after a probe page that lost it
        # (or did not load), the mode is switched on again first (not a citizen's click).
        on = evidence["persists"] is True or canonical_url(x.page.url) == canonical_url(mode_url)
        if not on and x.time_left():
            on = await _switch_on_again(x, control, mode_url, baseline)
        if not x.time_left():
            not_checked["way_back"] = NOT_CHECKED_TIME
        elif not on:
            not_checked["way_back"] = "the mode could not be switched on again"
        else:
            evidence["way_back"] = await _way_back(x, control, baseline, evidence)
    finally:
        x.counting = True
    if not_checked:
        evidence["not_checked"] = not_checked
    status, message = verdict(control.label, evidence)
    return Outcome.said(status, message, mode_url, evidence)


SPEC = TaskSpec(
    id="find-low-vision-version",
    title="Find and use the version for the visually impaired",
    run=find_low_vision_version,
    # While the mode is on and verified, the runner audits that page with the same page checks.
    audits_low_vision_mode=True,
    rules=("Q04",),
    findings=way_back_findings,
)
