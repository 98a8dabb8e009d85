"""The WCAG standard in real Chromium: enhanced contrast (1.4.6, AAA) is off by default, runs on
request as advisory under AA and counts at AAA, through the runner as `ashyq check` runs it.
(`--wcag 2.0` on a 2.1-only finding is proven without a browser: tests/unit/test_wcag.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tester.artifacts import RunDir
from tester.model import Finding
from tester.runner import check_pages, new_result

pytestmark = pytest.mark.e2e

ENHANCED = "color-contrast-enhanced"
PAGE = "/fail-wordpress-meta.html"  # body text at 5.1:1: passes AA (4.5), fails AAA (7)


def _audit(browser_thread, site, tmp_path: Path, **overrides: object) -> list[Finding]:
    settings = browser_thread.settings.with_overrides(checks="axe", **overrides)
    result = browser_thread.run(lambda s: check_pages(
        s, [site.url_for(PAGE)], settings, RunDir(tmp_path), lambda _l: None,
        new_result(settings, "check")), timeout=120)
    (page,) = result.sites[0].pages
    assert page.axe_status == "ok", page.error
    return [f for f in page.findings if f.rule == ENHANCED]


def test_enhanced_contrast_off_by_default_advisory_on_request_counted_at_aaa(
        browser_thread, serve_fixture, tmp_path: Path) -> None:
    site = serve_fixture("barriers/enhanced-contrast")
    assert _audit(browser_thread, site, tmp_path / "off") == []
    (advisory,) = _audit(browser_thread, site, tmp_path / "on", enhanced_contrast=True)
    assert advisory.advisory and advisory.wcag == ["1.4.6"] and "p" in advisory.selector
    (counted,) = _audit(browser_thread, site, tmp_path / "aaa", wcag_level="AAA")
    assert not counted.advisory

