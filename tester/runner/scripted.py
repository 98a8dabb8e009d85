"""Scripted scenarios (scenarios/*.yaml) run as tasks, with axe at each snapshot step."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import Page

from tester.checks.axe import axe_selection, run_axe
from tester.checks.axe_source import axe_script
from tester.config import Settings
from tester.env import TaskEnv
from tester.model import Finding, TaskResult
from tester.wcag import apply_standard


def scenario_job(
    scenario: Any, settings: Settings
) -> tuple[str, Callable[[TaskEnv], Awaitable[TaskResult]]]:
    from tester.scenarios import run_scenario

    async def on_snapshot(page: Page, _name: str) -> list[Finding]:
        outcome = await run_axe(
            page, settings.axe_timeout_ms / 1000,
            selection=axe_selection(settings.enhanced_contrast, settings.wcag_level),
            script=axe_script(settings.axe_source, settings.npm_registry))
        return apply_standard(outcome.findings, settings.wcag, settings.wcag_level)

    def factory(env: TaskEnv) -> Awaitable[TaskResult]:
        return run_scenario(scenario, env, on_snapshot)

    return f"scenario:{scenario.id}", factory
