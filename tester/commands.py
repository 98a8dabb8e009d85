"""What each `ashyq` sub-command does (argument parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from tester.browser import BrowserNotFound
from tester.cli import (
    EXIT_NOT_AUDITED,
    EXIT_OK,
    EXIT_STOPPED,
    EXIT_THRESHOLD,
    EXIT_TOOL,
    UsageError,
    default_out_dir,
    parse_fail_on,
    parse_formats,
    point_latest,
    read_urls_file,
    settings_from_args,
    sites_not_audited,
    threshold_crossed,
    validate_urls,
)
from tester.model import Notice, RunResult, json_schema, utc_now
from tester.stopping import StopSignals
from tester.terminal import say


def dispatch(args: argparse.Namespace) -> int:
    handlers = {
        "run": cmd_audit,
        "check": cmd_audit,
        "report": cmd_report,
        "demo": cmd_demo,
        "validate": cmd_validate,
        "schema": cmd_schema,
    }
    return handlers[args.command](args)


def _progress(quiet: bool) -> Callable[[str], None]:
    def progress(line: str) -> None:
        if not quiet:
            say(line)  # page titles, URLs and page errors: control characters escaped

    return progress


def _load_scenarios(paths: list[Path] | None) -> list[Any]:
    if not paths:
        return []
    from tester.scenarios import has_errors, load_scenarios

    scenarios, problems = load_scenarios(paths)
    if has_errors(problems):
        errors = [p for p in problems if not p.warning]
        raise UsageError(f"{len(errors)} scenario error(s), first: {errors[0]}")
    for warning in problems:
        say(f"ashyq: {warning}")
    return scenarios


def cmd_audit(args: argparse.Namespace) -> int:
    from tester.report import write_report
    from tester.runner import new_result, run_with_browser

    settings = settings_from_args(args)
    fail_on = parse_fail_on(args.fail_on)
    formats = parse_formats(args.formats)
    scenarios = _load_scenarios(getattr(args, "scenarios", None))
    progress = _progress(args.quiet)
    with StopSignals() as stop, ExitStack() as stack:
        urls = validate_urls(
            list(args.urls) + (read_urls_file(args.urls_file) if args.urls_file else [])
        )
        if not urls and args.command == "check":
            raise UsageError("check needs at least one URL (or --urls-file)")
        if not urls:
            from tester.demo import serve_site

            server = serve_site()
            stack.callback(server.stop)
            urls = [server.url]
            progress(f"auditing the bundled demo site at {server.url}")
        out_dir = args.out or default_out_dir(urls)
        out_dir.mkdir(parents=True, exist_ok=True)
        result = new_result(settings, args.command)
        started = time.monotonic()
        try:
            asyncio.run(
                stop.run(
                    run_with_browser(
                        args.command, urls, settings, out_dir, progress, scenarios, result
                    )
                )
            )
        except BrowserNotFound as exc:
            say(f"ashyq: error: {exc}")
            return EXIT_TOOL
        finally:
            # Also after a stop signal or a crash: the report holds what was gathered.
            if result.finished_at is None:
                result.finished_at = utc_now()
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
    report = Path(paths.get("html", paths["json"])).resolve()
    if stop.received is not None:
        say(f"ashyq: stopped by {signal.Signals(stop.received).name}; the report holds what "
            "was gathered")
        print(report)
        return EXIT_STOPPED
    progress(f"done in {time.monotonic() - started:.1f} s")
    print(report)
    return exit_code(result, fail_on)


def _stopped_notice(signum: int) -> Notice:
    name = signal.Signals(signum).name
    return Notice(
        id="stopped",
        message=f"The run was stopped ({name}) before it finished: this report holds only "
        "what was gathered until then.",
        data={"signal": name},
    )


def exit_code(result: RunResult, fail_on: list[str]) -> int:
    """3 when a site could not be audited (whatever --fail-on says), else 2 when a threshold
    was crossed, else 0; each reason on its own line on stderr."""
    broken = sites_not_audited(result)
    for reason in broken:
        say(f"ashyq: site not audited: {reason}")
    reasons = threshold_crossed(result, fail_on)
    for reason in reasons:
        say(f"ashyq: threshold crossed: {reason}")
    if broken:
        return EXIT_NOT_AUDITED
    return EXIT_THRESHOLD if reasons else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from tester.report import ReportError, load_result, write_report
    from tester.report.files import copy_screenshots

    path = args.result / "result.json" if args.result.is_dir() else args.result
    try:
        result = load_result(path)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    out_dir = args.out or path.parent
    language = args.lang or str(result.settings.get("report_language", "en"))
    same_folder = Path(out_dir).resolve() == path.parent.resolve()
    formats = ("html", "junit", "markdown", "sarif", "csv") if same_folder else None
    try:
        paths = write_report(result, out_dir, language, **({"formats": formats} if formats else {}))
        # Elsewhere, the report's images must come along (they are relative to the report).
        copy_screenshots(result, path.parent, out_dir)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    print(Path(paths.get("html", out_dir / "index.html")).resolve())
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from tester.demo import serve_site

    try:
        server = serve_site(port=args.port)
    except OSError as exc:
        raise UsageError(f"cannot serve on port {args.port}: {exc.strerror}") from exc
    print(f"demo site: {server.url}  (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from tester.scenarios.validate import validate_command

    return validate_command(args.paths)


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK
