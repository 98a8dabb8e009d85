"""The tool's own HTTP client (tester.fetch) against real servers on 127.0.0.1, no browser:
host mappings, TLS names, refused hops, the site's cache, and hostile bodies kept bounded."""

from __future__ import annotations

import asyncio
import gzip
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from support.http_recorder import Recorder, endless, self_signed_cert

from tester.config import Settings
from tester.fetch import (
    BLOCKED_ADDRESS,
    MAX_BODY,
    REDIRECT_OUTSIDE_SCOPE,
    USER_AGENT,
    FetchAnswer,
    Fetcher,
)
from tester.netpolicy import NetworkPolicy
from tester.scope import Scope
from tester.site.crawler_files import MAX_XML, parse_sitemap
from tester.site.gather import gather_site
from tester.site.links import audit_broken_links
from tester.snapshot import Link, PageSnapshot
from tester.tasks.find_sitemap import sitemap_xml

AKIMAT = "xn--80aaxhl1b.xn--80ao21a"  # акимат.қаз
URLSET = ('<?xml version="1.0" encoding="UTF-8"?>'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          "<url><loc>{origin}/a.html</loc></url><url><loc>{origin}/b.html</loc></url></urlset>")
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10))
          + ']><urlset><url><loc>&lol9;</loc></url></urlset>')


@pytest.fixture
def site() -> Iterator[Recorder]:
    server = Recorder()
    yield server
    server.close()


@pytest.fixture
def other() -> Iterator[Recorder]:
    server = Recorder()
    yield server
    server.close()


def settings(**values: Any) -> Settings:
    return Settings().with_overrides(navigation_timeout_ms=5_000, **values)


def fetch(scope: Scope, url: str, *, policy: NetworkPolicy | None = None,
          resolve: dict[str, str] | None = None, **options: Any) -> FetchAnswer:
    async def go() -> FetchAnswer:
        async with Fetcher(scope, policy=policy, resolve=resolve, timeout_ms=5_000) as fetcher:
            return await fetcher.fetch(url, **options)

    return asyncio.run(go())


def test_redirects_are_followed_by_us_with_an_ashyq_user_agent(site: Recorder) -> None:
    site.redirect("/a", "/b")
    site.page("/b", "<title>B</title>")
    answer = fetch(Scope.for_url(site.origin), f"{site.origin}/a", keep_body=True)
    assert answer.status == 200 and answer.hops == 1 and answer.body == b"<title>B</title>"
    assert [h.path for h in site.hits] == ["/a", "/b"]  # two requests: no client-side follow
    assert {h.headers["user-agent"] for h in site.hits} == {USER_AGENT}
    assert "ashyq" in USER_AGENT


def test_resolve_mapping_connects_to_the_ip_and_sends_the_host(site: Recorder) -> None:
    url = f"http://акимат.қаз:{site.port}/kk/"
    site.page("/kk/", "ok")
    answer = fetch(Scope.for_url(url), url, resolve={AKIMAT: "127.0.0.1"})
    assert answer.status == 200 and answer.final_url == f"http://{AKIMAT}:{site.port}/kk/"
    [hit] = site.hits
    assert hit.headers["host"] == f"{AKIMAT}:{site.port}"  # the name, never the IP
    unmapped = fetch(Scope.for_url(url), url)  # without the mapping the name does not resolve
    assert unmapped.status is None and unmapped.error == "host name not resolved"
    assert len(site.hits) == 1


def test_https_mapping_names_the_host_in_tls_and_ignores_the_certificate(
        tmp_path: Path) -> None:
    cert = self_signed_cert(tmp_path, "akimat.test")
    if cert is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    server = Recorder(tls=cert)
    try:
        server.page("/", "secure")
        url = f"https://akimat.test:{server.port}/"
        answer = fetch(Scope.for_url(url), url, resolve={"akimat.test": "127.0.0.1"},
                       keep_body=True)
        assert answer.status == 200 and answer.body == b"secure"  # self-signed: accepted
        assert server.server_names == ["akimat.test"]  # SNI is the host name, not the IP
        assert server.hits[0].headers["host"] == f"akimat.test:{server.port}"
    finally:
        server.close()


def test_refused_hops_never_connect(site: Recorder, other: Recorder) -> None:
    site.redirect("/out", f"{other.origin}/x")
    site.redirect("/meta", "http://169.254.169.254/latest/meta-data/")
    site.redirect("/private", f"http://10.9.8.7:{other.port}/")
    scope = Scope.for_url(site.origin)
    out = fetch(scope, f"{site.origin}/out")
    assert out.refused == REDIRECT_OUTSIDE_SCOPE and out.refused_target == f"{other.origin}/x"
    strict = NetworkPolicy(allow_private=False)
    for path, reason in (("/meta", "cloud-metadata address 169.254.169.254"),
                         ("/private", "private address 10.9.8.7")):
        target = site.routes[path]()[1]["Location"]
        scope.add(target)  # in scope: only the network policy stands in the way
        answer = fetch(scope, f"{site.origin}{path}", policy=strict)
        assert answer.refused == BLOCKED_ADDRESS and answer.refused_reason == reason
        assert answer.refused_target == target and answer.status is None
    assert other.connections == 0


def test_link_check_reports_refused_hops_and_keeps_verdicts(site: Recorder,
                                                            other: Recorder) -> None:
    """A link redirecting to another site, or to a host of the site that resolves to the
    metadata service, is recorded as not followed (and why), never as broken."""
    site.redirect("/leaves", f"{other.origin}/portal")
    site.redirect("/meta", "http://metadata.test/latest/")
    site.redirect("/stays", "/news")
    site.page("/news", "news")
    links = [Link(f"{site.origin}{path}", path) for path in ("/leaves", "/meta", "/stays",
                                                             "/gone")]
    snaps = [PageSnapshot(url=f"{site.origin}/", http_status=200, links=links)]
    scope = Scope.for_url(site.origin)
    scope.add("http://metadata.test/")  # in scope: only the network policy stands in the way
    mapped = settings(resolve=("metadata.test=169.254.169.254",))
    artifacts = asyncio.run(gather_site(f"{site.origin}/", snaps, scope, mapped))
    check = audit_broken_links(artifacts, snaps)
    assert [f.data["target"] for f in check.findings] == [f"{site.origin}/gone"]
    refused = {row["url"].rsplit("/", 1)[1]: row for row in check.data["redirects_not_followed"]}
    assert refused["leaves"]["refused"] == REDIRECT_OUTSIDE_SCOPE
    assert refused["leaves"]["target"] == f"{other.origin}/portal"
    assert refused["meta"]["refused"] == BLOCKED_ADDRESS
    assert refused["meta"]["reason"] == "cloud-metadata address 169.254.169.254"
    assert refused["meta"]["target"] == "http://metadata.test/latest/"
    assert artifacts.links[f"{site.origin}/stays"].status == 200
    assert other.connections == 0


def test_sitemap_and_robots_are_fetched_once_per_site(site: Recorder) -> None:
    """The find-sitemap task and the site checks ask for /sitemap.xml; the site's cache
    answers the second time. Another site (another scope) asks again."""
    site.page("/robots.txt", f"User-agent: *\nSitemap: {site.origin}/sitemap.xml\n",
              "text/plain")
    site.page("/sitemap.xml", URLSET.format(origin=site.origin), "application/xml")
    home = f"{site.origin}/"
    snaps = [PageSnapshot(url=home, http_status=200, links=[Link(f"{site.origin}/sitemap.xml",
                                                                 "sitemap.xml")])]

    async def one_site() -> Any:
        scope = Scope.for_url(home)
        explorer = SimpleNamespace(env=SimpleNamespace(start_url=home, scope=scope),
                                   settings=settings())
        evidence = await sitemap_xml(explorer)  # type: ignore[arg-type]
        artifacts = await gather_site(home, snaps, scope, settings())
        again = await gather_site(home, snaps, scope, settings())  # still the same site
        return evidence, artifacts, again

    evidence, artifacts, again = asyncio.run(one_site())
    assert evidence["sitemap_xml"] is True
    assert artifacts.sitemap is not None and parse_sitemap(artifacts.sitemap.body).locs
    assert again.robots is not None and again.robots.status == 200
    assert artifacts.links[f"{site.origin}/sitemap.xml"].status == 200  # the link, from cache
    assert site.count("/sitemap.xml") == 1 and site.count("/robots.txt") == 1
    assert len(site.hits) == 2
    asyncio.run(gather_site(home, snaps, Scope.for_url(home), settings()))  # a new audit
    assert site.count("/sitemap.xml") == 2 and site.count("/robots.txt") == 2


def test_hostile_sitemaps_are_bounded(site: Recorder) -> None:
    """Entity expansion is refused; an endless sitemap is cut at the cap and judged too large;
    a gzip sitemap is read and a gzip bomb stops at the cap."""
    home = f"{site.origin}/"
    site.page("/laughs.xml", LAUGHS, "application/xml")
    site.routes["/sitemap.xml"] = lambda: (200, {"Content-Type": "application/xml"},
                                           endless(b"<url><loc>x</loc></url>" * 4096))
    site.page("/robots.txt", f"Sitemap: {site.origin}/laughs.xml\n", "text/plain")
    started = time.monotonic()
    artifacts = asyncio.run(gather_site(home, [], Scope.for_url(home), settings()))
    assert time.monotonic() - started < 20
    sitemap = artifacts.sitemap
    assert sitemap is not None and sitemap.truncated and len(sitemap.body) <= MAX_BODY
    assert parse_sitemap(sitemap.body, too_large=sitemap.truncated).error == "too large"
    laughs = parse_sitemap(LAUGHS)
    assert laughs.error is not None and "DTD" in laughs.error and not laughs.locs

    index = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<sitemap><loc>{site.origin}/s1.xml.gz</loc></sitemap>"
             f"<sitemap><loc>{site.origin}/bomb.xml.gz</loc></sitemap></sitemapindex>")
    site.page("/sitemap.xml", index, "application/xml")
    site.page("/s1.xml.gz", gzip.compress(URLSET.format(origin=site.origin).encode()),
              "application/gzip")
    site.page("/bomb.xml.gz", gzip.compress(b"<urlset>" + b" " * (MAX_XML * 4), 9),
              "application/gzip")
    artifacts = asyncio.run(gather_site(home, [], Scope.for_url(home), settings()))
    small, bomb = artifacts.child_sitemaps
    assert parse_sitemap(small.body, too_large=small.truncated).locs == [
        f"{site.origin}/a.html", f"{site.origin}/b.html"]
    assert bomb.truncated and parse_sitemap(bomb.body, too_large=True).error == "too large"


def test_compressed_bomb_and_endless_bodies_stop_at_the_cap(site: Recorder) -> None:
    bomb = gzip.compress(b"\0" * 100_000_000, 9)  # 100 MB of zeros in about 100 KB
    site.page("/bomb", bomb, "text/html", **{"Content-Encoding": "gzip"})
    site.routes["/endless"] = lambda: (200, {"Content-Type": "text/html"}, endless(b"x" * 65536))
    scope = Scope.for_url(site.origin)
    tracemalloc.start()
    try:
        answer = fetch(scope, f"{site.origin}/bomb", keep_body=True, max_body=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert answer.status == 200 and answer.truncated and len(answer.body) == 1_000_000
    assert peak < 40_000_000  # never inflated whole
    started = time.monotonic()
    endless_answer = fetch(scope, f"{site.origin}/endless", keep_body=True, max_body=2_000_000)
    assert endless_answer.truncated and len(endless_answer.body) == 2_000_000
    assert time.monotonic() - started < 5


def test_a_body_that_trickles_forever_times_out(site: Recorder) -> None:
    site.routes["/drip"] = lambda: (200, {"Content-Type": "text/html"}, endless(b"x", 0.2))

    async def go() -> FetchAnswer:
        async with Fetcher(Scope.for_url(site.origin), timeout_ms=1_500) as fetcher:
            return await fetcher.fetch(f"{site.origin}/drip", keep_body=True)

    started = time.monotonic()
    answer = asyncio.run(go())
    assert answer.error == "timed out" and time.monotonic() - started < 5


def test_a_cookie_a_site_sets_is_never_sent_with_later_requests(site: Recorder) -> None:
    """A language switch that sets a cookie must not change how later links are answered."""
    site.page("/lang/kk", "ok", **{"Set-Cookie": "lang=kk; Path=/"})
    site.page("/page", "ok")

    async def go() -> None:
        async with Fetcher(Scope.for_url(site.origin), timeout_ms=5_000) as fetcher:
            await fetcher.fetch(f"{site.origin}/lang/kk")
            await fetcher.fetch(f"{site.origin}/page")

    asyncio.run(go())
    assert [h.path for h in site.hits] == ["/lang/kk", "/page"]
    assert "cookie" not in site.hits[1].headers
