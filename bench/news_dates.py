"""Publication dates on the news fixtures: ashyq's structural extraction against htmldate.

    .venv/bin/python bench/news_dates.py            # per-page table, per-site verdicts, totals

Each tests/fixtures/news-*/ site carries expected.json: the audit date, the expected verdict of
news-freshness, the newest publication date, the dates to flag as suspicious, and per page the
newest publication date a reader sees there (null: the page shows none). Every page is loaded in
Chromium once and snapshotted as the runner does; ashyq's answer for a page is the newest
structural publication date not after the audit date; htmldate's is `find_date` on the same
HTML (original dates, max_date = the audit date). htmldate is optional (`pip install
'ashyq[bench]'`): without it its column says "n/a".
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tester.browser import Scope, load, open_browser  # noqa: E402
from tester.config import load_settings  # noqa: E402
from tester.demo import SiteServer  # noqa: E402
from tester.gather.snapshot import take_snapshot  # noqa: E402
from tester.site.freshness import audit_news_freshness  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"

try:
    from htmldate import find_date as _htmldate_find
except ImportError:  # bench-only extra
    _htmldate_find = None


def ashyq_page_date(snap: Any, today: date) -> str | None:
    """The newest publication date ashyq reads on one page (not after `today`)."""
    try:
        from tester.goals.news import publication_dates as page_publication_dates
    except ImportError:  # the code before structural dates: text of news pages, links, blocks
        from tester.site.freshness import news_dates

        dated, _ = news_dates([snap])
        values = [d.found.value for d in dated if d.found.value <= today]
    else:
        values = [d.value for d in page_publication_dates(snap) if d.value <= today]
    return max(values).isoformat() if values else None


def htmldate_page_date(html: str, url: str, today: date) -> str | None:
    if _htmldate_find is None:
        return "n/a"
    try:
        return _htmldate_find(html, url=url, original_date=True, outputformat="%Y-%m-%d",
                              max_date=today.isoformat(), extensive_search=True)
    except Exception as error:  # noqa: BLE001 - a bench row, not a crash
        return f"error: {type(error).__name__}"


async def measure() -> list[dict[str, Any]]:
    settings = load_settings().with_overrides(navigation_timeout_ms=8_000)
    sites = []
    async with open_browser(settings, loopback_only=True) as session:
        for folder in sorted(FIXTURES.glob("news-*/expected.json")):
            expected = json.loads(folder.read_text(encoding="utf-8"))
            today = date.fromisoformat(expected["today"])
            rows, snaps = [], []
            with SiteServer(folder.parent) as server:
                scope = Scope.for_url(server.url)
                async with session.context(scope) as (context, _log):
                    page = await context.new_page()
                    for path, want in expected["pages"].items():
                        url = server.url_for(path)
                        loaded = await load(page, url, settings)
                        snap = await take_snapshot(page, loaded.http_status)
                        snaps.append(snap)
                        html = (folder.parent / path).read_text(encoding="utf-8")
                        rows.append({"page": path, "want": want,
                                     "ashyq": ashyq_page_date(snap, today),
                                     "htmldate": htmldate_page_date(html, url, today)})
            result = audit_news_freshness(snaps, today)
            flagged = sorted({s["date"] for s in result.data.get("suspicious", [])})
            sites.append({"site": folder.parent.name, "expected": expected, "rows": rows,
                          "status": result.status, "newest": result.data.get("newest_date"),
                          "suspicious": flagged})
    return sites


def main() -> int:
    sites = asyncio.run(measure())
    score = {"ashyq": 0, "htmldate": 0}
    total = 0
    print("| site | page | expected | ashyq | htmldate |\n|---|---|---|---|---|")
    for site in sites:
        for row in site["rows"]:
            total += 1
            for who in score:
                score[who] += row[who] == row["want"]
            print(f"| {site['site']} | {row['page']} | {row['want']} | {row['ashyq']} "
                  f"| {row['htmldate']} |")
    print(f"\nper page, right of {total}: ashyq {score['ashyq']}, htmldate {score['htmldate']}"
          + (" (htmldate not installed)" if _htmldate_find is None else ""))
    print("\n| site | expected verdict / newest / suspicious | got |\n|---|---|---|")
    right = 0
    for site in sites:
        exp = site["expected"]
        want = (exp["status"], exp["newest"], exp.get("suspicious", []))
        got = (site["status"], site["newest"], site["suspicious"])
        right += want == got
        print(f"| {site['site']} | {' / '.join(map(str, want))} | {' / '.join(map(str, got))} |")
    print(f"\nsites right: {right} of {len(sites)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
