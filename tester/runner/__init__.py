"""Run orchestration: browser → tasks and page audits → RunResult (the JSON contract)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tester import __version__
from tester.artifacts import RunDir
from tester.browser import BrowserSession, Scope, is_loopback_host, open_browser
from tester.checks.axe import axe_version
from tester.config import Settings
from tester.model import RunResult, SiteResult, ToolInfo, utc_now
from tester.runner.pages import audit_page
from tester.runner.site import audit_site

Progress = Callable[[str], None]


def stderr_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def new_result(settings: Settings, command: str) -> RunResult:
    return RunResult(
        tool=ToolInfo(version=__version__, axe_version=axe_version()),
        command=command,
        settings=settings.public(),
    )


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
            site.seconds = round(time.monotonic() - started, 2)
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
    """`ashyq check`: page checks on exactly the pages given, by host; no tasks, no crawl."""
    result = result or new_result(settings, "check")
    result.tool.browser = session.version
    by_site: dict[str, SiteResult] = {}
    for index, url in enumerate(urls, 1):
        scope = Scope.for_url(url)
        host = Scope.key(url)
        site = by_site.setdefault(host, SiteResult(url=url, name=host))
        page, _snap = await audit_page(session, url, scope, settings, run_dir)
        site.pages.append(page)
        progress(
            f"[{index}/{len(urls)}] {url}: " + (page.error or f"{len(page.findings)} findings")
        )
    result.sites = list(by_site.values())
    result.finished_at = utc_now()
    return result


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
    offline = all(is_loopback_host(urlsplit(u).hostname or "") for u in urls)
    async with open_browser(settings, loopback_only=offline) as session:
        if command == "check":
            return await check_pages(session, urls, settings, run_dir, progress, result)
        return await run_sites(session, urls, settings, run_dir, progress, scenarios, result)
