"""The goal-seeking navigator: performs citizen tasks on any site like a person would.

    result = await run_task("find-contacts", env)   # never raises

It ranks visible controls with the kk/ru/en lexicon (tester/lexicon), opens menus, dismisses
consent overlays, clicks, confirms the goal on the landing page (tester/goals), and backtracks
within the click budget. No site-specific selectors or URLs.
"""

from __future__ import annotations

import time

from tester.browser import describe_error
from tester.env import TaskEnv
from tester.model import TaskResult
from tester.navigator.explorer import Explorer
from tester.navigator.findability import find_sitemap, site_search
from tester.navigator.lowvision import find_low_vision_version
from tester.navigator.messages import clicks, say
from tester.navigator.shortest import shortest_clicks
from tester.navigator.tasks import TASK_TITLES, TASKS, Outcome
from tester.texts import fields

TASKS.update({
    "find-low-vision-version": find_low_vision_version,
    "find-sitemap": find_sitemap,
    "site-search": site_search,
})

__all__ = ["TASK_TITLES", "run_task"]

# Tasks whose target is a page a person navigates to (low vision and search are actions).
PATH_TASKS = {"find-contacts", "find-appeal-procedure", "switch-to-kazakh", "find-sitemap"}


async def run_task(task_id: str, env: TaskEnv) -> TaskResult:
    """Run one citizen task in its fresh context; errors become status "error" with a reason."""
    started = time.monotonic()
    title = TASK_TITLES.get(task_id, task_id)
    task = TASKS.get(task_id)
    if task is None:
        return TaskResult(id=task_id, title=title, status="error",
                          **fields(say("unknown-task", task=repr(task_id))))
    explorer: Explorer | None = None
    try:
        explorer = Explorer(env, task_id)
        outcome = await task(explorer)
    except Exception as exc:  # noqa: BLE001 - a hostile page must never crash the run
        outcome = _interrupted(explorer, exc)
    steps = explorer.steps if explorer else []
    clicks = explorer.clicks if explorer else 0
    seconds = round(time.monotonic() - started, 2)
    optimal = await _optimal(env, outcome, started) if task_id in PATH_TASKS else None
    return TaskResult(
        id=task_id, title=title, status=outcome.status, clicks=clicks,  # type: ignore[arg-type]
        seconds=seconds, target_url=outcome.target_url, steps=steps,
        optimal_clicks=optimal, within_three_clicks=None if optimal is None else optimal <= 3,
        evidence=outcome.evidence, message=outcome.message, messages=outcome.messages,
    )


async def _optimal(env: TaskEnv, outcome: Outcome, started: float) -> int | None:
    """Shortest path to the page the navigator reached (passed tasks, time permitting)."""
    target = outcome.path_target or outcome.target_url
    left = env.settings.task_budget_s - (time.monotonic() - started) - 2
    if outcome.status != "passed" or not target or not env.scope.contains(target) or left < 2:
        return None
    try:
        return await shortest_clicks(env.context.request, env.start_url, target, env.scope,
                                     timeout_ms=env.settings.navigation_timeout_ms,
                                     budget_s=min(12.0, left), settings=env.settings)
    except Exception:  # noqa: BLE001 - an optional measurement never spoils the verdict
        return None


def _interrupted(explorer: Explorer | None, exc: BaseException) -> Outcome:
    reason = describe_error(exc)
    if explorer is not None and (explorer.page.is_closed() or "closed" in reason):
        return Outcome.said("error", say("stopped", reason=reason,
                                         clicks=clicks(explorer.clicks, always_plural=True)))
    return Outcome.said("error", say("could-not-finish", reason=reason))
