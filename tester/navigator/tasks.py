"""The citizen tasks: what each one seeks, how it is confirmed, and what it says when it fails."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tester.gather.snapshot import PageSnapshot
from tester.goals.appeal import recognise_appeal
from tester.goals.base import GoalCheck
from tester.goals.contacts import recognise_contacts
from tester.goals.language import is_home_like, keeps_page, recognise_kazakh
from tester.navigator import actions
from tester.navigator.explorer import Checker, Explorer, Found, Scorer
from tester.navigator.scoring import goal_scorer, language_scorer

TASK_TITLES: dict[str, str] = {
    "find-contacts": "Find the contact information",
    "find-appeal-procedure": "Find how to submit an appeal",
    "switch-to-kazakh": "Switch the site to Kazakh",
    "find-low-vision-version": "Find and use the version for the visually impaired",
    "find-sitemap": "Find the site map",
    "site-search": "Search the site",
}


@dataclass
class Outcome:
    status: str  # passed | failed | error
    message: str
    target_url: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    path_target: str | None = None  # the in-site page to measure the shortest path to


TaskFn = Callable[[Explorer], Awaitable[Outcome]]


async def open_start(x: Explorer) -> PageSnapshot | Outcome:
    """The start page's snapshot, or the error Outcome that ends the task."""
    result = await x.goto(x.env.start_url, label="home page")
    if not result.ok:
        return Outcome("error", f"The start page {x.env.start_url} did not load: {result.error}.")
    snap = await x.arrive()
    if snap.http_status and snap.http_status >= 400:
        return Outcome("error", f"The start page answered HTTP {snap.http_status}.")
    return snap


async def check_then_seek(x: Explorer, snap: PageSnapshot, scorer: Scorer, check: Checker, *,
                          outbound: Callable[[Any], bool] | None = None) -> Found | None:
    """The start page itself when it already meets the goal, else a best-first search."""
    first = check(snap, "")
    return Found(first, snap.url) if first.met else await x.seek(scorer, check, outbound=outbound)


def _not_found(x: Explorer, what: str) -> str:
    budget = x.settings.click_budget
    if x.timed_out:
        why = f"within the {x.settings.task_budget_s:g} s time budget ({x.clicks} clicks)"
    elif x.budget_hit:
        why = f"within {budget} clicks"
    else:
        why = f"after trying every promising link and menu ({_clicks(x.clicks)})"
    text = f"No {what} was found {why}"
    if x.near_miss is not None and x.near_miss.reason:
        text += f"; closest miss: {x.near_miss_url} ({x.near_miss.reason})"
    return text + "."


def _tried(x: Explorer) -> dict[str, Any]:
    return {"tried": x.tried_labels[:20]}


def _clicks(n: int) -> str:
    return f"{n} click" + ("" if n == 1 else "s")


def _where(x: Explorer) -> str:
    return "on the start page" if x.clicks == 0 else f"after {_clicks(x.clicks)}"


async def find_contacts(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap

    def check(page: PageSnapshot, _from: str) -> GoalCheck:
        return recognise_contacts(page)

    found = await check_then_seek(x, snap, goal_scorer(x.lex.goal("contacts")), check)
    if found is None:
        return Outcome("failed", _not_found(x, "page with a phone number and e-mail/address"),
                       evidence=_tried(x))
    return Outcome("passed", f"Contact information was found {_where(x)} at {found.url}: "
                   f"{found.check.reason}.", found.url, found.check.evidence)


async def find_appeal_procedure(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap
    goal = x.lex.goal("appeals")

    def check(page: PageSnapshot, _from: str) -> GoalCheck:
        return recognise_appeal(page, x.lex)

    def outbound(control: Any) -> bool:
        return control.kind == "link" and goal.host_match(control.abs)

    base = goal_scorer(goal)

    def scorer(control: Any, page_url: str) -> list[tuple[float, str]]:
        if outbound(control):
            return [(1.2, "")]  # an e-appeal service link beats any section of the site
        return base(control, page_url)

    found = await check_then_seek(x, snap, scorer, check, outbound=outbound)
    if found is None:
        return Outcome("failed", _not_found(x, "appeal procedure or e-appeal link"),
                       evidence=_tried(x))
    target = found.check.target_url or found.url
    evidence = {"channel": "procedure", **found.check.evidence, "page_url": x.page.url}
    if found.check.target_url:
        evidence["channel"] = "e-appeal link"
        return Outcome("passed", f"An e-appeal link ({target}) was found {_where(x)} on "
                       f"{x.page.url}; it is credited and not followed.", target, evidence,
                       path_target=x.page.url)
    return Outcome("passed", f"The appeal procedure was found {_where(x)} at {target}.",
                   target, evidence)


async def switch_to_kazakh(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap
    first = recognise_kazakh(snap, None)
    if first.met:
        return Outcome("passed", "The site opens in Kazakh; no switch was needed (0 clicks).",
                       snap.url, {**first.evidence, "already_kazakh": True})
    scorer = language_scorer(x.lex)

    def check(page: PageSnapshot, from_url: str) -> GoalCheck:
        return recognise_kazakh(page, from_url)

    found = await x.seek(scorer, check)
    if found is None:
        seen = x.near_miss.evidence if x.near_miss else {}
        return Outcome("failed", _not_found(x, "working switch to a Kazakh version"),
                       evidence={**_tried(x), "reached_url": x.near_miss_url or None,
                                 "lang_attribute": seen.get("lang_attribute"),
                                 "kazakh_letter_share": seen.get("kazakh_letter_share")})
    evidence = dict(found.check.evidence)
    probe = await _probe_keeps_page(x, scorer)
    if probe is not None:
        evidence["keeps_page"] = probe["keeps_page"]
        evidence["keeps_page_probe"] = probe
    note = "" if evidence.get("keeps_page") is not False else " (the switch drops the visitor " \
        "on the Kazakh home page instead of the same page)"
    if not evidence.get("lang_attribute_ok", True):
        note += f"; {evidence.get('lang_problem')}"
    return Outcome("passed", f"The Kazakh version was reached {_where(x)} at {found.url}{note}.",
                   found.url, evidence)


async def _probe_keeps_page(x: Explorer, scorer: Any) -> dict[str, Any] | None:
    """From an inner page of the original language, does the switch keep that page?"""
    if not x.time_left():
        return None
    x.counting = False
    try:
        result = await x.goto(x.env.start_url, action="probe", label="start page again")
        if not result.ok:
            return None
        await x.arrive()
        inner = next((c for c in await x.controls_here()
                      if c.kind == "link" and c.visible and c.region in ("nav", "header", "main")
                      and x.followable(c) and c.abs.startswith("http") and not is_home_like(c.abs)
                      and scorer(c, x.page.url)[0][0] < 0.5), None)
        if inner is None:
            return None
        result = await x.goto(inner.abs, action="probe", label=f"inner page: {inner.label}")
        if not result.ok:
            return None
        await x.arrive()
        from_url = x.page.url
        ranked = sorted(((s, opt, c) for c in await x.controls_here() if x.followable(c)
                         for s, opt in scorer(c, from_url)), key=lambda t: -t[0])
        if not ranked or ranked[0][0] < 0.6:
            return None
        _, option, control = ranked[0]
        if not await x.reveal(control):
            return None
        started = time.monotonic()
        await actions.activate(x.page, control, x.settings, option)
        await x.record("probe", f"switch on the inner page: {control.label}", started)
        return {"from_url": from_url, "to_url": x.page.url,
                "keeps_page": keeps_page(from_url, x.page.url)}
    finally:
        x.counting = True


TASKS: dict[str, TaskFn] = {
    "find-contacts": find_contacts,
    "find-appeal-procedure": find_appeal_procedure,
    "switch-to-kazakh": switch_to_kazakh,
}
