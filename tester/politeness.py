"""How hard one run may press on one host, and how much work it does at once.

A run of many sites spends most of its time waiting on slow servers, so it works on several
things at once (`jobs`). A state body's server must not feel that as a crawler storm: each host
gets at most `per_host` page audits or tasks at once, at most `per_host` of the tool's own HTTP
requests at once, and starts on it are spaced by `delay_s`.

The limits live in a context variable set by the runner (`politeness(...)`), so the HTTP client
deep in the site checks finds them without every call passing them along; outside a run (unit
tests, library use) nothing is limited.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import (
    AbstractAsyncContextManager,
    asynccontextmanager,
    contextmanager,
    nullcontext,
)
from contextvars import ContextVar
from dataclasses import dataclass, field

from tester.scope import Scope

MAX_DEFAULT_JOBS = 8


def default_jobs(cores: int | None = None) -> int:
    """Twice the cores, 2 to 8: audits mostly wait on the network, and each job is a Chromium
    page whose renderer has its own process, so two per core keeps both busy without thrashing."""
    cores = cores if cores is not None else (os.cpu_count() or 1)
    return max(2, min(MAX_DEFAULT_JOBS, 2 * cores))


@dataclass
class HostLimiter:
    """At most `per_host` holders per host at once; starts on a host `delay_s` apart."""

    per_host: int
    delay_s: float = 0.0
    _slots: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _next_start: dict[str, float] = field(default_factory=dict)

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = Scope.key(url) or url
        semaphore = self._slots.setdefault(host, asyncio.Semaphore(max(1, self.per_host)))
        async with semaphore:
            if self.delay_s > 0:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self.delay_s
                if start > now:
                    await asyncio.sleep(start - now)
            yield


@dataclass
class Politeness:
    """One run's limits: browser work (pages, tasks) and the tool's own requests, per host, and
    browser work in all (`jobs`)."""

    jobs: int
    per_host: int
    delay_s: float = 0.0
    pages: HostLimiter = field(init=False)
    requests: HostLimiter = field(init=False)
    _jobs: asyncio.Semaphore = field(init=False)

    def __post_init__(self) -> None:
        self.pages = HostLimiter(self.per_host, self.delay_s)
        self.requests = HostLimiter(self.per_host, self.delay_s)
        self._jobs = asyncio.Semaphore(max(1, self.jobs))

    @asynccontextmanager
    async def browser_work(self, url: str) -> AsyncIterator[None]:
        """A page audit or a task on `url`'s host. The host slot is taken first, so work that
        waits for its host never holds one of the run's jobs meanwhile."""
        async with self.pages.slot(url), self._jobs:
            yield


_CURRENT: ContextVar[Politeness | None] = ContextVar("ashyq_politeness", default=None)


@contextmanager
def politeness(limits: Politeness) -> Iterator[Politeness]:
    """Make `limits` the run's limits for the code (and tasks it starts) inside the block."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def current() -> Politeness | None:
    return _CURRENT.get()


def browser_work(url: str) -> AbstractAsyncContextManager[None]:
    """A page audit or a task on `url`'s host, within the run's limits (none outside a run)."""
    limits = _CURRENT.get()
    return limits.browser_work(url) if limits is not None else nullcontext()


def request_slot(url: str) -> AbstractAsyncContextManager[None]:
    """One of the tool's own requests to `url`'s host, within the run's limits."""
    limits = _CURRENT.get()
    return limits.requests.slot(url) if limits is not None else nullcontext()
