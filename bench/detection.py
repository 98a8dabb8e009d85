"""Detection on the barrier corpus: ashyq against plain axe-core, same pages, one run.

    .venv/bin/python bench/detection.py                 # markdown tables on stdout
    .venv/bin/python bench/detection.py --kinds focus-removed,orientation-locked
    .venv/bin/python bench/detection.py --json out.json

The corpus is tests/fixtures/barriers/<kind>/ (tests/support/barriers.py says how its
expected.json reads). Both sides see the same pages from one local server in one browser:
- plain axe-core: what a person writes by hand, a context per page, `goto`, axe-playwright-
  python's `Axe().run(page)` with axe's defaults (no AAA, no experimental rules);
- ashyq: `check_pages`, exactly what `ashyq check URL...` runs (axe-core in the isolated world
  plus every page check at the default depth), under the kind's settings.
A fail page is caught by axe when axe reports a violation on one of the kind's WCAG criteria
(or the expected axe rule); by ashyq when a finding meets the page's expectation (the harness's
verdict). A pass page is a false alarm for axe when axe reports a violation on the kind's
criteria, for ashyq when any finding of the expected rule (or kind) appears.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from axe_playwright_python.async_playwright import Axe  # noqa: E402
from support.barriers import CORPUS, Expectation, Kind, load_kinds  # noqa: E402

from tester.artifacts import RunDir  # noqa: E402
from tester.browser import BrowserSession, open_browser  # noqa: E402
from tester.config import load_settings  # noqa: E402
from tester.demo import SiteServer  # noqa: E402
from tester.model import Finding  # noqa: E402
from tester.runner import check_pages  # noqa: E402

_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")


def criteria(tags: list[str]) -> set[str]:
    """axe tags (wcag1410) as success criteria (1.4.10)."""
    found = set()
    for tag in tags:
        match = _TAG.match(tag)
        if match:
            found.add(".".join(match.groups()))
    return found


async def plain_axe(session: BrowserSession, urls: list[str]) -> dict[str, list[dict]]:
    """axe-core's violations per page, the way a bare Playwright + axe loop gets them."""
    axe, out = Axe(), {}
    for url in urls:
        context = await session.browser.new_context()
        page = await context.new_page()
        try:
            await page.goto(url, wait_until="load")
            response = await axe.run(page)
            out[url] = [{"id": v["id"], "criteria": sorted(criteria(v["tags"]))}
                        for v in response.response["violations"]]
        finally:
            await context.close()
    return out


async def ashyq_findings(session: BrowserSession, kind: Kind, urls: list[str],
                         base_settings: Any) -> dict[str, list[Finding]]:
    settings = base_settings.with_overrides(**kind.settings) if kind.settings else base_settings
    run_dir = RunDir(Path(tempfile.mkdtemp(prefix="ashyq-detection-")))
    result = await check_pages(session, urls, settings, run_dir, progress=lambda _line: None)
    found: dict[str, list[Finding]] = {}
    for site in result.sites:
        for page in site.pages:
            found[page.url] = list(page.findings) + [
                f for check in page.checks for f in check.findings]
    return found


def axe_says(page: Expectation, kind: Kind, violations: list[dict]) -> bool:
    wanted = set(kind.wcag)
    return any(wanted & set(v["criteria"]) or (page.source == "axe" and v["id"] == page.rule)
               for v in violations)


async def measure(kinds: list[Kind]) -> list[dict[str, Any]]:
    settings = load_settings().with_overrides(navigation_timeout_ms=15_000)
    rows: list[dict[str, Any]] = []
    with SiteServer(CORPUS) as server:
        async with open_browser(settings, loopback_only=True) as session:
            for kind in kinds:
                urls = [server.url_for(page.path) for page in kind.pages]
                axe = await plain_axe(session, urls)
                ours = await ashyq_findings(session, kind, urls, settings)
                for page, url in zip(kind.pages, urls, strict=True):
                    findings = ours.get(url, [])
                    flagged_by_ashyq = (page.met(findings) if page.expect == "fail"
                                        else not page.met(findings))
                    rows.append({"kind": kind.id, "page": page.page, "expect": page.expect,
                                 "axe": axe_says(page, kind, axe.get(url, [])),
                                 "ashyq": flagged_by_ashyq,
                                 "ashyq_rules": sorted({f.rule for f in findings
                                                        if page.relevant(f)})})
    return rows


def tables(rows: list[dict[str, Any]]) -> str:
    lines = ["| kind | page | expected | plain axe | ashyq |", "|---|---|---|---|---|"]
    for row in rows:
        def word(flagged: bool) -> str:
            return "fail" if flagged else "pass"
        ok = (row["ashyq"] == (row["expect"] == "fail"))
        lines.append(f"| {row['kind']} | {row['page']} | {row['expect']} | {word(row['axe'])} | "
                     f"{word(row['ashyq'])}{'' if ok else ' ✗'} |")
    lines += ["", "| kind | barriers | caught by axe | caught by ashyq | passes | false alarms axe "
              "| false alarms ashyq |", "|---|---|---|---|---|---|---|"]
    totals = [0] * 6
    for kind in dict.fromkeys(r["kind"] for r in rows):
        mine = [r for r in rows if r["kind"] == kind]
        fails = [r for r in mine if r["expect"] == "fail"]
        passes = [r for r in mine if r["expect"] == "pass"]
        counts = [len(fails), sum(r["axe"] for r in fails), sum(r["ashyq"] for r in fails),
                  len(passes), sum(r["axe"] for r in passes), sum(r["ashyq"] for r in passes)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        lines.append(f"| {kind} | " + " | ".join(map(str, counts)) + " |")
    lines.append("| **all** | " + " | ".join(f"**{n}**" for n in totals) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default="", help="comma-separated kind folders (default all)")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args()
    kinds = load_kinds()
    if args.kinds:
        chosen = set(args.kinds.split(","))
        kinds = [k for k in kinds if k.id in chosen]
    rows = asyncio.run(measure(kinds))
    print(tables(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
