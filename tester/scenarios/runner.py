"""Run one scenario in a TaskEnv: every step timed, a screenshot after actions, axe at snapshots.

Status follows the result contract: a step the site cannot satisfy (target missing, expect not
met, page outside the site or broken) is `failed`; a bad selector or a tool problem is `error`.
The task budget is enforced by a tester.deadline watchdog that closes the page (Playwright calls
must not be cancelled), after which the pending step fails with "budget exceeded".
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page, Request
from playwright.async_api import TimeoutError as PlaywrightTimeout

from tester.browser import describe_error, load
from tester.deadline import Deadline
from tester.env import TaskEnv
from tester.gate import confirmed
from tester.i18n import Message, message_fields, say
from tester.model import Finding, Step, TaskResult
from tester.scenarios.model import Scenario, ScenarioStep
from tester.scenarios.targets import (
    check_expectation,
    explain_missing,
    locate_visible,
    select_options,
)
from tester.textsafe import clean_text

SnapshotHook = Callable[[Page, str], Awaitable[list[Finding]]]
NAV_GRACE_S = 0.3  # how long to watch for a navigation an action starts late
SHOT_AFTER = ("goto", "click", "fill", "press", "select", "hover", "snapshot")
VERBS = {"click": "click", "fill": "fill", "press": "press a key in", "select": "select in",
         "hover": "hover over"}
BAD_SELECTOR_HINTS = ("Unexpected token", "is not a valid selector", "SyntaxError",
                      "Unknown engine")


class StepFailed(Exception):
    """The site fails the script at this step."""


class StepError(Exception):
    """The scenario or the tool is at fault; the site may be fine."""


class _Run:
    def __init__(self, scenario: Scenario, env: TaskEnv, on_snapshot: SnapshotHook | None) -> None:
        self.scenario = scenario
        self.env = env
        self.page = env.page
        self.on_snapshot = on_snapshot
        self.budget = Deadline(env.settings.task_budget_s)
        self.started = self.budget.started
        self.steps: list[Step] = []
        self.snapshots: list[dict[str, Any]] = []
        self.navigations = 0  # main-frame documents committed
        self.nav_requests = 0  # main-frame navigation requests started
        self.nav_failures = 0
        self.budget_hit = False
        self.current = 0  # number of the step being run (0 = the start page)

    # -- bookkeeping -------------------------------------------------------------------------
    def _count_navigation(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.navigations += 1

    def _is_main_navigation(self, request: Request) -> bool:
        return request.is_navigation_request() and request.frame == self.page.main_frame

    def _count_request(self, request: Request) -> None:
        if self._is_main_navigation(request):
            self.nav_requests += 1

    def _count_failure(self, request: Request) -> None:
        if self._is_main_navigation(request):
            self.nav_failures += 1

    def listen(self, on: bool) -> None:
        pairs = (("framenavigated", self._count_navigation), ("request", self._count_request),
                 ("requestfailed", self._count_failure))
        for event, handler in pairs:
            if on:
                self.page.on(event, handler)  # type: ignore[call-overload]
            else:
                with suppress(Exception):
                    self.page.remove_listener(event, handler)

    def _on_budget(self) -> Awaitable[None]:
        self.budget_hit = True
        return _quietly(self.page.close())

    def resolve(self, url: str) -> str:
        """Paths are relative to the audited site's home (env.start_url)."""
        return urljoin(self.env.start_url, url)

    # -- steps -------------------------------------------------------------------------------
    async def goto(self, url: str) -> None:
        absolute = self.resolve(url)
        if not self.env.scope.contains(absolute):
            raise StepFailed(f"{absolute} is outside the audited site (not followed)")
        loaded = await load(self.page, absolute, self.env.settings)
        if not loaded.ok:
            raise StepFailed(f"{loaded.error or 'page did not load'} ({absolute})")
        if loaded.http_status is not None and loaded.http_status >= 400:
            raise StepFailed(f"{absolute} answered HTTP {loaded.http_status}")

    async def settle(self, requests_before: int, navigations_before: int) -> bool:
        """Wait briefly for a navigation the action may have started; if one did, let it reach
        `load` (bounded). True when the action navigated.

        Some navigations start after the action returns (a <select> whose change handler sets
        location, a script's setTimeout), so a short grace window watches for them.
        """
        def started() -> bool:
            return self.nav_requests > requests_before or self.navigations > navigations_before

        grace_end = time.monotonic() + NAV_GRACE_S
        while not started() and time.monotonic() < grace_end and not self.page.is_closed():
            await asyncio.sleep(0.03)
        if not started():
            return False
        nav_s = self.env.settings.navigation_timeout_ms / 1000
        failures = self.nav_failures
        commit_end = time.monotonic() + nav_s
        while (self.navigations == navigations_before and self.nav_failures == failures
               and time.monotonic() < commit_end and not self.page.is_closed()):
            await asyncio.sleep(0.03)
        with suppress(PlaywrightError):
            await self.page.wait_for_load_state("domcontentloaded", timeout=nav_s * 1000)
            await self.page.wait_for_load_state("load", timeout=min(5_000, nav_s * 1000))
        return self.navigations > navigations_before

    async def act(self, step: ScenarioStep) -> None:
        timeout = self.env.settings.action_timeout_ms
        target = step.target
        if step.kind == "goto":
            assert step.url is not None
            await self.goto(step.url)
            return
        if step.kind == "wait":
            await asyncio.sleep(max(0.0, min((step.ms or 0) / 1000, self.budget.remaining())))
            return
        if step.kind == "expect":
            assert step.expect is not None
            failure = await check_expectation(self.page, step.expect, timeout)
            if failure is not None:
                part, reason = failure
                raise StepFailed(f"expect {part}", reason)
            return
        if step.kind == "snapshot":
            await self.snapshot(step)
            return
        if step.kind == "press" and target is None:
            await self.page.keyboard.press(step.value or "", delay=0)
            return
        assert target is not None
        locator = locate_visible(self.page, target)
        try:
            if step.kind == "click":
                await locator.click(timeout=timeout)
            elif step.kind == "hover":
                await locator.hover(timeout=timeout)
            elif step.kind == "fill":
                await locator.fill(step.value or "", timeout=timeout)
            elif step.kind == "press":
                await locator.press(step.value or "", timeout=timeout)
            elif step.kind == "select":
                await locator.wait_for(state="visible", timeout=timeout)
                options = await select_options(locator)
                wanted = step.value or ""
                if not any(wanted in (value, label) for value, label in options):
                    shown = ", ".join(label or value for value, label in options[:10]) or "none"
                    raise StepFailed(f"no option '{wanted}' in {target.describe()} on "
                                     f"{self.page.url} (options: {shown})")
                await locator.select_option(wanted, timeout=timeout)
        except PlaywrightTimeout as exc:
            raise StepFailed(await explain_missing(self.page, target, exc, VERBS[step.kind])) \
                from exc

    async def snapshot(self, step: ScenarioStep) -> None:
        name = step.value or "snapshot"
        entry: dict[str, Any] = {"name": name, "step": self.current, "url": self.page.url}
        if self.on_snapshot is not None:
            try:
                findings = await self.on_snapshot(self.page, name)
            except Exception as exc:  # noqa: BLE001 - a checker bug must not end the scenario
                entry["error"] = describe_error(exc)
                findings = []
            violations = [f for f in findings if confirmed(f)]
            entry.update(
                findings=len(findings),
                violations=len(violations),
                needs_review=sum(f.needs_review for f in findings),
                advisory=sum(f.advisory and not f.needs_review for f in findings),
                impacts=dict(Counter(f.impact for f in violations)),
                rules=sorted({f.rule for f in findings}),
            )
        self.snapshots.append(entry)
        if self.page.is_closed() and not self.budget_hit:
            raise StepError("the page was closed during the accessibility check "
                            "(axe-core timed out?)")

    # -- driver ------------------------------------------------------------------------------
    async def run_step(self, number: int, step: ScenarioStep | None) -> None:
        """Run one step (None = the start page) and record it, also when it fails."""
        self.current = number
        kind = step.kind if step else "goto"
        start = (say("step.scenario-start", url=self.scenario.start) if self.scenario.start
                 else say("step.scenario-start-home"))
        label = step.label if step else start.render()
        blocked_before = len(self.env.log.blocked_navigations)
        navigations_before, requests_before = self.navigations, self.nav_requests
        url_before = self.page.url
        began = time.monotonic()
        ended: float | None = None
        failure: BaseException | None = None
        try:
            if step is None:
                await self.goto(self.scenario.start or self.env.start_url)
            else:
                await self.act(step)
                if kind in ("click", "press", "select"):
                    ended = time.monotonic()
                    if await self.settle(requests_before, navigations_before):
                        ended = None  # the step lasts until the new page has loaded
        except Exception as exc:  # noqa: BLE001 - classified by the caller
            failure = exc
        blocked = self.env.log.blocked_navigations[blocked_before:]
        if blocked and kind in ("click", "press", "select") and not isinstance(failure, StepError):
            # Also when the action itself then failed: Playwright can wait out its timeout for
            # the navigation the guard stopped, and "not found on chrome-error://" hides why.
            failure = StepFailed(f"leads outside the audited site ({blocked[-1]}), not followed")
        ms = int(((ended or time.monotonic()) - began) * 1000)
        navigated = self.navigations > navigations_before or self.page.url != url_before
        counts = kind == "click" or (kind in ("press", "select") and navigated)
        shot = None
        if not self.page.is_closed() and (kind in SHOT_AFTER or failure is not None):
            shot = await self.env.run_dir.shoot(self.page, f"{self.scenario.id}-{number}-{kind}")
        url = "" if self.page.is_closed() else self.page.url
        label = clean_text(label, 300, one_line=True)
        keyed = {} if step else {"label_key": start.key, "label_values": start.data()}
        self.steps.append(Step(action=kind, label=label, url=url, ms=ms, screenshot=shot, **keyed,
                               counts_as_click=counts))
        if failure is not None:
            raise failure

    async def execute(self) -> tuple[str, str | Message]:
        numbered: list[tuple[int, ScenarioStep | None]] = [(0, None)]
        numbered += [(i + 1, s) for i, s in enumerate(self.scenario.steps)]
        for number, step in numbered:
            what = step.describe() if step else f"goto {self.scenario.start or 'site home'}"
            where = f"step {number} ({what})" if step else f"start ({what})"
            over_budget = ("failed", f"{where}: task budget of {self.budget_s:g} s exceeded")
            if self.budget_hit:
                return over_budget
            try:
                await self.run_step(number, step)
            except StepError as exc:
                return "error", f"{where}: {exc}"
            except (StepFailed, PlaywrightError) as exc:
                if self.budget_hit:
                    return over_budget
                if isinstance(exc, StepFailed):
                    if len(exc.args) == 2:  # expect: name the failing part, not the whole mapping
                        return "failed", f"step {number} ({exc.args[0]}): {exc.args[1]}"
                    return "failed", f"{where}: {exc}"
                text = str(exc)
                if any(hint in text for hint in BAD_SELECTOR_HINTS):
                    return "error", f"{where}: invalid selector ({text.splitlines()[0][:160]})"
                return "error", f"{where}: {describe_error(exc)}"
        return "passed", say("scenario.passed", count=len(self.scenario.steps))

    @property
    def budget_s(self) -> float:
        return self.env.settings.task_budget_s

    def result(self, status: str, message: str | Message) -> TaskResult:
        log = self.env.log
        evidence: dict[str, Any] = {
            "scenario_file": self.scenario.file,
            "snapshots": self.snapshots,
            "steps_total": len(self.scenario.steps),
            "steps_done": max(0, len(self.steps) - 1),
        }
        if self.scenario.language:
            evidence["language"] = self.scenario.language
        for key, values in (("blocked_navigations", log.blocked_navigations),
                            ("blocked_addresses", log.blocked_addresses),
                            ("dialogs", log.dialogs), ("popups", log.popups)):
            if values:
                evidence[key] = list(values)[:20]
        if self.scenario.warnings:
            evidence["warnings"] = [str(w) for w in self.scenario.warnings]
        final_url = self.steps[-1].url if self.steps else ""
        if status != "passed" and final_url:
            evidence["failed_at_url"] = final_url
        return TaskResult(
            id=self.scenario.id,
            title=self.scenario.name,
            status=status,  # type: ignore[arg-type]
            clicks=sum(1 for s in self.steps if s.counts_as_click),
            seconds=round(time.monotonic() - self.started, 2),
            target_url=final_url if status == "passed" and final_url else None,
            steps=self.steps,
            evidence=evidence,
            # A failure quotes page text (titles, options): cleaned; our own words are keyed.
            **message_fields(message if isinstance(message, Message)
                             else clean_text(message, 1000)),
        )


async def run_scenario(
    scenario: Scenario, env: TaskEnv, on_snapshot: SnapshotHook | None = None
) -> TaskResult:
    """Run the scenario on env.page; never raises (tool faults become status "error")."""
    run = _Run(scenario, env, on_snapshot)
    run.listen(True)
    try:
        with run.budget.on_expiry(run._on_budget):
            status, message = await run.execute()
    except Exception as exc:  # noqa: BLE001 - the contract: never raise, report an error result
        status, message = "error", f"tool error: {describe_error(exc)}"
    finally:
        run.listen(False)
    try:
        return run.result(status, message)
    except Exception as exc:  # noqa: BLE001
        return TaskResult(id=scenario.id, title=scenario.name, status="error",
                          message=f"tool error: {describe_error(exc)}")


async def _quietly(awaitable: Awaitable[Any]) -> None:
    with suppress(Exception):
        await awaitable
