"""switch-to-kazakh: reach the Kazakh version; check the switch keeps the page one is on."""

from __future__ import annotations

import time
from typing import Any

from tester.goals.base import GoalCheck
from tester.goals.language import (
    is_home_like,
    keeps_page,
    lang_attribute_problem,
    recognise_kazakh,
    strip_language,
)
from tester.i18n import Message, say
from tester.navigator import actions
from tester.navigator.explorer import Explorer
from tester.navigator.scoring import language_scorer
from tester.navigator.tasks import (
    Outcome,
    TaskSpec,
    not_found,
    open_start,
    tried_evidence,
    where_found,
)
from tester.snapshot import PageSnapshot


async def switch_to_kazakh(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap
    first = recognise_kazakh(snap, None)
    if first.met:
        return Outcome.said("passed", say("task.switch-to-kazakh.already"), snap.url,
                            {**first.evidence, "already_kazakh": True})
    scorer = language_scorer(x.lex)
    offered = await _other_languages(x)

    def check(page: PageSnapshot, from_url: str) -> GoalCheck:
        return recognise_kazakh(page, from_url)

    found = await x.seek(scorer, check)
    if found is None:
        seen = x.near_miss.evidence if x.near_miss else {}
        offers = say("task.switch-to-kazakh.offers-only", languages=", ".join(offered))
        message = say("task.switch-to-kazakh.not-found",
                      not_found=not_found(x, "task.switch-to-kazakh.what"),
                      offers=offers if offered else None)
        return Outcome.said("failed", message,
                            evidence={**tried_evidence(x), "reached_url": x.near_miss_url or None,
                                      "lang_attribute": seen.get("lang_attribute"),
                                      "kazakh_letter_share": seen.get("kazakh_letter_share"),
                                      "other_languages": offered})
    evidence = dict(found.check.evidence)
    probe = await _probe_keeps_page(x, scorer)
    if probe is not None:
        evidence["keeps_page"] = probe["keeps_page"]
        evidence["keeps_page_probe"] = probe
    notes: list[Message] = []
    if evidence.get("keeps_page") is False:
        notes.append(say("task.switch-to-kazakh.drops-page"))
    problem = lang_attribute_problem(str(evidence.get("lang_attribute") or ""))
    if problem is not None:
        notes.append(say("task.switch-to-kazakh.lang-problem", problem=problem))
    return Outcome.said("passed", say("task.switch-to-kazakh.reached", where=where_found(x),
                                      url=found.url, note=notes), found.url, evidence)


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
        result = await x.goto(x.env.start_url, action="probe", label=say("step.start-again"))
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
        result = await x.goto(inner.abs, action="probe",
                              label=say("step.inner-page", label=inner.label))
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
        await x.record("probe", say("step.switch-inner", label=control.label), started)
        return {"from_url": from_url, "to_url": x.page.url,
                "keeps_page": keeps_page(from_url, x.page.url)}
    finally:
        x.counting = True


SPEC = TaskSpec(
    id="switch-to-kazakh",
    title="Switch the site to Kazakh",
    run=switch_to_kazakh,
    measures_path=True,
    wcag=("3.1.1",),
    rules=("N01",),
)
