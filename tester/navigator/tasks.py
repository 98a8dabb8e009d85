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
from tester.goals.language import is_home_like, keeps_page, recognise_kazakh, strip_language
from tester.navigator import actions
from tester.navigator.explorer import Checker, Explorer, Found, Scorer
from tester.navigator.messages import clicks, reason, say
from tester.navigator.scoring import goal_scorer, language_scorer
from tester.texts import Texts, join, others

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
    messages: dict[str, str] = field(default_factory=dict)  # `message` in ru/kk

    @classmethod
    def said(cls, status: str, texts: Texts, target_url: str | None = None,
             evidence: dict[str, Any] | None = None, path_target: str | None = None) -> Outcome:
        """An outcome whose message comes from the catalog (tester/navigator/messages.py)."""
        return cls(status, texts["en"], target_url, evidence or {}, path_target, others(texts))


TaskFn = Callable[[Explorer], Awaitable[Outcome]]


async def open_start(x: Explorer) -> PageSnapshot | Outcome:
    """The start page's snapshot, or the error Outcome that ends the task."""
    result = await x.goto(x.env.start_url, label="home page")
    if not result.ok:
        return Outcome.said("error", say("start-not-loaded", url=x.env.start_url,
                                         error=result.error))
    snap = await x.arrive()
    if snap.http_status and snap.http_status >= 400:
        return Outcome.said("error", say("start-http", status=snap.http_status))
    return snap


async def check_then_seek(x: Explorer, snap: PageSnapshot, scorer: Scorer, check: Checker, *,
                          outbound: Callable[[Any], bool] | None = None) -> Found | None:
    """The start page itself when it already meets the goal, else a best-first search."""
    first = check(snap, "")
    return Found(first, snap.url) if first.met else await x.seek(scorer, check, outbound=outbound)


def _not_found(x: Explorer, what: str) -> Texts:
    """Why the task failed; `what` is a catalog key ("what-contacts" ...)."""
    budget = x.settings.click_budget
    if x.timed_out:
        why = say("why-time", seconds=f"{x.settings.task_budget_s:g}",
                  clicks=clicks(x.clicks, always_plural=True))
    elif x.budget_hit:
        why = say("why-clicks", clicks=clicks(budget, always_plural=True))
    else:
        why = say("why-exhausted", clicks=clicks(x.clicks))
    miss: Texts | str = ""
    if x.near_miss is not None and x.near_miss.reason:
        miss = say("closest-miss", url=x.near_miss_url, reason=reason(x.near_miss.reason))
    return say("not-found", what=say(what), why=why, miss=miss)


def _tried(x: Explorer) -> dict[str, Any]:
    return {"tried": x.tried_labels[:20]}


def _where(x: Explorer) -> Texts:
    return say("on-start-page") if x.clicks == 0 else say("after-clicks", clicks=clicks(x.clicks))


async def find_contacts(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap

    def check(page: PageSnapshot, _from: str) -> GoalCheck:
        return recognise_contacts(page)

    found = await check_then_seek(x, snap, goal_scorer(x.lex.goal("contacts")), check)
    if found is None:
        return Outcome.said("failed", _not_found(x, "what-contacts"), evidence=_tried(x))
    return Outcome.said("passed", say("contacts-found", where=_where(x), url=found.url,
                                      reason=reason(found.check.reason)),
                        found.url, found.check.evidence)


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
        return Outcome.said("failed", _not_found(x, "what-appeal"), evidence=_tried(x))
    target = found.check.target_url or found.url
    evidence = {"channel": "procedure", **found.check.evidence, "page_url": x.page.url}
    if found.check.target_url:
        evidence["channel"] = "e-appeal link"
        return Outcome.said("passed", say("appeal-link-found", target=target, where=_where(x),
                                          page=x.page.url), target, evidence,
                            path_target=x.page.url)
    return Outcome.said("passed", say("appeal-found", where=_where(x), target=target),
                        target, evidence)


async def switch_to_kazakh(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap
    first = recognise_kazakh(snap, None)
    if first.met:
        return Outcome.said("passed", say("kazakh-already"), snap.url,
                            {**first.evidence, "already_kazakh": True})
    scorer = language_scorer(x.lex)
    offered = await _other_languages(x)

    def check(page: PageSnapshot, from_url: str) -> GoalCheck:
        return recognise_kazakh(page, from_url)

    found = await x.seek(scorer, check)
    if found is None:
        seen = x.near_miss.evidence if x.near_miss else {}
        texts = _not_found(x, "what-kazakh")
        if offered:
            texts = join([texts, say("kazakh-offers-only", languages=", ".join(offered))])
        return Outcome.said("failed", texts,
                            evidence={**_tried(x), "reached_url": x.near_miss_url or None,
                                      "lang_attribute": seen.get("lang_attribute"),
                                      "kazakh_letter_share": seen.get("kazakh_letter_share"),
                                      "other_languages": offered})
    evidence = dict(found.check.evidence)
    probe = await _probe_keeps_page(x, scorer)
    if probe is not None:
        evidence["keeps_page"] = probe["keeps_page"]
        evidence["keeps_page_probe"] = probe
    notes: list[Texts | str] = []
    if evidence.get("keeps_page") is False:
        notes.append(say("kazakh-drops-page"))
    if not evidence.get("lang_attribute_ok", True):
        notes.append(say("lang-problem", problem=reason(str(evidence.get("lang_problem")))))
    return Outcome.said("passed", say("kazakh-reached", where=_where(x), url=found.url,
                                      note=join(notes)), found.url, evidence)


async def _other_languages(x: Explorer) -> list[str]:
    """Labels of the start page's switches to Russian or English ("RU", "EN"), for the verdict."""
    ru, en = language_scorer(x.lex, "lang_ru"), language_scorer(x.lex, "lang_en")
    labels: list[str] = []
    for control in await x.controls_here():
        if control.kind == "select":
            continue
        if max(ru(control, x.page.url)[0][0], en(control, x.page.url)[0][0]) >= 0.8 and \
                control.label not in labels:
            labels.append(control.label)
    return labels[:6]


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
        here = strip_language(x.page.url)  # a logo link to this very page is no inner page
        inner = next((c for c in await x.controls_here()
                      if c.kind == "link" and c.visible and c.region in ("nav", "header", "main")
                      and x.followable(c) and c.abs.startswith("http") and not is_home_like(c.abs)
                      and strip_language(c.abs) != here
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
