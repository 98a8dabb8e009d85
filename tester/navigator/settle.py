"""Condition waits for the navigator: "the page has settled", never "some milliseconds passed".

A verdict must not depend on how fast the machine is. After a click the navigator waits until
what the click started is over: a navigation has committed and loaded, the DOM has stopped
changing, stylesheets have arrived, finite CSS transitions and animations have finished and the
page's own fetch/XHR requests have answered. Every wait is capped, but a cap only ends the
wait on pathological pages (endless DOM churn, a request that never answers); on ordinary
pages the condition is met long before it.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.config import Settings

POLL_S = 0.05
DOM_QUIET_MS = 200  # no DOM mutation for this long (and nothing pending): the page has settled
SETTLE_CAP_MS = 3_000  # endless DOM churn or a never-ending animation: stop waiting here
# A style that is still arriving (a slow server's stylesheet) is worth waiting for longer.
MEASURE_CAP_MS = 6_000
# A request this old is a long poll or a hanging beacon, not part of what a click started.
INFLIGHT_MAX_AGE_S = 2.5
INFLIGHT_TYPES = frozenset({"fetch", "xhr", "stylesheet", "script", "document"})
# A button's script may navigate a moment after the click; this is the window for it to
# *start* (the request). Once started, the navigation gets the whole navigation timeout.
NAVIGATION_START_WINDOW_MS = 700

# One call: how long the DOM has been quiet (a MutationObserver kept on the page between calls,
# invisible to it), and whether anything that changes styles or content is still pending.
PAGE_STATE_JS = """() => {
  const now = performance.now();
  let q = window.__ashyqQuiet;
  if (!q || q.doc !== document) {
    q = window.__ashyqQuiet = {doc: document, last: now};
    try {
      new MutationObserver(() => { q.last = performance.now(); }).observe(document,
        {subtree: true, childList: true, attributes: true, characterData: true});
    } catch (e) { /* a hostile page replaced MutationObserver: rely on the other signals */ }
  }
  const done = new Set();
  try { for (const e of performance.getEntriesByType('resource')) done.add(e.name); } catch (e) {}
  const sheets = Array.from(document.querySelectorAll('link[rel~="stylesheet" i]'))
    .some(l => !l.sheet && !l.disabled && l.href && !done.has(l.href));
  let animating = false;
  try {
    animating = document.getAnimations().some(a => a.playState === 'running' && a.effect &&
      Number.isFinite(a.effect.getComputedTiming().endTime));
  } catch (e) {}
  return {quiet_ms: now - q.last, busy: document.readyState === 'loading' || sheets || animating,
          links: document.querySelectorAll('a[href]').length};
}"""


class NetworkWatch:
    """The page's own requests still in flight (fetch/XHR, styles, scripts, documents)."""

    def __init__(self, page: Page) -> None:
        self.inflight: dict[Any, float] = {}
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)
        page.on("framenavigated", self._navigated)
        self.page = page

    def _start(self, request: Any) -> None:
        with suppress(Exception):
            if request.resource_type in INFLIGHT_TYPES:
                self.inflight[request] = time.monotonic()

    def _end(self, request: Any) -> None:
        self.inflight.pop(request, None)

    def _navigated(self, frame: Any) -> None:
        with suppress(Exception):
            if frame == self.page.main_frame:  # the old document's requests no longer matter
                recent = time.monotonic() - 0.5
                self.inflight = {r: t for r, t in self.inflight.items() if t >= recent}

    def busy(self) -> bool:
        oldest = time.monotonic() - INFLIGHT_MAX_AGE_S
        return any(started >= oldest for started in self.inflight.values())


_network: weakref.WeakKeyDictionary[Page, NetworkWatch] = weakref.WeakKeyDictionary()


def watch_network(page: Page) -> NetworkWatch:
    """Start (once per page) counting the page's requests in flight for `wait_until_settled`."""
    watch = _network.get(page)
    if watch is None:
        watch = _network[page] = NetworkWatch(page)
    return watch


async def page_state(page: Page) -> dict[str, Any] | None:
    """None while the document is being replaced (a navigation) or the page is gone."""
    try:
        state = await page.evaluate(PAGE_STATE_JS)
    except PlaywrightError:
        return None
    network = _network.get(page)
    if network is not None and network.busy():
        state["busy"] = True
    return state


async def wait_until_settled(page: Page, cap_ms: int = SETTLE_CAP_MS,
                             quiet_ms: int = DOM_QUIET_MS) -> bool:
    """Wait until the DOM has been quiet for `quiet_ms` with nothing pending; False at the cap."""
    deadline = time.monotonic() + cap_ms / 1000
    while not page.is_closed():
        state = await page_state(page)
        if state is not None and not state["busy"] and state["quiet_ms"] >= quiet_ms:
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(POLL_S)
    return False


# The Navigation API's `navigate` event fires in the page, synchronously, when a click, a form
# or a script starts a navigation of the document: after the click returns we know whether one
# began, however late the browser reports its request on a busy machine.
ARM_JS = """() => {
  window.__ashyqNav = false;
  if (window.navigation && !window.__ashyqNavArmed) {
    window.__ashyqNavArmed = true;
    window.navigation.addEventListener('navigate', () => { window.__ashyqNav = true; });
  }
}"""


class NavigationWatch:
    """Did an action start a main-frame navigation, and has it committed or failed?"""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.started = asyncio.Event()
        self.finished = asyncio.Event()
        self._requests: set[Any] = set()

    def _on_request(self, request: Any) -> None:
        with suppress(Exception):
            if request.is_navigation_request() and request.frame == self.page.main_frame:
                self._requests.add(request)
                self.started.set()

    def _on_failed(self, request: Any) -> None:
        if request in self._requests:  # a download, a blocked or a cancelled navigation
            self.finished.set()

    def _on_navigated(self, frame: Any) -> None:
        with suppress(Exception):
            if frame == self.page.main_frame:  # committed (also same-document route changes)
                self.started.set()
                self.finished.set()

    def __enter__(self) -> NavigationWatch:
        self.page.on("request", self._on_request)
        self.page.on("requestfailed", self._on_failed)
        self.page.on("framenavigated", self._on_navigated)
        return self

    def __exit__(self, *_: object) -> None:
        with suppress(Exception):
            self.page.remove_listener("request", self._on_request)
            self.page.remove_listener("requestfailed", self._on_failed)
            self.page.remove_listener("framenavigated", self._on_navigated)

    async def arm(self) -> None:
        """Before the action: listen in the page for navigations it starts."""
        with suppress(PlaywrightError):
            await self.page.evaluate(ARM_JS)

    async def initiated(self) -> bool:
        """After the action: did the page start a navigation (or is it already replaced)?"""
        if self.started.is_set():
            return True
        try:
            return bool(await self.page.evaluate("() => window.__ashyqNav === true"))
        except PlaywrightError:
            return not self.page.is_closed()  # the document was replaced while we asked

    async def wait_started(self, window_ms: int) -> bool:
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.started.wait(), window_ms / 1000)
        return self.started.is_set()

    async def wait_finished(self, timeout_ms: int) -> bool:
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.finished.wait(), timeout_ms / 1000)
        return self.finished.is_set()


async def settle_after(page: Page, watch: NavigationWatch, settings: Settings, *,
                       start_window_ms: int = NAVIGATION_START_WINDOW_MS,
                       load_cap_ms: int = 3_000) -> None:
    """After an action: follow the navigation it started (to commit and load), then let the DOM
    settle. A navigation that has started gets the whole navigation timeout, however slowly the
    machine runs; only a script's *late* start has a short window (scripts that never navigate).
    """
    followed = await watch.initiated() or await watch.wait_started(start_window_ms)
    if followed:
        await _follow(page, watch, settings, load_cap_ms)
    await wait_until_settled(page)
    if not followed and watch.started.is_set():  # its request was reported late: follow it too
        await _follow(page, watch, settings, load_cap_ms)
        await wait_until_settled(page)


async def _follow(page: Page, watch: NavigationWatch, settings: Settings, load_cap_ms: int) -> None:
    """A navigation has started: wait for it to commit (or fail), then for its document."""
    # The page said it navigates; a navigation that never asks the network (mailto:, cancelled
    # by the page) must not cost the whole navigation timeout.
    if not await watch.wait_started(settings.action_timeout_ms):
        return
    await watch.wait_finished(settings.navigation_timeout_ms)
    with suppress(PlaywrightError):
        await page.wait_for_load_state("domcontentloaded", timeout=settings.navigation_timeout_ms)
    with suppress(PlaywrightError):
        await page.wait_for_load_state(
            "load", timeout=min(load_cap_ms, settings.navigation_timeout_ms))


Reading = dict[str, Any]


async def read_settled(read: Callable[[], Awaitable[Reading]], page: Page, *,
                       until: Callable[[Reading], bool] | None = None,
                       cap_ms: int = MEASURE_CAP_MS, quiet_ms: int = 300) -> Reading:
    """A reading (e.g. computed text size and colours) once the page has stopped changing.

    Done when two readings in a row agree with nothing pending on the page and either `until`
    holds or the readings have agreed for `quiet_ms` (a mode that does nothing must not cost
    the whole cap). A style applied late (a stylesheet loaded on click, a transition on
    font-size) is waited for, not raced; `cap_ms` ends the wait only on pages that never rest.
    """
    deadline = time.monotonic() + cap_ms / 1000
    previous: Reading | None = None
    same_since = time.monotonic()
    reading: Reading = {}
    while True:
        state = await page_state(page)
        reading = await read()
        now = time.monotonic()
        if reading != previous:
            previous, same_since = reading, now
        elif state is not None and not state["busy"] and reading and \
                ((until is not None and until(reading)) or now - same_since >= quiet_ms / 1000):
            return reading
        if now >= deadline or page.is_closed():
            return reading
        await asyncio.sleep(POLL_S * 2)
