"""One site's runs back out of the history (what `ashyq history` prints and trend charts draw),
on a real SQLite file and a real PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from support.history_runs import BASE, make_result

from tester.history import History, parse_since, record_run, site_runs
from tester.model import RunResult

NAIVE_BASE = BASE.replace(tzinfo=None)


def scored(index: int, tasks_score: float) -> RunResult:
    result = make_result(index, sites=2, pages=2, findings=3)
    result.sites[0].scores["tasks"] = tasks_score
    result.sites[0].tasks[0].clicks = index + 1
    return result


def record_three(history: History) -> None:
    for index, score in ((0, 40.0), (1, 55.0), (2, 70.0)):
        record_run(history, scored(index, score), f"run-{index}")


def test_a_sites_runs_come_newest_first_with_scores_impacts_and_tasks(history: History) -> None:
    record_three(history)
    with history.transaction() as conn:
        rows = site_runs(conn, "HTTPS://Site0.gov.kz:443")  # any spelling of the same site
    assert [row.run_name for row in rows] == ["run-2", "run-1", "run-0"]
    assert [row.scores["tasks"] for row in rows] == [70.0, 55.0, 40.0]
    assert rows[0].started_at == NAIVE_BASE + timedelta(minutes=2)
    # per page: critical, serious, moderate (3 findings, needs-review left out); 2 pages; plus
    # the site check's moderate stale-news finding
    assert rows[0].impacts == {"critical": 2, "serious": 2, "moderate": 3, "minor": 0}
    assert [(t.task_id, t.status, t.clicks, t.seconds) for t in rows[0].tasks] == [
        ("find-contacts", "passed", 3, 3.5), ("site-search", "failed", 7, 12.0)]
    assert {row.url for row in rows} == {"https://site0.gov.kz/"}


def test_limit_and_since_narrow_the_runs(history: History) -> None:
    record_three(history)
    with history.transaction() as conn:
        assert [r.run_name for r in site_runs(conn, "https://site0.gov.kz/", limit=2)] == [
            "run-2", "run-1"]
        since = NAIVE_BASE + timedelta(minutes=1)
        assert [r.run_name for r in site_runs(conn, "https://site0.gov.kz/", since=since)] == [
            "run-2", "run-1"]
        assert site_runs(conn, "https://site0.gov.kz/", since=since + timedelta(days=1)) == []


def test_other_sites_and_unknown_urls_find_nothing_of_it(history: History) -> None:
    record_three(history)
    with history.transaction() as conn:
        assert {r.url for r in site_runs(conn, "https://site1.gov.kz/")} == {
            "https://site1.gov.kz/"}
        assert site_runs(conn, "https://site0.gov.kz/other/") == []
        assert site_runs(conn, "https://site9.gov.kz/") == []
        assert site_runs(conn, "not a url") == []


def test_a_cyrillic_host_is_found_by_either_spelling(history: History) -> None:
    result = make_result(0, sites=1)
    result.sites[0].url = "http://xn--80aaxhl1b.xn--80ao21a/"  # as Chromium reports акимат.қаз
    record_run(history, result, "cyrillic")
    with history.transaction() as conn:
        assert [r.run_name for r in site_runs(conn, "http://АКИМАТ.қаз")] == ["cyrillic"]


def test_since_counts_back_from_the_given_day_never_the_real_one() -> None:
    today = date(2026, 3, 31)
    assert parse_since("30d", today) == datetime(2026, 3, 1)
    assert parse_since("4w", today) == datetime(2026, 3, 3)
    assert parse_since("2026-01-15", today) == datetime(2026, 1, 15)
    for bad in ("soon", "30", "-3d", ""):
        with pytest.raises(ValueError, match="--since"):
            parse_since(bad, today)
