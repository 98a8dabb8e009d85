"""Site checks end to end: real Chromium snapshots, real HTTP through the context's request API,
then the pure audit; a look-alike good site must pass what the bad site fails."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from support.routes import hang, redirect, respond

from tester.browser import BrowserSession, Scope, load
from tester.config import Settings
from tester.demo.server import SiteServer
from tester.gather.snapshot import PageSnapshot, take_snapshot
from tester.model import CheckResult
from tester.site import SiteArtifacts, audit_site, discover_languages, gather_site

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = date(2026, 11, 23)  # a Monday; the fixtures' newest good news is Friday 20.11.2026
GOOD_PAGES = ["ru/index.html", "ru/news.html", "ru/contacts.html", "ru/leadership.html",
              "ru/appeals.html", "ru/documents.html", "ru/statistics.html", "ru/sitemap.html",
              "kk/index.html", "kk/news.html", "en/index.html"]
BAD_PAGES = ["ru/index.html", "ru/news.html", "ru/contacts.html", "ru/documents.html",
             "ru/statistics.html", "kk/index.html", "kk/news.html"]


def head_refused(request: BaseHTTPRequestHandler) -> None:
    """A server that answers HEAD with 405 but GET with the page (common on old CMSs)."""
    status = 405 if request.command == "HEAD" else 200
    respond("<!doctype html><title>Реестр</title><p>Реестр услуг</p>", status=status)(request)


def run_site(
    browser_thread, server: SiteServer, paths: list[str], settings: Settings
) -> tuple[SiteArtifacts, list[PageSnapshot], list[str]]:
    async def crawl(session: BrowserSession) -> tuple[SiteArtifacts, list[PageSnapshot], list[str]]:
        scope = Scope.for_url(server.url)
        async with session.context(scope) as (context, log):
            page = await context.new_page()
            snapshots = []
            for path in paths:
                loaded = await load(page, server.url_for(path), settings)
                assert loaded.ok, loaded.error
                snapshots.append(await take_snapshot(page, loaded.http_status))
            artifacts = await gather_site(
                server.url_for("ru/index.html"), snapshots, scope, settings
            )
            return artifacts, snapshots, list(log.blocked_navigations)

    return browser_thread.run(crawl, timeout=90)


@pytest.fixture(scope="module")
def fast_settings(test_settings: Settings) -> Settings:
    return test_settings.with_overrides(navigation_timeout_ms=3_000)


@pytest.fixture(scope="module")
def tripwire() -> Iterator[tuple[str, list[str]]]:
    """Another site (host `localhost`, so out of scope of 127.0.0.1) that records any request."""
    hits: list[str] = []

    def record(request: BaseHTTPRequestHandler) -> None:
        hits.append(f"{request.command} {request.path}")
        respond("trap")(request)

    with SiteServer(FIXTURES / "site-good", routes={"/trap": record}) as server:
        yield f"http://localhost:{server.port}/trap", hits


@pytest.fixture(scope="module")
def good(browser_thread, serve_fixture: Callable[..., SiteServer], fast_settings: Settings,
         tripwire):
    trap_url, _ = tripwire
    partners = (f'<!doctype html><html lang="ru"><title>Партнёры</title><main><h1>Партнёры</h1>'
                f'<p>Полезные ссылки на сайты партнёров акимата района и государственных органов.'
                f'</p><a href="{trap_url}">Партнёр</a> <a href="/away">Партнёр 2</a></main></html>')
    server = serve_fixture("site-good", routes={
        "/ru/services-registry": head_refused,
        "/ru/egov": redirect("https://egov.kz/cms/ru"),
        "/partners.html": respond(partners),
        "/away": redirect(trap_url),
    })
    artifacts, snapshots, _ = run_site(
        browser_thread, server, [*GOOD_PAGES, "partners.html"], fast_settings
    )
    return server, artifacts, snapshots, {c.id: c for c in audit_site(artifacts, snapshots, TODAY)}


@pytest.fixture(scope="module")
def bad(browser_thread, serve_fixture: Callable[..., SiteServer], fast_settings: Settings):
    server = serve_fixture("site-bad")
    server.routes.update({"/ru/slow.html": hang(),
                          "/ru/archive.html": redirect("/ru/archive.html")})  # a redirect loop
    artifacts, snapshots, _ = run_site(browser_thread, server, BAD_PAGES, fast_settings)
    return server, artifacts, snapshots, {c.id: c for c in audit_site(artifacts, snapshots, TODAY)}


def explain(check: CheckResult) -> str:
    return f"{check.id}: {check.message} {[f.message for f in check.findings]}"


def test_good_site_passes_every_site_check(good) -> None:
    _, _, _, checks = good
    for check in checks.values():
        assert check.status == "passed", explain(check)
        confirmed = [f for f in check.findings if not f.needs_review and f.impact != "minor"]
        assert confirmed == [], explain(check)


def test_bad_site_fails_every_site_check(bad) -> None:
    _, _, _, checks = bad
    for check in checks.values():
        assert check.status == "failed", explain(check)


def test_links_gathered_within_scope_with_head_fallback(good) -> None:
    server, artifacts, _, checks = good
    registry = artifacts.links[server.url_for("ru/services-registry")]
    assert registry.status == 200 and registry.method == "GET"  # HEAD 405, then GET
    egov = artifacts.links[server.url_for("ru/egov")]
    assert egov.redirected_out_of_scope == "https://egov.kz/cms/ru" and egov.status == 302
    assert "https://eotinish.kz/sendAppeal" in artifacts.out_of_scope
    assert all(url.startswith(server.origin) for url in artifacts.links)
    assert checks["broken-links"].data["redirected_out_of_scope"] == 2  # /ru/egov and /away


def test_out_of_scope_urls_are_never_requested(good, tripwire) -> None:
    _, artifacts, _, _ = good
    trap_url, hits = tripwire
    assert trap_url in artifacts.out_of_scope  # listed ...
    assert artifacts.links[artifacts.home_url.rsplit("/", 2)[0] + "/away"].redirected_out_of_scope
    assert hits == []  # ... but neither the link nor the redirect to it was followed


def test_bad_links_found_with_where_and_why(bad) -> None:
    server, _, _, checks = bad
    findings = checks["broken-links"].findings
    broken = {f.data["target"]: f for f in findings if f.rule == "broken-link"}
    report = broken[server.url_for("ru/otchet-2023.html")]
    assert report.data["status"] == 404 and not report.needs_review
    assert report.data["link_text"] == "Отчёт акима за 2023 год"
    assert report.data["found_on"] == [server.url_for("ru/index.html")]
    slow = broken[server.url_for("ru/slow.html")]
    assert slow.needs_review and slow.data["error"] == "timed out"
    loop = broken[server.url_for("ru/archive.html")]
    assert loop.data["error"] == "too many redirects" and not loop.needs_review
    inactive = {f.data["label"] for f in findings if f.rule == "inactive-link"}
    assert inactive == {"Акимат района Сарыарка", "Баннер: Год рабочих профессий",
                        "Сарыарқа ауданының әкімдігі"}
    # the text "#" dropdown toggle «О районе ▾» is a JS button, not an inactive link
    assert not any("О районе" in label for label in inactive)


def test_language_versions_fetched_and_judged(good, bad) -> None:
    server, artifacts, _, checks = good
    kk_leaders = artifacts.versions[server.url_for("kk/leadership.html")]
    assert kk_leaders.status == 200 and kk_leaders.lang == "kk" and kk_leaders.kazakh > 10
    # 8 pages in each language, plus the Russian-only /partners.html
    assert checks["language-parity"].data["pages_by_language"] == {
        "kk": 8, "ru": 9, "en": 8, "unknown": 0}

    server, artifacts, _, checks = bad
    assert artifacts.versions[server.url_for("kk/documents.html")].status == 404
    rules = {(f.rule, f.data.get("page")) for f in checks["language-parity"].findings}
    assert ("wrong-language-content", server.url_for("kk/news.html")) in rules
    assert ("html-lang-invalid", server.url_for("kk/index.html")) in rules
    missing = {m["url"] for m in checks["language-parity"].data["missing_versions"]}
    assert {server.url_for("kk/documents.html"), server.url_for("kk/statistics.html")} <= missing


def test_freshness_documents_sitemap_and_sections_details(good, bad) -> None:
    _, good_artifacts, _, good_checks = good
    assert good_checks["news-freshness"].data["newest_date"] == "2026-11-20"
    assert good_checks["sitemap"].data["urls_in_scope"] == 24
    assert good_artifacts.robots is not None and good_artifacts.robots.status == 200

    _, _, _, checks = bad
    assert checks["news-freshness"].data["newest_date"] == "2026-10-01"
    assert checks["stale-sections"].findings[0].data["date"] == "2023-01-01"
    [doc] = checks["documents-as-images"].findings
    assert doc.data["src"].endswith("/img/prikaz-15-scan.png") and not doc.needs_review
    assert {f.rule for f in checks["sitemap"].findings} == {
        "sitemap-page-missing", "sitemap-xml-invalid"}
    assert sorted(checks["required-sections"].data["core_missing"]) == ["appeals", "leadership"]


def test_discover_languages_on_real_snapshots(good, bad) -> None:
    server, _, snapshots, _ = good
    assert discover_languages(snapshots) == {
        "kk": server.url_for("kk/index.html"), "ru": server.url_for("ru/index.html"),
        "en": server.url_for("en/index.html")}
    server, _, snapshots, _ = bad
    assert discover_languages(snapshots)["en"] is None


def test_link_and_version_budgets_are_respected(good, browser_thread, fast_settings) -> None:
    server, _, snapshots, _ = good
    limited = fast_settings.with_overrides(site_max_links=3, site_max_versions=1)

    async def again(session: BrowserSession) -> SiteArtifacts:
        scope = Scope.for_url(server.url)
        return await gather_site(server.url_for("ru/index.html"), snapshots, scope, limited)

    artifacts = browser_thread.run(again, timeout=60)
    assert len(artifacts.versions) == 1
    requested = [r for r in artifacts.links.values() if r.method in ("HEAD", "GET")]
    assert len(requested) <= 3 + 1  # 3 link checks + the one version reused as a link answer
    assert artifacts.unchecked and any("over the limit" in note for note in artifacts.notes)
