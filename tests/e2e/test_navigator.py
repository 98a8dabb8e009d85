"""The navigator on real Chromium against small fixture sites with answer keys, and the demo site.

Each tests/fixtures/nav-*/answers.json says, per task, the expected verdict, the target page and
the shortest click count; every pair (site, task) is one test.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tester.artifacts import RunDir
from tester.browser import BrowserSession, ContextLog, Scope
from tester.env import TaskEnv
from tester.model import TaskResult
from tester.navigator import TASK_TITLES, run_task

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).parent.parent / "fixtures"
ALL_TASKS = ("find-contacts", "find-appeal-procedure", "switch-to-kazakh",
             "find-low-vision-version", "find-sitemap", "site-search")


def _answer_cases() -> list:
    cases = []
    for answers in sorted(FIXTURES.glob("nav-*/answers.json")):
        site = answers.parent.name
        for task_id, expected in json.loads(answers.read_text(encoding="utf-8")).items():
            cases.append(pytest.param(site, task_id, expected, id=f"{site}:{task_id}"))
    return cases


async def run_on(session: BrowserSession, url: str, task_id: str,
                 run_dir: Path) -> tuple[TaskResult, ContextLog]:
    scope = Scope.for_url(url)
    async with session.context(scope) as (context, log):
        page = await context.new_page()
        env = TaskEnv(page=page, context=context, start_url=url, scope=scope,
                      settings=session.settings, run_dir=RunDir(run_dir), log=log)
        return await run_task(task_id, env), log


def target_matches(result_url: str | None, expected: str) -> bool:
    """Absolute targets (outbound links) match exactly; site paths match the path, plus the
    query or #route only when the answer key names one."""
    if result_url is None:
        return False
    if expected.startswith("http"):
        return result_url == expected
    parts = urlsplit(result_url)
    got = parts.path
    if "?" in expected:
        got += f"?{parts.query}"
    if "#" in expected:
        got += f"#{parts.fragment}"
    return got == expected


def assert_well_formed(result: TaskResult, task_id: str, run_dir: Path, budget: int) -> None:
    assert result.id == task_id and result.title == TASK_TITLES[task_id]
    assert result.message, "every verdict explains itself"
    assert result.clicks == sum(step.counts_as_click for step in result.steps)
    assert result.clicks <= budget
    assert result.steps and result.steps[0].action == "goto"
    shots = [s.screenshot for s in result.steps if s.screenshot]
    assert len(shots) >= len(result.steps) - 1
    assert all((run_dir / shot).is_file() for shot in shots)


@pytest.mark.parametrize("site,task_id,expected", _answer_cases())
def test_fixture_site_answer_key(site, task_id, expected, browser_thread, serve_fixture,
                                 tmp_path, test_settings):
    """Verdict, target, evidence and shortest path against the site's answer key."""
    server = serve_fixture(site)  # hostile behaviours come from the fixture's _routes.json
    result, log = browser_thread.run(lambda s: run_on(s, server.url, task_id, tmp_path),
                                     timeout=120)
    assert result.status == expected["status"], result.message
    assert_well_formed(result, task_id, tmp_path, test_settings.click_budget)
    if expected["status"] == "passed" and "target" in expected:
        assert target_matches(result.target_url, expected["target"]), result.target_url
    if expected["status"] == "failed":
        assert result.target_url is None or task_id == "find-low-vision-version"
    for key, value in expected.get("evidence", {}).items():
        assert result.evidence.get(key) == value, (key, result.evidence)
    if result.optimal_clicks is not None and "optimal_clicks" in expected:
        assert result.optimal_clicks == expected["optimal_clicks"]
    # Outbound links are credited, never followed: nothing left the site's scope.
    assert not [u for u in log.blocked_navigations if "eotinish" in u or "egov" in u]


def test_failed_contacts_evidence_lists_what_was_tried(browser_thread, serve_fixture, tmp_path):
    server = serve_fixture("nav-no-contacts")
    result, _ = browser_thread.run(lambda s: run_on(s, server.url, "find-contacts", tmp_path))
    assert result.status == "failed"
    assert "Контакты" in result.evidence["tried"]
    assert "phone number and e-mail/address" in result.message


def test_contacts_evidence_is_parsed(browser_thread, serve_fixture, tmp_path):
    server = serve_fixture("nav-footer-contacts")
    result, _ = browser_thread.run(lambda s: run_on(s, server.url, "find-contacts", tmp_path))
    assert result.evidence["phones"] == ["+7 (72770) 2-11-45", "8 727 123 45 67"]
    assert result.evidence["emails"] == ["info@zhasyl-akimat.test"]
    assert "ул. Абая, 15" in result.evidence["address"]


def test_unknown_task_is_an_error_not_an_exception(browser_thread, serve_fixture, tmp_path):
    server = serve_fixture("nav-footer-contacts")
    result, _ = browser_thread.run(lambda s: run_on(s, server.url, "find-weather", tmp_path))
    assert result.status == "error" and "find-weather" in result.message


def test_unreachable_site_is_an_error(browser_thread, tmp_path):
    result, _ = browser_thread.run(
        lambda s: run_on(s, "http://127.0.0.1:9/", "find-contacts", tmp_path))
    assert result.status == "error" and "did not load" in result.message


@pytest.mark.parametrize("task_id", ALL_TASKS)
def test_demo_site_tasks_pass(task_id, browser_thread, demo_site, tmp_path, test_settings):
    result, _ = browser_thread.run(lambda s: run_on(s, demo_site.url, task_id, tmp_path),
                                   timeout=120)
    assert result.status == "passed", result.message
    assert_well_formed(result, task_id, tmp_path, test_settings.click_budget)
    if task_id in ("find-contacts", "find-appeal-procedure", "find-sitemap"):
        assert result.optimal_clicks is not None and result.clicks <= result.optimal_clicks + 1
        assert result.within_three_clicks is True
