"""The report reads on a desktop and on a phone: opened in real Chromium at 1280x800 and 390x844,
it never scrolls sideways, no table column is hidden or cut off (a card layout shows each
value under its column's name), a step strip that scrolls is a labelled keyboard region that
says so, and ashyq's own page checks (axe-core, the low-vision battery, the markup checks, run
by the production audit_document) find no failure on it.

The report is a realistic one rendered without auditing a site: the demo run's golden result
plus a small second site with a trend (so the comparison and trend tables appear too). Its
screenshots are text-free stand-ins of the same sizes: real ones are pictures of text by
nature (evidence of what a page showed, WCAG 1.4.5's "essential" exception), and reading
them with OCR would cost most of this test's time while saying nothing about the layout.
Set ASHYQ_REPORT_SHOTS=<dir> to keep full-page screenshots for a human look.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from support.history_runs import make_result

from tester.artifacts import RunDir
from tester.browser import Scope, load
from tester.demo import SiteServer
from tester.model import PageResult, RunResult, TrendPoint, TrendTask
from tester.report import load_result, write_report
from tester.report.summary import count_page
from tester.runner.pages import audit_document, page_checks_for
from tester.wcag import apply_to_page

pytestmark = pytest.mark.e2e

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "demo"
SUPPORT = Path(__file__).resolve().parents[1] / "support"
VIEWPORTS = [(1280, 800), (390, 844)]

# Problems with the layout, as the report's reader would meet them; [] when it reads well.
LAYOUT_JS = "\n".join(line for line in (SUPPORT / "report_layout.js").read_text(
    encoding="utf-8").splitlines() if not line.startswith("//"))


def realistic_result() -> RunResult:
    """The demo run's result, a second (smaller) site with three recorded runs appended."""
    result = load_result(GOLDEN / "result.json")
    second = make_result(0, sites=1, pages=1).sites[0]
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    second.trend = [
        TrendPoint(started_at=start + timedelta(weeks=run), run=f"run-{run}",
                   scores={"tasks": 40.0 + 7 * run, "accessibility": 90.0 - 5 * run},
                   findings={"critical": run, "serious": 4 + run},
                   tasks=[TrendTask(id=task.id, status=task.status, clicks=task.clicks,
                                    seconds=task.seconds) for task in second.tasks])
        for run in range(3)
    ]
    result.sites.append(second)
    return result


def write_readable_report(out: Path) -> Path:
    """The realistic report in `out`, with text-free stand-ins for its screenshots."""
    write_report(realistic_result(), out, language="en", formats=["html"])
    (out / "screenshots").mkdir(exist_ok=True)
    for shot in (GOLDEN / "screenshots").iterdir():
        with Image.open(shot) as real:  # a tenth of the size, shown as large: same layout
            width, height = real.size[0] // 10, real.size[1] // 10
        stand_in = Image.new("RGB", (width, height), "#f4f6f8")
        draw = ImageDraw.Draw(stand_in)
        draw.rectangle((0, 0, width, height // 8), fill="#1d5a2c")  # a site's header band
        for row in range(3):  # and blocks where its text would be
            top = height // 4 + row * height // 5
            draw.rectangle((width // 10, top, width * 9 // 10, top + height // 8), fill="#d5dae1")
        stand_in.save(out / "screenshots" / shot.name)
    return out


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_readable_report(tmp_path_factory.mktemp("readable-report"))


async def _read(session: Any, url: str, width: int, height: int, settings: Any,
                run_dir: Path, shot: Path | None) -> dict[str, Any]:
    scope = Scope.for_url(url)
    async with session.context(scope, viewport=(width, height)) as (context, _log):
        page = await context.new_page()
        loaded = await load(page, url, settings)
        assert loaded.ok, loaded.error
        result = PageResult(url=url)
        await audit_document(page, context, url, scope, settings, RunDir(run_dir),
                             page_checks_for("all"), result)
        apply_to_page(result, settings.wcag, settings.wcag_level)
        await page.evaluate("() => document.querySelectorAll('details')"
                            ".forEach(d => d.open = true)")  # folded tables are read too
        layout = await page.evaluate(LAYOUT_JS)
        scroll_width = await page.evaluate("() => document.documentElement.scrollWidth")
        if shot is not None:
            await page.screenshot(path=str(shot), full_page=True, timeout=30_000)
        return {"result": result, "layout": layout, "scroll_width": scroll_width}


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=[f"{w}px" for w, _ in VIEWPORTS])
def test_report_reads_at_desktop_and_phone_width(
    browser_thread: Any, test_settings: Any, report_dir: Path, tmp_path: Path,
    width: int, height: int,
) -> None:
    keep = os.environ.get("ASHYQ_REPORT_SHOTS")
    shot = Path(keep) / f"readable-{width}.png" if keep else None
    with SiteServer(report_dir) as server:
        facts = browser_thread.run(lambda s: _read(
            s, server.url_for("index.html"), width, height, test_settings, tmp_path, shot),
            timeout=120)
    result: PageResult = facts["result"]
    assert facts["scroll_width"] <= width
    assert facts["layout"] == [], facts["layout"]
    assert result.axe_status == "ok", result.error
    assert [c.id for c in result.checks if c.status == "error"] == []
    findings = [*result.findings, *(f for c in result.checks for f in c.findings)]
    failing = [(f.rule, f.impact, f.selector, f.message) for f in findings
               if not f.needs_review and not f.advisory]
    assert failing == [], failing
    assert count_page(result).violations == 0  # as the report itself would count them


# A hidden column, a table cut off by its box, a card without labels, a silent unlabelled
# scroller and a fixed-width banner wider than a phone.
BROKEN = (Path(__file__).resolve().parents[1] / "fixtures" / "report_layout_broken.html").read_text(
    encoding="utf-8")


async def _broken(session: Any) -> list[str]:
    context = await session.browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = await context.new_page()
        await page.set_content(BROKEN)
        return await page.evaluate(LAYOUT_JS)
    finally:
        await context.close()


def test_the_layout_checks_catch_a_hidden_column_a_cut_table_and_a_wide_page(
    browser_thread: Any,
) -> None:
    problems = browser_thread.run(_broken, timeout=30)
    assert any(p.startswith("page scrolls sideways") for p in problems), problems
    assert 'table#hidden-column: header "Time" hidden or cut off' in problems
    assert 'table#hidden-column: cell of column "Time" hidden or cut off' in problems
    assert 'table#cut-off: header "Failed checks" hidden or cut off' in problems
    assert 'table#bare-cards: card value of column "Score" has no visible label' in problems
    assert "div.strip: scrolls sideways but is not a named keyboard region" in problems
    assert "div.strip: scrolls sideways without saying so" in problems
    assert not [p for p in problems if '"Task"' in p or '"Page"' in p]  # visible ones pass
