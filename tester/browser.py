"""The browser layer: find and launch Chromium, make guarded contexts, load pages safely.

Only this module, the navigator, scripted steps and the `gather` functions of checks touch
Playwright. Guards follow what mature scanners do (see shared/reference/browser-at-scale.md):
one browser per run, one context per site or page, downloads refused, dialogs dismissed,
popups closed, out-of-scope navigations aborted, every wait bounded.
"""

from __future__ import annotations

import asyncio
import ipaddress
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    Route,
    async_playwright,
)
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from tester.config import Settings

LAUNCH_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-quic",
    "--no-sandbox",  # needed as root in CI containers; contexts still isolate sites
]
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "no Chromium found: run `.venv/bin/playwright install chromium`, or on Debian/Ubuntu "
    "`sudo apt-get install chromium`, or set executable_path in playwright.config.toml "
    "(or ASHYQ_EXECUTABLE_PATH)"
)
LOOPBACK_ONLY_RULES = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
MAX_NAVIGATIONS_PER_LOAD = 15  # client-side redirect loops (meta refresh, JS) stop here
RECYCLE_AFTER = 100  # contexts per browser before a fresh one (GSA, Crawlee practice)


class BrowserNotFound(RuntimeError):
    pass


def is_loopback_host(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def find_chromium(settings: Settings, playwright_path: str | None) -> str | None:
    """Executable to launch; None means Playwright's own bundled Chromium.

    Order: the configured path, Playwright's own build if downloaded, then the system's.
    """
    if settings.executable_path:
        path = Path(settings.executable_path).expanduser()
        if not path.is_file():
            raise BrowserNotFound(f"executable_path {path} does not exist")
        return str(path)
    if playwright_path and Path(playwright_path).is_file():
        return None
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFound(INSTALL_HINT)


@dataclass
class Scope:
    """The sites a run may navigate to. Outbound links are recorded, never followed.

    Entries are host names; on loopback the port is part of the entry (`127.0.0.1:8000`),
    because there every port is a different site (tests serve several at once).
    """

    hosts: set[str]

    @staticmethod
    def key(url: str) -> str:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if is_loopback_host(host) and host:
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError:
                return host
            return f"{host}:{port}"
        return host

    @classmethod
    def for_url(cls, url: str) -> Scope:
        scope = cls(set())
        scope.add(url)
        return scope

    def add(self, url: str) -> None:
        """Admit the site of `url` (and its www./bare twin)."""
        key = self.key(url)
        if not key:
            return
        self.hosts.add(key)
        if key.startswith("www."):
            self.hosts.add(key[4:])
        elif not is_loopback_host(urlsplit(url).hostname or ""):
            self.hosts.add("www." + key)

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("about", "data", "blob"):
            return True
        if parts.scheme not in ("http", "https"):
            return False
        return self.key(url) in self.hosts


@dataclass
class ContextLog:
    """What the guards did in one context, kept for evidence."""

    dialogs: list[str] = field(default_factory=list)
    blocked_navigations: list[str] = field(default_factory=list)
    popups: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)


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
        )
        log = ContextLog()
        ctx.set_default_timeout(s.action_timeout_ms)
        ctx.set_default_navigation_timeout(s.navigation_timeout_ms)
        await ctx.route("**/*", _scope_guard(scope, log))
        ctx.on("page", lambda page: _guard_page(page, log))
        self._open_contexts += 1
        try:
            yield ctx, log
        finally:
            self._open_contexts -= 1
            with suppress(Exception):
                await asyncio.wait_for(ctx.close(), timeout=10)


def _scope_guard(scope: Scope, log: ContextLog) -> Any:
    async def handle(route: Route, request: Request) -> None:
        try:
            if (
                request.is_navigation_request()
                and request.frame.parent_frame is None
                and not scope.contains(request.url)
            ):
                log.blocked_navigations.append(request.url)
                await route.abort("blockedbyclient")
            else:
                await route.fallback()
        except PlaywrightError:
            pass  # the page went away while we decided

    return handle


def _guard_page(page: Page, log: ContextLog) -> None:
    def on_dialog(dialog: Any) -> None:
        # A registered listener must always answer, or the page freezes.
        log.dialogs.append(f"{dialog.type}: {dialog.message[:200]}")
        asyncio.ensure_future(_quietly(dialog.dismiss()))

    page.on("dialog", on_dialog)
    page.on("download", lambda d: log.downloads.append(d.url))
    asyncio.ensure_future(_close_if_popup(page, log))


async def _close_if_popup(page: Page, log: ContextLog) -> None:
    # target=_blank and window.open: note it and close it; tasks stay in one tab.
    with suppress(Exception):
        if await page.opener() is not None:
            log.popups.append(page.url)
            await page.close()


async def _quietly(awaitable: Any) -> None:
    with suppress(Exception):
        await awaitable


@asynccontextmanager
async def open_browser(
    settings: Settings, *, loopback_only: bool = False
) -> AsyncIterator[BrowserSession]:
    """Start Playwright and Chromium; raise BrowserNotFound with a how-to when neither exists.

    `loopback_only` makes every other host unresolvable inside Chromium itself: for the demo
    and test sites, not even a stray image or font request can leave the machine.
    """
    async with async_playwright() as pw:
        executable = find_chromium(settings, pw.chromium.executable_path)

        async def launch() -> Browser:
            return await pw.chromium.launch(
                executable_path=executable,
                headless=settings.headless,
                args=LAUNCH_ARGS + ([LOOPBACK_ONLY_RULES] if loopback_only else []),
                timeout=60_000,
            )

        try:
            browser = await launch()
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise BrowserNotFound(f"Chromium did not start ({first}); {INSTALL_HINT}") from exc
        session = BrowserSession(pw, browser, settings, launch)
        try:
            yield session
        finally:
            with suppress(Exception):
                await asyncio.wait_for(session.browser.close(), timeout=15)


@dataclass
class LoadResult:
    ok: bool
    url: str
    final_url: str
    http_status: int | None = None
    error: str | None = None
    ms: int = 0
    navigations: int = 0


async def load(page: Page, url: str, settings: Settings) -> LoadResult:
    """Navigate with bounded waits: DOMContentLoaded, then a short settle for `load`.

    Never raises for site problems: a timeout, a refused connection, a redirect loop or a
    download is returned as `ok=False` with a one-line reason.
    """
    started = time.monotonic()
    navigations = 0

    def count(frame: Any) -> None:
        nonlocal navigations
        if frame == page.main_frame:
            navigations += 1

    page.on("framenavigated", count)
    try:
        response = await page.goto(
            url, wait_until="domcontentloaded", timeout=settings.navigation_timeout_ms
        )
        with suppress(PlaywrightError):
            await page.wait_for_load_state(
                "load", timeout=min(5_000, settings.navigation_timeout_ms)
            )
        status = response.status if response else None
        if navigations > 1 or await _may_navigate_again(page):
            navigations = await _settle_navigations(page, lambda: navigations)
        if navigations > MAX_NAVIGATIONS_PER_LOAD:
            await _quietly(page.goto("about:blank", timeout=5_000))
            return LoadResult(
                False, url, page.url, status, "client-side redirect loop", _ms(started)
            )
        return LoadResult(True, url, page.url, status, None, _ms(started), navigations)
    except PlaywrightTimeout:
        return LoadResult(False, url, page.url, None, "page load timed out", _ms(started))
    except PlaywrightError as exc:
        return LoadResult(False, url, page.url, None, describe_error(exc), _ms(started))
    finally:
        page.remove_listener("framenavigated", count)


async def _may_navigate_again(page: Page) -> bool:
    script = "() => !!document.querySelector('meta[http-equiv=refresh i]')"
    try:
        return bool(await page.evaluate(script))
    except PlaywrightError:
        return True  # the document was replaced while we looked: it is navigating


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


def describe_error(exc: BaseException) -> str:
    """A one-line, user-facing reason for a browser error."""
    text = str(exc)
    known = {
        "ERR_TOO_MANY_REDIRECTS": "redirect loop (too many redirects)",
        "ERR_CONNECTION_REFUSED": "connection refused",
        "ERR_NAME_NOT_RESOLVED": "host name not resolved",
        "ERR_BLOCKED_BY_CLIENT": "outside the audited site (not followed)",
        "ERR_ABORTED": "navigation aborted (download or cancelled)",
        "ERR_CERT": "TLS certificate error",
        "Download is starting": "link starts a download",
        "Target page, context or browser has been closed": "page closed (budget exceeded)",
        "ERR_EMPTY_RESPONSE": "server sent an empty response",
        "ERR_CONNECTION_RESET": "connection reset",
    }
    for needle, reason in known.items():
        if needle in text:
            return reason
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return first[:200]


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
