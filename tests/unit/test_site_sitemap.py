"""sitemap: parsing sitemap.xml / robots.txt and the audit both ways."""

from __future__ import annotations

from tester.gather.snapshot import Link, PageSnapshot
from tester.site.crawler_files import parse_sitemap, robots_disallows_all, robots_sitemaps
from tester.site.data import FetchResult, SiteArtifacts
from tester.site.sitemap import audit_sitemap

SITE = "http://gov.test"
URLSET = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          f"<url><loc>{SITE}/ru/index.html</loc><lastmod>2026-11-20</lastmod></url>"
          f"<url><loc>{SITE}/kk/index.html</loc></url></urlset>")
INDEX = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         f"<sitemap><loc>{SITE}/sitemap-ru.xml</loc></sitemap></sitemapindex>")
BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><urlset><url><loc>&lol2;</loc></url></urlset>')


def test_parse_urlset_and_index() -> None:
    parsed = parse_sitemap("\ufeff" + URLSET)
    assert parsed.error is None and parsed.kind == "urlset"
    assert parsed.locs == [SITE + "/ru/index.html", SITE + "/kk/index.html"]
    assert parse_sitemap(INDEX).kind == "sitemapindex"


def test_parse_refuses_dtd_html_and_garbage() -> None:
    assert "DTD" in (parse_sitemap(BOMB).error or "")
    assert "HTML" in (parse_sitemap("<!DOCTYPE html><html><body>Главная</body></html>").error or "")
    assert "well-formed" in (parse_sitemap("<urlset><url>").error or "")
    assert parse_sitemap("").error == "empty"
    assert "root element" in (parse_sitemap("<feed></feed>").error or "")


def test_robots_helpers() -> None:
    body = "User-agent: *\nDisallow: /admin\nSitemap: http://gov.test/map.xml\n"
    assert robots_sitemaps(body) == ["http://gov.test/map.xml"]
    assert not robots_disallows_all(body)
    assert robots_disallows_all("User-agent: Yandex\nAllow: /\nUser-agent: *\nDisallow: / # all")


def test_robots_groups_and_partial_rules_read_as_crawlers_do() -> None:
    grouped = "User-agent: *\nUser-agent: Googlebot\nDisallow: /\n"  # one group, two agents
    assert robots_disallows_all(grouped)
    assert not robots_disallows_all("User-agent: *\nDisallow: /$\n")  # only the home page
    assert not robots_disallows_all("User-agent: ashyq\nDisallow: /\n")  # not everyone
    assert not robots_disallows_all("")
    assert robots_sitemaps("sitemap: /rel.xml\nSITEMAP:  http://a.kz/b.xml  \n") == [
        "/rel.xml", "http://a.kz/b.xml"]


def test_external_entities_and_cut_bodies_are_refused() -> None:
    xxe = ('<?xml version="1.0"?><!DOCTYPE u [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           "<urlset><url><loc>&e;</loc></url></urlset>")
    assert "DTD" in (parse_sitemap(xxe).error or "")
    assert parse_sitemap(URLSET, too_large=True).error == "too large"
    no_namespace = parse_sitemap("<urlset><url><loc> http://gov.test/a </loc></url></urlset>")
    assert no_namespace.locs == ["http://gov.test/a"] and no_namespace.kind == "urlset"


def arts(sitemap: FetchResult | None, robots: str | None = None,
         children: list[FetchResult] | None = None) -> SiteArtifacts:
    return SiteArtifacts(
        home_url=SITE + "/", scope_hosts=["gov.test"], sitemap=sitemap,
        robots=FetchResult(url=SITE + "/robots.txt", status=200, body=robots) if robots else None,
        child_sitemaps=children or [])


def xml(body: str, status: int = 200, url: str = SITE + "/sitemap.xml") -> FetchResult:
    return FetchResult(url=url, status=status, body=body, content_type="application/xml")


HOME_WITH_MAP = PageSnapshot(url=SITE + "/ru/index.html", http_status=200,
                             links=[Link(SITE + "/ru/sitemap.html", "Карта сайта")])
HOME_WITHOUT_MAP = PageSnapshot(url=SITE + "/ru/index.html", http_status=200,
                                links=[Link(SITE + "/ru/contacts.html", "Контакты")])


def test_valid_sitemap_and_linked_site_map_page_pass() -> None:
    result = audit_sitemap(arts(xml(URLSET)), [HOME_WITH_MAP])
    assert result.status == "passed" and result.findings == []
    assert result.data["urls_in_scope"] == 2 and result.data["audited_pages_listed"] == 1


def test_missing_site_map_page_fails() -> None:
    result = audit_sitemap(arts(xml(URLSET)), [HOME_WITHOUT_MAP])
    assert result.status == "failed"
    assert [f.rule for f in result.findings] == ["sitemap-page-missing"]


def test_kazakh_site_map_link_and_url_token_count() -> None:
    kk = PageSnapshot(url=SITE + "/kk/", links=[Link(SITE + "/kk/map", "Сайт картасы")])
    by_url = PageSnapshot(url=SITE + "/", links=[Link(SITE + "/karta-sayta/", "")])
    assert audit_sitemap(arts(xml(URLSET)), [kk]).status == "passed"
    assert audit_sitemap(arts(xml(URLSET)), [by_url]).status == "passed"


def test_invalid_sitemap_fails() -> None:
    result = audit_sitemap(arts(xml("<urlset><url><loc>x</loc>")), [HOME_WITH_MAP])
    assert result.status == "failed" and result.findings[0].rule == "sitemap-xml-invalid"
    bomb = audit_sitemap(arts(xml(BOMB)), [HOME_WITH_MAP])
    assert bomb.findings[0].rule == "sitemap-xml-invalid"


def test_missing_or_soft_404_sitemap_is_minor() -> None:
    missing = audit_sitemap(arts(xml("", status=404)), [HOME_WITH_MAP])
    assert [f.rule for f in missing.findings] == ["sitemap-xml-missing"]
    assert missing.status == "passed"  # minor: the human site map is what citizens need
    soft = audit_sitemap(arts(xml("<!doctype html><html>Home</html>")), [HOME_WITH_MAP])
    assert [f.rule for f in soft.findings] == ["sitemap-xml-missing"]


def test_sitemap_listing_another_host_fails() -> None:
    other = URLSET.replace(SITE, "https://prod.gov.kz")
    result = audit_sitemap(arts(xml(other)), [HOME_WITH_MAP])
    assert result.status == "failed" and result.findings[0].rule == "sitemap-xml-out-of-scope"


def test_sitemap_index_counts_child_urls() -> None:
    child = xml(URLSET, url=SITE + "/sitemap-ru.xml")
    result = audit_sitemap(arts(xml(INDEX), children=[child]), [HOME_WITH_MAP])
    assert result.status == "passed" and result.data["urls_in_scope"] == 2


def test_robots_disallowing_everything_is_reported() -> None:
    result = audit_sitemap(arts(xml(URLSET), robots="User-agent: *\nDisallow: /"), [HOME_WITH_MAP])
    assert [f.rule for f in result.findings] == ["robots-disallow-all"]
