"""Verdict table of the low-vision battery on its fixture pages: a row per page, a column per check.

    .venv/bin/python bench/lowvision_verdicts.py            # the table, as in EXPECTED.md
    .venv/bin/python bench/lowvision_verdicts.py --detail   # plus every finding and message

Each verdict page of tests/fixtures/lowvision is loaded once and every check runs on it in turn,
as the runner does (settings as in tests/conftest.py). A cell reads like EXPECTED.md: pass, skip,
fail `selector` or review `selector` (the first finding's selector), so that two runs, before
and after a change of structure, can be compared with `diff`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tester.artifacts import RunDir  # noqa: E402
from tester.browser import Scope, load, open_browser  # noqa: E402
from tester.config import load_settings  # noqa: E402
from tester.demo import SiteServer  # noqa: E402
from tester.env import PageEnv  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "lowvision"


def lowvision_checks() -> list[Any]:
    """The battery in run order, from the registry when there is one (the code moves, not the
    checks)."""
    try:
        from tester.checks.lowvision import LOWVISION_CHECKS

        return list(LOWVISION_CHECKS)
    except ImportError:
        from tester.registry import page_check_specs

        return [c for c in page_check_specs() if c.id != "axe"]


def cell(result: Any) -> str:
    if result.status == "skipped" and not result.findings:
        return "skip"
    if result.status == "passed" and not result.findings:
        return "pass"
    first = result.findings[0].selector if result.findings else ""
    verdict = {"failed": "fail", "passed": "review"}.get(result.status, result.status)
    return f"{verdict} `{first}`"


async def measure() -> list[tuple[str, dict[str, Any]]]:
    settings = load_settings().with_overrides(
        navigation_timeout_ms=8_000, action_timeout_ms=3_000, page_budget_s=60, task_budget_s=60
    )
    checks = lowvision_checks()
    # hostile-page.html is not a verdict page (its spinning, ticking text makes the layout
    # checks' answers depend on timing); tests/e2e/test_lowvision_hostile.py covers it.
    pages = sorted(p.name for p in FIXTURES.glob("*.html") if not p.name.startswith("hostile"))
    rows: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as tmp, SiteServer(FIXTURES) as server:
        async with open_browser(settings, loopback_only=True) as session:
            for name in pages:
                url = server.url_for(name)
                scope = Scope.for_url(url)
                results: dict[str, Any] = {}
                async with session.context(scope) as (context, _log):
                    page = await context.new_page()
                    loaded = await load(page, url, settings)
                    env = PageEnv(
                        page=page,
                        context=context,
                        url=url,
                        scope=scope,
                        settings=settings,
                        run_dir=RunDir(Path(tmp)),
                    )
                    if loaded.ok:
                        for check in checks:
                            results[check.id] = check.audit(await check.gather(env))
                rows.append((name, results))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="also list every finding")
    args = parser.parse_args()
    rows = asyncio.run(measure())
    check_ids = [c.id for c in lowvision_checks()]
    print("| page | " + " | ".join(check_ids) + " |")
    print("|---" * (len(check_ids) + 1) + "|")
    for name, results in rows:
        cells = [cell(results[c]) if c in results else "did not load" for c in check_ids]
        print(f"| {name} | " + " | ".join(cells) + " |")
    if args.detail:
        for name, results in rows:
            for check_id, result in results.items():
                print(f"\n{name} {check_id}: {result.status} — {result.message}")
                for f in result.findings:
                    print(f"  {f.selector} impact={f.impact} review={f.needs_review} {f.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
