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
from tester.textsafe import clean_text
from tester.urlnorm import ascii_host, host_of, port_of

LAUNCH_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-quic",
    "--no-sandbox",  # needed as root in CI containers; contexts still isolate sites
    # Pages may not send WebRTC/STUN UDP to any address: the tool's traffic is what the user
    # asked for. The first spelling is the one this Chromium honours (tests/e2e prove it with a
    # STUN listener); the second is the policy switch some builds read instead.
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
]
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "no Chromium found: run `.venv/bin/playwright install chromium`, or on Debian/Ubuntu "
    "`sudo apt-get install chromium`, or set executable_path in playwright.config.toml "
    "(or ASHYQ_EXECUTABLE_PATH)"
)
LOOPBACK_ONLY_RULES = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
MAX_NAVIGATIONS_PER_LOAD = 15  # client-side redirect loops (meta refresh, JS) stop here
# A page raising more dialogs, or opening more windows, than this in one context is flooding:
# it is stopped (closed) and recorded as "dialog-flood" / "popup-flood". A citizen task spends
# at most a dozen clicks, so a real site never comes near.
MAX_DIALOGS_PER_CONTEXT = 20
MAX_POPUPS_PER_CONTEXT = 20
RECYCLE_AFTER = 100  # contexts per browser before a fresh one (GSA, Crawlee practice)


class BrowserNotFound(RuntimeError):
    pass


def is_loopback_host(host: str) -> bool:
    host = ascii_host(host) if host else ""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def reaches_only_loopback(url: str, settings: Settings) -> bool:
    """The URL's host is loopback, or the user's `resolve` maps it to a loopback address."""
    host = host_of(url)
    mapped = settings.resolve_map().get(host)
    return is_loopback_host(mapped if mapped is not None else host) if host else False


def host_resolver_rules(resolve: dict[str, str], loopback_only: bool) -> list[str]:
    """The one `--host-resolver-rules` flag (Chromium reads only one): the user's `resolve`
    mappings (ASCII host -> IP) first, so they win over the loopback-only catch-all."""
    rules = [f"MAP {host} {f'[{ip}]' if ':' in ip else ip}" for host, ip in resolve.items()]
    if loopback_only:
        rules.append(LOOPBACK_ONLY_RULES.split("=", 1)[1])
    return [f"--host-resolver-rules={', '.join(rules)}"] if rules else []


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

    Entries are host names in ASCII (IDNA) form, so `акимат.қаз` typed by a person and
    `xn--80aaxhl1b.xn--80ao21a` reported by Chromium are one site. On loopback the port is part
    of the entry (`127.0.0.1:8000`), because there every port is a different site (tests serve
    several at once).
    """

    hosts: set[str]

    @staticmethod
    def key(url: str) -> str:
        host = host_of(url)
        if is_loopback_host(host) and host:
            port = port_of(url)
            return f"{host}:{port}" if port is not None else host
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
        elif not is_loopback_host(host_of(url)):
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
        asyncio.ensure_future(_quietly(dialog.dismiss()))
        if len(log.dialogs) == MAX_DIALOGS_PER_CONTEXT + 1:
            # Each dialog blocks the page's script until dismissed, so a loop of them never
            # lets a probe in: stop the page that raises them.
            log.stop(
                "dialog-flood",
                f"the page raised dialogs without end ({MAX_DIALOGS_PER_CONTEXT} dismissed); "
                "stopped, not audited further",
            )
            asyncio.ensure_future(_quietly(page.close()))

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
                args=LAUNCH_ARGS
                + host_resolver_rules(settings.resolve_map(), loopback_only),
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

    def count(request: Request) -> None:
        nonlocal navigations
        if is_main_document_request(page, request):
            navigations += 1

    page.on("request", count)
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
            await _quietly(asyncio.wait_for(page.close(), timeout=10))
            reason = (
                f"the page stopped answering: a trivial script got no answer in "
                f"{settings.unresponsive_probe_s:g} s after load (a script that never yields or "
                "a page too heavy to lay out); stopped, not audited"
            )
            return LoadResult(
                False, url, page.url, status, reason, _ms(started), navigations, "unresponsive"
            )
        if navigations > 1 or again:
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
        page.remove_listener("request", count)


async def _may_navigate_again(page: Page, within_s: float) -> bool | None:
    """Whether the page is about to navigate again; None: it did not answer within `within_s`.

    This is also the liveness probe after load. The evaluate is never cancelled: on a hung
    renderer it stays pending until the caller closes the page, which makes it fail.
    """
    script = "() => !!document.querySelector('meta[http-equiv=refresh i]')"
    call = asyncio.ensure_future(page.evaluate(script))
    call.add_done_callback(lambda f: f.cancelled() or f.exception())
    done, _ = await asyncio.wait({call}, timeout=within_s)
    if not done:
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


# Playwright/Chromium error text -> (stable key, English one-liner). The key is what reports
# translate (catalog `site_error.<key>`) and what result.json's `error_code` fields hold; the
# first needle found in the text wins, so more specific needles come first.
BROWSER_ERRORS: tuple[tuple[str, str, str], ...] = (
    ("ERR_TOO_MANY_REDIRECTS", "redirect-loop", "redirect loop (too many redirects)"),
    ("ERR_CONNECTION_REFUSED", "connection-refused", "connection refused"),
    ("ERR_NAME_NOT_RESOLVED", "dns", "host name not resolved"),
    ("ERR_NAME_RESOLUTION_FAILED", "dns", "host name not resolved"),
    ("ERR_UNSAFE_PORT", "blocked-port", "port blocked by the browser (unsafe port)"),
    ("ERR_CERT", "tls", "TLS certificate error"),
    ("ERR_SSL", "tls", "TLS connection failed"),
    ("ERR_BAD_SSL", "tls", "TLS connection failed"),
    ("ERR_CONNECTION_TIMED_OUT", "timeout", "connection timed out"),
    ("ERR_TIMED_OUT", "timeout", "timed out"),
    ("ERR_ADDRESS_UNREACHABLE", "unreachable", "address unreachable"),
    ("ERR_INTERNET_DISCONNECTED", "unreachable", "no network"),
    ("ERR_BLOCKED_BY_CLIENT", "out-of-scope", "outside the audited site (not followed)"),
    ("ERR_ABORTED", "aborted", "navigation aborted (download or cancelled)"),
    ("Download is starting", "download", "link starts a download"),
    ("Target page, context or browser has been closed", "closed", "page closed (budget exceeded)"),
    ("ERR_EMPTY_RESPONSE", "empty-response", "server sent an empty response"),
    ("ERR_CONNECTION_RESET", "connection-reset", "connection reset"),
    ("ERR_CONNECTION_CLOSED", "connection-reset", "connection closed by the server"),
    ("ERR_INVALID_RESPONSE", "bad-response", "server sent an invalid response"),
    ("ERR_INVALID_HTTP_RESPONSE", "bad-response", "server sent an invalid response"),
    ("ERR_CONTENT_DECODING_FAILED", "bad-response", "server sent an invalid response"),
    ("ERR_HTTP2_PROTOCOL_ERROR", "bad-response", "server sent an invalid response"),
)
# Reasons the tool writes itself (load(), the page budget) and their keys, so error_code() also
# classifies an already-described error.
OWN_ERRORS: dict[str, str] = {
    "page load timed out": "timeout",
    "client-side redirect loop": "redirect-loop",
    "page budget exceeded": "budget",
}
OTHER_ERROR = "browser-error"


def describe_error(exc: BaseException) -> str:
    """A one-line, user-facing reason for a browser error."""
    text = str(exc)
    for needle, _key, reason in BROWSER_ERRORS:
        if needle in text:
            return reason
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return first[:200]


def error_code(error: BaseException | str | None) -> str | None:
    """The stable key of a browser error, from the exception or its (described) text.

    None for no error; OTHER_ERROR when the text matches nothing known.
    """
    if error is None:
        return None
    if isinstance(error, PlaywrightTimeout):
        return "timeout"
    text = str(error)
    if not text.strip():
        return OTHER_ERROR if isinstance(error, BaseException) else None
    for needle, key, reason in BROWSER_ERRORS:
        if needle in text or text.startswith(reason):
            return key
    lowered = text.lower()
    for reason, key in OWN_ERRORS.items():
        if lowered.startswith(reason):
            return key
    if text.startswith("Timeout ") and "exceeded" in text:  # Playwright's timeout wording
        return "timeout"
    return OTHER_ERROR


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
