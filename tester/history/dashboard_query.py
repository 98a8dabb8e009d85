"""What the living dashboard reads from the history: every site's recorded runs, and the full
result document of each site's latest run (SQLAlchemy Core; SQLite and PostgreSQL alike).

Sites are keyed as `site_runs` keys them: by the normalised URL (tester.urlnorm), so
`http://акимат.қаз` and the punycode form Chromium recorded are one site. Three queries for a
whole dashboard, whatever its size: runs with their sites, all tasks, then the latest documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tester.history import tables
from tester.history.query import IMPACTS, SiteRun, TaskRow
from tester.urlnorm import normalise_url

DOCUMENT_BATCH = 500  # ids per IN (…): far below every backend's parameter limit


@dataclass(frozen=True)
class RecordedSite:
    """One site in one recorded run: its row in `sites` with its run and its tasks."""

    site_row: int
    run_id: int
    run_name: str
    report_dir: str | None  # the run's report folder as recorded (may be gone since)
    started_at: datetime  # naive UTC, as stored
    url: str
    name: str
    error_code: str | None
    scores: dict[str, float]
    impacts: dict[str, int]  # critical/serious/moderate/minor, needs-review ones left out
    tasks: tuple[TaskRow, ...]

    def as_site_run(self) -> SiteRun:
        """The row as tester.history.query.trend_points takes it."""
        return SiteRun(run_id=self.run_id, run_name=self.run_name, started_at=self.started_at,
                       url=self.url, error_code=self.error_code, scores=self.scores,
                       impacts=self.impacts, tasks=self.tasks)


def recorded_sites(conn: Connection) -> dict[str, list[RecordedSite]]:
    """Every recorded site (normalised URL -> its runs, newest first), sites in no order."""
    runs, sites = tables.runs, tables.sites
    query = (
        sa.select(sites.c.id, runs.c.id, runs.c.name, runs.c.report_dir, runs.c.started_at,
                  sites.c.url, sites.c.name, sites.c.error_code, sites.c.scores,
                  *(sites.c[impact] for impact in IMPACTS))
        .join(runs, runs.c.id == sites.c.run_id)
        .order_by(runs.c.started_at.desc(), runs.c.id.desc(), sites.c.position)
    )
    rows = conn.execute(query).all()
    tasks = _all_tasks(conn)
    grouped: dict[str, list[RecordedSite]] = {}
    for row in rows:
        key = normalise_url(row[5]) or row[5]  # an unparsable URL is still its own site
        grouped.setdefault(key, []).append(RecordedSite(
            site_row=row[0], run_id=row[1], run_name=row[2], report_dir=row[3],
            started_at=row[4], url=row[5], name=row[6] or "", error_code=row[7],
            scores=dict(row[8] or {}),
            impacts={impact: int(row[9 + i]) for i, impact in enumerate(IMPACTS)},
            tasks=tuple(tasks.get(row[0], ()))))
    return grouped


def _all_tasks(conn: Connection) -> dict[int, list[TaskRow]]:
    # Every task row at once: one scan beats 3,600 lookups, and the table holds ~6 per site.
    tasks = tables.tasks
    grouped: dict[int, list[TaskRow]] = {}
    query = sa.select(tasks.c.site_id, tasks.c.task_id, tasks.c.status, tasks.c.clicks,
                      tasks.c.seconds).order_by(tasks.c.id)
    for site_id, task_id, status, clicks, seconds in conn.execute(query):
        grouped.setdefault(site_id, []).append(TaskRow(task_id, status, clicks, float(seconds)))
    return grouped


def site_documents(conn: Connection, site_rows: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The recorded result documents (SiteResult as JSON data) of these site rows."""
    wanted = list(dict.fromkeys(site_rows))
    sites = tables.sites
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), DOCUMENT_BATCH):
        batch = wanted[start:start + DOCUMENT_BATCH]
        query = sa.select(sites.c.id, sites.c.document).where(sites.c.id.in_(batch))
        for site_id, document in conn.execute(query):
            found[site_id] = document if isinstance(document, dict) else {}
    return found


def dashboard_data(
    conn: Connection,
) -> tuple[dict[str, list[RecordedSite]], dict[int, dict[str, Any]]]:
    """Everything `ashyq dashboard` reads: every site's runs (newest first) and the documents
    of the latest ones."""
    sites = recorded_sites(conn)
    return sites, site_documents(conn, [runs[0].site_row for runs in sites.values()])
