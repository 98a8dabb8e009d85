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
from tester.navigator.tasks import TASK_TITLES, TASKS, Outcome

TASKS.update({
    "find-low-vision-version": find_low_vision_version,
    "find-sitemap": find_sitemap,
    "site-search": site_search,
})

__all__ = ["TASK_TITLES", "run_task"]


async def run_task(task_id: str, env: TaskEnv) -> TaskResult:
    """Run one citizen task in its fresh context; errors become status "error" with a reason."""
    started = time.monotonic()
    title = TASK_TITLES.get(task_id, task_id)
    task = TASKS.get(task_id)
    if task is None:
        return TaskResult(id=task_id, title=title, status="error",
                          message=f"Unknown or not yet supported task {task_id!r}.")
    explorer: Explorer | None = None
    try:
        explorer = Explorer(env, task_id)
        outcome = await task(explorer)
    except Exception as exc:  # noqa: BLE001 - a hostile page must never crash the run
        outcome = _interrupted(explorer, exc)
    steps = explorer.steps if explorer else []
    clicks = explorer.clicks if explorer else 0
    return TaskResult(
        id=task_id, title=title, status=outcome.status, clicks=clicks,  # type: ignore[arg-type]
        seconds=round(time.monotonic() - started, 2), target_url=outcome.target_url,
        steps=steps, evidence=outcome.evidence, message=outcome.message,
    )


def _interrupted(explorer: Explorer | None, exc: BaseException) -> Outcome:
    reason = describe_error(exc)
    if explorer is not None and (explorer.page.is_closed() or "closed" in reason):
        return Outcome("error", f"The task was stopped before it finished ({reason}) after "
                       f"{explorer.clicks} clicks; the time budget may have run out.")
    return Outcome("error", f"The navigator could not finish: {reason}.")
