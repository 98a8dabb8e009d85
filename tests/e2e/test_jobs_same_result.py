"""`--jobs 1` and `--jobs 4` give the same result.json, in content and in order: the demo site
and two fixture sites built on other CMS markup, every task and every check, then `check` on
pages of three hosts. Only times differ (and the recorded `jobs` setting); screenshots carry the
same names, because each piece of work names its own files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tester.artifacts import RunDir
from tester.browser import BrowserSession
from tester.config import Settings
from tester.demo.server import SiteServer
from tester.model import RunResult
from tester.runner import check_pages, new_result, run_sites

pytestmark = pytest.mark.e2e

TIMES = {"seconds", "timings", "started_at", "finished_at", "ms"}


def comparable(result: RunResult) -> Any:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in TIMES}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data = strip(result.model_dump(mode="json"))
    data["settings"].pop("jobs")
    return data


def first_difference(a: Any, b: Any, path: str = "") -> str | None:
    if type(a) is not type(b):
        return f"{path}: {a!r:.120} != {b!r:.120}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            found = first_difference(a.get(key), b.get(key), f"{path}/{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            only = [x for x in a if x not in b] + [y for y in b if y not in a]
            return f"{path}: {len(a)} items != {len(b)}; on one side only: {only!r:.1500}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r:.120} != {b!r:.120}"


def shots(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "screenshots").iterdir())


def test_run_is_the_same_with_one_job_and_four(browser_thread, test_settings: Settings,
                                               demo_site: SiteServer, serve_fixture,
                                               tmp_path: Path) -> None:
    urls = [demo_site.url, serve_fixture("nav-joomla").url, serve_fixture("nav-lang-select").url]
    results: dict[int, RunResult] = {}
    for jobs in (1, 4):
        # The product's timeouts (20 s a load, 5 s an action), not the suite's short ones: with
        # four jobs beside another test worker, a task that missed 3 s moved the crawl's order.
        settings = test_settings.with_overrides(jobs=jobs, max_pages=4, checks="all",
                                                navigation_timeout_ms=20_000,
                                                action_timeout_ms=5_000)

        async def run(session: BrowserSession, settings: Settings = settings,
                      jobs: int = jobs) -> RunResult:
            return await run_sites(session, urls, settings, RunDir(tmp_path / f"j{jobs}"),
                                   progress=lambda _line: None)

        results[jobs] = browser_thread.run(run, timeout=900, settings=settings)
    one, four = results[1], results[4]
    assert [s.url for s in four.sites] == urls
    assert all(s.error is None and len(s.pages) >= 3 and s.tasks for s in four.sites)
    # Task verdicts first: they decide which pages the crawl starts from.
    for site_one, site_four in zip(one.sites, four.sites, strict=True):
        assert [(t.id, t.status, t.target_url) for t in site_one.tasks] == \
            [(t.id, t.status, t.target_url) for t in site_four.tasks], \
            [t.message for t in (*site_one.tasks, *site_four.tasks) if t.status != "passed"]
    assert first_difference(comparable(one), comparable(four)) is None
    assert shots(tmp_path / "j1") == shots(tmp_path / "j4")
    referenced = {p.screenshot for s in four.sites for p in s.pages if p.screenshot}
    assert referenced and all((tmp_path / "j4" / r).is_file() for r in referenced)


def test_check_is_the_same_with_one_job_and_four(browser_thread, test_settings: Settings,
                                                 demo_site: SiteServer, serve_fixture,
                                                 tmp_path: Path) -> None:
    joomla, mega = serve_fixture("nav-joomla").url, serve_fixture("nav-mega-menu").url
    urls = [demo_site.url + "ru/contacts.html", joomla, demo_site.url + "kk/index.html", mega,
            demo_site.url + "no-such-page.html", demo_site.url + "en/index.html"]
    results: dict[int, RunResult] = {}
    for jobs in (1, 4):
        settings = test_settings.with_overrides(jobs=jobs, checks="axe")

        async def run(session: BrowserSession, settings: Settings = settings,
                      jobs: int = jobs) -> RunResult:
            return await check_pages(session, urls, settings, RunDir(tmp_path / f"j{jobs}"),
                                     lambda _line: None, new_result(settings, "check"))

        results[jobs] = browser_thread.run(run, timeout=600)
    four = results[4]
    # Sites in order of first appearance, pages in the order given within each.
    assert [len(s.pages) for s in four.sites] == [4, 1, 1]
    assert [p.url for p in four.sites[0].pages] == [urls[0], urls[2], urls[4], urls[5]]
    assert four.sites[0].pages[2].error_code == "http-status"
    assert first_difference(comparable(results[1]), comparable(four)) is None
    assert shots(tmp_path / "j1") == shots(tmp_path / "j4")
