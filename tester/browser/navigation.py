"""Load a page with bounded waits, and read its timings: the tool's one way to navigate."""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Request, Response
from playwright.async_api import TimeoutError as PlaywrightTimeout

from tester.browser.errors import describe_error, quietly
from tester.config import Settings
from tester.deadline import within

MAX_NAVIGATIONS_PER_LOAD = 15  # client-side redirect loops (meta refresh, JS) stop here


@dataclass
class LoadResult:
    ok: bool
    url: str
    final_url: str
    http_status: int | None = None
    error: str | None = None
    ms: int = 0
    navigations: int = 0
    code: str | None = None  # stable key of `error` when load() knows it (e.g. "unresponsive")


def is_main_document_request(page: Page, request: Request) -> bool:
    """A request for a new top-level document (goto, reload, meta refresh, form, location=).

    History API changes (pushState) make none, so history spam is not a navigation loop; an
    HTTP redirect's later hops are part of the first request.
    """
    try:
        return (
            request.is_navigation_request()
            and request.frame == page.main_frame
            and request.redirected_from is None
        )
    except PlaywrightError:
        return False  # a service-worker request has no frame


async def load(page: Page, url: str, settings: Settings) -> LoadResult:
    """Navigate with bounded waits: DOMContentLoaded, then a short settle for `load`.

    Never raises for site problems: a timeout, a refused connection, a redirect loop or a
    download is returned as `ok=False` with a one-line reason. A page that does not answer a
    trivial script within `settings.unresponsive_probe_s` once loaded is closed (every later
    call on it would hang) and returned with code "unresponsive".
    """
    started = time.monotonic()
    navigations = 0

    answered = False  # the server answered the main document: it is the page's to render now

    def count(request: Request) -> None:
        nonlocal navigations
        if is_main_document_request(page, request):
            navigations += 1

    def arrived(response: Response) -> None:
        nonlocal answered
        answered = answered or is_main_document_request(page, response.request)

    page.on("request", count)
    page.on("response", arrived)
    try:
        response = await page.goto(
            url, wait_until="domcontentloaded", timeout=settings.navigation_timeout_ms
        )
        # The liveness probe starts now, alongside the wait for `load`: a page that hangs in its
        # load handler never reports `load`, and is then found after the probe time, not after
        # both waits.
        again_call = asyncio.ensure_future(_may_navigate_again(page, settings.unresponsive_probe_s))
        with suppress(PlaywrightError):
            await page.wait_for_load_state(
                "load", timeout=min(5_000, settings.navigation_timeout_ms)
            )
        status = response.status if response else None
        again = await again_call
        if again is None:
            return await _unresponsive(page, url, status, settings, started, navigations)
        if navigations > 1 or again:
            navigations = await _settle_navigations(page, lambda: navigations)
        if navigations > MAX_NAVIGATIONS_PER_LOAD:
            await quietly(page.goto("about:blank", timeout=5_000))
            return LoadResult(
                False, url, page.url, status, "client-side redirect loop", _ms(started)
            )
        return LoadResult(True, url, page.url, status, None, _ms(started), navigations)
    except PlaywrightTimeout:
        # A renderer that is busy forever (an SVG <use> bomb, a script that never yields while
        # the document parses) also makes the load time out, after the server has answered; a
        # slow server has not. Tell the two apart: they need different fixes, and a busy page
        # must be closed before anything else touches it.
        if answered and await _may_navigate_again(page, settings.unresponsive_probe_s) is None:
            return await _unresponsive(page, url, None, settings, started, navigations)
        return LoadResult(False, url, page.url, None, "page load timed out", _ms(started))
    except PlaywrightError as exc:
        return LoadResult(False, url, page.url, None, describe_error(exc), _ms(started))
    finally:
        page.remove_listener("request", count)
        page.remove_listener("response", arrived)


async def _unresponsive(
    page: Page, url: str, status: int | None, settings: Settings, started: float, navigations: int
) -> LoadResult:
    """Close a page that stopped answering (every later call on it would hang) and say so."""
    last_url = page.url
    await quietly(asyncio.wait_for(page.close(), timeout=10))
    reason = (
        f"the page stopped answering: a trivial script got no answer in "
        f"{settings.unresponsive_probe_s:g} s while it loaded (a script that never yields or "
        "a page too heavy to lay out); stopped, not audited"
    )
    return LoadResult(
        False, url, last_url, status, reason, _ms(started), navigations, "unresponsive"
    )


async def _may_navigate_again(page: Page, within_s: float) -> bool | None:
    """Whether the page is about to navigate again; None: it did not answer within `within_s`.

    This is also the liveness probe after load. The evaluate is never cancelled: on a hung
    renderer it stays pending until the caller closes the page, which makes it fail.
    """
    script = "() => !!document.querySelector('meta[http-equiv=refresh i]')"
    call = asyncio.ensure_future(page.evaluate(script))
    call.add_done_callback(lambda f: f.cancelled() or f.exception())
    if not await within(call, within_s):
        return None
    if call.exception() is not None:
        return True  # the document was replaced while we looked: it is navigating
    return bool(call.result())


async def _settle_navigations(
    page: Page, count: Any, quiet_ms: int = 600, cap_ms: int = 4_000
) -> int:
    """The page navigated again by itself (meta refresh, script): wait until it rests or loops."""
    waited, last, still = 0, count(), 0
    while waited < cap_ms and count() <= MAX_NAVIGATIONS_PER_LOAD:
        await asyncio.sleep(0.15)
        waited += 150
        now = count()
        still = still + 150 if now == last else 0
        last = now
        if still >= quiet_ms:
            break
    with suppress(PlaywrightError):
        await page.wait_for_load_state("domcontentloaded", timeout=2_000)
    return count()


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


async def page_timings(page: Page) -> dict[str, float | None]:
    """Navigation Timing of the current document, in ms from navigation start."""
    script = """() => {
      const n = performance.getEntriesByType('navigation')[0];
      if (!n) return {};
      const r = v => (v > 0 ? Math.round(v) : null);
      return {ttfb_ms: r(n.responseStart), dom_content_loaded_ms: r(n.domContentLoadedEventEnd),
              load_ms: r(n.loadEventEnd)};
    }"""
    try:
        return await page.evaluate(script)
    except PlaywrightError:
        return {}
