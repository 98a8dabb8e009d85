"""The runner on hostile pages: no crash, no hang past its budgets, everything escaped."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.routes import hang, redirect, respond

from tester.artifacts import RunDir
from tester.runner import check_pages, new_result

pytestmark = pytest.mark.e2e

ROUTES = {
    "/hang": hang(),
    "/stall-body": hang(send_headers=True),
    "/loop": redirect("/loop"),
    "/file.bin": respond(
        b"\x00" * 2048,
        content_type="application/octet-stream",
        headers={"Content-Disposition": 'attachment; filename="file.bin"'},
    ),
}


@pytest.fixture(scope="module")
def hostile(serve_fixture):
    return serve_fixture("hostile", routes=ROUTES)


def test_hostile_pages_end_with_reasons_within_budget(browser_thread, hostile, tmp_path: Path):
    settings = browser_thread.settings.with_overrides(
        navigation_timeout_ms=3_000, checks="axe", page_budget_s=30
    )
    urls = [
        hostile.url_for(p)
        for p in ("/", "/hang", "/stall-body", "/loop", "/meta-loop.html", "/file.bin")
    ]
    started = time.monotonic()
    result = browser_thread.run(
        lambda s: check_pages(
            s, urls, settings, RunDir(tmp_path), lambda _l: None, new_result(settings, "check")
        ),
        timeout=120,
    )
    elapsed = time.monotonic() - started
    pages = {p.url.rsplit("/", 1)[-1] or "/": p for site in result.sites for p in site.pages}
    assert len(pages) == 6
    assert elapsed < 60, f"hostile pages took {elapsed:.0f} s"

    home = pages["/"]
    assert home.error is None and home.axe_status == "ok"
    assert "<script>" in home.title  # kept verbatim in the data; escaped by the renderer
    rules = {f.rule for f in home.findings if not f.needs_review}
    assert {"color-contrast", "image-alt"} <= rules
    assert any(f.screenshot for f in home.findings), "findings carry an outlined screenshot"
    assert (tmp_path / home.screenshot).is_file()

    assert pages["hang"].error == "page load timed out"
    assert pages["stall-body"].error is not None or pages["stall-body"].axe_status == "ok"
    assert pages["loop"].error == "redirect loop (too many redirects)"
    assert pages["meta-loop.html"].error == "client-side redirect loop"
    assert pages["file.bin"].error is not None
    # Each error carries the stable key the reports translate.
    assert home.error_code is None
    assert pages["hang"].error_code == "timeout"
    assert pages["loop"].error_code == pages["meta-loop.html"].error_code == "redirect-loop"
    assert pages["file.bin"].error_code in ("download", "aborted")


def test_report_of_hostile_run_escapes_site_text(browser_thread, hostile, tmp_path: Path):
    from tester.report import write_report

    settings = browser_thread.settings.with_overrides(checks="axe")
    result = browser_thread.run(
        lambda s: check_pages(
            s,
            [hostile.url],
            settings,
            RunDir(tmp_path),
            lambda _l: None,
            new_result(settings, "check"),
        ),
        timeout=90,
    )
    paths = write_report(result, tmp_path)
    html = paths["html"].read_text(encoding="utf-8")
    assert "<script>alert('pwned')" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;/title&gt;&lt;script&gt;" in html
