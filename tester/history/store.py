"""Opening the history database: its URL, the engine, the schema revision, honest errors.

SQLite (the default, a file beside the run folders) runs in WAL mode with a busy timeout, and
every transaction starts with BEGIN IMMEDIATE, so two processes writing at once wait for each
other instead of failing halfway. A SQLite file is created and migrated on first use; a server
database (PostgreSQL, psycopg 3) is migrated only by `ashyq db upgrade`. Every failure reaches
the caller as a HistoryError whose message is one line starting "history database".
"""

from __future__ import annotations

import sqlite3
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

DEFAULT_FILE = "history.sqlite"
DEFAULT_TIMEOUT_S = 30.0
MIGRATIONS = Path(__file__).parent / "migrations"
# One number for PostgreSQL's advisory lock that serialises migrations (any two processes).
_MIGRATION_LOCK = zlib.crc32(b"ashyq history migrations")


class HistoryError(Exception):
    """The history database could not be used; the message is one line for the user."""


def database_url(setting: str, beside: Path) -> str:
    """The URL to use: the `db` setting (a SQLAlchemy URL, or a plain path to a SQLite file),
    else history.sqlite in the folder `beside` (the folder holding the run folders)."""
    text = setting.strip()
    if not text:
        return sqlite_url(beside / DEFAULT_FILE)
    if "://" not in text:
        return sqlite_url(Path(text).expanduser())
    if text.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver ashyq ships; SQLAlchemy would otherwise look for psycopg2.
        text = "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def shown(url: str | URL) -> str:
    """The URL as it may be printed: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(unreadable URL)"


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_alembic_config())


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@dataclass
class History:
    """An open history database: its engine and the URL to show in messages."""

    engine: Engine
    url: str

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction (BEGIN IMMEDIATE on SQLite); database errors as HistoryError."""
        with translated(self.url), self.engine.begin() as conn:
            yield conn

    def revision(self) -> str | None:
        with self.transaction() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def close(self) -> None:
        self.engine.dispose()


def open_history(url: str, *, timeout_s: float = DEFAULT_TIMEOUT_S, upgrade: bool | None = None,
                 must_exist: bool = False) -> History:
    """Open the database at `url` with its schema at this tool's head revision.

    upgrade: migrate an older (or empty) database; None means "only a SQLite file" (a server's
    schema is its administrators' to change, with `ashyq db upgrade`). must_exist: a missing
    SQLite file is an error rather than created (for commands that only read).
    """
    history = History(_engine(url, timeout_s, must_exist), shown(url))
    try:
        if upgrade is None:
            upgrade = history.engine.dialect.name == "sqlite"
        with history.transaction() as conn:
            _ensure_schema(conn, history.url, upgrade)
    except BaseException:
        history.close()
        raise
    return history


def _engine(url: str, timeout_s: float, must_exist: bool) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise HistoryError(f"history database URL {shown(url)!r} is not a SQLAlchemy URL "
                           "(sqlite:///path or postgresql+psycopg://user@host/name)") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed, timeout_s, must_exist)
        connect_args: dict[str, Any] = {}
        if parsed.get_backend_name() == "postgresql":
            ms = int(timeout_s * 1000)
            connect_args = {"connect_timeout": max(1, round(timeout_s)),
                            "options": f"-c lock_timeout={ms}"}
        return sa.create_engine(parsed, connect_args=connect_args, poolclass=sa.NullPool)
    except (NoSuchModuleError, ImportError, ArgumentError) as exc:
        raise HistoryError(f"history database {shown(url)}: unsupported URL "
                           f"({str(exc).splitlines()[0]})") from None


def _sqlite_engine(url: URL, timeout_s: float, must_exist: bool) -> Engine:
    path = Path(url.database or "")
    if not url.database or url.database == ":memory:":
        raise HistoryError("history database must be a SQLite file, not an in-memory database")
    if must_exist and not path.is_file():
        raise HistoryError(f"history database {path} does not exist yet (a run records into "
                           "it, or `ashyq db import` fills it)")
    if not path.parent.is_dir():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(f"history database {path}: cannot create its folder "
                               f"({exc.strerror or exc})") from None
    engine = sa.create_engine(url, connect_args={"timeout": timeout_s}, poolclass=sa.NullPool)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN below, not the sqlite3 module, open transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = _switch_to_wal(cursor, timeout_s)
        if mode and str(mode[0]).lower() != "wal":
            raise HistoryError(f"history database {path} cannot use WAL mode (journal mode "
                               f"{mode[0]}): is it on a read-only or network file system?")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Take the write lock at once (waiting up to the busy timeout): a deferred transaction
        # that later writes can fail at once with "database is locked" instead of waiting.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _switch_to_wal(cursor: Any, timeout_s: float) -> Any:
    """`PRAGMA journal_mode = WAL`, retried: on a new file two processes switching at once can
    get SQLITE_BUSY at once (SQLite skips the busy handler there to avoid a deadlock)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _ensure_schema(conn: Connection, url: str, upgrade: bool) -> None:
    current = MigrationContext.configure(conn).get_current_revision()
    head = head_revision()
    if current == head:
        return
    if current is not None and not _known(current):
        raise HistoryError(f"history database {url} is at schema revision {current}, newer than "
                           f"this ashyq knows (up to {head}): upgrade ashyq to record into it")
    if not upgrade:
        raise HistoryError(f"history database {url} is at schema revision "
                           f"{current or 'none (empty)'}, this ashyq needs {head}: run "
                           "`ashyq db upgrade --db URL` first")
    if conn.dialect.name == "postgresql":
        # Two processes upgrading at once: the second waits, then finds nothing left to do.
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    upgrade_to(conn, "head")


def upgrade_to(conn: Connection, revision: str) -> None:
    """Run the migrations up to `revision` inside the caller's transaction."""
    try:
        command.upgrade(_alembic_config(conn), revision)
    except CommandError as exc:
        raise HistoryError(f"history database: cannot upgrade ({exc})") from None


def _known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


@contextmanager
def translated(url: str) -> Iterator[None]:
    """Database errors as a one-line HistoryError naming the database and the cause."""
    try:
        yield
    except HistoryError:
        raise
    except DBAPIError as exc:
        raise HistoryError(f"history database {url}: {_reason(exc)}") from None
    except SQLAlchemyError as exc:
        raise HistoryError(f"history database {url}: {_first_line(str(exc))}") from None


def _reason(exc: DBAPIError) -> str:
    text = _first_line(str(exc.orig)) or type(exc.orig).__name__
    lower = text.lower()
    if "database is locked" in lower or "lock timeout" in lower:
        return f"locked by another process past the timeout ({text})"
    if "readonly" in lower or "read-only" in lower:
        return f"read-only, cannot record ({text})"
    if "connection refused" in lower or "could not connect" in lower or "timeout" in lower:
        return f"unreachable ({text})"
    return text


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
