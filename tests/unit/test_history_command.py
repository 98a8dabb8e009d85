"""`ashyq history URL` as a user runs it: a separate process reading a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.history_runs import make_result, one_line_error

from tester.cli.history_command import render_table
from tester.history import database_url, open_history, record_run, site_runs


def ashyq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = database_url("", tmp_path)
    history = open_history(url)
    try:
        for index in range(3):
            result = make_result(index, sites=2)
            result.sites[0].scores["tasks"] = 40.0 + 10 * index
            record_run(history, result, f"run-{index}")
    finally:
        history.close()
    return url


def test_history_prints_the_sites_runs_newest_first(db_url: str) -> None:
    done = ashyq("history", "https://site0.gov.kz", "--db", db_url)
    assert done.returncode == 0, done.stderr
    runs = [line for line in done.stdout.splitlines() if line.startswith("2026-")]
    assert [line.split()[-1] for line in runs] == ["run-2", "run-1", "run-0"]
    assert "60.0" in runs[0] and "40.0" in runs[2]
    assert "find-contacts: passed, 2 clicks, 3.5 s" in done.stdout
    assert "site-search: failed, 7 clicks, 12.0 s" in done.stdout


def test_history_json_and_limit(db_url: str) -> None:
    done = ashyq("history", "https://site0.gov.kz/", "--db", db_url, "--json", "--limit", "2")
    assert done.returncode == 0, done.stderr
    runs = json.loads(done.stdout)
    assert [run["run"] for run in runs] == ["run-2", "run-1"]
    assert runs[0]["started_at"] == "2026-03-02T09:02:00Z"
    assert runs[0]["findings"] == {"critical": 2, "serious": 2, "moderate": 3, "minor": 0}
    assert runs[0]["tasks"][0] == {"task_id": "find-contacts", "status": "passed", "clicks": 2,
                                   "seconds": 3.5}


def test_since_counts_back_from_today_as_given(db_url: str) -> None:
    kept = ashyq("history", "https://site0.gov.kz/", "--db", db_url, "--json",
                 "--since", "30d", "--today", "2026-03-31")
    assert kept.returncode == 0, kept.stderr
    assert len(json.loads(kept.stdout)) == 3
    gone = ashyq("history", "https://site0.gov.kz/", "--db", db_url,
                 "--since", "30d", "--today", "2026-04-02")
    assert gone.returncode == 1
    assert "no recorded runs of https://site0.gov.kz/ since 2026-03-03" in one_line_error(
        gone.stderr)


def test_clear_one_line_errors(db_url: str, tmp_path: Path) -> None:
    missing = ashyq("history", "https://site0.gov.kz/", "--db", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 1
    assert "history database" in one_line_error(missing.stderr)
    assert not (tmp_path / "none.sqlite").exists()
    unknown = ashyq("history", "https://elsewhere.kz/", "--db", db_url)
    assert unknown.returncode == 1
    assert "no recorded runs of https://elsewhere.kz/" in one_line_error(unknown.stderr)
    for bad in (("ftp://site0.gov.kz/",), ("https://site0.gov.kz/", "--since", "soon")):
        done = ashyq("history", *bad, "--db", db_url)
        assert done.returncode == 1
        one_line_error(done.stderr)


def test_the_table_shows_a_site_not_audited_and_missing_scores(db_url: str) -> None:
    history = open_history(db_url)
    try:
        with history.transaction() as conn:
            rows = site_runs(conn, "https://site0.gov.kz/", limit=1)
    finally:
        history.close()
    row = rows[0]
    broken = type(row)(**{**row.__dict__, "error_code": "unreachable", "scores": {}})
    table = render_table([broken]).splitlines()
    assert table[0].split()[:4] == ["started", "(UTC)", "run", "tasks"]
    assert "(not audited: unreachable)" in table[1]
    assert table[1].count(" - ") >= 3


def test_diff_of_a_site_compares_its_oldest_and_newest_runs_in_the_window(
        db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "diff"
    done = ashyq("diff", "--site", "https://SITE0.gov.kz", "--since", "30d", "--today",
                 "2026-03-31", "--db", db_url, "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = (out / "diff.json").read_text(encoding="utf-8")
    diff = json.loads(text)
    assert "site1" not in text  # that site only, not the runs' other sites
    assert [(s["before"], s["after"]) for s in diff["scores"] if s["score"] == "tasks"] == [
        (40.0, 60.0)]


def test_diff_of_a_site_needs_two_runs_and_not_both_ways(db_url: str) -> None:
    empty = ashyq("diff", "--site", "https://site0.gov.kz/", "--since", "30d", "--today",
                  "2026-04-30", "--db", db_url)
    assert empty.returncode == 1
    assert "0 recorded runs since 2026-03-31" in one_line_error(empty.stderr)
    both = ashyq("diff", "a", "b", "--site", "https://site0.gov.kz/", "--db", db_url)
    assert both.returncode == 1
    assert "not both" in one_line_error(both.stderr)
    neither = ashyq("diff", "--db", db_url)
    assert neither.returncode == 1
    one_line_error(neither.stderr)
