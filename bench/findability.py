"""Findability accuracy: every task of every answer key, on the nav-* fixture sites and the demo.

Reports, per task: verdicts matching the answer key, passed paths within one click of the
shortest path, and median seconds. Sites are served on 127.0.0.1; one Chromium for all.

The expected verdicts are not written here: they are the sites' answer keys
(tests/fixtures/nav-*/answers.json and tests/fixtures/demo-answers.json, read through
tests/support/answer_keys.py), the same files the e2e navigator tests check against.

    .venv/bin/python bench/findability.py [--json bench/out/findability.json] [--cases]
        [--table] [--sites nav-wp-hover,nav-unified-portal]

--table prints one Markdown row per (site, task): expected and got verdicts, clicks, the shortest
path (the key's optimal_clicks, else the one the run measured) and seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # support.*: answer keys and routes, as the tests use

from support.answer_keys import demo_answer_key, fixture_answer_keys  # noqa: E402
from support.routes import routes_from_file  # noqa: E402

from tester.artifacts import RunDir  # noqa: E402
from tester.browser import BrowserSession, Scope, open_browser  # noqa: E402
from tester.config import load_settings  # noqa: E402
from tester.demo.server import SiteServer  # noqa: E402
from tester.env import TaskEnv  # noqa: E402
from tester.model import TaskResult  # noqa: E402
from tester.navigator import run_task  # noqa: E402
from tester.registry import task_ids  # noqa: E402


def target_ok(result: TaskResult, expected: dict) -> bool:
    """The page found is the key's target (as tests/e2e/test_navigator.py matches it): a pass
    on the wrong page (the portal's contacts, not the body's) is no right verdict."""
    want = expected.get("target")
    if result.status != "passed" or not want:
        return True
    got = result.target_url or ""
    if want.startswith("http"):
        return got == want
    parts = urlsplit(got)
    path = parts.path + (f"?{parts.query}" if "?" in want else "") + \
        (f"#{parts.fragment}" if "#" in want else "")
    return path == want


def start_path(root: Path) -> str:
    """The key's "_start" (a body's section of a unified platform), else the home page."""
    path = root / "answers.json"  # the demo's key lives elsewhere and starts at home
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return str(data.get("_start", "/"))


async def one_task(session: BrowserSession, url: str, task_id: str, out: Path) -> TaskResult:
    scope = Scope.for_url(url)
    async with session.context(scope) as (context, log):
        page = await context.new_page()
        env = TaskEnv(page, context, url, scope, session.settings, RunDir(out), log)
        return await run_task(task_id, env)


async def measure(sites: set[str] | None = None) -> dict:
    settings = load_settings()
    rows: list[dict] = []
    tasks = task_ids()
    keys = [k for k in [*fixture_answer_keys(), demo_answer_key()] if not sites or k.site in sites]
    async with open_browser(settings, loopback_only=True) as session:
        for key in keys:
            with SiteServer(key.root, routes=routes_from_file(key.root)) as server:
                for task_id, expected in key.answers.items():
                    if task_id not in tasks:
                        continue
                    start = server.url.rstrip("/") + start_path(key.root)
                    with tempfile.TemporaryDirectory() as tmp:
                        result = await one_task(session, start, task_id, Path(tmp))
                    rows.append(
                        {
                            "site": key.site,
                            "task": task_id,
                            "expected": expected["status"],
                            "got": result.status if target_ok(result, expected)
                            else f"{result.status} (wrong page)",
                            "clicks": result.clicks,
                            "optimal": result.optimal_clicks,
                            "key_optimal": expected.get("optimal_clicks"),
                            "target": result.target_url,
                            "seconds": result.seconds,
                        }
                    )
    per_task = {}
    for task_id in tasks:
        mine = [r for r in rows if r["task"] == task_id]
        if not mine:
            continue
        measured = [r for r in mine if r["got"] == "passed" and r["optimal"] is not None]
        per_task[task_id] = {
            "cases": len(mine),
            "correct": sum(r["got"] == r["expected"] for r in mine),
            "paths_with_optimal": len(measured),
            "within_one_click": sum(r["clicks"] - r["optimal"] <= 1 for r in measured),
            "median_s": round(statistics.median(r["seconds"] for r in mine), 2),
        }
    return {"tasks": per_task, "cases": rows}


def markdown_table(rows: list[dict]) -> str:
    """One row per (site, task); a wrong verdict is marked in bold."""
    lines = ["| site | task | expected | got | clicks | shortest | s |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        shortest = r.get("key_optimal")
        if shortest is None:
            shortest = r["optimal"]
        got = r["got"] if r["got"] == r["expected"] else f"**{r['got']}**"
        lines.append(f"| {r['site']} | {r['task']} | {r['expected']} | {got} | {r['clicks']} | "
                     f"{'–' if shortest is None else shortest} | {r['seconds']:.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=Path("bench/out/findability.json"))
    parser.add_argument(
        "--cases", action="store_true", help="also print every (site, task) verdict and clicks"
    )
    parser.add_argument("--table", action="store_true",
                        help="also print a Markdown table, one row per (site, task)")
    parser.add_argument("--sites", default="",
                        help="comma-separated site names (answer keys) to grade; all by default")
    args = parser.parse_args()
    sites = {s.strip() for s in args.sites.split(",") if s.strip()} or None
    report = asyncio.run(measure(sites))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"{'task':26} {'correct':>9} {'≤1 of shortest':>15} {'median s':>9}")
    for task_id, row in report["tasks"].items():
        print(
            f"{task_id:26} {row['correct']:>4}/{row['cases']:<4} "
            f"{row['within_one_click']:>8}/{row['paths_with_optimal']:<6} {row['median_s']:>9}"
        )
    wrong = [r for r in report["cases"] if r["got"] != r["expected"]]
    for row in wrong:
        print(f"  wrong: {row['site']} {row['task']}: expected {row['expected']}, got {row['got']}")
    if args.cases:  # no timings: two runs compare with diff
        for r in report["cases"]:
            print(
                f"{r['site']} {r['task']} expected {r['expected']} got {r['got']} "
                f"clicks {r['clicks']} optimal {r['optimal']}"
            )
    if args.table:
        print(markdown_table(report["cases"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
