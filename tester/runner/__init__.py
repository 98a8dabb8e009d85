"""Run orchestration: browser → tasks and page audits → RunResult (the JSON contract)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tester import __version__
from tester.artifacts import RunDir
from tester.browser import (
    OTHER_ERROR,
    BrowserSession,
    Scope,
    open_browser,
    reaches_only_loopback,
)
from tester.checks.axe import axe_version
from tester.checks.base import runs_group
from tester.checks.lowvision.ocr import ocr_missing_notice
from tester.config import Settings
from tester.gate import page_audited
from tester.model import Notice, RunResult, SiteResult, ToolInfo, utc_now
from tester.progress import counts
from tester.runner.pages import audit_page
from tester.runner.site import audit_site, classify_page_error
from tester.terminal import say

Progress = Callable[[str], None]
AUDIT_ERROR = "audit-error"  # the audit itself broke off (a tool bug); what it had is kept


def stderr_progress(line: str) -> None:
    # Progress lines carry page titles, URLs and page error text: escaped for the terminal.
    say(line)


def new_result(settings: Settings, command: str) -> RunResult:
    result = RunResult(
        tool=ToolInfo(version=__version__, axe_version=axe_version()),
        command=command,
        settings=settings.public(),
    )
    if runs_group(settings.checks, "lowvision"):
        # Said in the summary, not only in a skipped check: without OCR, images of text pass.
        notice = ocr_missing_notice()
        if notice is not None:
            result.notices.append(notice)
    return result


async def run_sites(
    session: BrowserSession,
    urls: Sequence[str],
    settings: Settings,
    run_dir: RunDir,
    progress: Progress = stderr_progress,
    scenarios: Sequence[Any] = (),
    result: RunResult | None = None,
) -> RunResult:
    """`ashyq run`: each site fully (tasks, pages, site checks), one after another."""
    result = result or new_result(settings, "run")
    result.tool.browser = session.version
    counts(progress).plan(len(urls), len(urls) * settings.max_pages)
    for index, url in enumerate(urls, 1):
        progress(f"[site {index}/{len(urls)}] {url}")
        started = time.monotonic()
        site = SiteResult(url=url)
        result.sites.append(site)
        try:
            await audit_site(
                session, url, settings, run_dir, progress, scenarios=scenarios, site=site
            )
        except Exception as exc:  # noqa: BLE001 - one broken site must not lose the others
            site.error = f"{type(exc).__name__}: {exc}"[:300]
            site.error_code = AUDIT_ERROR
            site.seconds = round(time.monotonic() - started, 2)
        counts(progress).site_done()
    result.finished_at = utc_now()
    return result


async def check_pages(
    session: BrowserSession,
    urls: Sequence[str],
    settings: Settings,
    run_dir: RunDir,
    progress: Progress = stderr_progress,
    result: RunResult | None = None,
) -> RunResult:
    """`ashyq check`: page checks on exactly the pages given, by host; no tasks, no crawl.

    Sites go into `result` as they start, so a stopped run keeps every page it audited.
    """
    result = result or new_result(settings, "check")
    result.tool.browser = session.version
    by_site: dict[str, SiteResult] = {}
    counts(progress).plan(0, len(urls))  # pages known up front: the estimate goes by pages
    try:
        for index, url in enumerate(urls, 1):
            scope = Scope.for_url(url)
            host = Scope.key(url)
            if host not in by_site:
                by_site[host] = SiteResult(url=url, name=host)
                result.sites.append(by_site[host])
            page, _snap = await audit_page(session, url, scope, settings, run_dir)
            classify_page_error(page)
            by_site[host].pages.append(page)
            counts(progress).page_done()
            progress(
                f"[{index}/{len(urls)}] {url}: " + (page.error or f"{len(page.findings)} findings")
            )
    finally:
        for site in by_site.values():
            _mark_not_audited(site)
    result.finished_at = utc_now()
    return result


def _mark_not_audited(site: SiteResult) -> None:
    """A host none of whose given pages could be audited is a site that could not be audited."""
    if site.pages and not any(page_audited(p) for p in site.pages):
        first = site.pages[0]
        site.error_code = first.error_code or OTHER_ERROR
        site.error = f"no page could be audited: {first.error or 'no answer'}"[:300]


def remote_browser_notice(endpoint: str) -> Notice:
    """The run went through a browser started elsewhere: the reader must know that the
    tool's launch guards (no stray hosts for local sites, no WebRTC UDP) were that browser's."""
    parts = urlsplit(endpoint)
    where = f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}"
    return Notice(
        id="remote-browser",
        message=f"The pages were loaded by a browser that was already running at {where}; "
        "its own launch settings, not ashyq's, decided which hosts it could reach and "
        "whether pages could send WebRTC traffic.",
        data={"endpoint": where},
        message_key="notice.remote-browser",
        message_values={"endpoint": where},
    )


async def run_with_browser(
    command: str,
    urls: Sequence[str],
    settings: Settings,
    out_dir: Path,
    progress: Progress = stderr_progress,
    scenarios: Sequence[Any] = (),
    result: RunResult | None = None,
) -> RunResult:
    """Open the browser and run `command` ("run" or "check") into `out_dir`."""
    run_dir = RunDir(out_dir)
    result = result or new_result(settings, command)
    offline = all(reaches_only_loopback(u, settings) for u in urls)
    async with open_browser(settings, loopback_only=offline) as session:
        if session.remote:
            result.notices.append(remote_browser_notice(settings.browser_endpoint))
        if command == "check":
            return await check_pages(session, urls, settings, run_dir, progress, result)
        return await run_sites(session, urls, settings, run_dir, progress, scenarios, result)
