"""Print local HTML files (a run's report, the dashboard's pages) to PDF through Chromium.

For auditors who deliver documents. One Chromium is launched for all the files, found and
started like the audit's (tester.browser.launch), but always headless (Chromium prints only
there) and with no way out: every request that is not a local file is aborted by a route, and
no host name resolves, so a page cannot fetch anything or call home while it is printed.
Dialogs are dismissed, popups closed, and each page has a time limit, so a broken or hostile
page gives one PdfError line, never a hang.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from playwright.async_api import (
    Browser,
    BrowserContext,
    Page,
    Route,
    WebSocketRoute,
    async_playwright,
)
from playwright.async_api import Error as PlaywrightError

from tester.browser.errors import describe_error
from tester.browser.launch import INSTALL_HINT, LAUNCH_ARGS, BrowserNotFound, find_chromium
from tester.config import Settings

log = logging.getLogger("ashyq.pdf")

# Pages may read local files (the report's screenshots) and inline data; nothing else.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
# Belt and braces beside the route: no host name resolves inside this Chromium at all.
NO_NAMES_RESOLVE = "--host-resolver-rules=MAP * ~NOTFOUND"
PRINT_TIMEOUT_S = 60.0  # printing a long report takes seconds; past this, something is stuck
CLOSE_TIMEOUT_S = 15.0
# Chromium's footer template: its own classes fill in the numbers; the font size must be set
# here, the page's stylesheet does not reach the footer.
FOOTER = ('<div style="width:100%;font-size:8pt;color:#444;text-align:center;'
          'font-family:system-ui,sans-serif"><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></div>')
PDF_OPTIONS = {
    "format": "A4",
    "print_background": True,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "footer_template": FOOTER,
    "margin": {"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
    # An accessibility tool's own documents: tagged (headings, lists, tables, alt text reach
    # screen readers) and with an outline (the headings as bookmarks).
    "tagged": True,
    "outline": True,
}


class PdfError(RuntimeError):
    """A file could not be printed: one line naming the file and the reason."""


def pdf_path(html_file: Path) -> Path:
    """X.html -> X.pdf beside it."""
    return Path(html_file).with_suffix(".pdf")


def print_to_pdf(html_files: Sequence[Path], settings: Settings) -> list[Path]:
    """Write X.pdf beside each X.html; returns the PDFs in the order given.

    Synchronous: it runs its own event loop (in a worker thread when called from a coroutine,
    which then waits).
    Raises PdfError with a one-line reason (missing file, no Chromium, a page that does not
    load or print in time).
    """
    files = [Path(f).resolve() for f in html_files]
    for file in files:
        if not file.is_file():
            raise PdfError(f"{file}: no such file to print")
        if pdf_path(file) == file:
            raise PdfError(f"{file}: already a PDF (give the HTML page to print)")
    if not files:
        return []
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_print_all(files, settings))
    # Called from a coroutine after all: its loop cannot run another, so a worker thread does.
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, _print_all(files, settings)).result()


async def _print_all(files: list[Path], settings: Settings) -> list[Path]:
    async with async_playwright() as pw:
        try:
            executable = find_chromium(settings, pw.chromium.executable_path)
            browser = await pw.chromium.launch(
                executable_path=executable, headless=True,
                args=[*LAUNCH_ARGS, NO_NAMES_RESOLVE], timeout=60_000,
            )
        except BrowserNotFound as exc:
            raise PdfError(str(exc)) from None
        except PlaywrightError as exc:
            raise PdfError(
                f"Chromium did not start ({describe_error(exc)}); {INSTALL_HINT}"
            ) from None
        try:
            context = await _guarded_context(browser)
            return [await _print_one(context, file, settings) for file in files]
        finally:
            with suppress(Exception):
                await asyncio.wait_for(browser.close(), timeout=CLOSE_TIMEOUT_S)


async def _guarded_context(browser: Browser) -> BrowserContext:
    context = await browser.new_context(accept_downloads=False, service_workers="block")
    await context.route("**/*", _only_local)
    # WebSockets bypass the request route: each is answered here, never connected.
    await context.route_web_socket(re.compile(r".*"), _refuse_socket)
    return context


async def _only_local(route: Route) -> None:
    url = route.request.url
    if url.startswith(LOCAL_SCHEMES):
        await route.continue_()
        return
    log.info("blocked %s", url[:300])
    await route.abort("blockedbyclient")


async def _refuse_socket(socket: WebSocketRoute) -> None:
    log.info("blocked %s", socket.url[:300])
    await socket.close()


def _dismiss(page: Page) -> None:
    page.on("dialog", lambda dialog: asyncio.ensure_future(_quiet(dialog.dismiss())))
    page.on("popup", lambda popup: asyncio.ensure_future(_quiet(popup.close())))


async def _quiet(awaitable: object) -> None:
    with suppress(Exception):
        await awaitable  # type: ignore[misc]


async def _print_one(context: BrowserContext, file: Path, settings: Settings) -> Path:
    target = pdf_path(file)
    load_s = settings.navigation_timeout_ms / 1000
    page = await context.new_page()
    _dismiss(page)
    started = time.monotonic()
    try:
        await asyncio.wait_for(_load_and_print(page, file, target, load_s),
                               timeout=load_s + PRINT_TIMEOUT_S)
    except TimeoutError:
        raise PdfError(
            f"{file}: not printed within {load_s + PRINT_TIMEOUT_S:.0f} s"
        ) from None
    except PlaywrightError as exc:
        raise PdfError(f"{file}: not printed ({describe_error(exc)})") from None
    except OSError as exc:
        raise PdfError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with suppress(Exception):
            await asyncio.wait_for(page.close(), timeout=CLOSE_TIMEOUT_S)
    log.info("printed %s in %.2f s", target, time.monotonic() - started)
    return target


async def _load_and_print(page: Page, file: Path, target: Path, load_s: float) -> None:
    await page.goto(file.as_uri(), wait_until="load", timeout=load_s * 1000)
    pdf = await page.pdf(**PDF_OPTIONS)  # type: ignore[arg-type]
    # Written aside, then renamed: a failure never leaves a half-written PDF under its name.
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(pdf)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
