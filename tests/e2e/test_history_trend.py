"""The trend an audit writes after recording: real `ashyq check` processes, real Chromium, the
demo site on 127.0.0.1, a real SQLite file. The first run has none; the second has both runs in
result.json and draws them in index.html."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tester.demo import SiteServer
from tester.model import RunResult

pytestmark = pytest.mark.e2e


def audit(site: SiteServer, out: Path) -> RunResult:
    done = subprocess.run(
        [sys.executable, "-m", "tester", "check", site.url, "--out", str(out), "--checks", "axe",
         "--formats", "json,html"], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    return RunResult.from_json((out / "result.json").read_text(encoding="utf-8"))


def test_the_second_recorded_run_carries_and_draws_its_trend(
    demo_site: SiteServer, tmp_path: Path
) -> None:
    first = audit(demo_site, tmp_path / "reports" / "first")
    assert first.sites[0].trend is None
    assert "<svg" not in (tmp_path / "reports" / "first" / "index.html").read_text("utf-8")

    second = audit(demo_site, tmp_path / "reports" / "second")
    trend = second.sites[0].trend
    assert trend is not None and [point.run for point in trend] == ["first", "second"]
    assert trend[-1].started_at == second.started_at
    html = (tmp_path / "reports" / "second" / "index.html").read_text("utf-8")
    # `check` has no tasks: at least the findings-by-impact chart, with its text alternative
    assert 'id="site-1-trend"' in html and '<svg class="trend-chart"' in html
    assert '<title id="site-1-trend-findings-t">Findings by impact</title>' in html
    assert "<script" not in html
