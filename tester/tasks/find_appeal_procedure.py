"""find-appeal-procedure: reach how to submit an appeal (a procedure page or an e-appeal link)."""

from __future__ import annotations

from typing import Any

from tester.goals.appeal import recognise_appeal
from tester.goals.base import GoalCheck
from tester.i18n import say
from tester.navigator.explorer import Explorer
from tester.navigator.scoring import goal_scorer
from tester.navigator.tasks import (
    Outcome,
    TaskSpec,
    check_then_seek,
    not_found,
    open_start,
    tried_evidence,
    where_found,
)
from tester.snapshot import PageSnapshot


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
        return Outcome.said("failed", not_found(x, "task.find-appeal-procedure.what"),
                            evidence=tried_evidence(x))
    target = found.check.target_url or found.url
    evidence = {"channel": "procedure", **found.check.evidence, "page_url": x.page.url}
    if found.check.target_url:
        evidence["channel"] = "e-appeal link"
        return Outcome.said("passed", say("task.find-appeal-procedure.link-found", target=target,
                                          where=where_found(x), page=x.page.url), target, evidence,
                            path_target=x.page.url)
    return Outcome.said("passed", say("task.find-appeal-procedure.found", where=where_found(x),
                                      target=target), target, evidence)


SPEC = TaskSpec(
    id="find-appeal-procedure",
    title="Find how to submit an appeal",
    run=find_appeal_procedure,
    measures_path=True,
    rules=("S06",),
)
