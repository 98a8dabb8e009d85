"""The dashboard in real Chromium: axe-core and ashyq's own low-vision checks find nothing
serious or critical on the front page and a site page at 1280 and 390 px; sorting and filtering
work by clicking, from file:// with no request leaving it. Set DASHBOARD_SHOTS=<dir> to
keep screenshots for a human look.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.async_playwright import Axe
from support.history_runs import make_result

from tester.artifacts import RunDir
from tester.browser import Scope, load
from tester.dashboard import build_dashboard, report_linker, write_dashboard
from tester.dashboard.model import Dashboard
from tester.env import PageEnv
from tester.history import database_url, open_history, record_run
from tester.history.dashboard_query import recorded_sites, site_documents
from tester.registry import page_check_specs
from tester.report import load_result

pytestmark = pytest.mark.e2e

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "demo" / "result.json"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = ("serious", "critical")
HOSTILE = "<script>alert(1)</script></svg>\u202eлиам\u2066 " + "ә" * 5000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dashboard]:
    root = tmp_path_factory.mktemp("dashboard")
    history = open_history(database_url("", root / "reports"))
    try:
        for index in range(4):
            result = make_result(index * 30 * 24 * 60, sites=2, pages=1, findings=2)
            result.sites[0].scores["tasks"] = 40.0 + 15 * index
            result.sites[1].tasks[0].status = "failed" if index == 3 else "passed"
            if index == 3:
                result.sites[1].name = HOSTILE
                result.sites[1].error_code = "dns"
            record_run(history, result, f"run-{index}", root / "reports" / f"run-{index}")
        record_run(history, load_result(GOLDEN), "demo")
        with history.transaction() as conn:
            sites = recorded_sites(conn)
            documents = site_documents(conn, [runs[0].site_row for runs in sites.values()])
    finally:
        history.close()
    out = root / "site"
    dashboard = build_dashboard(sites, documents, make_result(0).started_at.date(),
                                report_linker(out))
    write_dashboard(dashboard, out, "en")
    return out, dashboard


async def _audit(session: Any, url: str, width: int, settings: Any, run_root: Path,
                 shot: Path | None, battery: bool) -> dict[str, Any]:
    scope = Scope.for_url(url)
    async with session.context(scope, viewport=(width, 900)) as (context, _log):
        page = await context.new_page()
        loaded = await load(page, url, settings)
        assert loaded.ok, loaded.error
        facts = await page.evaluate("""() => ({
            scrollWidth: document.documentElement.scrollWidth,
            h1: document.querySelectorAll('h1').length,
            mains: document.querySelectorAll('main').length,
            scripted: !!document.querySelector('.sort-button'),
        })""")
        axe = await Axe().run(page, options={
            "runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        facts["axe"] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
                        for v in axe.response["violations"]]
        if shot is not None:
            await page.screenshot(path=str(shot), full_page=True)
        facts["lowvision"] = []
        if battery:
            env = PageEnv(page=page, context=context, url=url, scope=scope, settings=settings,
                          run_dir=RunDir(run_root))
            for check in page_check_specs("lowvision"):
                result = check.audit(await check.gather(env))
                facts["lowvision"] += [(check.id, f.impact, f.needs_review, f.selector)
                                       for f in result.findings]
        return facts


@pytest.mark.parametrize("width", [1280, 390])
def test_front_and_site_pages_pass_axe_and_the_low_vision_checks(
        browser_thread: Any, test_settings: Any, built: tuple[Path, Dashboard], tmp_path: Path,
        width: int) -> None:
    from tester.demo import SiteServer

    out, dashboard = built
    keep = os.environ.get("DASHBOARD_SHOTS")
    trended = next(row for row in dashboard.rows if len(row.history) >= 3 and row.audited)
    with SiteServer(out) as server:  # as published on a web server
        for path in ("index.html", f"ru/sites/{trended.slug}.html"):
            shot = Path(keep) / f"{path.replace('/', '_')}-{width}.png" if keep else None
            facts = browser_thread.run(lambda s, p=path, f=shot: _audit(
                s, server.url_for(p), width, test_settings, tmp_path, f,
                battery=width == 1280), timeout=180)
            assert facts["axe"] == [], (path, facts["axe"])
            assert [f for f in facts["lowvision"] if f[1] in BLOCKING and not f[2]] == [], (
                path, facts["lowvision"])
            assert facts["scrollWidth"] <= width, (path, facts["scrollWidth"])
            assert facts["h1"] == 1 and facts["mains"] == 1
            assert facts["scripted"] == (path == "index.html")  # its script runs over http too


async def _sort_and_filter(session: Any, front: Path) -> dict[str, Any]:
    context = await session.browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        requests: list[str] = []
        console: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console.append(message.text))
        page.on("dialog", lambda dialog: console.append(f"dialog: {dialog.message}"))
        await page.goto(front.as_uri(), wait_until="load")
        scores = "() => [...document.querySelectorAll('#sites tbody tr')].map(r => " \
                 "r.cells[1].getAttribute('data-sort'))"
        out: dict[str, Any] = {"initial": await page.evaluate(scores),
                               "form_shown": await page.is_visible("#dash-filter")}
        score_head = page.locator("#sites thead th").nth(1)
        await score_head.get_by_role("button").click()
        out["ascending"] = (await page.evaluate(scores), await score_head.get_attribute(
            "aria-sort"))
        await score_head.get_by_role("button").click()
        out["descending"] = (await page.evaluate(scores), await score_head.get_attribute(
            "aria-sort"))
        await page.fill("#filter-text", "site0")
        out["text_filter"] = await page.evaluate(
            "() => [...document.querySelectorAll('#sites tbody tr:not([hidden])')].length")
        await page.fill("#filter-text", "")
        await page.check("#filter-failed")
        out["failed_filter"] = await page.evaluate(
            "() => [...document.querySelectorAll('#sites tbody tr:not([hidden])')]"
            ".map(r => r.hasAttribute('data-failed'))")
        out["status"] = await page.text_content("#dash-status")
        out.update(requests=requests, console=console)
        return out
    finally:
        await context.close()


def test_sorting_and_filtering_work_by_clicking_from_disk(
        browser_thread: Any, built: tuple[Path, Dashboard]) -> None:
    out, dashboard = built
    facts = browser_thread.run(lambda s: _sort_and_filter(s, out / "index.html"), timeout=60)
    total = len(dashboard.rows)
    assert facts["form_shown"] and len(facts["initial"]) == total
    known = sorted(float(row.score) for row in dashboard.rows if row.score is not None)
    ascending, state = facts["ascending"]
    # numbers in order; a site without a score (not audited) last in either direction
    assert [float(x) for x in ascending if x is not None] == known and ascending[-1] is None
    assert state == "ascending"
    descending, state = facts["descending"]
    assert [float(x) for x in descending if x is not None] == known[::-1]
    assert descending[-1] is None and state == "descending"
    assert facts["text_filter"] == 1
    assert facts["failed_filter"] and all(facts["failed_filter"])
    assert len(facts["failed_filter"]) == sum(1 for row in dashboard.rows if row.failed_tasks)
    assert f"{len(facts['failed_filter'])} of {total}" in facts["status"]
    assert facts["requests"] and all(url.startswith("file://") for url in facts["requests"])
    assert facts["console"] == []  # no CSP refusal, no script error, no hostile dialog


def test_site_pages_print_to_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    from tester.cli import main

    monkeypatch.chdir(tmp_path)
    url = database_url("", tmp_path)
    history = open_history(url)
    try:
        record_run(history, load_result(GOLDEN), "demo")
    finally:
        history.close()
    assert main(["dashboard", "--db", url, "--out", "d", "--lang", "ru", "--pdf",
                 "--today", "2026-12-01"]) == 0
    assert capsys.readouterr().out.strip() == str((tmp_path / "d" / "index.html").resolve())
    pdfs = list((tmp_path / "d").rglob("*.pdf"))
    assert [p.parent.parent.name for p in pdfs] == ["ru"]  # the default language's site page
    assert pdfs[0].with_suffix(".html").is_file() and pdfs[0].read_bytes()[:5] == b"%PDF-"
