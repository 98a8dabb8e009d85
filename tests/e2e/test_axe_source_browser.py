"""--axe-source in a real browser: the axe-core a file names is the one that runs (its version read
back from the isolated world and recorded in result.json and the reports), and a page's own
`window.axe` still cannot pass for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tester.artifacts import RunDir
from tester.checks.axe import axe_version
from tester.checks.axe_source import bundled_script
from tester.report.html import render_html
from tester.report.markdown import render_markdown
from tester.runner import check_pages, new_result

pytestmark = pytest.mark.e2e

TEST_VERSION = "4.99.0-test"
BARRIERS = {"image-alt", "link-name", "label"}


def test_a_local_axe_core_runs_and_is_recorded(browser_thread, serve_fixture, tmp_path: Path):
    copy = tmp_path / "axe.min.js"
    copy.write_text(bundled_script().source.replace(f'axe.version="{axe_version()}"',
                                                     f'axe.version="{TEST_VERSION}"'),
                    encoding="utf-8")
    site = serve_fixture("forgery")
    settings = browser_thread.settings.with_overrides(checks="axe", axe_source=str(copy))
    pages = [site.url_for("/stub-hides-barriers.html"), site.url_for("/honest.html")]
    result = browser_thread.run(
        lambda s: check_pages(s, pages, settings, RunDir(tmp_path / "run"), lambda _l: None,
                              new_result(settings, "check")),
        timeout=120,
    )
    recorded = json.loads(result.to_json())
    assert recorded["tool"]["axe_version"] == TEST_VERSION
    assert recorded["tool"]["axe_source"] == f"file:{copy}"
    audited = {p["url"].rsplit("/", 1)[-1]: p for s in recorded["sites"] for p in s["pages"]}
    for page in audited.values():
        assert page["axe_status"] == "ok", page["error"]
        assert page["axe_version"] == TEST_VERSION  # read back from the world it ran in
    # The page's own window.axe (a stub that reports a clean page) is not believed.
    stub_rules = {f["rule"] for f in audited["stub-hides-barriers.html"]["findings"]}
    assert stub_rules >= BARRIERS
    assert not {f["rule"] for f in audited["honest.html"]["findings"]} & BARRIERS
    assert f"axe-core {TEST_VERSION}" in render_markdown(result)
    html = render_html(result, "kk")
    assert f"axe-core {TEST_VERSION} арқылы тексерілді" in html and str(copy) in html
