"""Trend charts in the HTML report: pure SVG from SiteResult.trend, drawn only from two runs on,
hostile text escaped, points where the numbers put them; and the trend the audit attaches."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.history_runs import make_result

from tester.cli.history_command import add_trends
from tester.config import Settings
from tester.history import database_url, open_history, record_run
from tester.i18n import Translator
from tester.model import TrendPoint, TrendTask
from tester.report.html import render_html
from tester.report.trends import HEIGHT, render_trends, x_of, y_of

HOSTILE = '<script>alert("x")</script>&'
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def point(day: int, tasks_score: float, clicks: int | None = 2,
          findings: dict[str, int] | None = None) -> TrendPoint:
    tasks = [TrendTask(id="find-contacts", status="passed", clicks=3, seconds=4.5)]
    if clicks is not None:
        tasks.append(TrendTask(id=HOSTILE, status="failed", clicks=clicks, seconds=9.0))
    return TrendPoint(started_at=START + timedelta(days=day), run=f"run-{day}",
                      scores={"tasks": tasks_score, "accessibility": 80.0},
                      findings=findings or {"critical": 1, "serious": 2, "moderate": 0,
                                            "minor": 3},
                      tasks=tasks)


def svgs(markup: str) -> list[ET.Element]:
    """Each chart parsed as XML: well-formed, so nothing from the data broke out of it."""
    charts = re.findall(r'<svg class="trend-chart".*?</svg>', markup, re.S)
    return [ET.fromstring(found) for found in charts]


def test_one_run_or_none_draws_nothing() -> None:
    t = Translator("en")
    assert render_trends(None, t, "site-1") == ""
    assert render_trends([], t, "site-1") == ""
    assert render_trends([point(0, 50.0)], t, "site-1") == ""
    result = make_result(0, sites=1)
    result.sites[0].trend = [point(0, 50.0)]
    html = render_html(result, "en")
    assert "site-1-trend" not in html and "<svg" not in html


def test_three_runs_draw_four_charts_with_text_alternatives() -> None:
    markup = str(render_trends([point(0, 40.0), point(1, 55.0), point(2, 70.0)],
                               Translator("en"), "site-1"))
    charts = svgs(markup)
    assert len(charts) == 4  # scores, findings, clicks, seconds
    for chart in charts:
        assert chart.get("role") == "img"
        title, desc = chart.find("title"), chart.find("desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert chart.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert charts[0].find("title").text == "Scores out of 100"  # type: ignore[union-attr]
    assert "Citizen tasks: from 40 to 70" in (charts[0].find("desc").text or "")  # type: ignore[union-attr]
    assert "<table>" in markup and markup.count("<tr><th scope=\"row\">") == 3


def test_points_sit_where_the_numbers_put_them() -> None:
    markup = str(render_trends([point(0, 40.0), point(1, 55.0), point(2, 70.0)],
                               Translator("en"), "s"))
    # 480 wide, runs from x 58 to 450 (inset from the axis); y from 168 (0) up to 14 (100)
    assert (x_of(0, 3), x_of(1, 3), x_of(2, 3)) == (58.0, 254.0, 450.0)
    assert (y_of(0, 100), y_of(100, 100)) == (HEIGHT - 32, 14)
    assert 'points="58.0,106.4 254.0,83.3 450.0,60.2"' in markup
    # the findings bars stack: critical 1 + serious 2 + minor 3 = 6, the axis' top
    bars = svgs(markup)[1].findall("rect")
    heights = [float(bar.get("height", 0)) for bar in bars if bar.find("title") is not None]
    assert len(heights) == 9 and round(sum(heights[:3]), 1) == 154.0


def test_hostile_task_ids_are_escaped_everywhere() -> None:
    markup = str(render_trends([point(0, 40.0), point(1, 55.0)], Translator("en"), "s"))
    assert "<script" not in markup
    assert "&lt;script&gt;" in markup
    svgs(markup)  # still well-formed XML


def test_a_task_missing_from_a_run_breaks_its_line_and_says_so_in_the_table() -> None:
    trend = [point(0, 40.0), point(1, 55.0, clicks=None), point(2, 70.0, clicks=5)]
    markup = str(render_trends(trend, Translator("ru"), "s"))
    clicks = svgs(markup)[2]
    lines = [line.get("points") for line in clicks.findall("polyline")]
    assert lines[0] == "58.0,75.6 254.0,75.6 450.0,75.6"  # find-contacts: 3 of 5
    assert lines[1:] == ["58.0,106.4", "450.0,14.0"]  # the hostile task: 2, gap, 5
    assert "—" in markup and "5 кликов" in markup and "3 клика" in markup


def test_the_report_shows_the_trend_and_keeps_its_csp() -> None:
    result = make_result(0, sites=1)
    result.sites[0].trend = [point(0, 40.0), point(1, 55.0)]
    html = render_html(result, "kk")
    assert 'id="site-1-trend"' in html and "Соңғы тексерулердегі өзгеріс" in html
    assert "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'" in html
    assert "<script" not in html


def test_the_audit_attaches_a_trend_only_from_the_second_recorded_run(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    settings = Settings(db=database_url("", reports))
    history = open_history(settings.db)
    try:
        first = make_result(0, sites=1)
        record_run(history, first, "run-0")
        assert add_trends(settings, first, reports / "run-0") is False
        assert first.sites[0].trend is None
        second = make_result(1, sites=1)
        record_run(history, second, "run-1")
        assert add_trends(settings, second, reports / "run-1") is True
    finally:
        history.close()
    trend = second.sites[0].trend
    assert trend is not None and [p.run for p in trend] == ["run-0", "run-1"]
    assert trend[-1].started_at == second.started_at
    assert trend[-1].tasks[0] == TrendTask(id="find-contacts", status="passed", clicks=2,
                                           seconds=3.5)
    # and it survives result.json: the report renders from the document alone
    assert type(second).model_validate_json(second.to_json()).sites[0].trend == trend


def test_a_site_without_history_writes_no_trend_key() -> None:
    # Older readers reject unknown keys: a run that has no trend must not carry one.
    from tester.model import RunResult, SiteResult

    result = RunResult(sites=[SiteResult(url="https://akimat.gov.kz/")])
    assert '"trend"' not in result.to_json()
    result.sites[0].trend = []
    assert '"trend": []' in result.to_json()
    assert RunResult.from_json(result.to_json()).sites[0].trend == []


def test_runs_on_one_day_are_told_apart_by_their_time_and_labels_never_crowd() -> None:
    same_day = [point(0, 40.0), point(0, 55.0)]
    same_day[1].started_at = same_day[0].started_at + timedelta(hours=2, minutes=5)
    markup = str(render_trends(same_day, Translator("en"), "s"))
    assert ">03-02 09:00<" in markup and ">03-02 11:05<" in markup  # axis labels
    assert ">2026-03-02 11:05</th>" in markup  # the table row
    assert "1 click," not in markup and "3 clicks" in markup
    # Runs in one minute (two `make demo` runs) keep their seconds.
    same_day[1].started_at = same_day[0].started_at + timedelta(seconds=44)
    assert ">03-02 09:00:44<" in str(render_trends(same_day, Translator("en"), "s"))
    twelve = [point(day, 50.0) for day in range(12)]
    axis = svgs(str(render_trends(twelve, Translator("en"), "s")))[0]
    xs = sorted(float(x.get("x", 0)) for x in axis.findall("text")
                if x.get("text-anchor") == "middle")
    assert len(xs) <= 5 and xs[-1] == round(x_of(11, 12), 1)  # the latest run is labelled
    gap = 3 * (x_of(1, 12) - x_of(0, 12)) - 0.1  # three runs apart (coordinates are rounded)
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= gap


def test_legends_are_html_lists_at_page_text_size() -> None:
    markup = str(render_trends([point(0, 40.0), point(1, 55.0)], Translator("kk"), "s"))
    assert markup.count('<ul class="trend-legend">') == 4
    assert markup.count("<figcaption") == 4
    assert '<svg aria-hidden="true"' in markup  # the swatches say nothing to a screen reader
