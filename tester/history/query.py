"""Reading history back: the recorded runs, and a run as the RunResult it was recorded from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tester.history import tables
from tester.model import RunResult


@dataclass(frozen=True)
class RunRow:
    id: int
    run_key: str
    name: str
    command: str
    started_at: datetime
    sites: int
    findings: int
    stopped: bool


def list_runs(conn: Connection, limit: int | None = None) -> list[RunRow]:
    """Recorded runs, newest first."""
    runs, sites, findings = tables.runs, tables.sites, tables.findings
    site_count = (sa.select(sa.func.count()).where(sites.c.run_id == runs.c.id)
                  .scalar_subquery())
    finding_count = (sa.select(sa.func.count()).where(findings.c.run_id == runs.c.id)
                     .scalar_subquery())
    query = (
        sa.select(runs.c.id, runs.c.run_key, runs.c.name, runs.c.command, runs.c.started_at,
                  site_count, finding_count, runs.c.stopped)
        .order_by(runs.c.started_at.desc(), runs.c.id.desc())
        .limit(limit)
    )
    return [RunRow(*row) for row in conn.execute(query)]


def find_run(conn: Connection, ref: str) -> int | None:
    """A run's id from its run key, its report folder name (the newest of that name) or its id."""
    runs = tables.runs
    by_key = conn.execute(sa.select(runs.c.id).where(runs.c.run_key == ref)).scalar()
    if by_key is not None:
        return int(by_key)
    by_name = conn.execute(
        sa.select(runs.c.id).where(runs.c.name == ref).order_by(runs.c.started_at.desc())
    ).scalar()
    if by_name is not None:
        return int(by_name)
    if ref.isdigit():
        by_id = conn.execute(sa.select(runs.c.id).where(runs.c.id == int(ref))).scalar()
        return int(by_id) if by_id is not None else None
    return None


def load_run(conn: Connection, run_id: int) -> RunResult:
    """The RunResult as recorded: its document with its sites' documents, in their order."""
    document = conn.execute(
        sa.select(tables.runs.c.document).where(tables.runs.c.id == run_id)
    ).scalar_one()
    sites = conn.execute(
        sa.select(tables.sites.c.document)
        .where(tables.sites.c.run_id == run_id)
        .order_by(tables.sites.c.position)
    ).scalars()
    return RunResult.model_validate({**document, "sites": list(sites)})
