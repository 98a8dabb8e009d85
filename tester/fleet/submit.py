"""The side that queues a run and collects it: `ashyq run --broker …` (and `--attach RUN`)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tester import i18n
from tester.config import Settings
from tester.fleet.app import TASK_NAME, hard_limit_s, lost_site, make_app
from tester.fleet.store import FleetStore
from tester.fleet.work import plan_settings
from tester.model import Notice, RunResult, SiteResult
from tester.progress import counts

POLL_S = 1.0


class FleetError(Exception):
    """The broker cannot be reached or does not know the run: one line for the user."""


def broker_label(broker: str) -> str:
    parts = urlsplit(broker)  # never the password
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}"


def connect(broker: str) -> FleetStore:
    store = FleetStore.connect(broker)
    try:
        store.client.ping()
    except Exception as exc:  # noqa: BLE001 - redis-py raises several kinds
        raise FleetError(f"cannot reach the broker at {broker_label(broker)}: "
                         f"{str(exc).splitlines()[0][:200]}") from None
    return store


def queue_run(broker: str, run_id: str, urls: Sequence[str], settings: Settings,
              out_dir: Path) -> None:
    """Record the run's plan, then one task per site (task id `RUN:index`)."""
    store = connect(broker)
    store.create_run(run_id, {"urls": list(urls), "settings": plan_settings(settings),
                              "out_dir": str(out_dir.resolve())})
    app = make_app(broker)
    limit = hard_limit_s(settings.site_time_limit_s)
    for index in range(len(urls)):
        app.send_task(TASK_NAME, args=[run_id, index], task_id=f"{run_id}:{index}",
                      time_limit=limit)


def planned(broker: str, run_id: str) -> dict[str, Any]:
    plan = connect(broker).plan(run_id)
    if plan is None:
        raise FleetError(f"the broker at {broker_label(broker)} has no run {run_id!r} "
                         "(`ashyq queue status` lists the recent ones)")
    return plan


async def collect(broker: str, run_id: str, result: RunResult,
                  progress: Callable[[str], None]) -> RunResult:
    """Wait for every site of the run; put them into `result` in the order queued, as they
    end (so a stopped wait keeps what had ended). A site whose task failed for good (killed
    past its hard limit) is recorded as not audited, with the reason."""
    store = connect(broker)
    app = make_app(broker)
    urls = planned(broker, run_id)["urls"]
    ended: dict[int, SiteResult] = {}
    counts(progress).plan(len(urls), 0)
    while len(ended) < len(urls):
        for index, raw in store.results(run_id).items():
            if index not in ended:
                ended[index] = SiteResult.model_validate_json(raw)
                _ended(progress, index, len(urls), ended[index])
        for index in range(len(urls)):
            if index in ended:
                continue
            task = app.AsyncResult(f"{run_id}:{index}")
            if task.state == "FAILURE":
                ended[index] = lost_site(urls[index], f"{type(task.result).__name__}: "
                                                      f"{task.result}")
                store.finished(run_id, index, ended[index].model_dump_json(), failed=True)
                _ended(progress, index, len(urls), ended[index])
        result.sites[:] = [ended[i] for i in sorted(ended)]
        if len(ended) < len(urls):
            await asyncio.sleep(POLL_S)
    retried = [s.url for s in store.states(run_id) if s.attempts > 1]
    if retried:
        result.notices.append(fleet_retried_notice(retried))
    return result


def _ended(progress: Callable[[str], None], index: int, total: int, site: SiteResult) -> None:
    counts(progress).site_done()
    outcome = site.error or (f"{i18n.counted('page', len(site.pages))}, "
                              f"{i18n.counted('task', len(site.tasks))}")
    progress(f"[site {index + 1}/{total}] {site.url}: {outcome}")


def fleet_retried_notice(urls: list[str]) -> Notice:
    return Notice(
        id="fleet-retried",
        message=i18n.text("notice.fleet-retried", count=len(urls)),
        data={"sites": urls},
        message_key="notice.fleet-retried",
        message_values={"count": len(urls)},
    )


def status_lines(broker: str, run_id: str | None, now: float | None = None) -> list[str]:
    """`ashyq queue status`: recent runs with sites done, or one run site by site."""
    store = connect(broker)
    now = now or time.time()
    if run_id is None:
        runs = store.recent_runs()
        if not runs:
            return [f"no runs on {broker_label(broker)}"]
        lines = [f"{'run':40} {'done':>9} {'running':>8} {'queued':>7} {'failed':>7}"]
        for run in runs:
            states = [s.state for s in store.states(run)]
            lines.append(f"{run[:40]:40} {states.count('done'):>4}/{len(states):<4} "
                         f"{states.count('running'):>8} {states.count('queued'):>7} "
                         f"{states.count('failed'):>7}")
        return lines
    planned(broker, run_id)  # an unknown run is an error, not an empty table
    lines = [f"{'#':>4} {'state':8} {'tries':>5}  url (worker)"]
    for s in store.states(run_id):
        worker = f" ({s.worker})" if s.worker and s.state != "queued" else ""
        lines.append(f"{s.index + 1:>4} {s.state:8} {s.attempts:>5}  {s.url}{worker}")
    return lines
