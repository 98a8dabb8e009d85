"""Recording a RunResult: one transaction per run; recording it again changes nothing.

The run is keyed by `run_key` (report folder name @ start time) and each site by (run, url):
both are upserted, and a site's tasks and findings are replaced, so a redelivered run (the audit
recorded it, then `ashyq db import` of its folder) never counts a site or a finding twice, even
when two processes record it at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from tester.fingerprint import FINGERPRINT_VERSION, Located, located_findings
from tester.gate import confirmed
from tester.history import tables
from tester.history.store import History
from tester.model import RunResult, SiteResult
from tester.urlnorm import host_of


@dataclass(frozen=True)
class Recorded:
    run_id: int
    run_key: str
    sites: int
    findings: int
    new: bool  # False: the run was already there (its rows were replaced, not added)


def run_key(name: str, started_at: datetime) -> str:
    return f"{name}@{naive_utc(started_at).isoformat()}"


def naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def record_run(history: History, result: RunResult, name: str,
               report_dir: Path | None = None) -> Recorded:
    """Record `result` (its report folder is called `name`) in one transaction."""
    with history.transaction() as conn:
        return record_in(conn, result, name, report_dir)


def record_in(conn: Connection, result: RunResult, name: str,
              report_dir: Path | None = None) -> Recorded:
    key = run_key(name, result.started_at)
    run_id, new = _upsert_run(conn, result, key, name, report_dir)
    # The one walk SARIF, baselines and diffs share: the same locations and fingerprints.
    located: dict[str, list[Located]] = {}
    for item in located_findings(result):
        located.setdefault(item.site, []).append(item)
    total = 0
    for position, site in enumerate(result.sites):
        found = located.get(site.url, [])
        site_id = _upsert_site(conn, run_id, position, site, found)
        conn.execute(sa.delete(tables.tasks).where(tables.tasks.c.site_id == site_id))
        conn.execute(sa.delete(tables.findings).where(tables.findings.c.site_id == site_id))
        task_rows = [_task_row(task, site_id, run_id) for task in site.tasks]
        if task_rows:
            conn.execute(sa.insert(tables.tasks), task_rows)
        if found:
            conn.execute(sa.insert(tables.findings),
                         [_finding_row(item, site_id, run_id) for item in found])
        total += len(found)
    return Recorded(run_id, key, len(result.sites), total, new)


def _upsert(conn: Connection, table: sa.Table, row: dict[str, Any], keys: list[str]) -> None:
    """INSERT … ON CONFLICT DO UPDATE (PostgreSQL and SQLite both have it)."""
    dialect = conn.dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:
        raise NotImplementedError(f"history on {dialect}: only SQLite and PostgreSQL")
    statement = insert(table).values(**row)
    update = {c: statement.excluded[c] for c in row if c not in keys}
    conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=update))


def _upsert_run(conn: Connection, result: RunResult, key: str, name: str,
                report_dir: Path | None) -> tuple[int, bool]:
    runs = tables.runs
    existing = conn.execute(sa.select(runs.c.id).where(runs.c.run_key == key)).scalar()
    document = result.model_dump(mode="json", exclude={"sites"})
    row = {
        "run_key": key,
        "name": name,
        "report_dir": str(report_dir) if report_dir else None,
        "command": result.command,
        "started_at": naive_utc(result.started_at),
        "finished_at": naive_utc(result.finished_at) if result.finished_at else None,
        "tool_version": result.tool.version,
        "schema_version": result.schema_version,
        "stopped": any(n.id == "stopped" for n in result.notices),
        "fingerprint_version": FINGERPRINT_VERSION,
        "recorded_at": naive_utc(datetime.now(UTC)).replace(microsecond=0),
        "document": document,
    }
    _upsert(conn, runs, row, ["run_key"])
    run_id = conn.execute(sa.select(runs.c.id).where(runs.c.run_key == key)).scalar_one()
    return int(run_id), existing is None


def _upsert_site(conn: Connection, run_id: int, position: int, site: SiteResult,
                 found: list[Located]) -> int:
    sites = tables.sites
    counts = dict.fromkeys(("critical", "serious", "moderate", "minor"), 0)
    for item in found:
        if confirmed(item.finding):
            counts[item.finding.impact] += 1
    row = {
        "run_id": run_id,
        "position": position,
        "url": site.url,
        "host": host_of(site.url),
        "name": site.name,
        "error_code": site.error_code,
        "seconds": site.seconds,
        "scores": dict(site.scores),
        "pages": len(site.pages),
        **counts,
        "document": site.model_dump(mode="json"),
    }
    _upsert(conn, sites, row, ["run_id", "url"])
    site_id = conn.execute(
        sa.select(sites.c.id).where(sites.c.run_id == run_id, sites.c.url == site.url)
    ).scalar_one()
    return int(site_id)


def _task_row(task: Any, site_id: int, run_id: int) -> dict[str, Any]:
    return {
        "site_id": site_id,
        "run_id": run_id,
        "task_id": task.id,
        "status": task.status,
        "clicks": task.clicks,
        "seconds": task.seconds,
        "optimal_clicks": task.optimal_clicks,
        "within_three_clicks": task.within_three_clicks,
        "target_url": task.target_url,
    }


def _finding_row(item: Located, site_id: int, run_id: int) -> dict[str, Any]:
    finding = item.finding
    return {
        "site_id": site_id,
        "run_id": run_id,
        "page_url": item.page,
        "page_variant": item.variant,
        "check_id": item.check or None,
        "rule": finding.rule,
        "source": finding.source,
        "impact": finding.impact,
        "needs_review": finding.needs_review,
        "advisory": finding.advisory,
        "selector": finding.selector,
        "message": finding.message,
        "fingerprint": item.fingerprint,
    }
