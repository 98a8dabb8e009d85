"""Findability accuracy: every tests/fixtures/nav-*/answers.json task, plus the demo site.

Reports, per task: verdicts matching the answer key, passed paths within one click of the
shortest path, and median seconds. Sites are served on 127.0.0.1; one Chromium for all.

    .venv/bin/python bench/findability.py [--json bench/out/findability.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tester.artifacts import RunDir  # noqa: E402
from tester.browser import BrowserSession, Scope, open_browser  # noqa: E402
from tester.config import ALL_TASKS, load_settings  # noqa: E402
from tester.demo import DEMO_ROOT  # noqa: E402
from tester.demo.server import SiteServer, routes_from_file  # noqa: E402
from tester.env import TaskEnv  # noqa: E402
from tester.model import TaskResult  # noqa: E402
from tester.navigator import run_task  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


async def one_task(session: BrowserSession, url: str, task_id: str, out: Path) -> TaskResult:
    scope = Scope.for_url(url)
    async with session.context(scope) as (context, log):
        page = await context.new_page()
        env = TaskEnv(page, context, url, scope, session.settings, RunDir(out), log)
        return await run_task(task_id, env)


async def measure() -> dict:
    settings = load_settings()
    rows: list[dict] = []
    async with open_browser(settings, loopback_only=True) as session:
        sites = [
            (p.parent, json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(FIXTURES.glob("nav-*/answers.json"))
        ]
        sites.append((DEMO_ROOT, {t: {"status": "passed"} for t in ALL_TASKS}))
        for root, answers in sites:
            with SiteServer(root, routes=routes_from_file(root)) as server:
                for task_id, expected in answers.items():
                    if task_id not in ALL_TASKS:
                        continue
                    with tempfile.TemporaryDirectory() as tmp:
                        result = await one_task(session, server.url, task_id, Path(tmp))
                    rows.append(
                        {
                            "site": root.name,
                            "task": task_id,
                            "expected": expected["status"],
                            "got": result.status,
                            "clicks": result.clicks,
                            "optimal": result.optimal_clicks,
                            "seconds": result.seconds,
                        }
                    )
    per_task = {}
    for task_id in ALL_TASKS:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=Path("bench/out/findability.json"))
    args = parser.parse_args()
    report = asyncio.run(measure())
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
