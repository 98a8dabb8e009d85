"""`ashyq history URL`: one site's recorded runs as a terminal table (newest first) or JSON,
the same data the HTML report's trend charts draw (tester.history.query.site_runs)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from tester.cli.args import settings_from_args
from tester.cli.baseline_command import recorded_history
from tester.cli.exits import EXIT_OK, UsageError
from tester.config import Settings
from tester.model import RunResult

DEFAULT_LIMIT = 12


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = sub.add_parser(
        "history",
        help="one site's recorded runs: score, findings by impact, each task's verdict, "
        "clicks and seconds",
        description="List a site's runs recorded in the history database, newest first. The "
        "URL is compared normalised (Cyrillic hosts, default ports), so any spelling finds it.",
    )
    history.add_argument("url", help="the site's URL, as audited")
    history.add_argument("--db", metavar="URL",
                         help="history database URL or SQLite file (default: config `db`, "
                         "ASHYQ_DB, else reports/history.sqlite)")
    history.add_argument("--config", type=Path,
                         help="settings file (default: nearest playwright.config.toml)")
    history.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT,
                         help=f"at most this many runs (default {DEFAULT_LIMIT})")
    history.add_argument("--since", metavar="SPAN",
                         help="only runs started since then: 30d, 4w or YYYY-MM-DD")
    history.add_argument("--today", metavar="YYYY-MM-DD",
                         help="count --since back from this day (default: the real date)")
    history.add_argument("--json", action="store_true", help="JSON for machines")
    history.set_defaults(handler=cmd_history)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def cmd_history(args: argparse.Namespace) -> int:
    from tester.history import (
        parse_since,
        site_runs,
    )
    from tester.urlnorm import normalise_url

    settings = settings_from_args(args)
    if not normalise_url(args.url):
        raise UsageError(f"{args.url}: not an http(s) URL")
    try:
        since = parse_since(args.since, settings.today) if args.since else None
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    with recorded_history(settings) as (conn, url):
        rows = site_runs(conn, args.url, limit=args.limit, since=since)
    if not rows:
        window = f" since {since:%Y-%m-%d}" if since else ""
        raise UsageError(f"no recorded runs of {args.url}{window} in {url}")
    if args.json:
        print(json.dumps([_as_json(row) for row in rows], ensure_ascii=False, indent=2))
    else:
        print(render_table(rows))
    return EXIT_OK


def _as_json(row: Any) -> dict[str, Any]:
    return {
        "run_id": row.run_id, "run": row.run_name,
        "started_at": row.started_at.isoformat() + "Z", "url": row.url,
        "error_code": row.error_code, "scores": row.scores, "findings": row.impacts,
        "tasks": [task.__dict__ for task in row.tasks],
    }


# The four scores every report shows (tester.report.compare.SCORE_KEYS), with short headings.
SCORE_COLUMNS = (("tasks", "tasks"), ("accessibility", "a11y"), ("low_vision", "lowvis"),
                 ("kazakh_rules", "kk"))
IMPACT_COLUMNS = (("critical", "crit"), ("serious", "ser"), ("moderate", "mod"),
                  ("minor", "min"))


def render_table(rows: list[Any]) -> str:
    """Plain text: one line per run, then one indented line per task (pure, for tests)."""
    heads = [f"{head:>6}" for _, head in SCORE_COLUMNS] + [f"{head:>4}" for _, head in
                                                          IMPACT_COLUMNS]
    lines = [f"{'started (UTC)':16}  {'run':>5}  " + "  ".join(heads) + "  name"]
    for row in rows:
        cells = [_score(row.scores.get(key)) for key, _ in SCORE_COLUMNS]
        cells += [f"{row.impacts[key]:>4}" for key, _ in IMPACT_COLUMNS]
        error = f"  (not audited: {row.error_code})" if row.error_code else ""
        lines.append(f"{row.started_at:%Y-%m-%d %H:%M}  {row.run_id:>5}  " + "  ".join(cells)
                     + f"  {row.run_name}{error}")
        for task in row.tasks:
            clicks = f"{task.clicks} click{'' if task.clicks == 1 else 's'}"
            lines.append(f"{'':25}{task.task_id}: {task.status}, {clicks}, {task.seconds:.1f} s")
    return "\n".join(lines)


def _score(value: float | None) -> str:
    return f"{value:6.1f}" if value is not None else f"{'-':>6}"


def add_trends(settings: Settings, result: RunResult, out_dir: Path) -> bool:
    """After a run is recorded: give each site with at least two recorded runs its `trend`
    (its last runs, this one last), so the re-written report can draw them. True if any site
    got one. A history that cannot be read now costs the charts only, never the audit."""
    from tester.history import (
        TREND_RUNS,
        HistoryError,
        database_url,
        open_history,
        site_runs,
        trend_points,
    )

    url = database_url(settings.db, out_dir.resolve().parent)
    changed = False
    try:
        history = open_history(url, timeout_s=settings.db_timeout_s, must_exist=True)
        try:
            with history.transaction() as conn:
                for site in result.sites:
                    rows = site_runs(conn, site.url, limit=TREND_RUNS)
                    if len(rows) >= 2:
                        site.trend = trend_points(rows)
                        changed = True
        finally:
            history.close()
    except HistoryError:
        return False
    return changed
