"""The history store on real databases: the same tests on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.history_runs import expected_findings, make_result

from tester.fingerprint import FINGERPRINT_VERSION, located_findings
from tester.history import (
    History,
    HistoryError,
    database_url,
    find_run,
    head_revision,
    list_runs,
    load_run,
    open_history,
    record_run,
    shown,
    tables,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        return database_url("", tmp_path)
    return request.getfixturevalue("postgres_cluster").new_database()


@pytest.fixture
def history(db_url: str) -> Iterator[History]:
    opened = open_history(db_url, upgrade=True)
    yield opened
    opened.close()


def count(history: History, table: sa.Table) -> int:
    with history.transaction() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_a_run_round_trips_through_the_database(history: History) -> None:
    result = make_result(1, sites=2, pages=3, findings=4)
    recorded = record_run(history, result, "20260302-090100-site0-gov-kz")
    assert recorded.new and recorded.sites == 2
    assert recorded.findings == expected_findings(result) == 2 * (3 * 5 + 1)
    with history.transaction() as conn:
        # The full documents are kept: the report renders again from the database alone.
        assert load_run(conn, recorded.run_id) == result
        assert find_run(conn, "20260302-090100-site0-gov-kz") == recorded.run_id
        assert find_run(conn, recorded.run_key) == recorded.run_id
        assert find_run(conn, "no-such-run") is None
        site = conn.execute(sa.select(tables.sites).order_by(tables.sites.c.position)).first()
        assert site is not None
        # needs-review findings are not counted by impact; the site check's finding is.
        assert (site.critical, site.serious, site.moderate, site.minor) == (3, 3, 4, 3)
        assert site.host == "site0.gov.kz" and site.name == "Әкімдік 0" and site.pages == 3
        assert site.scores == {"tasks": 50.0, "accessibility": 0.0}
    assert count(history, tables.tasks) == 4


def test_recording_the_same_run_twice_counts_it_once(history: History) -> None:
    result = make_result(2)
    first = record_run(history, result, "run-a")
    again = record_run(history, result, "run-a")  # redelivery, or `db import` of its folder
    assert again.run_id == first.run_id and not again.new
    assert count(history, tables.runs) == 1
    assert count(history, tables.sites) == 2
    assert count(history, tables.findings) == expected_findings(result)
    # Another folder, or the same folder name started at another time, is another run.
    record_run(history, result, "run-b")
    record_run(history, make_result(3), "run-a")
    assert count(history, tables.runs) == 3
    with history.transaction() as conn:
        rows = list_runs(conn)
    assert [r.name for r in rows] == ["run-a", "run-b", "run-a"]  # newest first
    assert [r.sites for r in rows] == [2, 2, 2]


def test_findings_carry_the_fingerprints_sarif_and_baselines_use(history: History) -> None:
    result = make_result(4, sites=2, pages=2, findings=3)
    recorded = record_run(history, result, "prints")
    with history.transaction() as conn:
        rows = conn.execute(sa.select(
            tables.findings.c.page_url, tables.findings.c.check_id, tables.findings.c.rule,
            tables.findings.c.fingerprint)).all()
        version = conn.execute(sa.select(tables.runs.c.fingerprint_version)
                               .where(tables.runs.c.id == recorded.run_id)).scalar_one()
    expected = {(x.page, x.check or None, x.finding.rule, x.fingerprint)
                for x in located_findings(result)}
    assert set(map(tuple, rows)) == expected and len(rows) == len(located_findings(result))
    assert version == FINGERPRINT_VERSION
    # Two pages, same rule and element: told apart by the page, one fingerprint each.
    assert len({r.fingerprint for r in rows}) == len(rows)


def test_a_newer_schema_is_refused_with_one_line(history: History, db_url: str) -> None:
    with history.transaction() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(HistoryError) as caught:
        open_history(db_url, upgrade=True)
    message = str(caught.value)
    assert message.startswith("history database") and "\n" not in message
    assert "newer than this ashyq" in message and "9999" in message


def test_an_empty_server_database_waits_for_db_upgrade(db_url: str) -> None:
    """Automatic schema only for SQLite; a server's schema is changed by `ashyq db upgrade`."""
    if db_url.startswith("sqlite"):
        opened = open_history(db_url)  # created and migrated on first use
        assert opened.revision() == head_revision()
        opened.close()
        with pytest.raises(HistoryError, match="does not exist yet"):
            open_history(db_url.replace("history.sqlite", "other.sqlite"), must_exist=True)
        return
    with pytest.raises(HistoryError, match="ashyq db upgrade"):
        open_history(db_url)
    opened = open_history(db_url, upgrade=True)
    assert opened.revision() == head_revision()
    opened.close()
    open_history(db_url).close()  # now at head: no upgrade needed


def test_a_database_locked_past_the_timeout_fails_honestly(history: History,
                                                            db_url: str) -> None:
    release, held = threading.Event(), threading.Event()

    def hold_lock() -> None:
        with history.transaction() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE"))
            else:
                conn.execute(sa.text("UPDATE runs SET name = name"))  # BEGIN IMMEDIATE holds
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert held.wait(10)
        with pytest.raises(HistoryError) as caught:
            other = open_history(db_url, timeout_s=0.5)
            try:
                record_run(other, make_result(6), "blocked")
            finally:
                other.close()
    finally:
        release.set()
        holder.join()
    message = str(caught.value)
    assert message.startswith("history database") and "\n" not in message
    assert "locked" in message
    # Once the lock is gone, the same recording goes through.
    record_run(history, make_result(6), "blocked")
    assert count(history, tables.runs) == 1


def test_an_unreachable_server_fails_honestly_without_its_password() -> None:
    from support.postgres import free_port

    url = f"postgresql://ashyq:s3cret@127.0.0.1:{free_port()}/history"
    with pytest.raises(HistoryError) as caught:
        open_history(database_url(url, Path(".")), timeout_s=2)
    message = str(caught.value)
    assert "unreachable" in message and "s3cret" not in message and "\n" not in message
    assert "***" in shown(database_url(url, Path(".")))


def test_database_url_forms(tmp_path: Path) -> None:
    assert database_url("", tmp_path) == f"sqlite:///{tmp_path.resolve()}/history.sqlite"
    assert database_url(str(tmp_path / "h.db"), Path("x")) == f"sqlite:///{tmp_path}/h.db"
    assert database_url("postgresql://u@h/db", tmp_path) == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db", tmp_path) == "postgresql+psycopg://u@h/db"
    with pytest.raises(HistoryError, match="not a SQLAlchemy URL"):
        open_history("://no-scheme")
    with pytest.raises(HistoryError, match="unsupported URL"):
        open_history("nonsense://")
    with pytest.raises(HistoryError, match="unsupported URL"):
        open_history("mysql+nosuchdriver://u@h/db")


def test_sqlite_file_is_in_wal_mode(tmp_path: Path) -> None:
    open_history(database_url("", tmp_path)).close()
    with sqlite3.connect(tmp_path / "history.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_db_setting_from_file_env_and_flag_never_lands_in_result_json(tmp_path: Path) -> None:
    from tester.config import load_settings

    config = tmp_path / "playwright.config.toml"
    config.write_text('[run]\ndb = "history/file.sqlite"\ndb_timeout_s = 2.5\n', encoding="utf-8")
    from_file = load_settings(config, env={})
    assert (from_file.db, from_file.db_timeout_s) == ("history/file.sqlite", 2.5)
    secret = "postgresql://ashyq:s3cret@db.example/history"
    from_env = load_settings(config, env={"ASHYQ_DB": secret})
    assert from_env.db == secret and from_env.sources()["db"] == ("env", "ASHYQ_DB")
    flagged = from_env.with_flags({"db": ("--db", "other.sqlite")})
    assert flagged.db == "other.sqlite" and flagged.sources()["db"] == ("flag", "--db")
    # The URL may hold a password: result.json records the timeout, never the URL.
    public = from_env.public()
    assert "db" not in public and public["db_timeout_s"] == 2.5
    assert "s3cret" not in str(public)
    with pytest.raises(ValueError, match="ASHYQ_DB_TIMEOUT_S must be positive"):
        load_settings(config, env={"ASHYQ_DB_TIMEOUT_S": "0"})
