"""The fleet's unit of work: one site of one run, as a worker runs it.

It is the in-process unit (`tester.runner.audit_one_site`) in a browser of its own, with the
run's plan read from Redis and the worker's own browser and network settings laid over it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tester.artifacts import RunDir
from tester.browser import open_browser, reaches_only_loopback
from tester.config import Settings, load_settings
from tester.model import SiteResult
from tester.politeness import politeness
from tester.runner import audit_one_site, run_limits, site_folder

# Settings that belong to the machine that runs the browser, not to whoever queued the run:
# which browser, and which networks it may reach (a submitted URL must not open the worker's
# own network), and local files.
WORKER_KEYS = ("executable_path", "browser_endpoint", "headless", "allow_private",
               "allow_loopback", "lexicon", "db")
# A site whose audit ended with one of these is tried again later (backoff), a few times.
TRANSIENT_CODES = frozenset({"timeout", "connection-refused", "connection-reset", "unreachable",
                             "empty-response"})


def plan_settings(settings: Settings) -> dict[str, Any]:
    """The settings a worker needs to audit as the submitter asked, as JSON."""
    data = settings.model_dump(mode="json", exclude=set(WORKER_KEYS))
    data.pop("options", None)
    data["options"] = {k: v for k, v in settings.options.items()}
    return data


def worker_settings(planned: dict[str, Any], *, allow_private: bool,
                    local: Settings | None = None) -> Settings:
    """The submitted settings with this worker's own browser and network settings."""
    local = local or load_settings()
    mine = {key: getattr(local, key) for key in WORKER_KEYS}
    # A worker audits URLs that others submitted: private networks and this machine only
    # when its operator says so (`ashyq worker --allow-private`).
    mine["allow_private"] = mine["allow_loopback"] = allow_private
    values = {k: v for k, v in planned.items() if k not in WORKER_KEYS}
    return Settings(**{**values, **mine})


async def audit_planned_site(url: str, index: int, total: int, settings: Settings,
                             out_dir: Path) -> SiteResult:
    """Site `index` (from 0) of a run of `total`, into the run's report folder."""
    site = SiteResult(url=url)
    run_dir = site_folder(RunDir(out_dir), index + 1, total)
    offline = reaches_only_loopback(url, settings) and settings.allow_loopback
    async with open_browser(settings, loopback_only=offline) as session:
        with politeness(run_limits(settings)):
            await audit_one_site(session, url, run_dir, settings, lambda _line: None, (), site)
    return site


def run_site(url: str, index: int, total: int, settings: Settings, out_dir: Path) -> SiteResult:
    return asyncio.run(audit_planned_site(url, index, total, settings, out_dir))
