"""Reading history back: the recorded runs, and a run as the RunResult it was recorded from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tester.history import tables
from tester.model import RunResult, TrendPoint, TrendTask
from tester.urlnorm import host_of, normalise_url


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


@dataclass(frozen=True)
class TaskRow:
    task_id: str
    status: str
    clicks: int
    seconds: float


@dataclass(frozen=True)
class SiteRun:
    """One site in one recorded run: what `ashyq history` prints and trend charts draw."""

    run_id: int
    run_name: str
    started_at: datetime
    url: str
    error_code: str | None
    scores: dict[str, float]
    impacts: dict[str, int]  # critical/serious/moderate/minor, needs-review ones left out
    tasks: tuple[TaskRow, ...]


IMPACTS = ("critical", "serious", "moderate", "minor")


def site_runs(conn: Connection, url: str, *, limit: int | None = None,
              since: datetime | None = None) -> list[SiteRun]:
    """A site's recorded runs, newest first: at most `limit`, started at or after `since`
    (naive UTC, as stored). The site is matched by its normalised URL (tester.urlnorm), so
    `http://акимат.қаз` finds the runs Chromium recorded as `http://xn--…/`."""
    wanted = normalise_url(url)
    if not wanted:
        return []
    runs, sites = tables.runs, tables.sites
    query = (
        sa.select(sites.c.id, runs.c.id, runs.c.name, runs.c.started_at, sites.c.url,
                  sites.c.error_code, sites.c.scores,
                  *(sites.c[impact] for impact in IMPACTS))
        .join(runs, runs.c.id == sites.c.run_id)
        .where(sites.c.host == host_of(wanted))  # indexed; the exact URL is compared below
        .order_by(runs.c.started_at.desc(), runs.c.id.desc())
    )
    if since is not None:
        query = query.where(runs.c.started_at >= since)
    found = [row for row in conn.execute(query) if normalise_url(row[4]) == wanted]
    found = found[:limit] if limit is not None else found
    tasks = _tasks_of(conn, [row[0] for row in found])
    return [
        SiteRun(run_id=row[1], run_name=row[2], started_at=row[3], url=row[4],
                error_code=row[5], scores=dict(row[6] or {}),
                impacts={impact: int(row[7 + i]) for i, impact in enumerate(IMPACTS)},
                tasks=tuple(tasks.get(row[0], ())))
        for row in found
    ]


def _tasks_of(conn: Connection, site_ids: list[int]) -> dict[int, list[TaskRow]]:
    if not site_ids:
        return {}
    tasks = tables.tasks
    rows = conn.execute(
        sa.select(tasks.c.site_id, tasks.c.task_id, tasks.c.status, tasks.c.clicks,
                  tasks.c.seconds)
        .where(tasks.c.site_id.in_(site_ids))
        .order_by(tasks.c.id)
    )
    grouped: dict[int, list[TaskRow]] = {}
    for site_id, task_id, status, clicks, seconds in rows:
        grouped.setdefault(site_id, []).append(TaskRow(task_id, status, clicks, float(seconds)))
    return grouped


TREND_RUNS = 12  # as many runs as a chart can show legibly at 390 px


def trend_points(rows: list[SiteRun]) -> list[TrendPoint]:
    """`site_runs` rows (newest first) as the model's trend, oldest first (pure)."""
    return [
        TrendPoint(
            started_at=row.started_at.replace(tzinfo=UTC), run=row.run_name, scores=row.scores,
            findings=row.impacts,
            tasks=[TrendTask(id=t.task_id, status=t.status, clicks=t.clicks,  # type: ignore[arg-type]
                             seconds=t.seconds) for t in row.tasks],
        )
        for row in reversed(rows)
    ]


_SPAN = re.compile(r"^(\d+)\s*([dw])$")


def parse_since(text: str, today: date) -> datetime:
    """The start of a window (naive UTC midnight): `30d` or `4w` back from `today` (the
    settings' clock, never the real date here), or a date `YYYY-MM-DD`. ValueError if neither."""
    given = text.strip().lower()
    span = _SPAN.match(given)
    if span:
        days = int(span.group(1)) * (7 if span.group(2) == "w" else 1)
        return datetime.combine(today - timedelta(days=days), time())
    try:
        return datetime.combine(date.fromisoformat(given), time())
    except ValueError:
        raise ValueError(f"--since {text!r}: expected a span like 30d or 4w, or a date "
                         "YYYY-MM-DD") from None
