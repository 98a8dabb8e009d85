"""Audit one page: load it once, then axe and the low-vision battery on the same document."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from contextlib import suppress

from playwright.async_api import BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from tester.artifacts import RunDir
from tester.browser import BrowserSession, Scope, load, page_timings
from tester.checks.axe import element_boxes, run_axe
from tester.checks.base import PageCheck
from tester.checks.lowvision import LOWVISION_CHECKS
from tester.config import Settings
from tester.env import PageEnv
from tester.gather.snapshot import PageSnapshot, take_snapshot
from tester.model import CheckResult, Finding, PageResult, Timings


def page_checks_for(depth: str) -> list[PageCheck]:
    """The low-vision checks selected by --checks (axe is run separately)."""
    return list(LOWVISION_CHECKS) if depth in ("lowvision", "all") else []


async def audit_page(
    session: BrowserSession,
    url: str,
    scope: Scope,
    settings: Settings,
    run_dir: RunDir,
) -> tuple[PageResult, PageSnapshot | None]:
    """Never raises for site problems; the page budget is enforced by closing the context."""
    checks = page_checks_for(settings.checks)
    result = PageResult(url=url)
    snapshot: PageSnapshot | None = None
    async with session.context(scope) as (context, _log):
        page = await context.new_page()
        budget = asyncio.get_running_loop().call_later(
            settings.page_budget_s, lambda: asyncio.ensure_future(_close(page))
        )
        try:
            snapshot = await _audit_loaded(
                page, context, url, scope, settings, run_dir, checks, result
            )
        except PlaywrightError as exc:
            reason = "page budget exceeded" if page.is_closed() else str(exc).splitlines()[0][:200]
            result.error = result.error or reason
        finally:
            budget.cancel()
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
) -> PageSnapshot | None:
    loaded = await load(page, url, settings)
    result.final_url = loaded.final_url
    result.http_status = loaded.http_status
    if not loaded.ok:
        result.error = loaded.error
        return None
    result.timings = Timings(**await page_timings(page))
    return await audit_document(page, context, url, scope, settings, run_dir, checks, result)


async def audit_document(
    page: Page,
    context: BrowserContext,
    url: str,
    scope: Scope,
    settings: Settings,
    run_dir: RunDir,
    checks: Sequence[PageCheck],
    result: PageResult,
) -> PageSnapshot:
    """Snapshot, screenshot, axe and page checks on the document as it is now (no reload)."""
    snapshot = await take_snapshot(page, result.http_status)
    result.title, result.lang = snapshot.title, snapshot.lang
    result.screenshot = await run_dir.shoot(page, f"page-{snapshot.title or url}", full_page=True)

    if settings.checks in ("axe", "all"):
        outcome = await run_axe(page, settings.axe_timeout_ms / 1000)
        result.axe_status = outcome.status  # type: ignore[assignment]
        if outcome.status != "ok":
            result.error = outcome.message
            return snapshot
        await _outline(page, outcome.findings, result.screenshot, run_dir)
        result.findings.extend(outcome.findings)

    env = PageEnv(page, context, url, scope, settings, run_dir, result.screenshot)
    for check in checks:
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
            message=f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}",
        )
    for finding in outcome.findings:
        box, shot = finding.data.get("box"), finding.data.get("shot")
        if box and shot and not finding.screenshot:
            finding.screenshot = env.run_dir.outline(shot, [tuple(box)], f"{check.id}-finding")
    outcome.data.setdefault("ms", int((time.monotonic() - started) * 1000))
    return outcome


async def _outline(page: Page, findings: list[Finding], shot: str | None, run_dir: RunDir) -> None:
    """One outlined copy of the page screenshot per rule, all of that rule's elements marked."""
    if not shot or not findings:
        return
    boxes = await element_boxes(page, [f.selector for f in findings])
    by_rule: dict[str, list[tuple[Finding, list[float]]]] = {}
    for finding, box in zip(findings, boxes, strict=False):
        if box is not None:
            finding.data["box"] = [round(v) for v in box]
            by_rule.setdefault(f"{finding.rule}/{finding.needs_review}", []).append((finding, box))
    for key, items in by_rule.items():
        rel = run_dir.outline(shot, [tuple(b) for _, b in items], f"axe-{key.split('/')[0]}")
        for finding, _ in items:
            finding.screenshot = rel


async def _close(page: Page) -> None:
    with suppress(Exception):
        await page.close()
