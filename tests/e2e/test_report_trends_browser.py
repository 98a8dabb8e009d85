"""The trend charts (tester/report/trends.py) in real Chromium: axe finds nothing serious, the
page does not scroll sideways at 390 px, and no chart text is cut off at the chart's edge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe
from support.history_runs import make_result

from tester.model import TrendPoint, TrendTask
from tester.report import write_report

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script></svg>' + "ұзын атау " * 12  # a task id from a plugin
TASKS = ("find-contacts", "find-appeal-procedure", "switch-to-kazakh", "find-low-vision-version",
         "find-sitemap", "site-search", HOSTILE)


def trend(runs: int = 8) -> list[TrendPoint]:
    return [
        TrendPoint(
            started_at=START + timedelta(weeks=run), run=f"run-{run}",
            scores={"tasks": 40.0 + 7 * run, "accessibility": 90.0 - 5 * run,
                    "low_vision": 60.0 + (run % 3) * 10, "kazakh_rules": 55.0},
            findings={"critical": run % 3, "serious": 4 + run, "moderate": 10 - run, "minor": 2},
            tasks=[TrendTask(id=task, status="passed" if (run + n) % 4 else "failed",
                             clicks=1 + (run + n) % 5, seconds=2.5 + n + run / 2)
                   for n, task in enumerate(TASKS) if not (task == HOSTILE and run == 3)],
        )
        for run in range(runs)
    ]


@pytest.fixture(scope="module")
def trend_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = make_result(0, sites=1)
    result.sites[0].trend = trend()
    out = tmp_path_factory.mktemp("trend-report")
    write_report(result, out, "kk", formats=["html"])
    return out / "index.html"


async def _look(session, index: Path, width: int) -> dict:
    context = await session.browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = await context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        await page.goto(index.as_uri(), wait_until="load")
        facts = await page.evaluate("""() => {
            const charts = [...document.querySelectorAll('.trends svg.trend-chart')];
            const cut = [];
            for (const svg of charts) {
                const box = svg.viewBox.baseVal;
                for (const text of svg.querySelectorAll('text')) {
                    const b = text.getBBox();
                    if (b.x < -0.5 || b.x + b.width > box.width + 0.5) cut.push(text.textContent);
                }
            }
            return {
                charts: charts.length,
                widest: Math.max(...charts.map(svg => svg.getBoundingClientRect().right)),
                scrollWidth: document.documentElement.scrollWidth,
                cut,
            };
        }""")
        results = await Axe().run(page, options={
            "runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
        })
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
                   for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        return {**facts, "serious": serious, "dialogs": dialogs}
    finally:
        await context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_trend_charts_pass_axe_and_fit_the_screen(
    browser_thread, trend_report: Path, width: int
) -> None:
    facts = browser_thread.run(lambda s: _look(s, trend_report, width), timeout=120)
    assert facts["charts"] == 4
    assert facts["serious"] == []
    assert facts["dialogs"] == []  # the hostile task id ran nothing
    assert facts["scrollWidth"] <= width  # no sideways scrolling of the page
    assert facts["widest"] <= width
    assert facts["cut"] == []  # every label, legend entry included, inside its chart
