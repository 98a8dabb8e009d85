"""A page cannot forge its own audit: axe-core and the probes run in the tool's isolated world.

The fixtures (tests/fixtures/forgery/) are hostile: a page's own `window.axe` that reports a
clean page, one that reports forged critical barriers, and a page whose getComputedStyle,
getBoundingClientRect, querySelectorAll, Array.prototype.map and document.title all lie. Each is
audited through the runner (`check_pages`), as `ashyq check` does, with an honest page beside
them that must stay clean. Strict CSP pages (header `sandbox`, `script-src 'none'`, and a meta
policy) are audited too, and their policy is recorded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.routes import respond

from tester.artifacts import RunDir
from tester.checks.axe import AxeResultRejected, axe_version, validated
from tester.model import PageResult
from tester.runner import check_pages, new_result

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "forgery"
BARRIERS = {"image-alt", "link-name", "label", "color-contrast"}
LOCKED = (FIXTURES / "csp-barriers.html").read_text(encoding="utf-8")
ROUTES = {
    "/csp-sandbox": respond(LOCKED, headers={"Content-Security-Policy": "sandbox"}),
    "/csp-script-none": respond(
        LOCKED, headers={"Content-Security-Policy": "script-src 'none'; default-src 'self'"}
    ),
}
PAGES = (
    "/stub-hides-barriers.html",
    "/stub-forges-findings.html",
    "/lying-dom.html",
    "/honest.html",
    "/csp-sandbox",
    "/csp-script-none",
    "/csp-meta.html",
)


@pytest.fixture(scope="module")
def audited(browser_thread, serve_fixture, tmp_path_factory) -> dict[str, PageResult]:
    site = serve_fixture("forgery", routes=ROUTES)
    settings = browser_thread.settings.with_overrides(checks="all", page_budget_s=60)
    run_dir = RunDir(tmp_path_factory.mktemp("forgery"))
    result = browser_thread.run(
        lambda s: check_pages(
            s, [site.url_for(p) for p in PAGES], settings, run_dir, lambda _l: None,
            new_result(settings, "check"),
        ),
        timeout=400,
    )
    return {p.url.replace(site.origin, ""): p for s in result.sites for p in s.pages}


def axe_rules(page: PageResult) -> set[str]:
    return {f.rule for f in page.findings if f.source == "axe" and not f.needs_review}


def test_a_stub_that_hides_barriers_does_not_hide_them(audited):
    page = audited["/stub-hides-barriers.html"]
    assert page.axe_status == "ok", page.error
    assert axe_rules(page) >= BARRIERS
    by_rule = {f.rule: f.selector for f in page.findings}
    assert "#no-alt" in by_rule["image-alt"] and "#unlabelled" in by_rule["label"]
    assert page.axe_version == axe_version()  # the version that ran, read from its own world


def test_a_stub_that_forges_findings_is_not_believed(audited):
    page = audited["/stub-forges-findings.html"]
    assert page.axe_status == "ok", page.error
    assert not any(f.rule == "forged-rule" or "#forged" in f.selector for f in page.findings)
    assert not any("Forged" in f.message for f in page.findings)
    assert "image-alt" not in axe_rules(page)  # its image has an alt; the forged one is gone


def test_lying_dom_methods_do_not_fool_the_probes(audited):
    page = audited["/lying-dom.html"]
    assert page.title == "Real title"  # document.title's getter is the page's lie
    checks = {c.id: c for c in page.checks}
    small = checks["small-text"]
    # 10 px text, though the page says 16 px: found, advisory under WCAG 2.1 AA (1.4.8 is AAA).
    assert small.status == "passed" and small.findings, small.message
    assert all(f.advisory for f in small.findings)
    assert any("main" in f.selector for f in small.findings)


def test_lying_dom_snapshot_sees_links(browser_thread, serve_fixture):
    site = serve_fixture("forgery", routes=ROUTES)

    async def snapshot(session):
        from tester.browser import Scope, load
        from tester.gather.snapshot import take_snapshot

        async with session.context(Scope.for_url(site.origin)) as (context, _log):
            page = await context.new_page()
            await load(page, site.url_for("/lying-dom.html"), session.settings)
            return await take_snapshot(page)

    snap = browser_thread.run(snapshot, timeout=60)
    assert snap.title == "Real title"
    assert [link.text for link in snap.links] == ["News", "Contacts"]
    assert all(link.visible for link in snap.links)  # real boxes, not the page's zeros
    assert snap.headings == ["Reception of citizens"]


def test_an_honest_page_stays_clean(audited):
    page = audited["/honest.html"]
    assert page.axe_status == "ok" and page.error is None
    assert axe_rules(page) == set()
    assert all(g.status == "ok" for g in page.axe_groups) and len(page.axe_groups) >= 3
    assert {c.id: c.status for c in page.checks}["small-text"] == "passed"
    assert page.csp is None


@pytest.mark.parametrize(
    "path,policy",
    [
        ("/csp-sandbox", "sandbox"),
        ("/csp-script-none", "script-src 'none'; default-src 'self'"),
        ("/csp-meta.html", "script-src 'none'; object-src 'none'"),
    ],
)
def test_strict_csp_pages_are_audited_and_their_policy_recorded(audited, path, policy):
    page = audited[path]
    assert page.axe_status == "ok", page.error
    assert "image-alt" in axe_rules(page)
    assert page.csp == policy
    if path != "/csp-meta.html":
        assert "link-name" in axe_rules(page)


def test_results_not_from_the_injected_axe_are_rejected():
    version = axe_version()
    good = {"testEngine": {"name": "axe-core", "version": version}, "violations": [
        {"id": "image-alt", "tags": [], "nodes": [{"target": ["img"], "html": "<img>"}]}],
        "incomplete": [], "passes": 3, "inapplicable": 1}
    assert validated(good, version, {"image-alt"}) is good
    bad = [
        {**good, "testEngine": {"name": "axe-core", "version": "0.0.1"}},
        {**good, "testEngine": {"name": "fake-axe", "version": version}},
        {**good, "violations": [{**good["violations"][0], "id": "forged-rule"}]},
        {**good, "violations": [{"id": "image-alt", "tags": [], "nodes": [{"html": 1}]}]},
        {**good, "incomplete": None},
        {**good, "passes": "many"},
        ["not", "a", "result"],
    ]
    for raw in bad:
        with pytest.raises(AxeResultRejected):
            validated(raw, version, {"image-alt"})
