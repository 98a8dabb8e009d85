"""How long `ashyq dashboard` takes for many sites with a long history (target: 300 sites x 12
runs under 10 s).

    .venv/bin/python bench/dashboard_bench.py                        # 300 sites x 12 runs
    .venv/bin/python bench/dashboard_bench.py --sites 300 --runs 12 --pages 4 --findings 15 \\
        --postgres local          # also a throwaway local PostgreSQL (tests/support/postgres.py)
    .venv/bin/python bench/dashboard_bench.py --postgres postgresql+psycopg://u@host/db

Data: `--runs` runs a month apart, each auditing all `--sites` sites (as an auditor's run of a
list does), recorded through the real recorder (tester.history.record_run: fingerprints and
rows for runs, sites, tasks and findings), so the database is what `ashyq run` leaves. Each
site has the six built-in tasks (with the low-vision task's evidence), the broken-links,
news-freshness and language-parity checks with their data, `--pages` pages of `--findings`
findings, varying scores, and about one site in twenty that could not be audited.

Timed (the part `ashyq dashboard` spends; median of `--rounds`): reading the history (three
queries), building the model, rendering and writing every page in kk, ru and en (front pages
and one page per site each). Generating the data is timed apart and is not part of the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tester.dashboard import build_dashboard, report_linker, write_dashboard  # noqa: E402
from tester.history import open_history, record_run  # noqa: E402
from tester.history.dashboard_query import dashboard_data  # noqa: E402
from tester.history.store import sqlite_url  # noqa: E402
from tester.model import (  # noqa: E402
    CheckResult,
    Finding,
    PageResult,
    RunResult,
    SiteResult,
    TaskResult,
)

TASKS = ("find-contacts", "find-appeal-procedure", "switch-to-kazakh", "find-low-vision-version",
         "find-sitemap", "site-search")
RULES = ("image-alt", "link-name", "color-contrast", "label", "button-name", "region")
IMPACTS = ("critical", "serious", "moderate", "minor")
FIRST = datetime(2025, 12, 1, 9, tzinfo=UTC)


def site(number: int, run: int, pages: int, findings: int) -> SiteResult:
    url = f"https://akimat-{number}.gov.kz/"
    seed = (number * 7 + run * 3) % 10
    if (number + run) % 20 == 0:  # could not be audited this time
        return SiteResult(url=url, name=f"Әкімдік №{number}", error="DNS", error_code="dns")
    tasks = [TaskResult(id=task, status="failed" if (seed + i) % 7 == 0 else "passed",
                        clicks=1 + (seed + i) % 4, seconds=2.0 + seed)
             for i, task in enumerate(TASKS)]
    tasks[3].evidence = {"present": seed > 1, "works": seed > 2, "persists": seed > 4 or None}
    checks = [
        CheckResult(id="broken-links", status="failed" if seed < 3 else "passed",
                    data={"checked": 40 + seed, "broken": max(0, 3 - seed)}),
        CheckResult(id="news-freshness", status="passed" if seed > 4 else "failed",
                    data={"newest_date": f"2026-0{1 + seed % 9}-1{seed}",
                          "age_working_days": seed * 2, "limit_working_days": 3}),
        CheckResult(id="language-parity", status="passed" if seed > 5 else "failed",
                    data={"parity_gap": seed / 30, "pages_by_language": {
                        "kk": 6 + seed, "ru": 9, "en": 3 + seed % 4, "unknown": 0}}),
    ]
    page_results = [
        PageResult(url=f"{url}ru/page{p}/", axe_status="ok", findings=[
            Finding(rule=RULES[(n + seed) % 6], source="axe", impact=IMPACTS[(n + p) % 4],
                    selector=f"main > ul > li:nth-child({n + 1}) > a",
                    snippet=f'<a href="/ru/news/{p}-{n}">Жаңалық {n}</a>',
                    message="Element has insufficient color contrast")
            for n in range(findings)])
        for p in range(pages)]
    score = 40.0 + (number % 50) + run * 0.8 - seed
    return SiteResult(url=url, name=f"Әкімдік №{number} «{number % 17}»", tasks=tasks,
                      checks=checks, pages=page_results, languages={"kk": url, "ru": url},
                      scores={"tasks": min(100.0, score), "accessibility": score / 2,
                              "low_vision": 80.0, "kazakh_rules": 60.0 + seed})


def generate(url: str, sites: int, runs: int, pages: int, findings: int) -> float:
    """Record the runs; seconds taken."""
    started = time.perf_counter()
    history = open_history(url, upgrade=True)
    try:
        for run in range(runs):
            result = RunResult(started_at=FIRST + timedelta(days=30 * run),
                               sites=[site(n, run, pages, findings) for n in range(sites)])
            record_run(history, result, f"run-{run:02d}")
    finally:
        history.close()
    return time.perf_counter() - started


def build_once(url: str, out: Path, today: date) -> dict[str, float]:
    times: dict[str, float] = {}
    started = time.perf_counter()
    history = open_history(url)
    try:
        with history.transaction() as conn:
            sites, documents = dashboard_data(conn)
    finally:
        history.close()
    times["read"] = time.perf_counter() - started
    mark = time.perf_counter()
    dashboard = build_dashboard(sites, documents, today, report_linker(out))
    times["model"] = time.perf_counter() - mark
    mark = time.perf_counter()
    written = write_dashboard(dashboard, out, "kk")
    times["write"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - started
    times["pages"] = 1 + sum(len(pages) + 1 for pages in written.site_pages.values())
    return times


def bench(name: str, url: str, args: argparse.Namespace) -> None:
    generated = generate(url, args.sites, args.runs, args.pages, args.findings)
    today = (FIRST + timedelta(days=30 * args.runs)).date()
    rounds = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.rounds):
            rounds.append(build_once(url, Path(folder) / f"out-{n}", today))
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    print(f"{name:<11} {generated:9.1f} {median['read']:7.2f} {median['model']:7.2f} "
          f"{median['write']:7.2f} {median['total']:7.2f} {int(median['pages']):7d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sites", type=int, default=300)
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--pages", type=int, default=4, help="pages per site and run")
    parser.add_argument("--findings", type=int, default=15, help="findings per page")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", metavar="URL|local",
                        help="also a PostgreSQL database: its URL (an empty database), or "
                        "'local' for a throwaway cluster")
    args = parser.parse_args()
    print(f"{args.sites} sites x {args.runs} runs, {args.pages} pages x {args.findings} "
          f"findings each; median of {args.rounds} builds; seconds")
    print(f"{'database':<11} {'generate':>9} {'read':>7} {'model':>7} {'write':>7} "
          f"{'total':>7} {'pages':>7}")
    with tempfile.TemporaryDirectory() as folder:
        bench("SQLite", sqlite_url(Path(folder) / "history.sqlite"), args)
    if args.postgres == "local":
        from tests.support.postgres import PostgresCluster, find_bin_dir, unavailable_reason

        reason, bin_dir = unavailable_reason(), find_bin_dir()
        if reason or bin_dir is None:
            print(f"PostgreSQL  skipped: {reason or 'no PostgreSQL binaries'}")
            return
        cluster = PostgresCluster(bin_dir)
        try:
            cluster.start()
            bench("PostgreSQL", cluster.new_database(), args)
        finally:
            cluster.stop()
    elif args.postgres:
        bench("PostgreSQL", args.postgres, args)


if __name__ == "__main__":
    main()
