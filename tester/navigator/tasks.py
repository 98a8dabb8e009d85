"""What every citizen task is built from: its Outcome and shared steps (and TaskSpec, re-exported).

The tasks themselves live one per module in tester/tasks/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tester.i18n import Message, say
from tester.navigator.explorer import Checker, Explorer, Found, Scorer
from tester.snapshot import PageSnapshot
from tester.taskspec import TaskFn, TaskSpec  # re-exported: a task module's one import


@dataclass
class Outcome:
    status: str  # passed | failed | error
    message: Message  # task.* in the catalog (tester/i18n)
    target_url: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    path_target: str | None = None  # the in-site page to measure the shortest path to

    @classmethod
    def said(cls, status: str, message: Message, target_url: str | None = None,
             evidence: dict[str, Any] | None = None, path_target: str | None = None) -> Outcome:
        """An outcome and what it tells the citizen."""
        return cls(status, message, target_url, evidence or {}, path_target)

__all__ = ["Outcome", "TaskFn", "TaskSpec", "check_then_seek", "clicks", "not_found",
           "open_start", "tried_evidence", "where_found"]


async def open_start(x: Explorer) -> PageSnapshot | Outcome:
    """The start page's snapshot, or the error Outcome that ends the task."""
    result = await x.goto(x.env.start_url, label=say("step.home-page"))
    if not result.ok:
        return Outcome.said("error", say("task.start-not-loaded", url=x.env.start_url,
                                         error=result.error))
    snap = await x.arrive()
    if snap.http_status and snap.http_status >= 400:
        return Outcome.said("error", say("task.start-http", status=snap.http_status))
    return snap


async def check_then_seek(x: Explorer, snap: PageSnapshot, scorer: Scorer, check: Checker, *,
                          outbound: Callable[[Any], bool] | None = None) -> Found | None:
    """The start page itself when it already meets the goal, else a best-first search."""
    first = check(snap, "")
    return Found(first, snap.url) if first.met else await x.seek(scorer, check, outbound=outbound)


def clicks(count: int, always_plural: bool = False) -> Message:
    """"2 clicks" / "2 клика" / "2 басу", "1 click" (`always_plural` names the key results
    saved before plurals were correct used; it says "1 click" too now)."""
    return say("task.n-clicks-always-plural" if always_plural else "task.n-clicks", count=count)


def not_found(x: Explorer, what: str) -> Message:
    """Why the task failed; `what` is the catalog key of what it sought (task.<id>.what)."""
    budget = x.settings.click_budget
    if x.timed_out:
        why = say("task.why-time", seconds=f"{x.settings.task_budget_s:g}",
                  clicks=clicks(x.clicks, always_plural=True))
    elif x.budget_hit:
        why = say("task.why-clicks", clicks=clicks(budget, always_plural=True))
    else:
        why = say("task.why-exhausted", clicks=clicks(x.clicks))
    miss: Message | None = None
    if x.near_miss is not None and x.near_miss.reason:
        miss = say("task.closest-miss", url=x.near_miss_url, reason=x.near_miss.reason)
    return say("task.not-found", what=say(what), why=why, miss=miss)


def tried_evidence(x: Explorer) -> dict[str, Any]:
    return {"tried": x.tried_labels[:20]}


def where_found(x: Explorer) -> Message:
    if x.clicks == 0:
        return say("task.on-start-page")
    return say("task.after-clicks", clicks=clicks(x.clicks))
