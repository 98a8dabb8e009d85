"""`ashyq run` (tasks, pages, site checks) and `ashyq check` (page checks on the pages given)."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tester.budget import apply_budget
from tester.cli.args import (
    checked_axe_source,
    parse_fail_on,
    parse_formats,
    read_urls_file,
    settings_from_args,
    validate_urls,
)
from tester.cli.baseline_command import apply_baseline, read_baseline
from tester.cli.budget_command import read_budget
from tester.cli.db_command import db_options, record_audit
from tester.cli.exits import EXIT_CODES_HELP, EXIT_STOPPED, EXIT_TOOL, UsageError, exit_code
from tester.cli.fleet_command import FleetRun, broker_of, fleet_options
from tester.cli.helptext import FORMAT_IDS, TASK_IDS, IdsHelpFormatter
from tester.cli.history_command import add_trends
from tester.cli.printing import PRINTED_HELP, print_report, split_printed
from tester.config import CHECK_DEPTHS, Settings
from tester.i18n import counted
from tester.model import Notice, utc_now
from tester.progress import LiveProgress, RunProgress
from tester.registry import load_all
from tester.stopping import StopSignals
from tester.terminal import say
from tester.wcag import LEVELS, VERSIONS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = sub.add_parser(
        "run",
        help="audit sites end to end (tasks, pages, site checks)",
        epilog=EXIT_CODES_HELP,
        formatter_class=IdsHelpFormatter,
    )
    run.add_argument(
        "urls", nargs="*", metavar="URL", help="site home pages (default: the demo site)"
    )
    audit_options(run)
    fleet_options(run)
    run.add_argument(
        "--tasks", help=f"comma-separated task ids or 'all' ({TASK_IDS})"
    )
    run.add_argument("--max-pages", type=int, help="pages audited per site")
    run.add_argument("--max-links", type=int,
                     help="links of the audited pages whose status is checked, per site")
    run.add_argument("--click-budget", type=int, help="clicks a task may spend")
    run.add_argument("--scenarios", type=Path, action="append", help="YAML scenario file or folder")
    run.add_argument("--search-term", help="query for the site-search task")
    run.add_argument(
        "--lexicon",
        type=Path,
        action="append",
        help="extra kk/ru/en terms (YAML shaped like tester/lexicon/terms.yaml); repeatable",
    )
    run.set_defaults(handler=cmd_audit)

    check = sub.add_parser(
        "check",
        help="page checks only, on exactly the pages given",
        epilog=EXIT_CODES_HELP,
        formatter_class=IdsHelpFormatter,
    )
    check.add_argument("urls", nargs="*", metavar="URL")
    audit_options(check)
    check.set_defaults(handler=cmd_audit)


def audit_options(p: argparse.ArgumentParser) -> None:
    """The options `run` and `check` share."""
    p.add_argument(
        "--urls-file",
        type=Path,
        metavar="FILE",
        help="read URLs from FILE too, one per line (# starts a comment)",
    )
    p.add_argument("--out", type=Path, help="report folder (default: reports/<run-id>/)")
    p.add_argument(
        "--config", type=Path, help="settings file (default: nearest playwright.config.toml)"
    )
    p.add_argument("--checks", choices=CHECK_DEPTHS, help="page-check depth (default from config)")
    p.add_argument("--lang", choices=("en", "ru", "kk"),
                   help="report language (axe-core's help in it: env ASHYQ_AXE_LOCALES)")
    p.add_argument(
        "--wcag", choices=VERSIONS,
        help="WCAG version findings are judged by (default 2.1; config wcag, env ASHYQ_WCAG): a "
        "finding whose criteria all came later is advisory, shown but never a failure",
    )
    p.add_argument(
        "--wcag-level", choices=LEVELS, type=str.upper,
        help="WCAG conformance level (default AA; config wcag_level, env ASHYQ_WCAG_LEVEL): a "
        "finding whose criteria are all above it is advisory",
    )
    p.add_argument(
        "--enhanced-contrast", action="store_true", default=None,
        help="also run axe-core's color-contrast-enhanced (WCAG 1.4.6, 7:1); advisory below "
        "AAA (config enhanced_contrast)",
    )
    p.add_argument(
        "--fail-on",
        default="",
        help="exit 2 when crossed: an impact (critical|serious|moderate|minor: any axe violation "
        "at or above it), 'task' (a task not passed), 'check' (a check failed); with --baseline, "
        "'new:<impact>' (a violation the baseline does not hold) and 'new:task' (a task that "
        "passed and now fails, or now needs more than 3 clicks); comma-separated",
    )
    p.add_argument(
        "--budget", type=Path, metavar="FILE",
        help="judge the run by this budget file (an ashyq-budget.toml: findings per rule and "
        "impact, clicks and seconds per task, minimum scores, required sections; README "
        "'Budgets'); a limit not kept exits 2 (config budget, env ASHYQ_BUDGET)",
    )
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="compare with this baseline (`ashyq baseline save`): 'new:' thresholds count only "
        "what it does not hold, and results.sarif says each result's baselineState",
    )
    p.add_argument(
        "--formats",
        help="report files to write, comma-separated (default all: "
        f"{FORMAT_IDS}; json is always written; {PRINTED_HELP})",
    )
    p.add_argument(
        "--jobs", type=int, metavar="N",
        help="pages and tasks audited at once, over all sites (default: twice the cores, "
        "2 to 8; config jobs, env ASHYQ_JOBS); the report is the same for any N",
    )
    p.add_argument(
        "--per-host", type=int, metavar="N",
        help="pages and tasks at once on one host, and the tool's own requests at once to one "
        "host (default 2; config per_host)",
    )
    p.add_argument(
        "--delay", type=float, metavar="SECONDS",
        help="seconds between starts on one host: page loads, tasks, the tool's own requests "
        "(default 0; config delay_s)",
    )
    p.add_argument(
        "--axe-source", metavar="PATH|VERSION",
        help="the axe-core to run instead of the bundled one: a local axe.min.js / axe.js, or "
        "a version (4.10.2, latest) fetched once from the npm registry, its sha512 checked, "
        "then cached (default: bundled; config axe_source, env ASHYQ_AXE_SOURCE)",
    )
    p.add_argument("--executable-path", help="Chromium binary to use")
    p.add_argument(
        "--browser-endpoint", metavar="URL",
        help="audit through a browser that is already running instead of launching one: "
        "http://host:port (Chrome's --remote-debugging-port) or a ws:// address "
        "(config browser_endpoint, env ASHYQ_BROWSER_ENDPOINT)",
    )
    p.add_argument(
        "--resolve",
        action="append",
        metavar="HOST=IP",
        help="reach HOST at IP, like curl --resolve (the browser and the tool's own requests): "
        "audit a staging server under its production name; repeatable",
    )
    p.add_argument("--headed", action="store_true", help="show the browser window")
    p.add_argument("--timeout", type=int, help="navigation timeout in ms")
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="judge dates as if today were this day (news freshness, stale sections); "
        "default: the real date",
    )
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    db_options(p)


def _progress(quiet: bool, settings: Settings) -> RunProgress:
    """Lines and a live status on stderr (a status line every progress_interval_s in a log);
    with --quiet, nothing (the counts are kept all the same)."""
    if quiet:
        return RunProgress()
    return LiveProgress(interval=None if sys.stderr.isatty() else settings.progress_interval_s)


def _load_scenarios(paths: list[Path] | None) -> list[Any]:
    if not paths:
        return []
    from tester.scenarios import has_errors, load_scenarios

    scenarios, problems = load_scenarios(paths)
    if has_errors(problems):
        errors = [p for p in problems if not p.warning]
        raise UsageError(f"{counted('scenario-error', len(errors))}, first: {errors[0]}")
    for warning in problems:
        say(f"ashyq: {warning}")
    return scenarios


def cmd_audit(args: argparse.Namespace) -> int:
    from tester.browser import BrowserNotFound
    from tester.report import write_report
    from tester.runner import new_result, run_with_browser

    load_all()  # a broken or clashing plugin: one line now, not a crash halfway through
    settings = settings_from_args(args)
    checked_axe_source(settings)  # a bad --axe-source: one line now, before any browser starts
    fail_on = parse_fail_on(args.fail_on)
    formats, wants_pdf = split_printed(parse_formats(args.formats))
    baseline = read_baseline(args.baseline) if args.baseline else None
    budget = read_budget(settings)
    scenarios = _load_scenarios(getattr(args, "scenarios", None))
    progress = _progress(args.quiet, settings)
    broker = broker_of(args) if args.command == "run" else ""
    fleet = FleetRun(args, broker) if broker else None
    if fleet is None and (getattr(args, "detach", False) or getattr(args, "attach", None)):
        raise UsageError("--detach and --attach need a fleet: give --broker redis://HOST:PORT/0")
    with StopSignals() as stop, ExitStack() as stack:
        urls, queued_out = fleet.planned() if fleet else ([], None)
        urls = urls or validate_urls(
            list(args.urls) + (read_urls_file(args.urls_file) if args.urls_file else [])
        )
        if not urls and args.command == "check":
            raise UsageError("check needs at least one URL (or --urls-file)")
        if not urls and fleet is not None:
            raise UsageError("--broker needs the sites' URLs: the workers cannot reach a demo "
                             "site served by this process")
        if not urls:
            from tester.demo import serve_demo

            server = serve_demo()
            stack.callback(server.stop)
            urls = [server.url]
            progress(f"auditing the bundled demo site at {server.url}")
        out_dir = args.out or queued_out or default_out_dir(urls)
        out_dir.mkdir(parents=True, exist_ok=True)
        if fleet is not None:
            fleet.queue(urls, settings, out_dir)
            if args.detach:
                return fleet.detached()
        result = new_result(settings, args.command)
        started = time.monotonic()
        try:
            with progress:  # the live status line lasts as long as the audit
                gathering = fleet.gather(result, progress) if fleet else run_with_browser(
                    args.command, urls, settings, out_dir, progress, scenarios, result)
                asyncio.run(stop.run(gathering))
        except BrowserNotFound as exc:
            say(f"ashyq: error: {exc}")
            return EXIT_TOOL
        finally:
            # Also after a stop signal or a crash: the report holds what was gathered.
            if result.finished_at is None:
                result.finished_at = utc_now()
            result.fail_on = fail_on
            if budget is not None:
                apply_budget(result, budget)
            if stop.received is not None:
                result.notices.append(_stopped_notice(stop.received))
            paths = write_report(
                result,
                out_dir,
                settings.report_language,
                **({"formats": formats} if formats else {}),
            )
        if args.out is None:
            point_latest(out_dir)
    # After the report folder is written: a history that cannot be written loses no audit.
    history_error = record_audit(args, settings, result, out_dir, progress)
    recorded = history_error is None and not getattr(args, "no_db", False)
    if recorded and add_trends(settings, result, out_dir):
        # The report stays a pure function of result.json: the trend goes into it, then the
        # files that show it are written again.
        paths.update(write_report(result, out_dir, settings.report_language,
                                  formats=[fmt for fmt in ("json", "html") if fmt in paths]))
    pdf_error = None
    if wants_pdf and stop.received is None and "html" in paths:
        # After the trend is in index.html; a PDF that cannot be printed loses no audit.
        try:
            paths["pdf"] = print_report(paths["html"], settings)
        except UsageError as exc:
            pdf_error = str(exc)
    report = Path(paths.get("html", paths["json"])).resolve()
    if stop.received is not None:
        say(f"ashyq: stopped by {signal.Signals(stop.received).name}; the report holds what "
            "was gathered")
        print(report)
        return EXIT_STOPPED
    progress(f"done in {time.monotonic() - started:.1f} s")
    print(report)
    comparison = (
        apply_baseline(result, baseline, settings.today, paths, args.baseline)
        if baseline is not None else None
    )
    code = exit_code(result, fail_on, comparison)
    errors = [error for error in (history_error, pdf_error) if error]
    for error in errors:
        say(f"ashyq: error: {error}")
    if errors:
        return EXIT_TOOL
    return code


def _stopped_notice(signum: int) -> Notice:
    name = signal.Signals(signum).name
    return Notice(
        id="stopped",
        message=f"The run was stopped ({name}) before it finished: this report holds only "
        "what was gathered until then.",
        data={"signal": name},
        message_key="notice.stopped",
        message_values={"signal": name},
    )


def default_out_dir(urls: Sequence[str], reports: Path = Path("reports")) -> Path:
    host = (urlsplit(urls[0]).hostname or "site").replace(".", "-") if urls else "site"
    run_id = f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{host}"
    out = reports / run_id
    suffix = 1
    while out.exists():
        suffix += 1
        out = reports / f"{run_id}-{suffix}"
    return out


def point_latest(out_dir: Path) -> None:
    """reports/latest -> the newest run (a symlink; a text file where links are not allowed)."""
    latest = out_dir.parent / "latest"
    try:
        if latest.is_symlink() or latest.is_file():
            latest.unlink()
        os.symlink(out_dir.name, latest, target_is_directory=True)
    except OSError:
        latest.write_text(out_dir.name + "\n", encoding="utf-8")
