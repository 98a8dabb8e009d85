"""`ashyq` command line.

Exit codes:
  0    done
  1    the tool could not run: a usage error (unknown flag, bad value, no command), a bad URL,
       config or scenario, no browser
  2    a --fail-on threshold was crossed
  3    a site could not be audited (unreachable, DNS or TLS failure, a blocked port, a home page
       answering >= 400; for `check`, a host none of whose pages could be audited), with or
       without --fail-on. Distinct from 1 so CI can tell a site that was not ready (retry)
       from a misconfigured tool, and from 2 so it is never mistaken for a verdict on the site.
  130  stopped by Ctrl-C or SIGTERM; the report of what was gathered is written
When several apply, the first in this order wins: 130, 1, 3, 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from tester import __version__
from tester.config import ALL_TASKS, CHECK_DEPTHS, ConfigError, Settings, load_settings
from tester.model import IMPACT_ORDER, RunResult
from tester.scores import page_audited
from tester.terminal import say
from tester.urlnorm import host_of

EXIT_OK, EXIT_TOOL, EXIT_THRESHOLD, EXIT_NOT_AUDITED, EXIT_STOPPED = 0, 1, 2, 3, 130
FAIL_ON_CHOICES = ("critical", "serious", "moderate", "minor", "task", "check")


class UsageError(Exception):
    """A one-line reason shown as `ashyq: error: …` with exit code 1."""


class Parser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error; ashyq keeps 2 for a crossed threshold, so 1 here.

    Sub-command parsers are made from this class too (add_subparsers uses type(parser)).
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_TOOL, f"{self.prog}: error: {message}\n")


EXIT_CODES_HELP = """exit codes:
  0    done
  1    the tool could not run (usage error, bad URL, config or scenario, no browser)
  2    a --fail-on threshold was crossed
  3    a site could not be audited (unreachable, DNS or TLS failure, blocked port, home page
       answering >= 400), with or without --fail-on
  130  stopped by Ctrl-C or SIGTERM (the report of what was gathered is written)
  when several apply, the first of 130, 1, 3, 2 wins"""


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="ashyq",
        description="Audit government websites as a citizen would: tasks, axe-core, low-vision "
        "and Kazakh-rules checks, with JSON/HTML/JUnit reports.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ashyq {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="audit sites end to end (tasks, pages, site checks)",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument(
        "urls", nargs="*", metavar="URL", help="site home pages (default: the demo site)"
    )
    _audit_options(run)
    run.add_argument("--tasks", help=f"comma-separated task ids or 'all' ({', '.join(ALL_TASKS)})")
    run.add_argument("--max-pages", type=int, help="pages audited per site")
    run.add_argument("--click-budget", type=int, help="clicks a task may spend")
    run.add_argument("--scenarios", type=Path, action="append", help="YAML scenario file or folder")
    run.add_argument("--search-term", help="query for the site-search task")
    run.add_argument(
        "--lexicon",
        type=Path,
        action="append",
        help="extra kk/ru/en terms (YAML shaped like tester/lexicon/terms.yaml); repeatable",
    )

    check = sub.add_parser(
        "check",
        help="page checks only, on exactly the pages given",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("urls", nargs="*", metavar="URL")
    _audit_options(check)

    report = sub.add_parser("report", help="re-render reports from a result.json")
    report.add_argument("result", type=Path, help="path to result.json (or its folder)")
    report.add_argument("--out", type=Path, help="folder to write to (default: beside result.json)")
    report.add_argument("--lang", choices=("en", "ru", "kk"), help="report language")

    demo = sub.add_parser("demo", help="serve the bundled demo site for a person to browse")
    demo.add_argument("--port", type=int, default=8765)

    validate = sub.add_parser("validate", help="check scenario files without a browser")
    validate.add_argument("paths", nargs="+", type=Path)

    schema = sub.add_parser("schema", help="print the JSON Schema of result.json")
    schema.add_argument("--out", type=Path)
    return parser


def _audit_options(p: argparse.ArgumentParser) -> None:
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
    p.add_argument("--lang", choices=("en", "ru", "kk"), help="report language")
    p.add_argument(
        "--fail-on",
        default="",
        help="exit 2 when crossed: an impact (critical|serious|moderate|minor: any axe violation "
        "at or above it), 'task' (a task not passed), 'check' (a check failed); comma-separated",
    )
    p.add_argument(
        "--formats",
        help="report files to write, comma-separated (default all: "
        "json,html,junit,markdown,sarif,csv; json is always written)",
    )
    p.add_argument("--executable-path", help="Chromium binary to use")
    p.add_argument(
        "--resolve",
        action="append",
        metavar="HOST=IP",
        help="reach HOST at IP, like curl --resolve (the browser and the tool's own requests): "
        "audit a staging server under its production name; repeatable",
    )
    p.add_argument("--headed", action="store_true", help="show the browser window")
    p.add_argument("--timeout", type=int, help="navigation timeout in ms")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")


def settings_from_args(args: argparse.Namespace) -> Settings:
    settings = load_settings(getattr(args, "config", None))
    tasks = None
    if getattr(args, "tasks", None):
        tasks = (
            ALL_TASKS
            if args.tasks == "all"
            else [t.strip() for t in args.tasks.split(",") if t.strip()]
        )
    return settings.with_overrides(
        checks=args.checks,
        report_language=args.lang,
        executable_path=args.executable_path,
        headless=False if args.headed else None,
        navigation_timeout_ms=args.timeout,
        tasks=tasks,
        max_pages=getattr(args, "max_pages", None),
        click_budget=getattr(args, "click_budget", None),
        search_term=getattr(args, "search_term", None),
        lexicon=[str(p) for p in args.lexicon] if getattr(args, "lexicon", None) else None,
        resolve=[*settings.resolve, *args.resolve] if getattr(args, "resolve", None) else None,
    )


def parse_formats(text: str | None) -> tuple[str, ...] | None:
    """--formats: None means every format; result.json is always among them (the contract)."""
    from tester.report import ALL_FORMATS

    if not text:
        return None
    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [t for t in items if t not in ALL_FORMATS]
    if bad:
        raise UsageError(f"--formats: unknown format {bad[0]!r}; use {', '.join(ALL_FORMATS)}")
    return tuple(dict.fromkeys(["json", *items]))


def parse_fail_on(text: str) -> list[str]:
    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [t for t in items if t not in FAIL_ON_CHOICES]
    if bad:
        raise UsageError(f"--fail-on: unknown value {bad[0]!r}; use {', '.join(FAIL_ON_CHOICES)}")
    return items


def threshold_crossed(result: RunResult, fail_on: list[str]) -> list[str]:
    """Human-readable reasons the run crossed the user's thresholds (empty: none)."""
    reasons: list[str] = []
    impacts = [t for t in fail_on if t in IMPACT_ORDER]
    if impacts:
        limit = max(IMPACT_ORDER[t] for t in impacts)
        count = sum(
            1
            for site in result.sites
            for page in site.pages
            for f in page.findings
            if not f.needs_review and IMPACT_ORDER.get(f.impact, 9) <= limit
        )
        if count:
            reasons.append(f"{count} violation(s) at {impacts[0]} impact or above")
    if "task" in fail_on:
        bad = [t.id for s in result.sites for t in s.tasks if t.status in ("failed", "error")]
        if bad:
            reasons.append(f"task(s) not passed: {', '.join(bad)}")
    if "check" in fail_on:
        bad = [c.id for s in result.sites for c in s.checks if c.status == "failed"]
        bad += [
            c.id for s in result.sites for p in s.pages for c in p.checks if c.status == "failed"
        ]
        if bad:
            reasons.append(f"check(s) failed: {', '.join(sorted(set(bad)))}")
    return reasons


def sites_not_audited(result: RunResult) -> list[str]:
    """"url: reason" for each site that could not be audited (exit code 3; empty: none).

    `run`: every site with an error_code (its home page did not load or answered >= 400, or the
    audit broke off). `check`: a site (host) none of whose given pages could be audited.
    """
    reasons = []
    for site in result.sites:
        broken = (
            site.error_code is not None
            if result.command == "run"
            else not any(page_audited(p) for p in site.pages)
        )
        if broken:
            reasons.append(f"{site.url}: {site.error or site.error_code or 'not audited'}")
    return reasons


def read_urls_file(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text") from exc
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def validate_urls(urls: Sequence[str]) -> list[str]:
    clean = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"not an http(s) URL: {url!r}")
        if not host_of(url):  # e.g. an empty or over-long label: nothing could resolve it
            raise UsageError(f"not a valid host name in {url!r}")
        clean.append(url)
    return clean


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_usage(sys.stderr)
        print("ashyq: error: a command is required (ashyq --help lists them)", file=sys.stderr)
        return EXIT_TOOL
    try:
        from tester import commands

        return commands.dispatch(args)
    except (UsageError, ConfigError) as exc:
        say(f"ashyq: error: {exc}")
        return EXIT_TOOL
    except KeyboardInterrupt:
        say("ashyq: interrupted")
        return EXIT_STOPPED
