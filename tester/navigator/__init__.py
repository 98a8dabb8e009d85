"""The goal-seeking navigator: performs citizen tasks on any site like a person would.

    result = await run_task("find-contacts", env)   # never raises

The tasks themselves are registered (tester/registry.py; one module each in tester/tasks/).

It ranks visible controls with the kk/ru/en lexicon (tester/lexicon), opens menus, dismisses
consent overlays, clicks, confirms the goal on the landing page (tester/goals), and backtracks
within the click budget. No site-specific selectors or URLs.
"""

from __future__ import annotations

import time

from tester.browser import describe_error
from tester.env import TaskEnv
from tester.i18n import message_fields, say
from tester.model import TaskResult
from tester.navigator.explorer import Explorer
from tester.navigator.shortest import shortest_clicks
from tester.navigator.tasks import Outcome, TaskSpec, clicks

__all__ = ["TaskSpec", "run_task"]


async def run_task(task: str | TaskSpec, env: TaskEnv) -> TaskResult:
    """Run one citizen task (a registered id, or its spec) in its fresh context; errors become
    status "error" with a reason."""
    started = time.monotonic()
    if isinstance(task, str):
        from tester.registry import task_spec

        spec = task_spec(task)
        if spec is None:
            return TaskResult(id=task, title=task, status="error",
                              **message_fields(say("task.unknown", task=repr(task))))
    else:
        spec = task
    task_id, title = spec.id, spec.title
    explorer: Explorer | None = None
    hosts = set(env.scope.hosts)  # a language subdomain admitted for this task only
    try:
        explorer = Explorer(env, task_id)
        outcome = await spec.run(explorer)
    except Exception as exc:  # noqa: BLE001 - a hostile page must never crash the run
        outcome = _interrupted(explorer, exc)
    steps = explorer.steps if explorer else []
    clicks = explorer.clicks if explorer else 0
    seconds = round(time.monotonic() - started, 2)
    optimal = await _optimal(env, outcome, started) if spec.measures_path else None
    env.scope.hosts.intersection_update(hosts)
    return TaskResult(
        id=task_id, title=title, status=outcome.status, clicks=clicks,  # type: ignore[arg-type]
        seconds=seconds, target_url=outcome.target_url, steps=steps,
        optimal_clicks=optimal, within_three_clicks=None if optimal is None else optimal <= 3,
        evidence=outcome.evidence, **message_fields(outcome.message),
    )


async def _optimal(env: TaskEnv, outcome: Outcome, started: float) -> int | None:
    """Shortest path to the page the navigator reached (passed tasks, time permitting)."""
    target = outcome.path_target or outcome.target_url
    left = env.settings.task_budget_s - (time.monotonic() - started) - 2
    if outcome.status != "passed" or not target or not env.scope.contains(target) or left < 2:
        return None
    try:
        return await shortest_clicks(env.start_url, target, env.scope,
                                     timeout_ms=env.settings.navigation_timeout_ms,
                                     budget_s=min(12.0, left), settings=env.settings)
    except Exception:  # noqa: BLE001 - an optional measurement never spoils the verdict
        return None


def _interrupted(explorer: Explorer | None, exc: BaseException) -> Outcome:
    reason = describe_error(exc)
    if explorer is not None and (explorer.page.is_closed() or "closed" in reason):
        return Outcome.said("error", say("task.stopped", reason=reason,
                                         clicks=clicks(explorer.clicks, always_plural=True)))
    return Outcome.said("error", say("task.could-not-finish", reason=reason))
