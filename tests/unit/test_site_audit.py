"""audit_site: every check present, crash isolation, artifacts round trip."""

from __future__ import annotations

import json
from datetime import date

from tester.config import Settings
from tester.gather.snapshot import Link, PageSnapshot
from tester.model import CheckResult, SiteResult
from tester.registry import site_check_specs
from tester.site import FetchResult, SiteArtifacts, SiteCheck, SiteContext, VersionInfo, audit_site

SITE = "http://gov.test"


def sample() -> tuple[SiteArtifacts, list[PageSnapshot]]:
    snaps = [PageSnapshot(
        url=SITE + "/ru/news.html", lang="ru", title="Новости <script>x</script>",
        main_text="Новости\n20.11.2026 Аким провёл приём", text="Новости",
        links=[Link(SITE + "/ru/gone.html", "Отчёт"), Link(SITE + "/kk/news.html", "ҚАЗ")],
        http_status=200)]
    arts = SiteArtifacts(
        home_url=SITE + "/", scope_hosts=["gov.test"],
        links={SITE + "/ru/gone.html": FetchResult(url=SITE + "/ru/gone.html", status=404)},
        sitemap=FetchResult(url=SITE + "/sitemap.xml", status=404),
        versions={SITE + "/kk/news.html": VersionInfo(url=SITE + "/kk/news.html", status=404)})
    return arts, snaps


def test_audit_site_runs_every_check_and_results_fit_the_contract() -> None:
    arts, snaps = sample()
    results = audit_site(arts, snaps, date(2026, 11, 23))
    assert [r.id for r in results] == [c.id for c in site_check_specs()] == [
        "broken-links", "news-freshness", "stale-sections", "language-parity",
        "documents-as-images", "sitemap", "required-sections"]
    by_id = {r.id: r for r in results}
    assert by_id["broken-links"].status == "failed"
    assert by_id["news-freshness"].status == "passed"
    assert by_id["language-parity"].status == "failed"  # the kk version answers 404
    site = SiteResult(url=SITE + "/", checks=results)
    assert json.loads(site.model_dump_json())["checks"][0]["id"] == "broken-links"


def test_options_change_the_verdicts() -> None:
    arts, snaps = sample()
    strict = Settings(news_max_working_days=0)
    [news] = [r for r in audit_site(arts, snaps, date(2026, 11, 23), strict)
              if r.id == "news-freshness"]
    assert news.status == "failed"
    [news] = [r for r in audit_site(arts, snaps, date(2026, 11, 23), Settings())
              if r.id == "news-freshness"]
    assert news.status == "passed"  # the declared default, 3 working days


def test_a_crashing_check_becomes_an_error_result() -> None:
    def boom(_ctx: SiteContext) -> CheckResult:
        raise RuntimeError("bad page data")

    checks = [SiteCheck("sitemap", boom) if c.id == "sitemap" else c for c in site_check_specs()]
    arts, snaps = sample()
    results = {r.id: r for r in audit_site(arts, snaps, date(2026, 11, 23), checks=checks)}
    assert results["sitemap"].status == "error" and "bad page data" in results["sitemap"].message
    assert results["broken-links"].status == "failed"
    assert len(results) == len(checks)


def test_artifacts_round_trip_through_json() -> None:
    arts, _ = sample()
    again = SiteArtifacts.from_dict(json.loads(json.dumps(arts.to_dict())))
    assert again == arts


def test_hostile_and_huge_pages_are_audited_quickly() -> None:
    import time

    from tester.gather.snapshot import Image

    weird = ["http://[bad", "javascript:alert(1)", "data:text/html,x", "", "//",
             "http://gov.test:99999/", "http://gov.test/%ZZ", "http://gov.test/a\x00b",
             "ftp://gov.test/x"]
    junk = "<script>alert(1)</script> Жаңалықтар 31.02.2026 99.99.9999 2026-13-45 "
    text = (junk * 3000)[:200_000]
    snaps = [PageSnapshot(
        url=f"{SITE}/ru/p{i}.html", lang="<script>", title="<img src=x onerror=alert(1)>" * 50,
        text=text, main_text=text, headings=["Новости"] * 200,
        links=[Link(weird[j % len(weird)] if j % 3 else f"{SITE}/x{j}.html", f"L{j}",
                    img_alt="Герб" if j % 50 == 0 else "") for j in range(2000)],
        images=[Image(src="x", alt=None, width=10**6, height=-5)], http_status=200)
        for i in range(5)]
    arts = SiteArtifacts(home_url=SITE + "/", scope_hosts=["gov.test"],
                         sitemap=FetchResult(url=SITE + "/sitemap.xml", status=200,
                                             body="<urlset>" + "<url><loc>x</loc></url>" * 10**4))
    started = time.monotonic()
    results = audit_site(arts, snaps, date(2026, 11, 23))
    assert time.monotonic() - started < 30
    assert [r.status for r in results if r.status == "error"] == []
    assert all(len(r.findings) <= 200 for r in results)
