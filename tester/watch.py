"""Hostile pages are stopped in seconds, not at the end of the page budget.

A page whose script never yields, or whose layout never finishes (an SVG `<use>` bomb), leaves
every `page.evaluate` pending forever: Playwright calls have no timeout of their own and cannot
be cancelled safely. So the tool asks the renderer a trivial question (a liveness probe) and,
when no answer comes in time, records why and closes the page: closing is what makes every
pending call fail at once (the same pattern as the page budget and axe's watchdog; see
tester.deadline).

`PageWatch` watches one audited page from load to the end of its audit:

- `checkpoint()` before each expensive step (snapshot, screenshot, axe, each check): the page's
  thread should be free then, so it must answer within `unresponsive_probe_s`;
- a monitor in the background probes once a second while the tool's own scripts run; they may
  keep the thread busy for a while on big pages, so there the limit is `steps_s` (4x the probe
  time, at least 20 s). While axe runs (`relaxed()`), axe's own timeout is the limit;
- cross-document navigations after load count against the same cap as during load
  (MAX_NAVIGATIONS_PER_LOAD): an endless reload is stopped as "navigation-loop";
- history spam and constant DOM churn do not stop the page (the renderer answers, so what is
  there is audited), but they are reported: `unsettled()` says what never settled.
"""

from __future__ import annotations

import asyncio
import secrets
import time
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Request

from tester.browser import MAX_NAVIGATIONS_PER_LOAD, ContextLog, is_main_document_request
from tester.deadline import within

UNRESPONSIVE = "unresponsive"
NAVIGATION_LOOP = "navigation-loop"
NEVER_SETTLED = "never-settled"

MONITOR_INTERVAL_S = 1.0
# A checkpoint right after an answer (the monitor's, or the previous checkpoint's) trusts it:
# on a normal page most checkpoints then cost nothing, not even a round trip.
FRESH_ANSWER_S = 0.5
# A page "never settles" when it keeps adding/removing this many nodes per second for the
# whole audit (a clock or a carousel changes a few per second), or keeps rewriting its URL.
CHURN_NODES_PER_S = 100
HISTORY_SPAM_ENTRIES = 20

# One random name per run for the mutation counter the probe keeps in the page, so a page
# cannot prepare a fake one under a known name.
_COUNTER = f"__ashyq_settle_{secrets.token_hex(4)}"
SETTLE_PROBE = f"""() => {{
  let s = window.{_COUNTER};
  if (!s) {{
    s = {{n: 0}};
    try {{
      new MutationObserver((records) => {{
        for (let i = 0; i < records.length; i++)
          s.n += records[i].addedNodes.length + records[i].removedNodes.length;
      }}).observe(document, {{childList: true, subtree: true}});
      Object.defineProperty(window, '{_COUNTER}', {{value: s}});
    }} catch (e) {{}}
  }}
  return s.n;
}}"""


class PageStopped(PlaywrightError):
    """The watch stopped the page; a PlaywrightError, so callers treat it as a page gone."""


def _retrieve(future: asyncio.Future[Any]) -> None:
    # A probe left pending on a hung renderer fails when the page closes; nobody awaits it.
    if not future.cancelled():
        future.exception()


async def probe(page: Page, within_s: float, script: str = "() => 1") -> tuple[bool, Any]:
    """(True, value) when the renderer ran `script` within `within_s` seconds.

    An error also counts as an answer (a navigating or closing page is not a hung one): (True,
    None). (False, None) when no answer came: the call is left pending, never cancelled, and
    fails by itself when the page is closed.
    """
    call = asyncio.ensure_future(page.evaluate(script))
    call.add_done_callback(_retrieve)
    if not await within(call, within_s):
        return False, None
    if call.exception() is not None:
        return True, None
    return True, call.result()


class PageWatch:
    """Liveness, flood and settle guard for one audited page (see the module docstring)."""

    def __init__(self, page: Page, log: ContextLog, probe_s: float) -> None:
        self.page = page
        self.log = log
        self.probe_s = probe_s
        self.steps_s = max(4 * probe_s, 20.0)
        self.navigations = 0  # cross-document navigations, from the first goto on
        self.url_changes = 0  # main-frame navigations of any kind after load
        self._documents_at_load = 0
        self._changes_at_load = 0
        self._relaxed = 0
        self._busy_since: float | None = None
        self._samples: list[tuple[float, int]] = []
        self._answered_at = 0.0
        self._monitor: asyncio.Task[None] | None = None
        page.on("request", self._on_request)
        page.on("framenavigated", self._on_navigated)

    @property
    def navigations_after_load(self) -> int:
        return self.navigations - self._documents_at_load if self._monitor is not None else 0

    # -- events ---------------------------------------------------------------------------

    def _on_request(self, request: Request) -> None:
        if not is_main_document_request(self.page, request):
            return
        self.navigations += 1
        if self.navigations > MAX_NAVIGATIONS_PER_LOAD and self._monitor is not None:
            after = self.navigations - self._documents_at_load
            self._stop_soon(
                NAVIGATION_LOOP,
                f"the page kept navigating by itself ({after} reloads or redirects after it "
                "loaded); stopped, not audited",
            )

    def _on_navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.url_changes += 1

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """The page has loaded: from now on, watch it."""
        self._documents_at_load = self.navigations
        self._changes_at_load = self.url_changes
        self._monitor = asyncio.ensure_future(self._watch())

    async def finish(self) -> None:
        if self._monitor is not None:
            self._monitor.cancel()  # our own asyncio task, not a Playwright call
            with suppress(asyncio.CancelledError, Exception):
                await self._monitor
            if not self.page.is_closed() and self.log.stop_code is None:
                # One last count, so a page that churned through the whole audit shows it.
                answered, count = await probe(self.page, 1.0, SETTLE_PROBE)
                if answered and isinstance(count, int):
                    self._samples.append((time.monotonic(), count))
        with suppress(Exception):
            self.page.remove_listener("request", self._on_request)
            self.page.remove_listener("framenavigated", self._on_navigated)

    @contextmanager
    def relaxed(self) -> Iterator[None]:
        """While the tool's own long script runs (axe), its own timeout bounds it."""
        self._relaxed += 1
        try:
            yield
        finally:
            self._relaxed -= 1
            self._busy_since = time.monotonic() if self._busy_since is not None else None

    async def checkpoint(self, before: str) -> None:
        """Before an expensive step: the renderer must answer within the probe time."""
        self._raise_if_stopped()
        if time.monotonic() - self._answered_at < FRESH_ANSWER_S:
            return
        answered, _ = await probe(self.page, self.probe_s)
        if answered:
            self._answered_at = time.monotonic()
        else:
            await self.stop(
                UNRESPONSIVE,
                f"the page stopped answering: a trivial script got no answer in "
                f"{self.probe_s:g} s (before {before}); a script that never yields or a "
                "page too heavy to lay out. Stopped, not audited further",
            )
        self._raise_if_stopped()

    def _raise_if_stopped(self) -> None:
        if self.log.stop_code is not None:
            raise PageStopped(self.log.stop_reason)

    async def stop(self, code: str, reason: str) -> None:
        """Record why (the first reason wins) and close the page: pending calls then fail."""
        self.log.stop(code, reason)
        with suppress(Exception):
            await asyncio.wait_for(self.page.close(), timeout=10)

    def _stop_soon(self, code: str, reason: str) -> None:
        if self.log.stop_code is None:
            self.log.stop(code, reason)
            asyncio.ensure_future(self.stop(code, reason))

    # -- the monitor ----------------------------------------------------------------------

    async def _watch(self) -> None:
        while not self.page.is_closed() and self.log.stop_code is None:
            call = asyncio.ensure_future(self.page.evaluate(SETTLE_PROBE))
            call.add_done_callback(_retrieve)
            self._busy_since = time.monotonic()
            while not call.done():
                await within(call, 0.25)
                waited = time.monotonic() - self._busy_since
                if not call.done() and not self._relaxed and waited > self.steps_s:
                    await self.stop(
                        UNRESPONSIVE,
                        f"the page stopped answering for {self.steps_s:g} s during the audit "
                        "(a script that never yields); stopped, not audited further",
                    )
                    return
            self._busy_since = None
            self._answered_at = time.monotonic()
            if not call.exception() and isinstance(call.result(), int):
                self._samples.append((time.monotonic(), call.result()))
            await asyncio.sleep(MONITOR_INTERVAL_S)

    def unsettled(self) -> str | None:
        """What never settled during the audit, in one English line; None if it all rested."""
        reasons = []
        rates = [
            (n2 - n1) / (t2 - t1)
            for (t1, n1), (t2, n2) in zip(self._samples, self._samples[1:], strict=False)
            if t2 - t1 >= 0.5
        ]
        busy = [r for r in rates if r >= CHURN_NODES_PER_S]
        overall = 0.0
        if len(self._samples) >= 2:
            (t0, n0), (t1, n1) = self._samples[0], self._samples[-1]
            overall = (n1 - n0) / (t1 - t0) if t1 - t0 >= 1 else 0.0
        # Changing again and again, and on average over the whole audit (a burst of lazy-loaded
        # content right after load is one busy interval, then calm). Intervals spanning axe
        # look calmer than the page is: axe holds the page's thread, so its timers wait.
        if len(busy) >= 2 and overall >= CHURN_NODES_PER_S:
            reasons.append(f"its content kept changing (about {int(overall)} nodes a second)")
        same_document = (self.url_changes - self._changes_at_load) - (
            self.navigations - self._documents_at_load
        )
        if same_document >= HISTORY_SPAM_ENTRIES:
            reasons.append(f"it rewrote its address {same_document} times (history entries)")
        if not reasons:
            return None
        return "the page never settled: " + " and ".join(reasons) + "; audited as it was"


_watches: weakref.WeakKeyDictionary[Page, PageWatch] = weakref.WeakKeyDictionary()


def watch_page(page: Page, log: ContextLog, probe_s: float) -> PageWatch:
    """Watch `page` (before its first goto, so navigations are counted from the start)."""
    watch = PageWatch(page, log, probe_s)
    _watches[page] = watch
    return watch


async def checkpoint(page: Page, before: str) -> None:
    """The audit code's probe point: a no-op on pages nobody watches (tasks, tests)."""
    watch = _watches.get(page)
    if watch is not None:
        await watch.checkpoint(before)


def relaxed(page: Page) -> AbstractContextManager[None]:
    """Around axe: the background limit yields to axe's own timeout."""
    watch = _watches.get(page)
    return watch.relaxed() if watch is not None else nullcontext()
