"""Every language version is audited: a Russian tree bigger than the page budget must not keep
the run from the Kazakh pages, whether the URL names them or only a cookie does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from support.routes import respond

from tester.artifacts import RunDir
from tester.config import Settings
from tester.demo.server import Route, SiteServer
from tester.model import SiteResult
from tester.runner.site import audit_site

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = date(2026, 11, 23)
KK_RULES = ("stale-section", "document-as-image", "broken-link")
COOKIE = "site_lang"


def cookie_routes(root: Path, clean: bool) -> dict[str, Route]:
    """Bitrix-like: one set of URLs answering in the language the `site_lang` cookie names;
    /lang/kk/ and /lang/ru/ set it and go back to the home page."""

    def page(slug: str) -> Route:
        def handler(request: BaseHTTPRequestHandler) -> None:
            lang = "kk" if f"{COOKIE}=kk" in (request.headers.get("Cookie") or "") else "ru"
            names = [f"{slug}.clean.html", f"{slug}.html"] if clean else [f"{slug}.html"]
            for name in names:
                if (root / lang / name).is_file():
                    respond((root / lang / name).read_text(encoding="utf-8"))(request)
                    return
            respond("<!doctype html><title>404</title><p>Не найдено</p>", status=404)(request)

        return handler

    def switch(lang: str) -> Route:
        return respond(b"", status=302, headers={
            "Location": "/", "Set-Cookie": f"{COOKIE}={lang}; Path=/"})

    slugs = {p.name.split(".")[0] for p in (root / "ru").glob("*.html")}
    routes: dict[str, Route] = {"/": page("index")}
    routes.update({f"/{slug}/": page(slug) for slug in slugs if slug != "index"})
    routes.update({"/lang/kk/": switch("kk"), "/lang/ru/": switch("ru")})
    return routes


def path_routes(root: Path, clean: bool) -> dict[str, Route]:
    if not clean:
        return {}
    return {f"/qazaqsha/{p.name.replace('.clean', '')}": respond(p.read_text(encoding="utf-8"))
            for p in (root / "qazaqsha").glob("*.clean.html")}


@pytest.fixture(scope="module")
def settings(test_settings: Settings) -> Settings:
    return test_settings.with_overrides(tasks=[], checks="none", max_pages=6, today=TODAY,
                                        navigation_timeout_ms=5_000)


def serve(variant: str, clean: bool) -> SiteServer:
    root = FIXTURES / f"site-lang-{variant}"
    routes = cookie_routes(root, clean) if variant == "cookie" else path_routes(root, clean)
    return SiteServer(root, routes=routes)


def audit(browser_thread, server: SiteServer, settings: Settings, out: Path) -> SiteResult:
    return browser_thread.run(
        lambda s: audit_site(s, server.url, settings, RunDir(out), lambda _l: None), timeout=120)


def kk_findings(site: SiteResult, kk_pages: set[tuple[str, str]]) -> dict[str, list[str]]:
    """Site-check findings on the Kazakh pages, by rule: {rule: [page, ...]}."""
    urls = {url for url, _ in kk_pages}
    found: dict[str, list[str]] = {}
    for check in site.checks:
        for finding in check.findings:
            pages = finding.data.get("found_on") or [finding.data.get("page")]
            if finding.rule in KK_RULES and any(p in urls for p in pages):
                found.setdefault(finding.rule, []).extend(p for p in pages if p in urls)
    return found


def measure(site: SiteResult) -> tuple[set[tuple[str, str]], dict[str, list[str]]]:
    kk = {(p.url, p.variant) for p in site.pages if p.lang.lower().startswith("kk")}
    return kk, kk_findings(site, kk)


@pytest.fixture(scope="module", params=["path", "cookie"])
def variant(request) -> Iterator[str]:
    yield request.param


def test_kazakh_pages_audited_and_their_flaws_found(browser_thread, settings, variant, tmp_path):
    with serve(variant, clean=False) as server:
        site = audit(browser_thread, server, settings, tmp_path)
    kk, found = measure(site)
    print(f"{variant}: kk pages {len(kk)}/{len(site.pages)}; kk findings {sorted(found)}")
    assert len(site.pages) == 6
    assert len(kk) >= 3, [(p.url, p.lang, p.variant) for p in site.pages]
    assert set(found) == set(KK_RULES), found
    assert all(p.language for p in site.pages), [(p.url, p.language) for p in site.pages]
    assert {p.language for p in site.pages if (p.url, p.variant) in kk} == {"kk"}


def test_clean_kazakh_pages_give_no_such_findings(browser_thread, settings, variant, tmp_path):
    with serve(variant, clean=True) as server:
        site = audit(browser_thread, server, settings, tmp_path)
    kk, found = measure(site)
    assert len(kk) >= 3, [(p.url, p.lang, p.variant) for p in site.pages]
    assert found == {}
