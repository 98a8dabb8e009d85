"""The site runner: tasks, page audits and the low-vision mode audited in its switched-on state."""

from __future__ import annotations

from pathlib import Path

import pytest

from tester.artifacts import RunDir
from tester.runner.site import audit_site

pytestmark = pytest.mark.e2e


def test_low_vision_mode_is_audited_with_the_same_checks(
    browser_thread, serve_fixture, tmp_path: Path
):
    site_server = serve_fixture("lv-mode-flawed")
    settings = browser_thread.settings.with_overrides(
        tasks=["find-low-vision-version"], checks="all", max_pages=2
    )
    site = browser_thread.run(
        lambda s: audit_site(s, site_server.url, settings, RunDir(tmp_path), lambda _l: None),
        timeout=180,
    )
    task = site.tasks[0]
    assert task.status == "passed", task.message  # the mode works, persists, can be turned off
    mode_pages = [p for p in site.pages if p.variant == "low-vision-mode"]
    assert len(mode_pages) == 1, [(p.url, p.variant) for p in site.pages]
    mode = mode_pages[0]
    checks = {c.id: c.status for c in mode.checks}
    assert checks["reflow"] == "failed"
    assert any(f.rule == "color-contrast" and not f.needs_review for f in mode.findings)

    normal = next(p for p in site.pages if p.variant == "" and p.url == site_server.url)
    assert {c.id: c.status for c in normal.checks}["reflow"] == "passed"
    assert not any(f.rule == "color-contrast" for f in normal.findings)
    assert task.seconds < 30  # the mode audit is not counted as the citizen's time
