"""`ashyq dashboard --out DIR`: the living multi-site dashboard, a static site in kk, ru and en
built from the history database (tester/dashboard); prints the path of its front page."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tester.cli.args import settings_from_args
from tester.cli.baseline_command import recorded_history
from tester.cli.exits import EXIT_OK, UsageError
from tester.config import Settings
from tester.i18n import LANGUAGES, counted
from tester.terminal import say

DEFAULT_OUT = Path("reports") / "dashboard"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dashboard = sub.add_parser(
        "dashboard",
        help="a static site of every recorded site: latest score and trend, tasks, low-vision "
        "version, languages, news, broken links; one page per site with its history",
        description="Build the dashboard from the history database: a front page with one row "
        "per site (its latest recorded audit), sortable and filterable, and a page per site "
        "with its trend and every recorded run, linked to its report. Written in kk, ru and "
        "en; DIR/index.html is the default language. No external resources: it works from "
        "disk and from any web server.",
    )
    dashboard.add_argument("--db", metavar="URL",
                           help="history database URL or SQLite file (default: config `db`, "
                           "ASHYQ_DB, else reports/history.sqlite)")
    dashboard.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                           help=f"folder to write (default {DEFAULT_OUT})")
    dashboard.add_argument("--lang", choices=LANGUAGES, default=None,
                           help="language of DIR/index.html (default: report_language)")
    dashboard.add_argument("--config", type=Path,
                           help="settings file (default: nearest playwright.config.toml)")
    dashboard.add_argument("--today", metavar="YYYY-MM-DD",
                           help="the dashboard's date: changes 'in about a quarter' count back "
                           "from it (default: the real date)")
    dashboard.add_argument("--pdf", action="store_true",
                           help="also print each site's page in the default language to PDF "
                           "(X.pdf beside X.html) through Chromium, for delivering documents")
    dashboard.set_defaults(handler=cmd_dashboard)


def cmd_dashboard(args: argparse.Namespace) -> int:
    from tester.dashboard import build_dashboard, report_linker, write_dashboard
    from tester.history.dashboard_query import dashboard_data

    settings = settings_from_args(args)
    started = time.monotonic()
    with recorded_history(settings) as (conn, url):
        sites, documents = dashboard_data(conn)
    if not sites:
        raise UsageError(f"no recorded runs in {url}: record some with `ashyq run` or "
                         "`ashyq db import`")
    dashboard = build_dashboard(sites, documents, settings.today, report_linker(args.out))
    try:
        written = write_dashboard(dashboard, args.out, settings.report_language)
    except OSError as exc:
        raise UsageError(f"cannot write to {args.out}: {exc.strerror or exc}") from exc
    say(f"ashyq: dashboard of {counted('site', len(dashboard.rows))} written in "
        f"{time.monotonic() - started:.1f} s")
    if args.pdf:
        _print_pdfs(written.site_pages[settings.report_language], settings)
    print(written.front.resolve())
    return EXIT_OK


def _print_pdfs(pages: list[Path], settings: Settings) -> None:
    from tester.browser.pdf import PdfError, print_to_pdf

    started = time.monotonic()
    try:
        printed = print_to_pdf(pages, settings)
    except PdfError as exc:
        raise UsageError(f"PDF not written: {exc}") from None
    say(f"ashyq: {counted('site-page', len(printed))} printed to PDF in "
        f"{time.monotonic() - started:.1f} s")
