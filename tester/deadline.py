"""Budgets for work that must not be cancelled: one deadline helper for every watchdog.

A Playwright call cannot be cancelled safely (its message is already on its way to the browser,
and a cancelled await leaves the browser side running), and a page whose script never yields
leaves every call on it pending forever. So every budget in ashyq works the same way:

1. wait for the work up to a deadline *without cancelling it* (`within`, `Deadline.wait`);
2. when time is up, make it fail from outside: close its page or context, which makes every
   pending call on it fail at once (`Deadline.on_expiry`), or stop its script (axe);
3. only then collect it, cancelling only the tool's own asyncio tasks (`cancel_and_collect`,
   `cancel_all`; `gather_all` runs side-by-side work that way).

Used by the page budget (tester.runner.pages), the task budget (tester.runner.site), the
scenario budget (tester.scenarios.runner), axe's rule-group shares (tester.checks.axe) and the
liveness probes (tester.watch, tester.browser.navigation.load).
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any


async def within(work: asyncio.Future[Any], seconds: float) -> bool:
    """Wait up to `seconds` for `work`; True when it finished (with a result or an error).

    `work` is never cancelled: on time-out it is left running, also when the waiter itself is
    cancelled (the caller decides: close its page, or `cancel_and_collect` a task of our own).
    """
    done, _ = await asyncio.wait({work}, timeout=max(0.0, seconds))
    return bool(done)


async def cancel_and_collect(task: asyncio.Future[Any], timeout: float = 5.0) -> None:
    """Cancel one of the tool's own tasks and wait up to `timeout` for it to end.

    Its error, if any, is retrieved, so asyncio does not print it at shutdown."""
    task.cancel()
    with suppress(BaseException):
        await within(task, timeout)
    if task.done() and not task.cancelled():
        task.exception()


async def cancel_all(tasks: Sequence[asyncio.Future[Any]], timeout: float = 5.0) -> None:
    """`cancel_and_collect` for many tasks at once: one wait of `timeout` for all of them."""
    for task in tasks:
        task.cancel()
    pending = [task for task in tasks if not task.done()]
    if pending:
        with suppress(BaseException):
            await asyncio.wait(pending, timeout=timeout)
    for task in tasks:
        if task.done() and not task.cancelled():
            task.exception()


async def gather_all(jobs: Sequence[Awaitable[Any]]) -> None:
    """Run `jobs` together; the first failure (or a cancellation of the caller) cancels and
    collects the rest, so no job outlives its caller."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        await asyncio.gather(*tasks)
    finally:
        await cancel_all(tasks)


class Deadline:
    """`seconds` from now on the monotonic clock."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self.at = self.started + seconds
        self.fired = False  # an on_expiry callback ran
        self._pending: set[asyncio.Future[Any]] = set()

    def remaining(self) -> float:
        """Seconds left, 0 once past."""
        return max(0.0, self.at - time.monotonic())

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    async def wait(
        self, work: asyncio.Future[Any], grace: Callable[[], float] | None = None
    ) -> bool:
        """Wait for `work` until the deadline (never cancelling it); True when it finished.

        `grace()` extends the deadline by time the work spent on the tool's behalf; it is asked
        again whenever the wait runs out, so it may grow while the work runs."""
        while True:
            left = self.at + (grace() if grace else 0.0) - time.monotonic()
            if left <= 0:
                return work.done()
            if await within(work, left):
                return True

    @contextmanager
    def on_expiry(self, callback: Callable[[], Awaitable[Any] | None]) -> Iterator[Deadline]:
        """Run `callback` once if the deadline passes inside the block (a coroutine it returns
        is scheduled as a task); leaving the block disarms it."""

        def fire() -> None:
            self.fired = True
            outcome = callback()
            if inspect.isawaitable(outcome):
                pending = asyncio.ensure_future(outcome)
                self._pending.add(pending)  # keep a reference until it is done
                pending.add_done_callback(self._pending.discard)

        timer = asyncio.get_running_loop().call_later(self.remaining(), fire)
        try:
            yield self
        finally:
            timer.cancel()
