"""Guarded browser contexts: one per site or page, with the scope guard and the page guards.

Each context refuses downloads, blocks service workers, aborts top-level navigations outside
the audit's Scope, dismisses dialogs and closes popups; a page that floods dialogs or windows
is stopped and the ContextLog says why.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    Route,
    WebSocketRoute,
)
from playwright.async_api import Error as PlaywrightError

from tester.browser.addresses import AddressGuard
from tester.browser.errors import quietly
from tester.config import Settings
from tester.netpolicy import NetworkPolicy
from tester.scope import Scope
from tester.textsafe import clean_text

# A page raising more dialogs, or opening more windows, than this in one context is flooding:
# it is stopped (closed) and recorded as "dialog-flood" / "popup-flood". A citizen task spends
# at most a dozen clicks, so a real site never comes near.
MAX_DIALOGS_PER_CONTEXT = 20
MAX_POPUPS_PER_CONTEXT = 20
RECYCLE_AFTER = 100  # contexts per browser before a fresh one (GSA, Crawlee practice)


@dataclass
class ContextLog:
    """What the guards did in one context, kept for evidence."""

    dialogs: list[str] = field(default_factory=list)
    blocked_navigations: list[str] = field(default_factory=list)
    blocked_addresses: list[str] = field(default_factory=list)  # "url (reason)", NetworkPolicy
    popups: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    # Set when a guard stopped a page (a dialog or popup flood, an unresponsive renderer): the
    # stable key (PageResult.error_code) and a one-line English reason. The first stop wins.
    stop_code: str | None = None
    stop_reason: str = ""

    def stop(self, code: str, reason: str) -> None:
        if self.stop_code is None:
            self.stop_code, self.stop_reason = code, reason


class BrowserSession:
    """One launched Chromium shared by a run; hands out guarded contexts.

    A browser that crashed or disconnected is relaunched for the next context, and a healthy
    one is recycled after RECYCLE_AFTER contexts (memory grows in long-lived browsers).
    """

    def __init__(
        self,
        playwright: Playwright,
        browser: Browser,
        settings: Settings,
        launch: Callable[[], Awaitable[Browser]] | None = None,
    ) -> None:
        self.playwright = playwright
        self.browser = browser
        self.settings = settings
        self._launch = launch
        self._contexts_made = 0
        self._open_contexts = 0
        self.relaunches = 0
        # Connected to a browser someone else started (--browser-endpoint): its launch flags
        # (host resolution, WebRTC policy) are that browser's, not the tool's.
        self.remote = False
        # Every request of every context is judged by the run's network policy first.
        self.addresses = AddressGuard(NetworkPolicy.from_settings(settings), settings.resolve_map())
        self._lock = asyncio.Lock()

    @property
    def version(self) -> str:
        return f"Chromium {self.browser.version}"

    async def _fresh_browser(self) -> Browser:
        async with self._lock:
            stale = not self.browser.is_connected()
            worn = self._contexts_made >= RECYCLE_AFTER and self._open_contexts == 0
            if self._launch is not None and (stale or worn):
                old = self.browser
                self.browser = await self._launch()
                self._contexts_made = 0
                self.relaunches += 1
                with suppress(Exception):
                    await asyncio.wait_for(old.close(), timeout=10)
            self._contexts_made += 1
            return self.browser

    @asynccontextmanager
    async def context(
        self, scope: Scope, *, viewport: tuple[int, int] | None = None
    ) -> AsyncIterator[tuple[BrowserContext, ContextLog]]:
        s = self.settings
        width, height = viewport or (s.viewport_width, s.viewport_height)
        browser = await self._fresh_browser()
        ctx = await browser.new_context(
            viewport={"width": width, "height": height},
            locale=s.locale,
            timezone_id=s.timezone,
            accept_downloads=False,
            service_workers="block",
            ignore_https_errors=True,
            # A strict CSP (script-src 'none', sandbox) would stop axe and the probes; the audit
            # bypasses it and records that the page had one (PageResult.csp).
            bypass_csp=True,
        )
        log = ContextLog()
        ctx.set_default_timeout(s.action_timeout_ms)
        ctx.set_default_navigation_timeout(s.navigation_timeout_ms)
        await ctx.route("**/*", _request_guard(scope, log, self.addresses))
        # WebSockets bypass the request route: judged here, connected only when allowed.
        await ctx.route_web_socket(re.compile(r".*"), _socket_guard(log, self.addresses))
        ctx.on("page", lambda page: _guard_page(page, log))
        self._open_contexts += 1
        try:
            yield ctx, log
        finally:
            self._open_contexts -= 1
            with suppress(Exception):
                await asyncio.wait_for(ctx.close(), timeout=10)


def _request_guard(scope: Scope, log: ContextLog, addresses: AddressGuard) -> Any:
    async def handle(route: Route, request: Request) -> None:
        try:
            refused = await addresses.refusal(request.url)
            if refused is not None:
                log.blocked_addresses.append(f"{request.url} ({refused})")
                await route.abort("accessdenied")
            elif (
                request.is_navigation_request()
                and _is_top_level(request)
                and not scope.contains(request.url)
            ):
                log.blocked_navigations.append(request.url)
                await route.abort("blockedbyclient")
            else:
                await route.fallback()
        except PlaywrightError:
            pass  # the page went away while we decided

    return handle


def _socket_guard(log: ContextLog, addresses: AddressGuard) -> Any:
    async def handle(socket: WebSocketRoute) -> None:
        try:
            refused = await addresses.refusal(socket.url)
            if refused is None:
                socket.connect_to_server()
                return
            log.blocked_addresses.append(f"{socket.url} ({refused})")
            await socket.close(code=1008, reason="refused by the network policy")
        except PlaywrightError:
            pass  # the page went away while we decided

    return handle


def _is_top_level(request: Request) -> bool:
    # A popup's first navigation is issued before its frame exists, and `request.frame` then
    # raises: it is a top-level navigation (of the new window). Were the error swallowed, the
    # route would never be answered and every popup would hang half-open in the browser.
    try:
        return request.frame.parent_frame is None
    except PlaywrightError:
        return True


def _guard_page(page: Page, log: ContextLog) -> None:
    def on_dialog(dialog: Any) -> None:
        # A registered listener must always answer, or the page freezes.
        log.dialogs.append(f"{dialog.type}: {clean_text(dialog.message, 200, one_line=True)}")
        asyncio.ensure_future(quietly(dialog.dismiss()))
        if len(log.dialogs) == MAX_DIALOGS_PER_CONTEXT + 1:
            # Each dialog blocks the page's script until dismissed, so a loop of them never
            # lets a probe in: stop the page that raises them.
            log.stop(
                "dialog-flood",
                f"the page raised dialogs without end ({MAX_DIALOGS_PER_CONTEXT} dismissed); "
                "stopped, not audited further",
            )
            asyncio.ensure_future(quietly(page.close()))

    page.on("dialog", on_dialog)
    page.on("download", lambda d: log.downloads.append(d.url))
    asyncio.ensure_future(_close_if_popup(page, log))


async def _close_if_popup(page: Page, log: ContextLog) -> None:
    # target=_blank and window.open: note it and close it; tasks stay in one tab.
    with suppress(Exception):
        opener = await page.opener()
        if opener is not None:
            log.popups.append(page.url)
            await page.close()
            if len(log.popups) == MAX_POPUPS_PER_CONTEXT + 1:
                log.stop(
                    "popup-flood",
                    f"the page opened windows without end ({MAX_POPUPS_PER_CONTEXT} closed); "
                    "stopped, not audited further",
                )
                await opener.close()
