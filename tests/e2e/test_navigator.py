"""The navigator on real Chromium against small fixture sites with answer keys, and the demo site.

Each tests/fixtures/nav-*/answers.json says, per task, the expected verdict, the target page and
the shortest click count; every pair (site, task) is one test. The demo site's key is
tests/fixtures/demo-answers.json. bench/findability.py grades against the same keys
(tests/support/answer_keys.py documents their fields).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.answer_keys import demo_answer_key, fixture_answer_keys

from tester.artifacts import RunDir
from tester.browser import BrowserSession, ContextLog, Scope
from tester.env import TaskEnv
from tester.model import TaskResult
from tester.navigator import run_task
from tester.registry import task_spec

pytestmark = pytest.mark.e2e


def start_path(root: Path) -> str:
    """Where the run starts on the site: the key's "_start" (a body's section of a unified
    platform, as an operator auditing that body gives it), else the home page."""
    data = json.loads((root / "answers.json").read_text(encoding="utf-8"))
    return str(data.get("_start", "/"))


def _answer_cases() -> list:
    return [
        pytest.param(key.site, task_id, expected, id=f"{key.site}:{task_id}")
        for key in fixture_answer_keys()
        for task_id, expected in key.answers.items()
    ]


def _demo_cases() -> list:
    return [
        pytest.param(task_id, expected, id=task_id)
        for task_id, expected in demo_answer_key().answers.items()
    ]


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
    assert result.id == task_id and result.title == task_spec(task_id).title
    assert result.message, "every verdict explains itself"
    assert result.clicks == sum(step.counts_as_click for step in result.steps)
    assert result.clicks <= budget
    assert result.steps and result.steps[0].action == "goto"
    shots = [s.screenshot for s in result.steps if s.screenshot]
    assert len(shots) >= len(result.steps) - 1
    assert all((run_dir / shot).is_file() for shot in shots)


def assert_matches_answer(result: TaskResult, task_id: str, expected: dict) -> None:
    """The verdict and whatever else the answer key states (tests/support/answer_keys.py)."""
    assert result.status == expected["status"], result.message
    if expected["status"] == "passed" and "target" in expected:
        assert target_matches(result.target_url, expected["target"]), result.target_url
    if expected["status"] == "failed":
        assert result.target_url is None or task_id == "find-low-vision-version"
    for key, value in expected.get("evidence", {}).items():
        assert result.evidence.get(key) == value, (key, result.evidence)
    if result.optimal_clicks is not None and "optimal_clicks" in expected:
        assert result.optimal_clicks == expected["optimal_clicks"]
    if "max_extra_clicks" in expected:
        assert result.optimal_clicks is not None
        assert result.clicks <= result.optimal_clicks + expected["max_extra_clicks"]
    if "within_three_clicks" in expected:
        assert result.within_three_clicks is expected["within_three_clicks"]


CONCURRENT_TASKS = 3  # answer-key cases run side by side: most of a task's time is waiting


@pytest.fixture(scope="module")
def answer_runs(request, browser_thread, serve_fixture, tmp_path_factory):
    """Every selected (site, task) answer-key case, run once, CONCURRENT_TASKS at a time, on
    the session's browser (as `ashyq run` runs tasks side by side); each test reads its own
    outcome. Only the cases this session selected run (`-k` stays cheap)."""
    wanted = [item.callspec.params for item in request.session.items
              if getattr(item, "originalname", "") == "test_fixture_site_answer_key"]
    expected = {(p["site"], p["task_id"]): p["expected"]["status"] for p in wanted}
    cases = list(expected)
    starts = {}
    for site, _task in cases:
        server = serve_fixture(site)  # hostile behaviours come from the fixture's _routes.json
        starts[site] = server.url.rstrip("/") + start_path(server.root)
    folders = {case: tmp_path_factory.mktemp(f"{case[0]}-{case[1]}") for case in cases}

    async def run_all(session: BrowserSession) -> dict:
        slots = asyncio.Semaphore(CONCURRENT_TASKS)

        async def one(case):
            async with slots:
                try:
                    return case, await run_on(session, starts[case[0]], case[1], folders[case])
                except Exception as exc:  # noqa: BLE001 - re-raised by the case's own test
                    return case, exc

        outcomes = dict(await asyncio.gather(*(one(case) for case in cases)))
        # Side by side is a harder test than the case's own: a site whose menu arrives late can
        # miss its wait on a loaded machine. A case that misses its key then runs alone, as it
        # did before the cases shared the browser, and that run is the one judged.
        for case, outcome in outcomes.items():
            if isinstance(outcome, Exception) or outcome[0].status != expected[case]:
                _case, outcomes[case] = await one(case)
        return outcomes

    outcomes = browser_thread.run(run_all, timeout=60 + 60 * len(cases)) if cases else {}
    return outcomes, folders


@pytest.mark.parametrize("site,task_id,expected", _answer_cases())
def test_fixture_site_answer_key(site, task_id, expected, answer_runs, test_settings):
    """Verdict, target, evidence and shortest path against the site's answer key."""
    outcomes, folders = answer_runs
    outcome = outcomes[(site, task_id)]
    if isinstance(outcome, Exception):
        raise outcome
    result, log = outcome
    assert_matches_answer(result, task_id, expected)
    assert_well_formed(result, task_id, folders[(site, task_id)], test_settings.click_budget)
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


@pytest.mark.parametrize("task_id,expected", _demo_cases())
def test_demo_site_answer_key(task_id, expected, browser_thread, demo_site, tmp_path,
                              test_settings):
    result, _ = browser_thread.run(lambda s: run_on(s, demo_site.url, task_id, tmp_path),
                                   timeout=120)
    assert_matches_answer(result, task_id, expected)
    assert_well_formed(result, task_id, tmp_path, test_settings.click_budget)
