"""Publication dates from real Chromium snapshots of the news-* fixture sites (several CMS
markups, kk/ru/en): each site's expected.json gives the audit date, the news-freshness verdict,
the newest publication date, the dates to flag as suspicious and per page its newest date."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from support.routes import respond

from tester.browser import BrowserSession, Scope, load
from tester.config import Settings
from tester.gather.snapshot import PageSnapshot, take_snapshot
from tester.goals.news import publication_dates
from tester.site.freshness import audit_news_freshness

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parent.parent / "fixtures"
SITES = sorted(p.parent.name for p in FIXTURES.glob("news-*/expected.json"))


def snapshots(browser_thread, url_for, paths: list[str], settings: Settings) -> list[PageSnapshot]:
    async def crawl(session: BrowserSession) -> list[PageSnapshot]:
        async with session.context(Scope.for_url(url_for(""))) as (context, _log):
            page = await context.new_page()
            out = []
            for path in paths:
                loaded = await load(page, url_for(path), settings)
                assert loaded.ok, loaded.error
                out.append(await take_snapshot(page, loaded.http_status))
            return out

    return browser_thread.run(crawl, timeout=60)


@pytest.mark.parametrize("site", SITES)
def test_news_site_dates(site, browser_thread, serve_fixture, test_settings) -> None:
    expected = json.loads((FIXTURES / site / "expected.json").read_text(encoding="utf-8"))
    today = date.fromisoformat(expected["today"])
    server = serve_fixture(site)
    paths = list(expected["pages"])
    snaps = snapshots(browser_thread, server.url_for, paths, test_settings)
    for path, snap in zip(paths, snaps, strict=True):
        values = [d.value for d in publication_dates(snap) if d.value <= today]
        got = max(values).isoformat() if values else None
        assert got == expected["pages"][path], (path, snap.dates)
    result = audit_news_freshness(snaps, today)
    assert result.status == expected["status"], result.message
    assert result.data["newest_date"] == expected["newest"]
    assert sorted({s["date"] for s in result.data["suspicious"]}) == expected["suspicious"]
    assert all(f.needs_review for f in result.findings if f.rule == "news-date-future")


def test_a_page_of_dates_is_read_quickly_and_capped(browser_thread, serve_fixture,
                                                     test_settings) -> None:
    """30,000 dated lines in one block and 3,000 dated cards: the capture is time-boxed and
    capped, and hostile JSON-LD cannot break the snapshot."""
    lines = "".join(f"{i % 28 + 1:02d}.11.2026 строка {i}<br>" for i in range(30_000))
    cards = "".join(f"<div class=c><span class=d>{i % 28 + 1:02d}.11.2026</span>"
                    f"<a href=/news/{i}>Новость номер {i} о событиях</a></div>"
                    for i in range(3_000))
    ld = '<script type="application/ld+json">' + "[" * 5_000 + "]" * 5_000 + "</script>"
    html = f"<html><head>{ld}</head><body><h1>Т</h1><div>{lines}</div>{cards}</body></html>"
    server = serve_fixture("news-spans", routes={"/many-dates.html": respond(html)})
    started = time.monotonic()
    [snap] = snapshots(browser_thread, server.url_for, ["many-dates.html"], test_settings)
    assert time.monotonic() - started < 10
    assert 0 < len(snap.dates) <= 300 and snap.text
