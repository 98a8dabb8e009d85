"""`ashyq diff BEFORE AFTER`: what changed between two runs, as Markdown (a pull-request comment)
and JSON; with --fail-on, exit 2 on a regression (tester/diff.py compares, tester/gate.py
decides). A run is a result.json, its folder, or a run recorded in the history (its id or report
folder name, as `ashyq db runs` lists them)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tester.cli.args import parse_fail_on
from tester.cli.baseline_command import load_run
from tester.cli.exits import EXIT_OK, EXIT_THRESHOLD, UsageError
from tester.i18n import LANGUAGES

MARKDOWN_FILE, JSON_FILE = "diff.md", "diff.json"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = sub.add_parser(
        "diff",
        help="what changed between two runs: new, fixed and persisting findings, tasks, scores",
        description="Compare two runs (result.json files or the run folders holding them). "
        "Findings match by their stable fingerprint (docs/fingerprints.md). Without --out the "
        "Markdown goes to stdout, ready for a pull-request comment.",
    )
    diff.add_argument("before", type=Path,
                      help="the earlier run: result.json, its folder, or a recorded run's id "
                      "or name")
    diff.add_argument("after", type=Path, help="the later run, likewise")
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
