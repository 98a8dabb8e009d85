"""The clock is a setting: site verdicts on dates use `settings.today`, not the real date.

The demo site's newest news item is dated 20.11.2026 (a Friday). Audited the next day it is
fresh; audited weeks later it is stale. The same pages, only the setting differs."""

from __future__ import annotations

from datetime import date

import pytest

from tester.artifacts import RunDir
from tester.model import SiteResult
from tester.runner.site import audit_site

pytestmark = pytest.mark.e2e


def news_check(browser_thread, demo_site, tmp_path, today: date) -> tuple[str, dict]:
    settings = browser_thread.settings.with_overrides(
        tasks=(), checks="none", max_pages=1, today=today
    )
    out = RunDir(tmp_path / today.isoformat())
    site: SiteResult = browser_thread.run(
        lambda s: audit_site(s, demo_site.url, settings, out, lambda _l: None), timeout=120
    )
    check = next(c for c in site.checks if c.id == "news-freshness")
    return check.status, check.data


def test_news_freshness_judges_by_the_configured_day(browser_thread, demo_site, tmp_path) -> None:
    status, data = news_check(browser_thread, demo_site, tmp_path, date(2026, 11, 21))
    assert (status, data["newest_date"], data["today"]) == ("passed", "2026-11-20", "2026-11-21")
    status, data = news_check(browser_thread, demo_site, tmp_path, date(2026, 12, 15))
    assert (status, data["newest_date"], data["today"]) == ("failed", "2026-11-20", "2026-12-15")
