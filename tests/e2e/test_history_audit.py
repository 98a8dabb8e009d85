"""Audits record their run: real `ashyq check` processes, real Chromium, sites on 127.0.0.1,
a real SQLite file and a real PostgreSQL. A history that cannot be written still leaves the
report folder, and the run exits 1 with one line saying why."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.history_runs import one_line_error, read_only_file

from tester.demo import SiteServer
from tester.history import database_url
from tester.model import RunResult

pytestmark = pytest.mark.e2e


def check(site: SiteServer, out: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "tester", "check", site.url, "--out", str(out),
            "--checks", "axe", "--formats", "json", *more]


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=240)


def runs_in(url: str) -> list[tuple[str, int]]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT r.name, count(f.id) FROM runs r JOIN sites s ON s.run_id = r.id "
            "LEFT JOIN findings f ON f.site_id = s.id GROUP BY r.name ORDER BY r.name")).all()
    engine.dispose()
    return [(str(name), int(n)) for name, n in rows]


def findings_in(out: Path) -> int:
    result = RunResult.from_json((out / "result.json").read_text(encoding="utf-8"))
    return sum(len(p.findings) + sum(len(c.findings) for c in p.checks)
               for s in result.sites for p in s.pages)


def test_a_run_is_recorded_beside_its_folder_and_no_db_skips_it(
    demo_site: SiteServer, tmp_path: Path
) -> None:
    done = run(check(demo_site, tmp_path / "reports" / "first"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "recorded in sqlite:///" in done.stderr
    url = database_url("", tmp_path / "reports")
    assert runs_in(url) == [("first", findings_in(tmp_path / "reports" / "first"))]

    skipped = run(check(demo_site, tmp_path / "elsewhere" / "run", "--no-db"))
    assert skipped.returncode == 0, skipped.stderr[-2000:]
    assert (tmp_path / "elsewhere" / "run" / "result.json").is_file()
    assert not (tmp_path / "elsewhere" / "history.sqlite").exists()


@pytest.mark.parametrize("problem", ["newer", "read-only"])
def test_a_history_that_cannot_be_written_exits_1_and_keeps_the_report(
    demo_site: SiteServer, tmp_path: Path, problem: str
) -> None:
    db = tmp_path / "history.sqlite"
    first = run(check(demo_site, tmp_path / "first", "--db", str(db)))
    assert first.returncode == 0, first.stderr[-2000:]
    if problem == "newer":
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'beef'")
        done = run(check(demo_site, tmp_path / "second", "--db", str(db)))
        expected = "newer than this ashyq"
    else:
        with read_only_file(db):
            done = run(check(demo_site, tmp_path / "second", "--db", str(db)))
        expected = "read-only"
    assert done.returncode == 1, done.stderr[-2000:]
    line = one_line_error(done.stderr)
    assert line.startswith("ashyq: error: history database") and expected in line
    assert "ashyq db import" in line
    assert (tmp_path / "second" / "result.json").is_file()  # no audit lost
    assert done.stdout.strip().endswith("result.json")
    assert [name for name, _ in runs_in(database_url(str(db), tmp_path))] == ["first"]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_audits_recording_at_once_lose_nothing(
    demo_site: SiteServer, tmp_path: Path, kind: str, request: pytest.FixtureRequest
) -> None:
    if kind == "sqlite":
        url = database_url("", tmp_path)
    else:
        url = request.getfixturevalue("postgres_cluster").new_database()
        assert run([sys.executable, "-m", "tester", "db", "upgrade", "--db", url]).returncode == 0
    outs = [tmp_path / "a", tmp_path / "b"]
    processes = [subprocess.Popen(check(demo_site, out, "--db", url), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for out in outs]
    for process in processes:
        _out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err[-2000:]
    assert runs_in(url) == [("a", findings_in(outs[0])), ("b", findings_in(outs[1]))]
