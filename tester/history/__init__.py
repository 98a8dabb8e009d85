"""Run history: every run recorded in a database (SQLite by default, PostgreSQL for teams).

store: the URL, the engine, the schema revision (Alembic migrations in migrations/, run
programmatically) and one-line HistoryErrors; tables: the schema; recorder: a RunResult into
rows, idempotently; query: runs back out. result.json stays the contract: each site's full
result document is kept, so a report renders again from the database alone.
"""

from tester.history.query import (
    TREND_RUNS,
    RunRow,
    SiteRun,
    TaskRow,
    find_run,
    list_runs,
    load_run,
    parse_since,
    site_runs,
    trend_points,
)
from tester.history.recorder import Recorded, record_in, record_run, run_key
from tester.history.store import (
    DEFAULT_FILE,
    DEFAULT_TIMEOUT_S,
    History,
    HistoryError,
    database_url,
    head_revision,
    open_history,
    shown,
    sqlite_url,
)

__all__ = [
    "TREND_RUNS",
    "DEFAULT_FILE",
    "DEFAULT_TIMEOUT_S",
    "History",
    "HistoryError",
    "Recorded",
    "RunRow",
    "SiteRun",
    "TaskRow",
    "database_url",
    "find_run",
    "head_revision",
    "list_runs",
    "load_run",
    "open_history",
    "parse_since",
    "record_in",
    "record_run",
    "run_key",
    "shown",
    "site_runs",
    "sqlite_url",
    "trend_points",
]
