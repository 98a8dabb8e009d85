"""Audit one page: load it once, then axe and the low-vision battery on the same document."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from playwright.async_api import BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from tester.artifacts import RunDir
from tester.browser import BrowserSession, Scope, load, page_timings
from tester.checks.axe import AXE_PARTIAL, axe_selection, element_boxes, run_axe
from tester.checks.axe_source import axe_script
from tester.checks.base import PageCheck, runs_group
from tester.config import Settings
from tester.deadline import Deadline
from tester.env import PageEnv
from tester.gather.csp import CspHeader, page_csp
from tester.gather.snapshot import PageSnapshot, take_snapshot
from tester.i18n import counted, message_fields, say
from tester.model import CheckResult, Finding, PageResult, Timings
from tester.watch import NEVER_SETTLED, PageWatch, checkpoint, relaxed, watch_page
from tester.wcag import apply_to_page


def page_checks_for(depth: str) -> list[PageCheck]:
    """The registered page checks the --checks depth selects (axe is run separately)."""
    from tester.registry import page_check_specs

    return [check for check in page_check_specs() if runs_group(depth, check.group)]


async def audit_page(
    session: BrowserSession,
    url: str,
    scope: Scope,
    settings: Settings,
    run_dir: RunDir,
    *,
    cookies: Sequence[Any] = (),
) -> tuple[PageResult, PageSnapshot | None]:
    """Never raises for site problems; the page budget is enforced by closing the context.

    `cookies` are set in the context first: a language version chosen by a cookie is audited
    with the cookie its language switch set (tester.runner.languages).

    The caller holds the run's slot for it (tester.politeness.browser_work).

    A hostile page is stopped sooner by its guards (tester.watch, the dialog and popup caps):
    the page is closed, and `error_code`/`error` say which guard stopped it and why.
    """
    checks = page_checks_for(settings.checks)
    result = PageResult(url=url)
    snapshot: PageSnapshot | None = None
    async with session.context(scope) as (context, log):
        if cookies:
            await context.add_cookies(list(cookies))
        page = await context.new_page()
        watch = watch_page(page, log, settings.unresponsive_probe_s)
        try:
            with Deadline(settings.page_budget_s).on_expiry(lambda: _close(page)):
                snapshot = await _audit_loaded(
                    page, context, url, scope, settings, run_dir, checks, result, watch
                )
        except PlaywrightError as exc:
            reason = "page budget exceeded" if page.is_closed() else str(exc).splitlines()[0][:200]
            result.error = result.error or reason
        finally:
            await watch.finish()
        if log.stop_code is not None:
            # What the guard saw is the cause; any error after it ("page closed") is an effect.
            result.error_code, result.error = log.stop_code, log.stop_reason
            snapshot = None if result.axe_status not in ("ok", "partial") else snapshot
        elif watch.navigations_after_load:
            # The document was replaced under the audit (a reload or redirect after load): a
            # step that failed with "execution context was destroyed" failed because of that.
            moved = (
                "the page never settled: it navigated by itself "
                f"{counted('time', watch.navigations_after_load)} after it loaded"
            )
            result.error_code = NEVER_SETTLED
            result.error = (
                f"{moved}, so it could not be audited as one document ({result.error})"
                if result.error
                else f"{moved}; audited as it was"
            )
        elif result.error is None and (unsettled := watch.unsettled()):
            result.error_code, result.error = NEVER_SETTLED, unsettled
    # Classified now, so progress lines count what the report counts (idempotent: the site is
    # classified again when it is finished).
    apply_to_page(result, settings.wcag, settings.wcag_level)
    return result, snapshot


async def _audit_loaded(
    page: Page,
    context: BrowserContext,
    url: str,
    scope: Scope,
    settings: Settings,
    run_dir: RunDir,
    checks: Sequence[PageCheck],
    result: PageResult,
    watch: PageWatch,
) -> PageSnapshot | None:
    csp_header = CspHeader(page)  # the main document's CSP header, seen as it arrives
    loaded = await load(page, url, settings)
    csp_header.stop()
    result.final_url = loaded.final_url
    result.http_status = loaded.http_status
    if not loaded.ok:
        result.error = loaded.error
        result.error_code = loaded.code or result.error_code
        return None
    watch.start()
    await watch.checkpoint("reading page timings")
    result.timings = Timings(**await page_timings(page))
    return await audit_document(
        page, context, url, scope, settings, run_dir, checks, result, csp_header=csp_header.value
    )


async def audit_document(
    page: Page,
    context: BrowserContext,
    url: str,
    scope: Scope,
    settings: Settings,
    run_dir: RunDir,
    checks: Sequence[PageCheck],
    result: PageResult,
    *,
    csp_header: str | None = None,
) -> PageSnapshot:
    """Snapshot, screenshot, axe and page checks on the document as it is now (no reload)."""
    snapshot = await take_snapshot(page, result.http_status)
    result.title, result.lang = snapshot.title, snapshot.lang
    result.csp = await page_csp(page, csp_header)
    await checkpoint(page, "the screenshot")  # a hung page is stopped here (tester.watch)
    result.screenshot = await run_dir.shoot(page, f"page-{snapshot.title or url}", full_page=True)

    if runs_group(settings.checks, "axe"):
        await checkpoint(page, "axe-core")
        with relaxed(page):  # axe keeps the page's thread busy; its own timeout bounds it
            outcome = await run_axe(
                page, settings.axe_timeout_ms / 1000,
                selection=axe_selection(settings.enhanced_contrast, settings.wcag_level),
                script=axe_script(settings.axe_source, settings.npm_registry))
        result.axe_status = outcome.status  # type: ignore[assignment]
        result.axe_version, result.axe_groups = outcome.version, outcome.groups
        if outcome.status != "ok":
            # A partial run keeps its findings but never reads as clean: the error names the
            # rule groups that did not finish (error_code "axe-partial" for the report).
            result.error = outcome.message
            if outcome.status == "partial":
                result.error_code = AXE_PARTIAL  # also when axe's stop closed a busy page
            if outcome.status != "partial" or page.is_closed():
                return snapshot
        await _outline(page, outcome.findings, result.screenshot, run_dir)
        result.findings.extend(outcome.findings)

    env = PageEnv(page, context, url, scope, settings, run_dir, result.screenshot)
    for check in checks:
        await checkpoint(page, f"check {check.id}")
        result.checks.append(await run_check(check, env))
        if page.is_closed():
            break
    return snapshot


async def run_check(check: PageCheck, env: PageEnv) -> CheckResult:
    """gather + audit; a check that throws becomes an error result, never a crashed run."""
    started = time.monotonic()
    try:
        artifact = await check.gather(env)
        outcome = check.audit(artifact)
    except Exception as exc:  # noqa: BLE001 - any check bug is reported, the run goes on
        outcome = CheckResult(
            id=check.id,
            status="error",
            wcag=list(check.wcag),
            **message_fields(say("run.tool-error", error=f"{type(exc).__name__}: "
                                 f"{str(exc).splitlines()[0][:200] if str(exc) else ''}")),
        )
    for finding in outcome.findings:
        box, shot = finding.data.get("box"), finding.data.get("shot")
        if box and shot and not finding.screenshot:
            finding.screenshot = await asyncio.to_thread(
                env.run_dir.outline, shot, [tuple(box)], f"{check.id}-finding")
    outcome.data.setdefault("ms", int((time.monotonic() - started) * 1000))
    return outcome


async def _outline(page: Page, findings: list[Finding], shot: str | None, run_dir: RunDir) -> None:
    """One outlined copy per rule: a band of the page screenshot from the rule's first element
    (tester.artifacts.evidence_band). A finding points at it only when its element is in the
    band; the others keep their box and selector (a band per element doubled a long page's
    weight on disk)."""
    if not shot or not findings:
        return
    boxes = await element_boxes(page, [f.selector for f in findings])
    by_rule: dict[str, list[tuple[Finding, list[float]]]] = {}
    for finding, box in zip(findings, boxes, strict=False):
        if box is not None:
            finding.data["box"] = [round(v) for v in box]
            by_rule.setdefault(f"{finding.rule}/{finding.needs_review}", []).append((finding, box))
    for key, items in by_rule.items():
        # Pillow work in a thread, one copy after another: pages running side by side keep
        # the event loop, and the files keep their numbers.
        rel, (top, bottom) = await asyncio.to_thread(
            run_dir.outline_band, shot, [tuple(b) for _, b in items], f"axe-{key.split('/')[0]}")
        for finding, (_x, y, _w, h) in items:
            if rel is not None and top <= y and y + h <= bottom:
                finding.screenshot = rel


async def _close(page: Page) -> None:
    with suppress(Exception):
        await page.close()
