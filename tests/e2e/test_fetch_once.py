"""One run of the demo site asks each URL of its own (non-browser) requests once: sitemap.xml
serves the find-sitemap task and the sitemap check, three tasks' shortest-path counts share the
pages they fetch, and the link check reuses what they fetched. Counted on the server."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tester.artifacts import RunDir
from tester.browser import BrowserSession
from tester.config import Settings
from tester.demo import server as demo_server
from tester.demo.server import SiteServer
from tester.fetch import USER_AGENT
from tester.runner import run_sites

pytestmark = pytest.mark.e2e


def test_each_tool_request_is_made_once_per_run(browser_thread, test_settings: Settings,
                                                demo_site: SiteServer, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str, str]] = []  # (method, path, user agent)
    dispatch = demo_server._Handler._dispatch

    def recording(handler: Any, head: bool) -> None:
        asked.append((handler.command, handler.path, handler.headers.get("User-Agent", "")))
        dispatch(handler, head)

    monkeypatch.setattr(demo_server._Handler, "_dispatch", recording)
    settings = test_settings.with_overrides(
        tasks=("find-sitemap", "find-contacts", "find-appeal-procedure"), checks="none",
        max_pages=3)

    async def run(session: BrowserSession) -> Any:
        return await run_sites(session, [demo_site.url], settings, RunDir(tmp_path),
                               progress=lambda _line: None)

    result = browser_thread.run(run, timeout=600)
    site = result.sites[0]
    assert {t.id: t.status for t in site.tasks} == {
        "find-sitemap": "passed", "find-contacts": "passed", "find-appeal-procedure": "passed"}
    assert {c.id for c in site.checks} >= {"sitemap", "broken-links"}

    tool = Counter((method, path) for method, path, agent in asked if agent == USER_AGENT)
    assert tool[("GET", "/sitemap.xml")] == 1 and tool[("GET", "/robots.txt")] == 1
    assert tool[("GET", "/")] == 1  # three shortest-path counts start from the home page
    assert [request for request, times in tool.items() if times > 1] == []
    sitemap = next(c for c in site.checks if c.id == "sitemap")
    assert sitemap.data["urls_in_scope"] > 0  # the check did get the task's sitemap.xml
