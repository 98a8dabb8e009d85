"""`ashyq diff BEFORE AFTER`: what changed between two runs, as Markdown (a pull-request comment)
and JSON; with --fail-on, exit 2 on a regression (tester/diff.py compares, tester/gate.py
decides). A run is a result.json, its folder, or a run recorded in the history (its id or report
folder name, as `ashyq db runs` lists them)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tester.cli.args import parse_fail_on
from tester.cli.baseline_command import HISTORY_BESIDE, load_run
from tester.cli.exits import EXIT_OK, EXIT_THRESHOLD, UsageError
from tester.i18n import LANGUAGES
from tester.model import RunResult

MARKDOWN_FILE, JSON_FILE = "diff.md", "diff.json"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = sub.add_parser(
        "diff",
        help="what changed between two runs: new, fixed and persisting findings, tasks, scores",
        description="Compare two runs (result.json files or the run folders holding them). "
        "Findings match by their stable fingerprint (docs/fingerprints.md). Without --out the "
        "Markdown goes to stdout, ready for a pull-request comment.",
    )
    diff.add_argument("before", type=Path, nargs="?",
                      help="the earlier run: result.json, its folder, or a recorded run's id "
                      "or name")
    diff.add_argument("after", type=Path, nargs="?", help="the later run, likewise")
    diff.add_argument("--site", metavar="URL",
                      help="instead of BEFORE and AFTER: the oldest and newest recorded runs "
                      "of this site (within --since), that site only")
    diff.add_argument("--since", metavar="SPAN",
                      help="with --site: only runs started since then: 30d, 4w or YYYY-MM-DD")
    diff.add_argument("--today", metavar="YYYY-MM-DD",
                      help="count --since back from this day (default: the real date)")
    diff.add_argument("--db", metavar="URL",
                      help="history database to find run ids in (default: reports/history.sqlite; "
                      "config `db`, env ASHYQ_DB)")
    diff.add_argument("--out", type=Path,
                      help=f"write {MARKDOWN_FILE} and {JSON_FILE} into this folder")
    diff.add_argument("--lang", choices=LANGUAGES, default=None,
                      help="language of the Markdown (default: the later run's report language)")
    diff.add_argument(
        "--fail-on",
        default="",
        help="exit 2 on a regression: 'new:<impact>' (a new violation at or above it), "
        "'new:task' (a task that passed and now fails, or now needs more than 3 clicks); the "
        "plain thresholds of `ashyq run` judge the later run as a whole; comma-separated",
    )
    diff.set_defaults(handler=cmd_diff)


def cmd_diff(args: argparse.Namespace) -> int:
    from tester.diff import diff_runs, render_markdown, to_json
    from tester.gate import threshold_crossed
    from tester.terminal import say

    fail_on = parse_fail_on(args.fail_on)
    if args.site:
        if args.before is not None or args.after is not None:
            raise UsageError("give either BEFORE and AFTER or --site, not both")
        before, after = site_window(args)
    elif args.before is None or args.after is None or args.since:
        raise UsageError("give BEFORE and AFTER (run ids or result.json files), or --site URL "
                         "[--since 30d]")
    else:
        before, after = load_run(args.before, args), load_run(args.after, args)
    diff = diff_runs(before, after)
    language = args.lang or str(after.settings.get("report_language", "en"))
    if language not in LANGUAGES:
        language = "en"
    markdown = render_markdown(diff, language)
    if args.out is None:
        print(markdown, end="")
    else:
        try:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / MARKDOWN_FILE).write_text(markdown, encoding="utf-8")
            (args.out / JSON_FILE).write_text(to_json(diff), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write to {args.out}: {exc.strerror or exc}") from exc
        print((args.out / MARKDOWN_FILE).resolve())
    reasons = threshold_crossed(after, fail_on, diff)
    for reason in reasons:
        say(f"ashyq: regression: {reason}")
    return EXIT_THRESHOLD if reasons else EXIT_OK


def site_window(args: argparse.Namespace) -> tuple[RunResult, RunResult]:
    """The oldest and newest recorded runs of `--site` (within `--since`), each cut down to
    that one site, so the other sites of those runs do not show as added or removed."""
    from tester.cli.args import settings_from_args
    from tester.history import HistoryError, database_url, open_history, parse_since, site_runs
    from tester.history import load_run as load_recorded
    from tester.urlnorm import normalise_url

    settings = settings_from_args(args)
    wanted = normalise_url(args.site)
    if not wanted:
        raise UsageError(f"--site {args.site}: not an http(s) URL")
    try:
        since = parse_since(args.since, settings.today) if args.since else None
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    try:
        history = open_history(database_url(settings.db, HISTORY_BESIDE),
                               timeout_s=settings.db_timeout_s, must_exist=True)
        try:
            with history.transaction() as conn:
                rows = site_runs(conn, args.site, since=since)
                if len(rows) < 2:
                    window = f" since {since:%Y-%m-%d}" if since else ""
                    raise UsageError(f"--site {args.site}: {len(rows)} recorded run(s){window} "
                                     f"in {history.url}; a diff needs two")
                runs = [load_recorded(conn, rows[-1].run_id), load_recorded(conn, rows[0].run_id)]
        finally:
            history.close()
    except HistoryError as exc:
        raise UsageError(str(exc)) from exc
    before, after = (run.model_copy(update={
        "sites": [site for site in run.sites if normalise_url(site.url) == wanted]})
        for run in runs)
    return before, after
