"""The fleet's unit of work: one site of one run, as a worker runs it.

It is the in-process unit (`tester.runner.audit_one_site`) in a browser of its own, with the
run's plan read from Redis and the worker's own browser and network settings laid over it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from contextlib import AbstractAsyncContextManager, suppress
from pathlib import Path
from typing import Any

from tester.artifacts import RunDir
from tester.browser import BrowserSession, open_browser
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
    return settings.model_dump(mode="json", exclude=set(WORKER_KEYS))


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


class ProcessBrowser:
    """One browser per worker process, kept from one site to the next: a launch costs about a
    second, a small site a few. Celery replaces the process after `max_tasks_per_child` sites,
    which bounds the browser's memory; a browser that died is launched again for the next
    context (tester.browser.BrowserSession)."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self._opened: AbstractAsyncContextManager[BrowserSession] | None = None
        self._session: BrowserSession | None = None
        self._key = ""

    async def session(self, settings: Settings) -> BrowserSession:
        # The session carries the run's settings (viewport, locale, timeouts, network policy):
        # a site of another run with other settings gets a browser of its own.
        key = settings.model_dump_json()
        if self._session is None or self._key != key:
            await self.close()
            self._opened = open_browser(settings)
            self._session = await self._opened.__aenter__()
            self._key = key
        return self._session

    async def close(self) -> None:
        opened, self._opened, self._session = self._opened, None, None
        if opened is not None:
            with suppress(Exception):
                await opened.__aexit__(None, None, None)

    def run(self, work: Coroutine[Any, Any, SiteResult]) -> SiteResult:
        if self.loop is None:
            self.loop = asyncio.new_event_loop()
        return self.loop.run_until_complete(work)

    def shutdown(self) -> None:
        if self.loop is not None:
            self.loop.run_until_complete(self.close())
            self.loop.close()
            self.loop = None


PROCESS_BROWSER = ProcessBrowser()


async def audit_planned_site(url: str, index: int, total: int, settings: Settings,
                             out_dir: Path, held: ProcessBrowser) -> SiteResult:
    """Site `index` (from 0) of a run of `total`, into the run's report folder."""
    site = SiteResult(url=url)
    run_dir = site_folder(RunDir(out_dir), index + 1, total)
    session = await held.session(settings)
    with politeness(run_limits(settings)):
        await audit_one_site(session, url, run_dir, settings, lambda _line: None, (), site)
    return site


def run_site(url: str, index: int, total: int, settings: Settings, out_dir: Path) -> SiteResult:
    held = PROCESS_BROWSER
    return held.run(audit_planned_site(url, index, total, settings, out_dir, held))
