"""`ashyq baseline save` and `ashyq baseline accept`: the baseline file a team commits.

`ashyq run URL --baseline FILE --fail-on new:serious` then fails only on what the file does not
hold (tester/baseline.py compares, tester/gate.py decides); `read_baseline` is what `run` uses.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tester.cli.args import settings_from_args
from tester.cli.exits import EXIT_OK, UsageError
from tester.i18n import counted

if TYPE_CHECKING:  # imported when used: `ashyq --help` stays fast
    from sqlalchemy.engine import Connection

    from tester.baseline import Baseline, Comparison
    from tester.config import Settings
    from tester.model import RunResult

DEFAULT_FILE = Path("ashyq-baseline.json")
HISTORY_BESIDE = Path("reports")  # where `ashyq run` keeps history.sqlite by default


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    baseline = sub.add_parser(
        "baseline", help="save the known findings and task verdicts of a run, for CI"
    )
    actions = baseline.add_subparsers(dest="baseline_command", metavar="ACTION", required=True)
    save = actions.add_parser(
        "save",
        help="write a baseline from a run (its accepted entries are kept when --out exists)",
    )
    save.add_argument("--from", dest="source", type=Path, required=True, metavar="RUN",
                      help="a result.json, the run folder holding it, or a recorded run's id "
                      "or name (`ashyq db runs`)")
    save.add_argument("--db", metavar="URL", help="history database to find run ids in "
                      "(default: reports/history.sqlite; config `db`, env ASHYQ_DB)")
    save.add_argument("--out", type=Path, default=DEFAULT_FILE,
                      help=f"baseline file to write (default: {DEFAULT_FILE})")
    save.set_defaults(handler=cmd_save)

    accept = actions.add_parser(
        "accept", help="accept findings for a while: they stop failing `--fail-on new:…`"
    )
    accept.add_argument("fingerprints", nargs="+", metavar="FINGERPRINT",
                        help="fingerprints as the baseline file or results.sarif shows them")
    accept.add_argument("--baseline", type=Path, default=DEFAULT_FILE, help="the file to edit")
    accept.add_argument("--reason", required=True, help="why the finding is accepted")
    accept.add_argument("--expires", required=True, metavar="YYYY-MM-DD",
                        type=_date, help="after this day the finding counts again")
    accept.set_defaults(handler=cmd_accept)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from exc


def read_baseline(path: Path) -> Baseline:
    from tester.baseline import BaselineError, parse_baseline

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read baseline {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"baseline {path} is not UTF-8 text") from exc
    try:
        return parse_baseline(text)
    except BaselineError as exc:
        raise UsageError(f"baseline {path}: {exc}") from exc


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so a baseline is never left half written."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc


def load_run(path: Path, args: argparse.Namespace) -> RunResult:
    """A result.json, its folder, or (a bare name that is no file) a run in the history."""
    from tester.report import ReportError, load_result

    if not path.exists() and len(path.parts) == 1:
        return recorded_run(str(path), args)[0]
    try:
        return load_result(path)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc


@contextmanager
def recorded_history(settings: Settings, prefix: str = "") -> Iterator[tuple[Connection, str]]:
    """A transaction on the history database the settings name, which must exist, and its
    (password-free) URL. A history that cannot be read is one line: a UsageError, led by
    `prefix` when given."""
    from tester.history import HistoryError, database_url, open_history

    try:
        history = open_history(database_url(settings.db, HISTORY_BESIDE),
                               timeout_s=settings.db_timeout_s, must_exist=True)
        try:
            with history.transaction() as conn:
                yield conn, history.url
        finally:
            history.close()
    except HistoryError as exc:
        raise UsageError(f"{prefix} ({exc})" if prefix else str(exc)) from exc


def report_dir(conn: Connection, run_id: int) -> Path | None:
    """The report folder a recorded run was written to (None when the history has none)."""
    import sqlalchemy as sa

    from tester.history.tables import runs

    folder = conn.execute(sa.select(runs.c.report_dir).where(runs.c.id == run_id)).scalar()
    return Path(folder) if folder else None


def recorded_run(ref: str, args: argparse.Namespace) -> tuple[RunResult, Path | None]:
    """A run recorded in the history database, by id or report folder name, and the report
    folder it was recorded with (None when the history has none)."""
    from tester.history import find_run, load_run

    failure = f"{ref}: no such file, and the history cannot say"
    with recorded_history(settings_from_args(args), failure) as (conn, url):
        run_id = find_run(conn, ref)
        if run_id is None:
            raise UsageError(f"{ref}: no such file, and no recorded run of that id or "
                             f"name in {url}")
        return load_run(conn, run_id), report_dir(conn, run_id)


def cmd_save(args: argparse.Namespace) -> int:
    from tester.baseline import baseline_from_result, dump_baseline

    result = load_run(args.source, args)
    accepted = read_baseline(args.out).accepted if args.out.exists() else []
    baseline = baseline_from_result(result, accepted)
    _write(args.out, dump_baseline(baseline))
    print(f"{args.out}: {counted('finding', len(baseline.findings))}, "
          f"{counted('task', len(baseline.tasks))}, "
          f"{len(baseline.accepted)} accepted")
    return EXIT_OK


def cmd_accept(args: argparse.Namespace) -> int:
    from tester.baseline import Acceptance, dump_baseline

    baseline = read_baseline(args.baseline)
    known = {f.fingerprint: f for f in baseline.findings}
    unknown = [fp for fp in args.fingerprints if fp not in known]
    if unknown:
        raise UsageError(f"{args.baseline} holds no finding {unknown[0]!r}")
    kept = [a for a in baseline.accepted if a.fingerprint not in args.fingerprints]
    added = [
        Acceptance(fingerprint=fp, reason=args.reason, expires=args.expires,
                   rule=known[fp].rule, page=known[fp].page)
        for fp in dict.fromkeys(args.fingerprints)
    ]
    baseline.accepted = sorted([*kept, *added], key=lambda a: (a.expires, a.fingerprint))
    _write(args.baseline, dump_baseline(baseline))
    print(f"{args.baseline}: {counted('finding', len(added))} accepted until "
          f"{args.expires.isoformat()}")
    return EXIT_OK


BASELINE_SUMMARY = "baseline.md"


def apply_baseline(
    result: RunResult, baseline: Baseline, today: date, paths: dict[str, Path],
    baseline_file: Path | None = None,
) -> Comparison:
    """`run --baseline`: compare the run, tell what changed on stderr, write baseline.md into
    the report folder and rewrite the SARIF file with each result's baselineState. Returns the
    comparison for the exit code."""
    from tester.baseline import compare
    from tester.report.baseline_summary import render_baseline_markdown
    from tester.report.sarif import render_sarif
    from tester.terminal import say

    comparison = compare(result, baseline, today)
    say(f"ashyq: baseline findings: {len(comparison.new)} new, {len(comparison.persisting)} "
        f"known, {len(comparison.accepted)} accepted, {len(comparison.fixed)} fixed; "
        f"{counted('task-regression', len(comparison.task_regressions))}")
    for lapsed in comparison.expired:
        say(f"ashyq: baseline: acceptance of {lapsed.fingerprint} ({lapsed.rule or '?'}) "
            f"expired on {lapsed.expires.isoformat()}: it counts again ({lapsed.reason})")
    if "sarif" in paths:
        Path(paths["sarif"]).write_text(render_sarif(result, comparison), encoding="utf-8")
    folder = Path(paths["json"]).parent
    language = str(result.settings.get("report_language", "en"))
    name = baseline_file.name if baseline_file is not None else ""
    summary = folder / BASELINE_SUMMARY
    summary.write_text(render_baseline_markdown(comparison, name, language), encoding="utf-8")
    paths["baseline"] = summary
    return comparison
