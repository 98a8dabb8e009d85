"""Audit one site: the home page, citizen tasks, more pages (task targets, then the crawl), then
site checks."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from tester.artifacts import RunDir
from tester.browser import OTHER_ERROR, BrowserSession, Scope, describe_error, error_code
from tester.config import Settings
from tester.deadline import Deadline, cancel_and_collect, gather_all, within
from tester.env import TaskEnv
from tester.gate import HTTP_ERROR_FROM, confirmed
from tester.gather.snapshot import PageSnapshot
from tester.i18n import counted, message_fields, say
from tester.model import CheckResult, PageResult, SiteResult, TaskResult
from tester.navigator import run_task
from tester.politeness import browser_work
from tester.progress import counts
from tester.runner.crawl import CrawlQueue, Pick, crawl
from tester.runner.languages import Languages, links_of, page_language, seed_languages
from tester.runner.pages import audit_document, audit_page, page_checks_for
from tester.runner.scripted import scenario_job
from tester.scores import score_site
from tester.site import audit_site as audit_site_checks
from tester.site import discover_languages, gather_site
from tester.wcag import apply_to_page, apply_to_site

Progress = Callable[[str], None]


_TITLE_SEPARATORS = re.compile(r"\s+[|–—\-:·•]\s+|\s*[|—·•]\s*")
# Title parts that name the page or the kind of site, not the body: "Главная – Акимат …".
_GENERIC_TITLE_PART = re.compile(
    r"^(главная( страница)?|басты бет|home( page)?|main page|"
    r"(официальный|ресми|official)\s.*(сайт|интернет|website|portal|ресурс).*)$",
    re.IGNORECASE,
)


def site_name(snapshot: PageSnapshot | None, url: str) -> str:
    """The body's name from the home page title: "Главная – Акимат района – Официальный сайт"
    gives "Акимат района" (it is also the default site-search query)."""
    if snapshot and snapshot.title:
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(snapshot.title) if p.strip()]
        named = [p for p in parts if not _GENERIC_TITLE_PART.match(p)]
        return (named[0] if named else snapshot.title.strip())[:200]
    return urlsplit(url).hostname or url


TaskFactory = Callable[[TaskEnv], Awaitable[TaskResult]]


def classify_page_error(page: PageResult) -> None:
    """Give a page its error key; a page that answered >= 400 is an error page, not the page."""
    status = page.http_status
    if page.error is None and status is not None and status >= HTTP_ERROR_FROM:
        page.error = f"the page answered HTTP {status}"
        page.error_code = "http-status"
    if page.error and not page.error_code:
        page.error_code = error_code(page.error)


async def run_tasks(
    session: BrowserSession,
    site: SiteResult,
    scope: Scope,
    settings: Settings,
    run_dir: RunDir,
    progress: Progress,
    scenarios: Sequence[Any] = (),
) -> None:
    """The citizen tasks, then any scripted scenarios, each in a fresh context.

    Results go straight into `site.tasks` (and the low-vision-mode page into `site.pages`), so an
    interrupted run keeps every task that finished.
    """
    from tester.registry import task_findings, task_spec

    specs = {task_id: task_spec(task_id) for task_id in settings.tasks}
    jobs: list[tuple[str, TaskFactory]] = [
        (task_id, lambda env, t=specs[task_id] or task_id: run_task(t, env))
        for task_id in settings.tasks
    ]
    jobs.extend(scenario_job(s, settings) for s in scenarios)
    finished: dict[int, TaskResult] = {}

    async def one(index: int, task_id: str, factory: TaskFactory) -> None:
        spec = specs.get(task_id)
        if spec is not None and spec.audits_low_vision_mode and settings.checks != "none":
            factory = audit_low_vision_mode(factory, site.pages, scope, settings,
                                            run_dir.child(f"t{index + 1:02d}-mode"), progress)
        result = await run_in_context(
            session, task_id, factory, site.url, scope, settings,
            run_dir.child(f"t{index + 1:02d}"), site.name, progress,
        )
        result.title = result.title or (spec.title if spec is not None else task_id)
        result.findings = task_findings(result)
        clicks = f"{result.clicks} click{'' if result.clicks == 1 else 's'}"
        progress(f"  task {task_id}: {result.status} ({clicks}, {result.seconds:.1f} s)")
        finished[index] = result
        site.tasks[:] = [finished[i] for i in sorted(finished)]  # in task order, as they end

    # Side by side, each in its own context; the run's limits (tester.politeness) decide how
    # many at once. The order of site.tasks is the task order whatever finishes first.
    await gather_all([one(i, task_id, factory) for i, (task_id, factory) in enumerate(jobs)])


def audit_low_vision_mode(
    factory: TaskFactory,
    into: list[PageResult],
    scope: Scope,
    settings: Settings,
    run_dir: RunDir,
    progress: Progress,
) -> TaskFactory:
    """While the task has the site's low-vision mode on, audit that page with the same checks."""

    async def run(env: TaskEnv) -> TaskResult:
        spent = 0.0

        async def audit_mode(page: Page) -> None:
            nonlocal spent
            started = time.monotonic()
            result = PageResult(url=page.url, final_url=page.url, variant="low-vision-mode")
            checks = page_checks_for(settings.checks)
            try:
                await audit_document(
                    page, env.context, page.url, scope, settings, run_dir, checks, result
                )
            except PlaywrightError as exc:
                result.error = describe_error(exc)
                result.error_code = error_code(exc)
            apply_to_page(result, settings.wcag, settings.wcag_level)
            into.append(result)
            spent += time.monotonic() - started
            env.untimed_s = spent
            progress(f"  low-vision mode on: {_page_line(len(into), result).strip()}")

        env.on_low_vision_mode = audit_mode
        task = await factory(env)
        # The audit is ours, not the citizen's: keep it out of the task's time.
        task.seconds = round(max(0.0, task.seconds - spent), 2)
        return task

    return run


async def run_in_context(
    session: BrowserSession,
    task_id: str,
    factory: TaskFactory,
    url: str,
    scope: Scope,
    settings: Settings,
    run_dir: RunDir,
    name: str,
    progress: Progress | None = None,
) -> TaskResult:
    """Run one task with its wall budget, enforced by closing its context (never by cancel)."""
    budget_message = say("task.budget-stopped", seconds=f"{settings.task_budget_s:.0f}")
    async with browser_work(url), session.context(scope) as (context, log):
        started = time.monotonic()  # the budget runs from the start, not from the queue
        if progress is not None:
            progress(f"  task {task_id} …")
        page = await context.new_page()
        env = TaskEnv(page, context, url, scope, settings, run_dir, log, name)
        task = asyncio.ensure_future(factory(env))

        def untimed() -> float:
            # The runner's own time inside the task (the low-vision-mode audit) extends its
            # budget; that audit is capped by the page budget, so the extension is bounded.
            return min(env.untimed_s, settings.page_budget_s)

        try:
            done = await Deadline(settings.task_budget_s).wait(task, grace=untimed)
        except asyncio.CancelledError:
            # The run is being stopped (Ctrl-C, SIGTERM): stop the task too and collect it, so
            # it neither outlives its context nor leaves an unretrieved exception behind.
            await cancel_and_collect(task)
            raise
        if done:
            try:
                return task.result()
            except Exception as exc:  # noqa: BLE001 - a task bug is an error result
                return TaskResult(id=task_id, status="error", **message_fields(
                    say("run.tool-error", error=f"{type(exc).__name__}: {exc}"[:300])))
        with suppress(Exception):
            await asyncio.wait_for(context.close(), timeout=10)
        await within(task, 10)  # closing the context makes its pending calls fail
        if task.done() and not task.cancelled() and task.exception() is None:
            partial: TaskResult = task.result()
            return partial.model_copy(update={"status": "error", **message_fields(budget_message)})
        task.cancel()
        return TaskResult(
            id=task_id,
            status="error",
            seconds=round(time.monotonic() - started, 2),
            **message_fields(budget_message),
        )


async def audit_site(
    session: BrowserSession,
    url: str,
    settings: Settings,
    run_dir: RunDir,
    progress: Progress,
    *,
    scenarios: Sequence[Any] = (),
    site: SiteResult | None = None,
) -> SiteResult:
    """Fill `site` as work completes, so an interrupted run still reports what it gathered."""
    started = time.monotonic()
    scope = Scope.for_url(url)
    site = site or SiteResult(url=url)
    snapshots: list[PageSnapshot] = []

    # The home page first: it names the site and seeds the crawl.
    async with browser_work(url):
        home, home_snap = await audit_page(session, url, scope, settings, run_dir.child("p001"))
    classify_page_error(home)
    site.pages.append(home)
    counts(progress).page_done()
    progress(_page_line(1, home))
    if home_snap is None or home.error_code == "http-status":
        # Nothing of the site to audit: no tasks, no crawl, no scores (an error page without
        # violations would otherwise score 100). The site's error_code makes the exit code 3.
        site.error_code = home.error_code or OTHER_ERROR
        site.error = f"home page could not be loaded: {home.error or 'no answer'}"
        site.seconds = round(time.monotonic() - started, 2)
        return site
    snapshots.append(home_snap)
    scope.add(home.final_url or url)
    site.name = site_name(home_snap, url)

    await run_tasks(session, site, scope, settings, run_dir, progress, scenarios)

    # Pages: where the tasks landed (the pages citizens reach) first, then the home page of
    # each language version, then the crawl, one language after another.
    queue = CrawlQueue(scope)
    queue.mark_seen(url)
    for task in site.tasks:
        if task.target_url:
            queue.push(task.target_url, planned=True)
    languages = await _seed_languages(session, queue, url, home_snap, scope, settings)
    home.language = queue.language_of(url) or languages.home
    for link in links_of(home_snap, url, languages):
        queue.push(link)
    before = list(site.pages)  # the home page and the low-vision-mode page
    crawled: dict[int, tuple[PageResult, PageSnapshot | None]] = {}
    picks: dict[int, str] = {}  # id(snapshot) -> the pick it was audited as

    async def audit_crawled(page_url: str, pick: int) -> tuple[PageResult, PageSnapshot | None]:
        number = len(before) + pick + 1
        cookie = getattr(page_url, "cookie", "")
        async with browser_work(page_url):
            result, snap = await audit_page(session, page_url, scope, settings,
                                            run_dir.child(f"p{number:03d}"),
                                            cookies=languages.cookies.get(cookie, ()))
        # A crawled page's own error status stays as it is (a broken link, not an error here).
        result.error_code = result.error_code or error_code(result.error)
        result.variant = f"language-{cookie}" if cookie else result.variant
        result.language = cookie or queue.language_of(page_url) or page_language(snap)
        if snap is not None:
            picks[id(snap)] = page_url
        crawled[pick] = (result, snap)
        site.pages[:] = before + [crawled[k][0] for k in sorted(crawled)]  # pick order
        counts(progress).page_done()
        progress(_page_line(number, result))
        return result, snap

    def picked_links(snap: PageSnapshot) -> list[Pick]:
        return links_of(snap, picks.get(id(snap), snap.url), languages)

    # The other language versions' home pages first, side by side, their links queued before
    # the crawl starts: each language has pages in its lane from the first pick on.
    homes = queue.pop_homes(max(0, settings.max_pages - len(before)))
    await gather_all([audit_crawled(pick, k) for k, pick in enumerate(homes)])
    for k in range(len(homes)):
        if (snap := crawled[k][1]) is not None:
            for link in picked_links(snap):
                queue.push(link)
    await crawl(queue, settings.max_pages - len(before) - len(homes),
                lambda page_url, k: audit_crawled(page_url, k + len(homes)), picked_links)
    snapshots.extend(snap for _, snap in (crawled[k] for k in sorted(crawled)) if snap)

    site.checks = await _site_checks(url, snapshots, scope, settings, progress,
                                     languages.endpoints)
    site.languages = _languages(snapshots)
    for lang, home_of_lang in languages.homes.items():  # a cookie version's home is found here
        if lang in site.languages and not site.languages[lang]:
            site.languages[lang] = home_of_lang
    judge_site(site, settings)  # before the scores: advisory findings block no page
    site.scores = score_site(site)
    site.seconds = round(time.monotonic() - started, 2)
    return site


def judge_site(site: SiteResult, settings: Settings) -> None:
    """Every finding of the site (pages with their checks, tasks, site checks) classified by the
    run's WCAG standard: the one place results are finalised for it (tester.wcag). Idempotent:
    a site broken off midway is judged again where its audit ends."""
    apply_to_site(site, settings.wcag, settings.wcag_level)


async def _seed_languages(
    session: BrowserSession,
    queue: CrawlQueue,
    url: str,
    home_snap: PageSnapshot,
    scope: Scope,
    settings: Settings,
) -> Languages:
    try:
        return await seed_languages(session, queue, url, home_snap, scope, settings)
    except Exception:  # noqa: BLE001 - without the seeds the crawl still finds the versions
        return Languages(home=page_language(home_snap))


async def _site_checks(
    url: str,
    snapshots: list[PageSnapshot],
    scope: Scope,
    settings: Settings,
    progress: Progress,
    cookie_switches: dict[str, int | None],
) -> list[CheckResult]:
    progress("  site checks …")
    try:
        # HTTP only, no browser
        artifacts = await gather_site(url, snapshots, scope, settings, progress, cookie_switches)
        return audit_site_checks(artifacts, snapshots, settings.today, settings)
    except Exception as exc:  # noqa: BLE001 - a check bug must not lose the run
        return [
            CheckResult(id="site-checks", status="error", **message_fields(
                say("run.tool-error", error=f"{type(exc).__name__}: {exc}"[:300])))
        ]


def _languages(snapshots: list[PageSnapshot]) -> dict[str, str | None]:
    try:
        return discover_languages(snapshots)
    except Exception:  # noqa: BLE001 - informational only
        return {}


def _page_line(index: int, page: PageResult) -> str:
    """The page's progress line, counted as the report will count it (advisory and needs-review
    findings left out: the page is classified under the standard when it is audited)."""
    if page.error:
        return f"  [{index}] {page.url}: {page.error}"
    violations = sum(1 for f in page.findings if confirmed(f))
    failed = sum(1 for c in page.checks if c.status == "failed")
    return (f"  [{index}] {page.url}: {counted('axe-finding', violations)}, "
            f"{counted('failed-check', failed)}")
