"""Find and launch Chromium: one browser per run, reaching only what the user allows."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from tester.browser.contexts import BrowserSession
from tester.config import Settings
from tester.scope import is_loopback_host
from tester.urlnorm import host_of

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
CONNECT_TIMEOUT_MS = 30_000
LOOPBACK_ONLY_RULES = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


class BrowserNotFound(RuntimeError):
    pass


def speaks_cdp(endpoint: str) -> bool:
    """An http(s) DevTools address, or a DevTools browser WebSocket
    (`ws://host:port/devtools/browser/<id>`): Chrome DevTools Protocol. Any other ws(s)://
    address is taken for a Playwright browser server (`playwright launch-server`)."""
    parts = urlsplit(endpoint)
    return parts.scheme in ("http", "https") or parts.path.startswith("/devtools/browser/")


async def connect_browser(pw: Playwright, endpoint: str) -> Browser:
    """The running browser at `endpoint`; BrowserNotFound with the reason when it cannot be
    reached (wrong address, nothing listening, not a browser)."""
    try:
        if speaks_cdp(endpoint):
            return await pw.chromium.connect_over_cdp(endpoint, timeout=CONNECT_TIMEOUT_MS)
        return await pw.chromium.connect(endpoint, timeout=CONNECT_TIMEOUT_MS)
    except PlaywrightError as exc:
        text = str(exc).strip()
        first = text.splitlines()[0] if text else repr(exc)
        raise BrowserNotFound(f"cannot connect to the browser at {endpoint} ({first})") from exc


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


@asynccontextmanager
async def open_browser(
    settings: Settings, *, loopback_only: bool = False
) -> AsyncIterator[BrowserSession]:
    """Start Playwright and Chromium; raise BrowserNotFound with a how-to when neither exists.

    `loopback_only` makes every other host unresolvable inside Chromium itself: for the demo
    and test sites, not even a stray image or font request can leave the machine.
    """
    async with async_playwright() as pw:
        if settings.browser_endpoint:
            endpoint = settings.browser_endpoint
            browser = await connect_browser(pw, endpoint)
            # A lost connection is made again for the next context, like a crashed launch.
            session = BrowserSession(pw, browser, settings, lambda: connect_browser(pw, endpoint))
            session.remote = True
            try:
                yield session
            finally:
                with suppress(Exception):  # disconnects; the browser itself stays up
                    await asyncio.wait_for(session.browser.close(), timeout=15)
            return
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
        # Chromium itself resolves only loopback then: no name needs a lookup of ours.
        session.addresses.names_resolve = not loopback_only
        try:
            yield session
        finally:
            with suppress(Exception):
                await asyncio.wait_for(session.browser.close(), timeout=15)
