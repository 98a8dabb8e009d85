"""Migrations never drop data: a database built at each earlier revision, with real rows,
upgrades to the head with its rows intact; the head builds exactly tester/history/tables.py.

A new revision adds a seeding function for the revision before it to SEEDS (written against
that revision's own columns, frozen here like the migration itself): every test below then
also upgrades from it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection
from support.history_runs import make_result

from tester.history import (
    History,
    database_url,
    head_revision,
    list_runs,
    load_run,
    open_history,
    tables,
)
from tester.history.store import _scripts, upgrade_to

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def seed_0001(conn: Connection) -> dict[str, int]:
    """Two runs, each with a site, a task and two findings, in revision 0001's columns."""
    runs = sa.table("runs", *(sa.column(c) for c in (
        "id", "run_key", "name", "report_dir", "command", "started_at", "finished_at",
        "tool_version", "schema_version", "stopped", "fingerprint_version", "recorded_at")),
        sa.column("document", Json))
    sites = sa.table("sites", *(sa.column(c) for c in (
        "id", "run_id", "position", "url", "host", "name", "error_code", "seconds", "pages",
        "critical", "serious", "moderate", "minor")), sa.column("scores", Json),
        sa.column("document", Json))
    tasks = sa.table("tasks", *(sa.column(c) for c in (
        "site_id", "run_id", "task_id", "status", "clicks", "seconds", "optimal_clicks",
        "within_three_clicks", "target_url")))
    findings = sa.table("findings", *(sa.column(c) for c in (
        "site_id", "run_id", "page_url", "page_variant", "check_id", "rule", "source", "impact",
        "needs_review", "selector", "message", "fingerprint")))
    for number in (1, 2):
        result = make_result(number, sites=1, pages=1, findings=1)
        site = result.sites[0]
        conn.execute(sa.insert(runs).values(
            id=number, run_key=f"old-{number}@x", name=f"old-{number}", report_dir=None,
            command="run", started_at=result.started_at.replace(tzinfo=None), finished_at=None,
            tool_version="0.1.0", schema_version="1.0", stopped=False, fingerprint_version=1,
            recorded_at=result.started_at.replace(tzinfo=None),
            document=result.model_dump(mode="json", exclude={"sites"})))
        conn.execute(sa.insert(sites).values(
            id=number, run_id=number, position=0, url=site.url, host="site0.gov.kz",
            name=site.name, error_code=None, seconds=site.seconds, pages=1, critical=1,
            serious=0, moderate=1, minor=0, scores=site.scores,
            document=site.model_dump(mode="json")))
        conn.execute(sa.insert(tasks).values(
            site_id=number, run_id=number, task_id="find-contacts", status="passed", clicks=2,
            seconds=3.5, optimal_clicks=1, within_three_clicks=True, target_url=None))
        for rule in ("image-alt", "stale-news"):
            conn.execute(sa.insert(findings).values(
                site_id=number, run_id=number, page_url=site.url, page_variant="",
                check_id=None, rule=rule, source="axe", impact="critical", needs_review=False,
                selector="img", message="", fingerprint=f"fp-{rule}"))
    return {"runs": 2, "sites": 2, "tasks": 2, "findings": 4}


def seed_0002(conn: Connection) -> dict[str, int]:
    """0002 only added findings.advisory, with a default: 0001's rows are valid rows of it."""
    return seed_0001(conn)


# revision -> writes real rows in that revision's schema; oldest first.
SEEDS: dict[str, Callable[[Connection], dict[str, int]]] = {"0001": seed_0001,
                                                           "0002": seed_0002}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return database_url("", tmp_path)
    return request.getfixturevalue("postgres_cluster").new_database()


def test_every_revision_is_seeded_and_the_chain_is_linear() -> None:
    chain = [r.revision for r in reversed(list(_scripts().walk_revisions()))]
    assert chain == list(SEEDS) and chain[-1] == head_revision()


def test_upgrade_from_empty_builds_exactly_the_tables_the_code_uses(empty_url: str) -> None:
    history = open_history(empty_url, upgrade=True)
    try:
        with history.transaction() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), tables.metadata)
        assert differences == []
    finally:
        history.close()


@pytest.mark.parametrize("revision", list(SEEDS))
def test_upgrade_from_each_revision_keeps_every_row(empty_url: str, revision: str) -> None:
    engine = sa.create_engine(empty_url, poolclass=sa.NullPool)
    with engine.begin() as conn:
        upgrade_to(conn, revision)
        seeded = SEEDS[revision](conn)
    engine.dispose()

    history: History = open_history(empty_url, upgrade=True)
    try:
        assert history.revision() == head_revision()
        with history.transaction() as conn:
            for name, table in (("runs", tables.runs), ("sites", tables.sites),
                                ("tasks", tables.tasks), ("findings", tables.findings)):
                rows = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                assert rows == seeded[name], name
            assert [r.name for r in list_runs(conn)] == ["old-2", "old-1"]
            assert load_run(conn, 1) == make_result(1, sites=1, pages=1, findings=1)
            prints = conn.execute(sa.select(tables.findings.c.fingerprint)).scalars().all()
            assert sorted(prints) == ["fp-image-alt", "fp-image-alt", "fp-stale-news",
                                      "fp-stale-news"]
    finally:
        history.close()
