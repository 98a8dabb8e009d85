"""Run orchestration: browser → tasks and page audits → RunResult (the JSON contract)."""

from __future__ import annotations

import asyncio
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
from tester.checks.axe_source import axe_script
from tester.checks.base import runs_group
from tester.checks.lowvision.ocr import ocr_missing_notice
from tester.config import Settings
from tester.deadline import gather_all
from tester.gate import confirmed, page_audited
from tester.i18n import counted
from tester.model import Notice, PageResult, RunResult, SiteResult, ToolInfo, utc_now
from tester.politeness import Politeness, browser_work, current, default_jobs, politeness
from tester.progress import counts
from tester.runner.crawl import language_key
from tester.runner.languages import page_language
from tester.runner.pages import audit_page
from tester.runner.site import audit_site, classify_page_error, judge_site
from tester.terminal import say

Progress = Callable[[str], None]
AUDIT_ERROR = "audit-error"  # the audit itself broke off (a tool bug); what it had is kept
SITE_TIMEOUT = "site-timeout"  # the site's wall budget ran out; what it had is kept


def stderr_progress(line: str) -> None:
    # Progress lines carry page titles, URLs and page error text: escaped for the terminal.
    say(line)


def new_result(settings: Settings, command: str) -> RunResult:
    axe = axe_script(settings.axe_source, settings.npm_registry)
    result = RunResult(
        tool=ToolInfo(version=__version__, axe_version=axe.version, axe_source=axe.origin),
        command=command,
        settings=settings.public(),
    )
    if runs_group(settings.checks, "lowvision"):
        # Said in the summary, not only in a skipped check: without OCR, images of text pass.
        notice = ocr_missing_notice()
        if notice is not None:
            result.notices.append(notice)
    return result


def run_limits(settings: Settings) -> Politeness:
    """The run's concurrency and politeness (`jobs`, `per_host`, `delay_s`), or the ones a caller
    already set for this run."""
    return current() or Politeness(settings.jobs or default_jobs(), settings.per_host,
                                   settings.delay_s)


def site_folder(run_dir: RunDir, index: int, total: int) -> RunDir:
    """Where site `index` (from 1) of `total` names its files: its own prefix in a run of many."""
    return run_dir.child(f"s{index:02d}") if total > 1 else run_dir


async def audit_one_site(
    session: BrowserSession,
    url: str,
    run_dir: RunDir,
    settings: Settings,
    progress: Progress,
    scenarios: Sequence[Any],
    site: SiteResult,
) -> SiteResult:
    """One site within its wall budget (`site_time_limit_s`), filling `site` as it goes: the
    unit of work of `ashyq run`, in-process and on a fleet worker alike. Never raises for the
    site's problems or the tool's own: they become the site's error, beside what was gathered."""
    started = time.monotonic()
    try:
        await asyncio.wait_for(
            audit_site(session, url, settings, run_dir, progress, scenarios=scenarios, site=site),
            timeout=settings.site_time_limit_s,
        )
    except TimeoutError:
        site.error_code = SITE_TIMEOUT
        site.error = (f"the site's audit went past its time limit ({settings.site_time_limit_s:.0f}"
                      " s, site_time_limit_s); what was gathered until then is kept")
    except Exception as exc:  # noqa: BLE001 - one broken site must not lose the others
        site.error = f"{type(exc).__name__}: {exc}"[:300]
        site.error_code = AUDIT_ERROR
    if site.error_code in (SITE_TIMEOUT, AUDIT_ERROR):
        site.seconds = round(time.monotonic() - started, 2)
    judge_site(site, settings)  # again for a site broken off before audit_site judged it
    return site


async def run_sites(
    session: BrowserSession,
    urls: Sequence[str],
    settings: Settings,
    run_dir: RunDir,
    progress: Progress = stderr_progress,
    scenarios: Sequence[Any] = (),
    result: RunResult | None = None,
) -> RunResult:
    """`ashyq run`: each site fully (tasks, pages, site checks); sites side by side.

    Sites go into `result` in the order given as they start, so a stopped run keeps what it did.
    """
    result = result or new_result(settings, "run")
    result.tool.browser = session.version
    counts(progress).plan(len(urls), len(urls) * settings.max_pages)
    limits = run_limits(settings)
    started_sites: dict[int, SiteResult] = {}
    # Sites in flight are capped like pages: every site holds its findings until it ends.
    sites_at_once = asyncio.Semaphore(max(1, limits.jobs))

    async def one(index: int, url: str) -> None:
        async with sites_at_once:
            progress(f"[site {index}/{len(urls)}] {url}")
            site = SiteResult(url=url)
            started_sites[index] = site
            result.sites[:] = [started_sites[i] for i in sorted(started_sites)]
            await audit_one_site(session, url, site_folder(run_dir, index, len(urls)), settings,
                                 progress, scenarios, site)
            counts(progress).site_done()

    with politeness(limits):
        await gather_all([one(index, url) for index, url in enumerate(urls, 1)])
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

    Pages run side by side within the run's limits. Each host's site enters `result` when its
    first page ends, and pages keep the order given, so a stopped run keeps every page it
    audited, where it belongs.
    """
    result = result or new_result(settings, "check")
    result.tool.browser = session.version
    hosts = list(dict.fromkeys(Scope.key(url) for url in urls))
    sites = {host: SiteResult(url=next(u for u in urls if Scope.key(u) == host), name=host)
             for host in hosts}
    done: dict[str, dict[int, PageResult]] = {}
    counts(progress).plan(0, len(urls))  # pages known up front: the estimate goes by pages

    async def one(index: int, url: str) -> None:
        async with browser_work(url):
            started = time.monotonic()  # the page's own time, not its wait for a slot
            page, snap = await audit_page(session, url, Scope.for_url(url), settings,
                                          run_dir.child(f"p{index:03d}"))
            seconds = time.monotonic() - started
        page.language = language_key(url) or page_language(snap)
        classify_page_error(page)
        host = Scope.key(url)
        done.setdefault(host, {})[index] = page
        sites[host].pages = [done[host][i] for i in sorted(done[host])]
        result.sites[:] = [sites[h] for h in hosts if sites[h].pages]
        counts(progress).page_done()
        outcome = page.error or counted("axe-finding", sum(confirmed(f) for f in page.findings))
        progress(f"[{index}/{len(urls)}] {url}: {outcome} ({seconds:.1f} s)")

    try:
        with politeness(run_limits(settings)):
            await gather_all([one(index, url) for index, url in enumerate(urls, 1)])
    finally:
        for site in sites.values():
            judge_site(site, settings)
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
