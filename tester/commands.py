"""What each `ashyq` sub-command does (argument parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from tester.browser import BrowserNotFound
from tester.cli import (
    EXIT_OK,
    EXIT_THRESHOLD,
    EXIT_TOOL,
    UsageError,
    default_out_dir,
    parse_fail_on,
    parse_formats,
    point_latest,
    read_urls_file,
    settings_from_args,
    threshold_crossed,
    validate_urls,
)
from tester.model import json_schema


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


def _progress(quiet: bool) -> Any:
    def say(line: str) -> None:
        if not quiet:
            print(line, file=sys.stderr, flush=True)

    return say


def _load_scenarios(paths: list[Path] | None) -> list[Any]:
    if not paths:
        return []
    from tester.scenarios import has_errors, load_scenarios

    scenarios, problems = load_scenarios(paths)
    if has_errors(problems):
        errors = [p for p in problems if not p.warning]
        raise UsageError(f"{len(errors)} scenario error(s), first: {errors[0]}")
    for warning in problems:
        print(f"ashyq: {warning}", file=sys.stderr)
    return scenarios


def cmd_audit(args: argparse.Namespace) -> int:
    from tester.report import write_report
    from tester.runner import new_result, run_with_browser

    settings = settings_from_args(args)
    fail_on = parse_fail_on(args.fail_on)
    formats = parse_formats(args.formats)
    scenarios = _load_scenarios(getattr(args, "scenarios", None))
    say = _progress(args.quiet)
    with ExitStack() as stack:
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
            say(f"auditing the bundled demo site at {server.url}")
        out_dir = args.out or default_out_dir(urls)
        out_dir.mkdir(parents=True, exist_ok=True)
        result = new_result(settings, args.command)
        started = time.monotonic()
        code = EXIT_OK
        # CI systems stop jobs with SIGTERM: treat it like Ctrl-C, so the report is still written.
        signal.signal(signal.SIGTERM, lambda *_: os.kill(os.getpid(), signal.SIGINT))
        try:
            asyncio.run(
                run_with_browser(args.command, urls, settings, out_dir, say, scenarios, result)
            )
        except BrowserNotFound as exc:
            print(f"ashyq: error: {exc}", file=sys.stderr)
            return EXIT_TOOL
        except KeyboardInterrupt:
            say("interrupted: writing the report with what was gathered")
            code = 130
        finally:
            if result.finished_at is None:
                from tester.model import utc_now

                result.finished_at = utc_now()
            paths = write_report(
                result,
                out_dir,
                settings.report_language,
                **({"formats": formats} if formats else {}),
            )
        if args.out is None:
            point_latest(out_dir)
    say(f"done in {time.monotonic() - started:.1f} s")
    print(Path(paths.get("html", paths["json"])).resolve())
    if code:
        return code
    reasons = threshold_crossed(result, fail_on)
    for reason in reasons:
        print(f"ashyq: threshold crossed: {reason}", file=sys.stderr)
    return EXIT_THRESHOLD if reasons else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from tester.report import ReportError, load_result, write_report

    path = args.result / "result.json" if args.result.is_dir() else args.result
    try:
        result = load_result(path)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    out_dir = args.out or path.parent
    language = args.lang or str(result.settings.get("report_language", "en"))
    formats = ("html", "junit", "markdown", "sarif", "csv") if out_dir == path.parent else None
    paths = write_report(result, out_dir, language, **({"formats": formats} if formats else {}))
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
