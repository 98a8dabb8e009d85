"""How long recording a run in the history database takes, against the audit it records.

    .venv/bin/python bench/history_bench.py                          # 50 pages x 100 findings
    .venv/bin/python bench/history_bench.py --pages 50 --findings 100 --rounds 3 \\
        --audit-s-per-page 1.2 --no-postgres

A generated run (one site, `--pages` pages, `--findings` findings each, six tasks) is recorded as
`ashyq audit --history` does it (tester.history.record_run: one transaction, fingerprints of every
finding, rows for the run, site, tasks and findings) into a fresh SQLite file and, when the
PostgreSQL binaries are installed, into a throwaway local cluster (tests/support/postgres.py;
it runs with fsync=off, so its figures are a lower bound for a real server). Timed: recording a
new run, and recording the same run again (idempotent: its rows are replaced).

A real audit of that many pages takes minutes; the cost is put against it as a share of the audit's
wall time, from a per-page audit time: measure it with bench/run_bench.py (its `ashyq` s/page)
and pass it as --audit-s-per-page. Figures depend on what else the machine is doing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tester.history import open_history  # noqa: E402
from tester.history.recorder import record_run  # noqa: E402
from tester.history.store import History, sqlite_url  # noqa: E402
from tester.model import Finding, PageResult, RunResult, SiteResult, TaskResult  # noqa: E402

RULES = ["image-alt", "link-name", "color-contrast", "label", "button-name", "region"]
IMPACTS = ["critical", "serious", "moderate", "minor"]
# `ashyq check --checks all` on the demo site, bench/run_bench.py --pages 10 --repeats 1 on the
# development machine (bare Playwright + axe: 0.71 s/page); pass your own with --audit-s-per-page.
DEFAULT_AUDIT_S_PER_PAGE = 1.46


def generated_run(pages: int, per_page: int, started: datetime) -> RunResult:
    def finding(page: int, n: int) -> Finding:
        return Finding(
            rule=RULES[n % len(RULES)], source="axe", impact=IMPACTS[n % 4], wcag=["1.4.3"],
            selector=f"main > ul.list > li:nth-child({n + 1}) > a.css-1a2b3c{n}",
            snippet=f'<a href="/ru/news/{page}-{n}" class="link">Новость {n}: {1 + n % 28:02d}.'
                    f"0{1 + n % 9}.2026</a>",
            message="Element has insufficient color contrast",
        )

    site = SiteResult(
        url="https://site.gov.kz/",
        pages=[PageResult(url=f"https://site.gov.kz/ru/page{p}/",
                          findings=[finding(p, n) for n in range(per_page)])
               for p in range(pages)],
        tasks=[TaskResult(id=f"task-{i}", status="passed", clicks=2) for i in range(6)],
        scores={"accessibility": 60.0, "tasks": 80.0},
    )
    return RunResult(started_at=started, sites=[site])


def timed(rounds: int, work: Callable[[int], object]) -> float:
    """Median seconds of `rounds` calls of work(round)."""
    times = []
    for n in range(rounds):
        started = time.perf_counter()
        work(n)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(history: History, runs: list[RunResult], rounds: int) -> tuple[float, float]:
    """(record a new run, record the same run again): median seconds."""
    new = timed(rounds, lambda n: record_run(history, runs[n], f"run-{n}"))
    again = timed(rounds, lambda n: record_run(history, runs[n], f"run-{n}"))
    return new, again


def record_times(url: str, runs: list[RunResult], rounds: int) -> tuple[float, float]:
    history = open_history(url, upgrade=True)
    try:
        return measure(history, runs, rounds)
    finally:
        history.close()


def postgres_times(runs: list[RunResult], rounds: int) -> tuple[float, float] | str:
    """Times on a throwaway local cluster, or why there is none."""
    from tests.support.postgres import PostgresCluster, find_bin_dir, unavailable_reason

    reason = unavailable_reason()
    bin_dir = find_bin_dir()
    if reason or bin_dir is None:
        return reason or "no PostgreSQL binaries"
    cluster = PostgresCluster(bin_dir)
    try:
        cluster.start()
        return record_times(cluster.new_database(), runs, rounds)
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--findings", type=int, default=100, help="findings per page")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--audit-s-per-page", type=float, default=DEFAULT_AUDIT_S_PER_PAGE,
                        help="an audit's seconds per page (bench/run_bench.py, ashyq s/page)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    first = datetime(2026, 1, 1, tzinfo=UTC)
    runs = [generated_run(args.pages, args.findings, first + timedelta(days=n))
            for n in range(args.rounds)]
    audit_s = args.pages * args.audit_s_per_page
    total = args.pages * args.findings
    print(f"{args.pages} pages x {args.findings} findings = {total} findings per run; audit "
          f"{audit_s:.0f} s ({args.audit_s_per_page} s/page); median of {args.rounds}")
    print(f"{'database':<12} {'record ms':>10} {'again ms':>10} {'findings/s':>11} "
          f"{'% of audit':>11}")
    with tempfile.TemporaryDirectory() as folder:
        results = {"SQLite": record_times(sqlite_url(Path(folder) / "history.db"), runs,
                                          args.rounds)}
    results["PostgreSQL"] = "--no-postgres" if args.no_postgres else postgres_times(
        runs, args.rounds)
    for name, times in results.items():
        if isinstance(times, str):
            print(f"{name:<12} skipped: {times}")
            continue
        new, again = times
        print(f"{name:<12} {new * 1000:10.0f} {again * 1000:10.0f} {total / new:11.0f} "
              f"{100 * new / audit_s:10.2f}%")


if __name__ == "__main__":
    main()
