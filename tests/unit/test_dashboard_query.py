"""What the dashboard reads from the history, on a real SQLite file and a real PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from support.history_runs import make_result

from tester.history import History, record_run
from tester.history.dashboard_query import recorded_sites, site_documents


def test_every_site_with_its_runs_newest_first_and_its_latest_document(
        history: History, tmp_path: Path) -> None:
    for index in range(3):
        result = make_result(index, sites=2, pages=1, findings=2)
        result.sites[1].url = "http://xn--80aaxhl1b.xn--80ao21a/"  # as Chromium reports акимат.қаз
        result.sites[0].tasks[0].clicks = index
        if index == 2:
            result.sites[1].url = "http://АКИМАТ.қаз:80"  # the same site, spelt as typed
            result.sites[1].error_code = "dns"
        record_run(history, result, f"run-{index}", tmp_path / f"run-{index}")
    with history.transaction() as conn:
        sites = recorded_sites(conn)
        assert set(sites) == {"https://site0.gov.kz/", "http://xn--80aaxhl1b.xn--80ao21a/"}
        first = sites["https://site0.gov.kz/"]
        assert [r.run_name for r in first] == ["run-2", "run-1", "run-0"]
        assert [r.tasks[0].clicks for r in first] == [2, 1, 0]
        assert [(t.task_id, t.status) for t in first[0].tasks] == [
            ("find-contacts", "passed"), ("site-search", "failed")]
        assert first[0].report_dir == str(tmp_path / "run-2")
        assert first[0].impacts == {"critical": 1, "serious": 1, "moderate": 1, "minor": 0}
        assert first[0].name == "Әкімдік 0" and first[0].scores == {"tasks": 50.0,
                                                                     "accessibility": 0.0}
        cyrillic = sites["http://xn--80aaxhl1b.xn--80ao21a/"]
        assert [r.error_code for r in cyrillic] == ["dns", None, None]
        documents = site_documents(conn, [runs[0].site_row for runs in sites.values()])
        assert documents[first[0].site_row]["tasks"][0]["clicks"] == 2
        assert documents[cyrillic[0].site_row]["error_code"] == "dns"
        assert site_documents(conn, []) == {}


def test_an_empty_history_has_no_sites(history: History) -> None:
    with history.transaction() as conn:
        assert recorded_sites(conn) == {}
