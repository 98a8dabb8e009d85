"""The shipped example scenarios (scenarios/*.yaml) pass on the bundled demo site, with axe at
every snapshot; the same steps fail when the site lacks what they expect."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support.browser_thread import BrowserThread

from tester.artifacts import RunDir
from tester.browser import BrowserSession, Scope
from tester.checks.axe import run_axe
from tester.demo.server import SiteServer
from tester.env import TaskEnv
from tester.model import Finding, TaskResult
from tester.scenarios import Scenario, load_scenarios, run_scenario

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).parents[2] / "scenarios"


async def axe_findings(page: Any, name: str) -> list[Finding]:
    outcome = await run_axe(page, 60)
    assert outcome.status == "ok", outcome.message
    return outcome.findings


def run(thread: BrowserThread, site: SiteServer, scenario: Scenario, out: Path,
        action_timeout_ms: int | None = None) -> TaskResult:
    async def go(session: BrowserSession) -> TaskResult:
        scope = Scope.for_url(site.url)
        settings = session.settings.with_overrides(action_timeout_ms=action_timeout_ms)
        async with session.context(scope) as (context, log):
            env = TaskEnv(page=await context.new_page(), context=context, start_url=site.url,
                          scope=scope, settings=settings, run_dir=RunDir(out), log=log)
            return await run_scenario(scenario, env, axe_findings)

    return thread.run(go, timeout=180)


@pytest.fixture(scope="module")
def examples() -> dict[str, Scenario]:
    scenarios, problems = load_scenarios([EXAMPLES])
    assert problems == []
    return {s.id: s for s in scenarios}


@pytest.mark.parametrize(
    ("scenario_id", "clicks", "landing"),
    [
        ("demo-find-contacts", 1, "/ru/contacts.html"),
        ("demo-appeal", 1, "/ru/appeals.html#procedure"),
        ("demo-switch-to-kazakh", 2, "/kk/contacts.html"),
    ],
)
def test_example_scenario_passes_on_demo(
    browser_thread: BrowserThread, demo_site: SiteServer, examples: dict[str, Scenario],
    tmp_path: Path, scenario_id: str, clicks: int, landing: str,
) -> None:
    scenario = examples[scenario_id]
    result = run(browser_thread, demo_site, scenario, tmp_path)
    assert result.status == "passed", result.message
    assert result.clicks == clicks
    assert result.target_url == demo_site.url_for(landing)
    assert len(result.steps) == len(scenario.steps) + 1
    # Loading and clicking take measurable time, and the steps fit in the task's time.
    assert all(s.ms > 0 for s in result.steps if s.action in ("goto", "click"))
    assert sum(s.ms for s in result.steps) <= result.seconds * 1000 + 50
    snapshots = result.evidence["snapshots"]
    assert snapshots and all("error" not in s for s in snapshots)
    # Each rule listed has at least one finding behind it, and is listed once.
    assert all(
        s["findings"] >= len(s["rules"]) and len(set(s["rules"])) == len(s["rules"])
        for s in snapshots
    )
    shots = [s.screenshot for s in result.steps if s.screenshot]
    assert shots and all((tmp_path / shot).is_file() for shot in shots)


def test_example_steps_fail_where_the_site_does_not_match(
    browser_thread: BrowserThread, demo_site: SiteServer, examples: dict[str, Scenario],
    tmp_path: Path,
) -> None:
    # Started on the English home page, the Russian menu label is not there to click.
    contacts = replace(examples["demo-find-contacts"], start="/en/index.html")
    result = run(browser_thread, demo_site, contacts, tmp_path, action_timeout_ms=1_500)
    assert result.status == "failed"
    assert result.message.startswith("step 1 (click link 'Контакты'): link 'Контакты' not found")
    # On the Kazakh home page the menu says "Азаматтардың өтініштері": the Russian label is absent.
    appeal = replace(examples["demo-appeal"], start="/kk/index.html")
    result = run(browser_thread, demo_site, appeal, tmp_path, action_timeout_ms=1_500)
    assert result.status == "failed"
    assert result.message.startswith(
        "step 1 (hover link 'Обращения граждан'): link 'Обращения граждан' not found on "
        f"{demo_site.url_for('/kk/index.html')}"
    )
