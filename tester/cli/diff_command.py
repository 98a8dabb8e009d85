"""`ashyq diff BEFORE AFTER`: what changed between two runs, as Markdown (a pull-request comment),
JSON and an HTML page with the before and after screenshots side by side; with --fail-on, exit 2
on a regression (tester/diff.py compares, tester/report/diff_html.py renders, tester/gate.py
decides). A run is a result.json, its folder, or a run recorded in the history (its id or report
folder name, as `ashyq db runs` lists them). The screenshots are copied here, from each run's
report folder (a recorded run's `report_dir`), into DIR/screenshots/before|after/."""

from __future__ import annotations

import argparse
import gc
import shutil
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tester.cli.args import parse_fail_on
from tester.cli.baseline_command import load_run, recorded_history, recorded_run, report_dir
from tester.cli.exits import EXIT_OK, EXIT_THRESHOLD, UsageError
from tester.i18n import LANGUAGES, counted
from tester.model import RunResult

if TYPE_CHECKING:  # these load only when the command runs

    from tester.diff import RunDiff

MARKDOWN_FILE, JSON_FILE, HTML_FILE = "diff.md", "diff.json", "diff.html"
FILES = {"md": MARKDOWN_FILE, "json": JSON_FILE, "html": HTML_FILE}
Folders = tuple[Path | None, Path | None]  # each run's report folder, None when unknown


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
                      help=f"write {MARKDOWN_FILE}, {JSON_FILE} and {HTML_FILE} (with the "
                      "screenshots it shows) into this folder")
    diff.add_argument("--format", metavar="LIST",
                      help=f"with --out: which files to write, comma-separated from "
                      f"{','.join(FILES)} (default: all)")
    diff.add_argument("--lang", choices=LANGUAGES, default=None,
                      help="language of the Markdown and HTML (default: the later run's report "
                      "language)")
    diff.add_argument(
        "--fail-on",
        default="",
        help="exit 2 on a regression: 'new:<impact>' (a new violation at or above it), "
        "'new:task' (a task that passed and now fails, or now needs more than 3 clicks); the "
        "plain thresholds of `ashyq run` judge the later run as a whole; comma-separated",
    )
    diff.set_defaults(handler=cmd_diff)


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Two big runs are hundreds of thousands of objects that all live until the command ends:
    the cyclic collector would walk them again and again (a third of the time) to free nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cmd_diff(args: argparse.Namespace) -> int:
    with no_gc_pauses():
        return _diff(args)


def _diff(args: argparse.Namespace) -> int:
    from tester.diff import diff_runs, render_markdown
    from tester.gate import threshold_crossed
    from tester.terminal import say

    fail_on = parse_fail_on(args.fail_on)
    formats = _formats(args)
    if args.site:
        if args.before is not None or args.after is not None:
            raise UsageError("give either BEFORE and AFTER or --site, not both")
        before, after, folders = site_window(args)
    elif args.before is None or args.after is None or args.since:
        raise UsageError("give BEFORE and AFTER (run ids or result.json files), or --site URL "
                         "[--since 30d]")
    else:
        (before, old), (after, new) = load_side(args.before, args), load_side(args.after, args)
        folders = (old, new)
    diff = diff_runs(before, after)
    language = args.lang or str(after.settings.get("report_language", "en"))
    if language not in LANGUAGES:
        language = "en"
    if args.out is None:
        print(render_markdown(diff, language), end="")
    else:
        written = write_outputs(args.out, formats, diff, before, after, folders, language)
        print(written.resolve())
    reasons = threshold_crossed(after, fail_on, diff)
    for reason in reasons:
        say(f"ashyq: regression: {reason}")
    return EXIT_THRESHOLD if reasons else EXIT_OK


def _formats(args: argparse.Namespace) -> list[str]:
    if args.format is None:
        return list(FILES)
    if args.out is None:
        raise UsageError("--format chooses the files --out writes; give --out DIR too")
    wanted = [part.strip().lower() for part in args.format.split(",") if part.strip()]
    if not wanted or any(part not in FILES for part in wanted):
        raise UsageError(f"--format {args.format}: choose from {','.join(FILES)}")
    return [name for name in FILES if name in wanted]


def write_outputs(out: Path, formats: Collection[str], diff: RunDiff, before: RunResult,
                  after: RunResult, folders: Folders, language: str) -> Path:
    """Write the chosen files into `out` (the HTML's screenshots too); returns the first one."""
    from tester.diff import render_markdown, to_json
    from tester.report.diff_html import render_diff_html, wanted_screenshots

    try:
        out.mkdir(parents=True, exist_ok=True)
        if "md" in formats:
            (out / MARKDOWN_FILE).write_text(render_markdown(diff, language), encoding="utf-8")
        if "json" in formats:
            (out / JSON_FILE).write_text(to_json(diff), encoding="utf-8")
        if "html" in formats:
            copied = copy_screenshots(wanted_screenshots(diff, before, after), folders, out)
            page = render_diff_html(diff, before, after, copied, language)
            (out / HTML_FILE).write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    return out / FILES[next(iter(formats))]


def copy_screenshots(wanted: Collection[tuple[str, str]], folders: Folders,
                     out: Path) -> set[tuple[str, str]]:
    """Copy each run's screenshots the diff page shows into `out`; returns those copied. A file
    that is gone, unreadable or outside its run folder (a hostile result.json, a symlink) is
    skipped: the page says so in a note."""
    from tester.report.diff_html import AFTER, BEFORE, shot_path

    roots = {BEFORE: folders[0], AFTER: folders[1]}
    copied = set()
    for side, recorded in sorted(wanted):
        root, target = roots.get(side), shot_path(side, recorded)
        if root is None or target is None:
            continue
        try:
            source = (root / recorded).resolve(strict=True)
            if not source.is_file() or not source.is_relative_to(root.resolve()):
                continue
            destination = out / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
        except OSError:
            continue
        copied.add((side, recorded))
    return copied


def load_side(ref: Path, args: argparse.Namespace) -> tuple[RunResult, Path | None]:
    """A run (as `load_run` finds it) and its report folder."""
    if not ref.exists() and len(ref.parts) == 1:
        return recorded_run(str(ref), args)
    return load_run(ref, args), ref if ref.is_dir() else ref.parent


def site_window(args: argparse.Namespace) -> tuple[RunResult, RunResult, Folders]:
    """The oldest and newest recorded runs of `--site` (within `--since`), each cut down to
    that one site, so the other sites of those runs do not show as added or removed."""
    from tester.cli.args import settings_from_args
    from tester.history import load_run as load_recorded
    from tester.history import parse_since, site_runs
    from tester.urlnorm import normalise_url

    settings = settings_from_args(args)
    wanted = normalise_url(args.site)
    if not wanted:
        raise UsageError(f"--site {args.site}: not an http(s) URL")
    try:
        since = parse_since(args.since, settings.today) if args.since else None
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    with recorded_history(settings) as (conn, url):
        rows = site_runs(conn, args.site, since=since)
        if len(rows) < 2:
            window = f" since {since:%Y-%m-%d}" if since else ""
            raise UsageError(f"--site {args.site}: {counted('recorded-run', len(rows))}{window} "
                             f"in {url}; a diff needs two")
        ids = (rows[-1].run_id, rows[0].run_id)
        runs = [load_recorded(conn, run_id) for run_id in ids]
        folders = (report_dir(conn, ids[0]), report_dir(conn, ids[1]))
    before, after = (run.model_copy(update={
        "sites": [site for site in run.sites if normalise_url(site.url) == wanted]})
        for run in runs)
    return before, after, folders
