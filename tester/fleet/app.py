"""The Celery application: configured for audits that can die halfway.

- a task is acknowledged only when it ends (`acks_late`), and given back to the queue when its
  worker process dies (`task_reject_on_worker_lost`); each worker process takes one at a time
  (prefetch multiplier 1), so a lost worker holds no queue of sites hostage;
- each site has a hard time limit (its `site_time_limit_s` plus a grace for closing the
  browser): past it, Celery kills the worker process and the run records the site as timed out;
- worker processes are replaced after `max_tasks_per_child` sites (browser memory, GSA's
  recycling), and sites whose audit failed on the network are tried again with backoff.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import worker_process_shutdown

from tester.fleet.store import KEEP_S, FleetStore
from tester.fleet.work import PROCESS_BROWSER, TRANSIENT_CODES, run_site, worker_settings
from tester.model import SiteResult

TASK_NAME = "ashyq.audit_site"
HARD_LIMIT_GRACE_S = 120  # beyond the site's own budget: closing the browser, writing files
MAX_RETRIES = 3
MAX_ATTEMPTS = 3  # worker processes lost on one site before it is given up
RETRY_BACKOFF_S = 30  # then 60, 120
MAX_TASKS_PER_CHILD = 25
# Redis gives an unacknowledged task to another worker after this long: longer than any site
# may take (its hard limit), or a slow site would be audited twice at once.
VISIBILITY_TIMEOUT_S = 4 * 3600


def hard_limit_s(site_time_limit_s: float) -> float:
    return site_time_limit_s + HARD_LIMIT_GRACE_S


def make_app(broker: str, *, allow_private: bool = False,
             max_tasks_per_child: int = MAX_TASKS_PER_CHILD) -> Celery:
    app = Celery("ashyq", broker=broker, backend=broker)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_max_tasks_per_child=max_tasks_per_child,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=KEEP_S,
        task_track_started=True,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT_S},
        result_backend_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT_S},
    )
    app.conf.ashyq_allow_private = allow_private

    @app.task(name=TASK_NAME, bind=True, max_retries=MAX_RETRIES)
    def audit_site(self: Any, run_id: str, index: int) -> str:
        return run_task(self, run_id, index)

    return app


@worker_process_shutdown.connect
def _close_process_browser(**_: Any) -> None:
    """A recycled or stopped worker process closes the browser it kept."""
    PROCESS_BROWSER.shutdown()


def run_task(task: Any, run_id: str, index: int, store: FleetStore | None = None) -> str:
    """The task body: audit site `index` of `run_id` unless it is already recorded."""
    store = store or FleetStore.connect(task.app.conf.broker_url)
    plan = store.plan(run_id)
    if plan is None:
        return "unknown run (expired or never queued)"
    if store.result(run_id, index) is not None:
        return "already recorded"  # delivered again after it was recorded: count it once
    worker = f"{socket.gethostname()}/{task.request.hostname or ''}"
    urls = plan["urls"]
    attempts = store.started(run_id, index, worker)
    if attempts - task.request.retries > MAX_ATTEMPTS:
        # Every worker that took it died (a site that crashes or exhausts the worker): stop
        # handing it round, and say so. Network retries (task.retry) are not losses.
        site = SiteResult(url=urls[index], error_code="worker-lost", error=(
            f"the site's worker was lost {MAX_ATTEMPTS} times; not tried again"))
        store.finished(run_id, index, site.model_dump_json(), failed=True)
        return "worker-lost"
    settings = worker_settings(plan["settings"], allow_private=task.app.conf.ashyq_allow_private)
    site = run_site(urls[index], index, len(urls), settings, Path(plan["out_dir"]))
    if site.error_code in TRANSIENT_CODES and task.request.retries < MAX_RETRIES:
        raise task.retry(countdown=RETRY_BACKOFF_S * 2 ** task.request.retries)
    store.finished(run_id, index, site.model_dump_json())
    return site.error_code or "done"


def lost_site(url: str, reason: str) -> SiteResult:
    """What the run records for a site no worker could finish (killed past its hard limit,
    or its task failed)."""
    timed_out = "TimeLimitExceeded" in reason
    return SiteResult(
        url=url,
        error_code="site-timeout" if timed_out else "worker-lost",
        error=("the site's audit went past its hard time limit and its worker was stopped"
               if timed_out else f"no worker could finish the site: {reason}")[:300],
    )
