"""`ashyq db …` as a user runs it: separate processes, real SQLite files and a real PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.history_runs import (
    expected_findings,
    make_result,
    one_line_error,
    read_only_file,
    write_run_folder,
)

from tester.history import database_url


def ashyq(*args: str, cwd: Path | None = None, timeout: float = 120
          ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tester", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd)


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tester", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        found = {name: conn.execute(sa.text(f"SELECT count(*) FROM {name}")).scalar_one()
                 for name in ("runs", "sites", "tasks", "findings")}
        found["distinct_sites"] = conn.execute(sa.text(
            "SELECT count(*) FROM (SELECT DISTINCT run_id, url FROM sites) AS s")).scalar_one()
    engine.dispose()
    return found


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database that does not exist yet (SQLite) or is empty (PostgreSQL)."""
    if request.param == "sqlite":
        return database_url("", tmp_path / "db")
    return str(request.getfixturevalue("postgres_cluster").new_database())


@pytest.fixture
def db_url(fresh_url: str) -> str:
    """A database ready to record into (a server's schema is made by `ashyq db upgrade`)."""
    if not fresh_url.startswith("sqlite"):
        done = ashyq("db", "upgrade", "--db", fresh_url)
        assert done.returncode == 0, done.stderr
    return fresh_url


def test_import_turns_report_folders_into_history_once(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    files = [write_run_folder(reports, f"2026030{i}-090000-site", make_result(i))
             for i in range(1, 4)]
    first = ashyq("db", "import", *map(str, files), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count(": imported as run") == 3
    again = ashyq("db", "import", str(reports / "20260301-090000-site"), *map(str, files),
                  cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("already recorded") == 4
    # The default database is beside the run folders: reports/history.sqlite.
    url = database_url("", reports)
    assert counts(url)["runs"] == 3 and counts(url)["sites"] == 6
    listed = ashyq("db", "runs", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["name"] for r in rows] == [f"2026030{i}-090000-site" for i in (3, 2, 1)]
    assert rows[0]["started_at"] == "2026-03-02T09:03:00Z"
    table = ashyq("db", "runs", cwd=tmp_path)
    assert "20260303-090000-site" in table.stdout and table.returncode == 0


def test_old_or_invalid_result_files_get_a_clear_message(tmp_path: Path) -> None:
    good = write_run_folder(tmp_path, "good", make_result(1))
    old = tmp_path / "old" / "result.json"
    old.parent.mkdir()
    old.write_text(json.dumps({"schema_version": "0.9", "sites": []}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1.0", "sites": [{"url": 3}]}', encoding="utf-8")
    db = tmp_path / "h.sqlite"
    done = ashyq("db", "import", "--db", str(db), str(old), str(good), str(broken),
                 str(tmp_path / "missing.json"))
    assert done.returncode == 1
    assert "result schema 0.9 is not readable by this ashyq" in done.stderr
    assert "broken.json: not a valid ashyq result" in done.stderr
    assert "missing.json: no such file" in done.stderr
    assert "3 of 4 result files not imported" in one_line_error(done.stderr)
    assert counts(database_url(str(db), tmp_path))["runs"] == 1  # the good one went in


def test_a_newer_database_is_refused_by_every_command(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    assert ashyq("db", "upgrade", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d'")
    result = write_run_folder(tmp_path, "r", make_result(1))
    for args in (["upgrade"], ["runs"], ["import", str(result)]):
        done = ashyq("db", *args, "--db", str(db))
        assert done.returncode == 1, (args, done.stderr)
        assert "is at schema revision f00d, newer than this ashyq" in one_line_error(done.stderr)


def test_a_read_only_database_fails_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    assert ashyq("db", "upgrade", "--db", str(db)).returncode == 0
    result = write_run_folder(tmp_path, "r", make_result(1))
    with read_only_file(db):
        done = ashyq("db", "import", "--db", str(db), str(result))
    assert done.returncode == 1
    line = one_line_error(done.stderr)
    assert line.startswith("ashyq: error: history database") and "read" in line.lower()
    assert counts(database_url(str(db), tmp_path))["runs"] == 0


def test_two_processes_upgrading_an_empty_database_at_once_both_succeed(
    fresh_url: str,
) -> None:
    both = [start("db", "upgrade", "--db", fresh_url) for _ in range(2)]
    for process in both:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert counts(fresh_url)["runs"] == 0


def test_two_processes_recording_at_once_lose_no_rows(db_url: str, tmp_path: Path) -> None:
    """Each process imports 10 runs of its own and the same 5 shared runs, at the same time."""
    def folder(i: int) -> Path:
        return write_run_folder(tmp_path / "reports", f"run-{i:02d}",
                                make_result(i, sites=2, pages=2, findings=10))

    shared = [folder(i) for i in range(5)]
    mine = [[folder(i) for i in range(5 + 10 * p, 15 + 10 * p)] for p in (0, 1)]
    processes = [start("db", "import", "--db", db_url, *map(str, [*m, *shared]))
                 for m in mine]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    per_run = expected_findings(make_result(0, sites=2, pages=2, findings=10))
    found = counts(db_url)
    assert found == {"runs": 25, "sites": 50, "tasks": 100, "findings": 25 * per_run,
                     "distinct_sites": 50}


def test_an_unreachable_server_fails_with_one_line_and_no_password(tmp_path: Path) -> None:
    from support.postgres import free_port

    result = write_run_folder(tmp_path, "r", make_result(1))
    url = f"postgresql://ashyq:s3cret@127.0.0.1:{free_port()}/history"
    done = ashyq("db", "import", "--db", url, str(result))
    assert done.returncode == 1
    line = one_line_error(done.stderr)
    assert "history database" in line and "unreachable" in line and "s3cret" not in done.stderr
