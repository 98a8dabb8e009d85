"""`ashyq db upgrade|import|runs`, the --db/--no-db flags, and recording an audit's run.

The history database (tester.history) is SQLite beside the run folders unless `--db URL`,
ASHYQ_DB or `db = "…"` says otherwise. A run that cannot be recorded still has its report
folder; the audit then exits 1 with one line saying why.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from tester.cli.args import settings_from_args
from tester.cli.exits import EXIT_OK, EXIT_TOOL
from tester.config import Settings
from tester.i18n import counted
from tester.model import RunResult
from tester.terminal import say

DEFAULT_REPORTS = Path("reports")


def db_options(p: argparse.ArgumentParser) -> None:
    """--db and --no-db, for the commands that record (run, check)."""
    p.add_argument("--db", metavar="URL", help="history database: a SQLAlchemy URL "
                   "(postgresql+psycopg://user@host/name) or a SQLite file (default: "
                   "history.sqlite beside the run folder; config `db`, env ASHYQ_DB)")
    p.add_argument("--no-db", action="store_true", help="do not record this run in the history")


def record_audit(args: argparse.Namespace, settings: Settings, result: RunResult,
                 out_dir: Path, progress: Callable[[str], None]) -> str | None:
    """Record an audit's run (after its report folder is written); the reason it could not be
    recorded, or None."""
    from tester.history import HistoryError, database_url, open_history, record_run

    if getattr(args, "no_db", False):
        return None
    folder = out_dir.resolve()
    url = database_url(settings.db, folder.parent)
    try:
        history = open_history(url, timeout_s=settings.db_timeout_s)
        try:
            recorded = record_run(history, result, folder.name, folder)
        finally:
            history.close()
    except HistoryError as exc:
        return f"{exc} (the report folder {out_dir} is written; record it later with "\
               "`ashyq db import`)"
    progress(f"recorded in {history.url} (run {recorded.run_key})")
    return None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="the run history database: upgrade, import, runs")
    commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", metavar="URL", help="history database URL or SQLite file "
                       "(default: config `db`, ASHYQ_DB, else reports/history.sqlite)")
        p.add_argument("--config", type=Path, help="settings file (default: nearest "
                       "playwright.config.toml)")
        return p

    upgrade = with_db(commands.add_parser(
        "upgrade", help="create the history database or migrate it to this ashyq's schema"))
    upgrade.set_defaults(handler=cmd_upgrade)
    imports = with_db(commands.add_parser(
        "import", help="record existing report folders (result.json files) in the history; "
        "importing one twice changes nothing"))
    imports.add_argument("results", nargs="+", type=Path, metavar="RESULT",
                         help="result.json files or the run folders holding them")
    imports.set_defaults(handler=cmd_import)
    runs = with_db(commands.add_parser("runs", help="list the recorded runs, newest first"))
    runs.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")
    runs.add_argument("--json", action="store_true", help="JSON for machines")
    runs.set_defaults(handler=cmd_runs)


def _url(args: argparse.Namespace, beside: Path = DEFAULT_REPORTS) -> tuple[str, Settings]:
    from tester.history import database_url

    settings = settings_from_args(args)
    return database_url(settings.db, beside), settings


def _fail(exc: Exception) -> int:
    say(f"ashyq: error: {exc}")
    return EXIT_TOOL


def cmd_upgrade(args: argparse.Namespace) -> int:
    from tester.history import HistoryError, head_revision, open_history

    url, settings = _url(args)
    try:
        history = open_history(url, timeout_s=settings.db_timeout_s, upgrade=True)
        history.close()
    except HistoryError as exc:
        return _fail(exc)
    print(f"{history.url}: schema revision {head_revision()} (current)")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from tester.history import History, HistoryError, database_url, open_history, record_run
    from tester.report import ReportError, load_result

    settings = settings_from_args(args)
    opened: dict[str, History] = {}
    failed = 0
    try:
        for given in args.results:
            path = given / "result.json" if given.is_dir() else given
            folder = path.resolve().parent
            try:
                result = load_result(path)
            except ReportError as exc:
                say(f"ashyq: cannot import {exc}")
                failed += 1
                continue
            url = database_url(settings.db, folder.parent)
            try:
                if url not in opened:
                    opened[url] = open_history(url, timeout_s=settings.db_timeout_s)
                recorded = record_run(opened[url], result, folder.name, folder)
            except HistoryError as exc:
                return _fail(exc)  # the database itself: the other files would fail alike
            state = "imported" if recorded.new else "already recorded, refreshed"
            print(f"{path}: {state} as run {recorded.run_key} ({counted('site', recorded.sites)}, "
                  f"{counted('finding', recorded.findings)}) in {opened[url].url}")
    finally:
        for history in opened.values():
            history.close()
    if failed:
        say(f"ashyq: error: {failed} of {counted('result-file', len(args.results))} not imported")
        return EXIT_TOOL
    return EXIT_OK


def cmd_runs(args: argparse.Namespace) -> int:
    from tester.history import HistoryError, list_runs, open_history

    url, settings = _url(args)
    try:
        history = open_history(url, timeout_s=settings.db_timeout_s, must_exist=True)
        try:
            with history.transaction() as conn:
                rows = list_runs(conn, args.limit)
        finally:
            history.close()
    except HistoryError as exc:
        return _fail(exc)
    if args.json:
        print(json.dumps([{**row.__dict__, "started_at": row.started_at.isoformat() + "Z"}
                          for row in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print(f"no runs recorded in {history.url}")
        return EXIT_OK
    print(f"{'id':>5}  {'started (UTC)':19}  {'command':7}  {'sites':>5}  {'findings':>8}  run")
    for row in rows:
        stopped = "  (stopped)" if row.stopped else ""
        print(f"{row.id:>5}  {row.started_at:%Y-%m-%d %H:%M:%S}  {row.command:7}  "
              f"{row.sites:>5}  {row.findings:>8}  {row.name}{stopped}")
    return EXIT_OK
