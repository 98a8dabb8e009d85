"""`ashyq run URL1 URL2`: two fixture sites in one run, compared side by side in the report.

One real run (a separate process, real Chromium, both sites on 127.0.0.1) is shared by the
tests; the comparison section of its index.html is then checked with axe-core at 1280 and
320 px. Set ASHYQ_REPORT_SHOTS=<dir> to keep the screenshots for a human look.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe

from tester.model import RunResult
from tester.report.summary import site_findings

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
TASKS = ("find-contacts", "switch-to-kazakh")
FIXTURES = ("nav-footer-contacts", "nav-kazakh-first")


@pytest.fixture(scope="module")
def run_dir(serve_fixture, tmp_path_factory: pytest.TempPathFactory) -> Path:
    urls = [serve_fixture(name).url for name in FIXTURES]
    out = tmp_path_factory.mktemp("multi-site")
    done = subprocess.run(
        [sys.executable, "-m", "tester", "run", *urls, "--out", str(out), "--max-pages", "2",
         "--checks", "axe", "--tasks", ",".join(TASKS)],
        capture_output=True, text=True, timeout=400,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "[site 2/2]" in done.stderr
    (out / "urls.txt").write_text("\n".join(urls), encoding="utf-8")
    return out


def test_both_sites_in_run_order(run_dir: Path) -> None:
    urls = (run_dir / "urls.txt").read_text(encoding="utf-8").split("\n")
    result = RunResult.from_json((run_dir / "result.json").read_text(encoding="utf-8"))
    assert [site.url.rstrip("/") for site in result.sites] == [u.rstrip("/") for u in urls]
    for site in result.sites:
        assert [task.id for task in site.tasks] == list(TASKS)
        assert 1 <= len(site.pages) <= 2 and site.error is None


def test_comparison_csv_matches_result(run_dir: Path) -> None:
    result = RunResult.from_json((run_dir / "result.json").read_text(encoding="utf-8"))
    with (run_dir / "comparison.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    for row, site in zip(rows, result.sites, strict=True):
        assert row["url"] == site.url and row["site"] == (site.name or site.url)
        assert [row[f"task:{task}"] for task in TASKS] == [t.status for t in site.tasks]
        assert int(row["pages"]) == len(site.pages)
        assert float(row["seconds"]) == pytest.approx(site.seconds, abs=0.06)
        for key in ("tasks", "accessibility"):
            assert float(row[f"score_{key}"]) == pytest.approx(site.scores[key], abs=0.06)
        violations = [f for f in site_findings(site)
                      if f.source == "axe" and not f.needs_review and not f.advisory]
        for impact in ("critical", "serious"):
            assert int(row[f"axe_{impact}"]) == sum(f.impact == impact for f in violations)


def test_index_has_the_comparison_and_summary_md_too(run_dir: Path) -> None:
    html = (run_dir / "index.html").read_text(encoding="utf-8")
    assert html.index('id="summary"') < html.index('id="compare"') < html.index('id="site-1"')
    section = html[html.index('id="compare"'):html.index('id="site-1"')]
    assert re.findall(r'<th scope="row"><a href="#(site-\d+)">', section) == ["site-1", "site-2"]
    md = (run_dir / "summary.md").read_text(encoding="utf-8")
    assert "## Sites compared" in md


async def _look(session, index: Path, width: int, shot: Path) -> dict:
    context = await session.browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = await context.new_page()
        await page.goto(index.as_uri(), wait_until="load")
        results = await Axe().run(page, options={
            "runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
        })
        facts = await page.evaluate("""() => {
            const region = document.querySelector('#compare .table-scroll');
            return {pageWidth: document.documentElement.scrollWidth,
                    regionScrolls: region.scrollWidth > region.clientWidth,
                    regionFocusable: region.tabIndex === 0};
        }""")
        await page.locator("#compare").screenshot(path=str(shot))
        violations = [(v["id"], [n["target"] for n in v["nodes"][:3]])
                      for v in results.response["violations"]]
        return {**facts, "violations": violations}
    finally:
        await context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_comparison_passes_axe_and_scrolls_inside_its_region(
    browser_thread, run_dir: Path, tmp_path: Path, width: int
) -> None:
    keep = os.environ.get("ASHYQ_REPORT_SHOTS")
    shot_dir = Path(keep) if keep else tmp_path
    shot_dir.mkdir(parents=True, exist_ok=True)
    shot = shot_dir / f"compare-{width}.png"
    facts = browser_thread.run(lambda s: _look(s, run_dir / "index.html", width, shot),
                               timeout=120)
    assert facts["violations"] == []
    assert facts["pageWidth"] <= width  # the page itself never scrolls sideways
    assert facts["regionFocusable"]
    if width == 320:
        assert facts["regionScrolls"]  # the wide table scrolls inside its region, not the page
    assert shot.stat().st_size > 5_000
