"""Every language version is audited: a Russian tree bigger than the page budget must not keep
the run from the Kazakh pages, whether the URL names them or only a cookie does."""

from __future__ import annotations

import asyncio
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


def clean_routes(root: Path, clean: bool) -> dict[str, Route]:
    """The clean twins (`x.clean.html`) in place of the flawed Kazakh pages."""
    if not clean:
        return {}
    return {"/" + str(p.relative_to(root)).replace(".clean", ""): respond(
        p.read_text(encoding="utf-8")) for p in root.glob("*/*.clean.html")}


@pytest.fixture(scope="module")
def settings(test_settings: Settings) -> Settings:
    return test_settings.with_overrides(tasks=[], checks="none", max_pages=6, today=TODAY,
                                        navigation_timeout_ms=5_000)


def serve(variant: str, clean: bool) -> SiteServer:
    root = FIXTURES / f"site-lang-{variant}"
    routes = cookie_routes(root, clean) if variant == "cookie" else clean_routes(root, clean)
    return SiteServer(root, routes=routes)


def audit_both(browser_thread, variant: str, settings: Settings, out: Path
               ) -> tuple[SiteResult, SiteResult]:
    """The flawed and the clean twin of one fixture, side by side (two sites of one run)."""
    with serve(variant, clean=False) as flawed, serve(variant, clean=True) as clean:
        async def both(session) -> tuple[SiteResult, SiteResult]:
            jobs = [audit_site(session, server.url, settings, RunDir(out / name), lambda _l: None)
                    for name, server in (("flawed", flawed), ("clean", clean))]
            first, second = await asyncio.gather(*jobs)
            return first, second

        return browser_thread.run(both, timeout=180)


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


@pytest.mark.parametrize("variant", ["path", "cookie", "select"])
def test_every_language_version_is_audited(browser_thread, settings, variant, tmp_path) -> None:
    flawed, clean = audit_both(browser_thread, variant, settings, tmp_path)
    kk, found = measure(flawed)
    print(f"{variant}: kk pages {len(kk)}/{len(flawed.pages)}; kk findings {sorted(found)}")
    assert len(flawed.pages) == 6
    assert len(kk) >= 3, [(p.url, p.lang, p.variant) for p in flawed.pages]
    assert set(found) == set(KK_RULES), found
    assert all(p.language for p in flawed.pages), [(p.url, p.language) for p in flawed.pages]
    assert {p.language for p in flawed.pages if (p.url, p.variant) in kk} == {"kk"}
    # The pass direction: the same shape with clean Kazakh pages gives no such findings.
    kk, found = measure(clean)
    assert len(kk) >= 3, [(p.url, p.lang, p.variant) for p in clean.pages]
    assert found == {}
