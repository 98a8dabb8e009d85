"""What every citizen task is built from: its declaration (TaskSpec), its Outcome, and shared steps.

The tasks themselves live one per module in tester/tasks/.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tester.i18n import Message, say
from tester.navigator.explorer import Checker, Explorer, Found, Scorer
from tester.options import Option
from tester.snapshot import PageSnapshot


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


TaskFn = Callable[[Explorer], Awaitable[Outcome]]


@dataclass(frozen=True)
class TaskSpec:
    """A citizen task as it declares itself (in its own module: `SPEC = TaskSpec(...)`).

    The registry (tester/registry.py) collects these; nothing else names a task.
    """

    id: str  # kebab-case, unique among tasks and scripted scenarios
    title: str  # English title recorded in TaskResult.title
    run: TaskFn  # async (Explorer) -> Outcome; the navigator turns it into a TaskResult
    # The target is a page a person navigates to: the navigator measures the shortest click path
    # to it (low vision and search are actions, not pages).
    measures_path: bool = False
    # While the task has the site's low-vision mode switched on, the runner audits that page
    # with the same page checks (the task calls env.on_low_vision_mode).
    audits_low_vision_mode: bool = False
    options: tuple[Option, ...] = ()  # settings it reads with settings.option(name)
    wcag: tuple[str, ...] = ()  # WCAG success criteria the task bears on
    # Items of the Kazakh rules' checklist it checks (shared/reference/kz-gov-sites.md §1.5:
    # S05 contacts, S06 appeals, N01 languages, N03 site map, N04 search, Q04 low vision).
    rules: tuple[str, ...] = ()
    title_key: str = ""  # report catalog key of the title; "" means task.title.<id>
    message_prefix: str = ""  # catalog key prefix of its messages; "" means task.<id>.

    def __post_init__(self) -> None:
        if not self.title_key:
            object.__setattr__(self, "title_key", f"task.title.{self.id}")
        if not self.message_prefix:
            object.__setattr__(self, "message_prefix", f"task.{self.id}.")


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
    """"2 clicks" / "2 клика" / "2 басу" (English "1 click" unless it always said "clicks")."""
    return say("task.n-clicks-always-plural" if always_plural else "task.n-clicks", count=count)


def _not_found(x: Explorer, what: str) -> Message:
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


def _tried(x: Explorer) -> dict[str, Any]:
    return {"tried": x.tried_labels[:20]}


def _where(x: Explorer) -> Message:
    if x.clicks == 0:
        return say("task.on-start-page")
    return say("task.after-clicks", clicks=clicks(x.clicks))
