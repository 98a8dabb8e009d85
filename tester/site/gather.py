"""The HTTP side of the site checks: link statuses, sitemap.xml, robots.txt and the
other-language versions of audited pages.

Every request goes through tester.fetch: out-of-scope URLs are listed, never requested,
redirects are followed hop by hop only while they stay in scope and the network policy allows
them, and what this site's audit already asked (the find-sitemap task's sitemap.xml, pages the
shortest-path count or an OCR check fetched) is answered from the site's cache.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from tester import i18n
from tester.config import Settings
from tester.fetch import MAX_BODY, FetchAnswer, Fetcher, decode_body
from tester.lexicon.letters import detect_language, letter_stats
from tester.options import Option
from tester.scope import Scope
from tester.site.crawler_files import (
    GZIP_MAGIC,
    parse_sitemap,
    robots_sitemaps,
    unpack_sitemap,
)
from tester.site.data import FetchResult, SiteArtifacts, VersionInfo
from tester.site.htmltext import html_text
from tester.site.language import counterpart_map
from tester.site.links import link_targets
from tester.site.urls import in_scope
from tester.snapshot import PageSnapshot
from tester.urlnorm import normalise_url

T = TypeVar("T")


Progress = Callable[[str], None]
PROGRESS_EVERY_S = 10.0  # a line on a long link check, at most this often


@dataclass(frozen=True)
class GatherLimits:
    # The link check has budgets of its own: the links of every audited page (thousands on a
    # big site) must not starve the sitemaps and language versions, nor the other way round.
    max_links: int = 2000
    links_budget_s: float = 300.0
    concurrency: int = 4
    max_versions: int = 60
    max_child_sitemaps: int = 5
    budget_s: float = 120.0
    request_timeout_ms: int = 10_000
    max_body: int = MAX_BODY

    @classmethod
    def from_settings(cls, settings: Settings) -> GatherLimits:
        return cls(
            max_links=settings.option("site_max_links"),
            links_budget_s=settings.option("site_links_budget_s"),
            concurrency=settings.option("site_concurrency"),
            max_versions=settings.option("site_max_versions"),
            budget_s=settings.option("site_budget_s"),
            request_timeout_ms=min(settings.navigation_timeout_ms, cls.request_timeout_ms),
        )


# Limits of the site checks' own requests (owner: site gathering, shared by the site checks).
OPTIONS: tuple[Option, ...] = (
    Option("site_max_links", GatherLimits.max_links, int,
           "broken-links: in-scope links of the audited pages whose status is checked, per site "
           "(--max-links)", minimum=0),
    Option("site_links_budget_s", GatherLimits.links_budget_s, float,
           "broken-links: wall budget for checking links, seconds, apart from site_budget_s",
           minimum=1),
    Option("site_concurrency", GatherLimits.concurrency, int,
           "site checks: requests in flight at once", minimum=1),
    Option("site_max_versions", GatherLimits.max_versions, int,
           "language-parity: other-language versions fetched, per site", minimum=0),
    Option("site_budget_s", GatherLimits.budget_s, float,
           "site checks: wall budget for sitemaps and language versions, seconds", minimum=1),
)


async def fetch(
    fetcher: Fetcher,
    url: str,
    *,
    method: str = "GET",
    timeout_ms: int = 10_000,
    keep_body: bool = False,
    max_body: int = 5_000_000,
    headers: dict[str, str] | None = None,
) -> FetchResult:
    """One request through the audit's Fetcher, as the plain data the site checks keep."""
    answer = await fetcher.fetch(url, method=method, timeout_ms=timeout_ms, keep_body=keep_body,
                                 max_body=max_body, headers=headers)
    return as_result(answer, url, method, keep_body)


def as_result(answer: FetchAnswer, url: str, method: str, keep_body: bool = False) -> FetchResult:
    return FetchResult(
        url=url, status=answer.status, final_url=answer.final_url,
        content_type=answer.content_type, method=method, error=answer.error, ms=answer.ms,
        redirected_out_of_scope=answer.refused_target if answer.refused else None,
        refused=answer.refused, refused_reason=answer.refused_reason,
        body=answer.text if keep_body and answer.body else "", truncated=answer.truncated,
    )


async def fetch_crawler_file(fetcher: Fetcher, url: str, timeout_ms: int) -> FetchResult:
    """robots.txt or a sitemap, body kept up to MAX_BODY bytes (a gzip sitemap unpacked).

    The find-sitemap task asks for /sitemap.xml with the same cap, so the site's cache answers
    the second time.
    """
    answer = await fetcher.fetch(url, timeout_ms=timeout_ms, keep_body=True, max_body=MAX_BODY)
    got = as_result(answer, url, "GET", keep_body=True)
    if answer.body.startswith(GZIP_MAGIC):  # sitemap.xml.gz, a file rather than an encoding
        raw, too_large = unpack_sitemap(answer.body)
        got.body, got.truncated = decode_body(raw, ""), answer.truncated or too_large
    return got


async def check_link(fetcher: Fetcher, url: str, timeout_ms: int) -> FetchResult:
    """HEAD, and GET when HEAD fails or is refused (many servers mishandle HEAD).

    A redirect out of scope (or to a forbidden address) is the link's answer: it is recorded
    as refused, not followed, and not asked again with GET. A URL this site's audit already
    asked (an OCR check's HEAD, a page the shortest-path count fetched) is not asked again.
    """
    known = fetcher.known(url)
    if known is not None:
        return as_result(known, url, known.method)
    head = await fetch(fetcher, url, method="HEAD", timeout_ms=timeout_ms)
    if head.error == "timed out" or head.refused or (
        head.status is not None and head.status < 400
    ):
        return head  # a server that does not answer HEAD in time will not answer GET sooner
    # A one-byte range keeps big files from being downloaded; 416 still proves it exists.
    got = await fetch(fetcher, url, method="GET", timeout_ms=timeout_ms,
                      headers={"Range": "bytes=0-0"})
    if got.status == 416:
        got.status = 200
    return got


async def _bounded(
    items: list[str], worker: Callable[[str], Awaitable[T]], concurrency: int, deadline: float,
    done: Callable[[], None] | None = None,
) -> dict[str, T | None]:
    """Run `worker` on each item, `concurrency` at a time; None for items past the deadline.

    Each request still waits for its host's slot (tester.politeness via tester.fetch)."""
    semaphore = asyncio.Semaphore(concurrency)

    async def run(item: str) -> T | None:
        async with semaphore:
            if time.monotonic() > deadline:
                return None
            answer = await worker(item)
            if done is not None:
                done()
            return answer

    answers = await asyncio.gather(*(run(item) for item in items))
    return dict(zip(items, answers, strict=True))


async def _sitemaps(
    fetcher: Fetcher,
    artifacts: SiteArtifacts,
    origin: str,
    limits: GatherLimits,
    deadline: float,
) -> None:
    hosts = artifacts.scope_hosts

    async def get(url: str) -> FetchResult:
        return await fetch_crawler_file(fetcher, url, limits.request_timeout_ms)

    artifacts.robots = await get(origin + "/robots.txt")
    artifacts.sitemap = await get(origin + "/sitemap.xml")
    listed = robots_sitemaps(artifacts.robots.body) if artifacts.robots.ok else []
    listed = [u for u in listed if in_scope(u, hosts) and normalise_url(u) != normalise_url(
        origin + "/sitemap.xml")]
    if not artifacts.sitemap.ok and listed:
        artifacts.notes.append(f"sitemap taken from robots.txt: {listed[0][:200]}")
        artifacts.sitemap = await get(listed[0])
    sitemap = artifacts.sitemap
    parsed = parse_sitemap(sitemap.body, too_large=sitemap.truncated) if sitemap.ok else None
    if parsed is not None and parsed.kind == "sitemapindex":
        children = [u for u in parsed.locs if in_scope(u, hosts)][: limits.max_child_sitemaps]
        for child in children:
            if time.monotonic() > deadline:
                break
            artifacts.child_sitemaps.append(await get(child))
    for answer in [artifacts.robots, artifacts.sitemap, *artifacts.child_sitemaps]:
        if answer.content_type.startswith("text/html") and answer.body:
            answer.body = answer.body[:2_000]  # a soft-404 page: keep only enough to tell


async def _version(fetcher: Fetcher, url: str, limits: GatherLimits) -> VersionInfo:
    answer = await fetch(fetcher, url, timeout_ms=limits.request_timeout_ms,
                         keep_body=True, max_body=limits.max_body)
    info = VersionInfo(url=url, status=answer.status, final_url=answer.final_url,
                       error=answer.error)
    if answer.ok and "html" in (answer.content_type or "text/html"):
        page = html_text(answer.body)
        stats = letter_stats(page.main_text)
        info.lang, info.title, info.text_sample = page.lang[:50], page.title, page.main_text[:300]
        info.letters, info.cyrillic = stats.letters, stats.cyrillic
        info.latin, info.kazakh = stats.latin, stats.kazakh
        info.detected = detect_language(page.main_text)
    return info


async def gather_site(
    home_url: str,
    snapshots: list[PageSnapshot],
    scope: Scope,
    settings: Settings,
    progress: Progress | None = None,
    cookie_switches: Mapping[str, int | None] | None = None,
) -> SiteArtifacts:
    """Everything the site checks need beyond the snapshots, within count and time budgets.

    `cookie_switches` are language switch URLs that only set a cookie (/lang/kk/): fetched
    without the browser's cookies they answer in the default language, so they are not taken
    for the other-language version of a page (its pages were audited with the cookie)."""
    started = time.monotonic()
    limits = GatherLimits.from_settings(settings)
    deadline = started + limits.budget_s
    hosts = sorted(scope.hosts)
    artifacts = SiteArtifacts(home_url=normalise_url(home_url) or home_url, scope_hosts=hosts)
    async with Fetcher.for_scope(scope, settings) as fetcher:
        await _gather(fetcher, artifacts, snapshots, limits, deadline, progress,
                      {normalise_url(u): v for u, v in (cookie_switches or {}).items()})
    artifacts.seconds = round(time.monotonic() - started, 2)
    return artifacts


async def _gather(fetcher: Fetcher, artifacts: SiteArtifacts, snapshots: list[PageSnapshot],
                  limits: GatherLimits, deadline: float, progress: Progress | None = None,
                  switches: dict[str, int | None] | None = None) -> None:
    hosts = artifacts.scope_hosts
    parts = urlsplit(artifacts.home_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    try:
        if in_scope(artifacts.home_url, hosts):
            await _sitemaps(fetcher, artifacts, origin, limits, deadline)

        seen = {url: s.http_status for s in snapshots if (url := normalise_url(s.url))}
        seen.update({url: status for url, status in (switches or {}).items() if url not in seen})
        wanted: dict[str, None] = {}
        for options in counterpart_map(snapshots).values():
            for url, source in options.values():
                if (url not in seen and in_scope(url, hosts) and not source.endswith("-home")
                        and url not in (switches or ())):
                    wanted[url] = None
        versions = list(wanted)[: limits.max_versions]
        answers = await _bounded(versions, lambda u: _version(fetcher, u, limits),
                                 limits.concurrency, deadline)
        artifacts.versions = {u: v for u, v in answers.items() if v is not None}

        targets, outside = link_targets(snapshots, hosts)
        artifacts.out_of_scope = outside[:500]
        to_check: list[str] = []
        for url in targets:
            if seen.get(url) is not None:  # the run loaded it already
                artifacts.links[url] = FetchResult(url=url, status=seen[url], final_url=url,
                                                   method="snapshot")
            elif url in artifacts.versions and artifacts.versions[url].status is not None:
                version = artifacts.versions[url]
                artifacts.links[url] = FetchResult(url=url, status=version.status, method="GET",
                                                   final_url=version.final_url)
            else:
                to_check.append(url)
        await _check_links(fetcher, artifacts, to_check, limits, progress)
    except Exception as exc:  # noqa: BLE001 - a hostile site must not crash the run
        artifacts.notes.append(f"gathering stopped: {type(exc).__name__}: {str(exc)[:200]}")


async def _check_links(fetcher: Fetcher, artifacts: SiteArtifacts, to_check: list[str],
                       limits: GatherLimits, progress: Progress | None) -> None:
    """HEAD/GET each link up to `max_links`, within the link check's own time budget; what was
    left unchecked is counted by reason."""
    started = last = time.monotonic()
    batch = to_check[: limits.max_links]
    finished = 0

    def done() -> None:
        nonlocal finished, last
        finished += 1
        if progress is not None and time.monotonic() - last >= PROGRESS_EVERY_S:
            last = time.monotonic()
            progress(f"  links: {finished}/{len(batch)} checked "
                     f"({last - started:.0f} s of {limits.links_budget_s:.0f} s)")

    checks = await _bounded(
        batch, lambda u: check_link(fetcher, u, limits.request_timeout_ms),
        limits.concurrency, started + limits.links_budget_s, done)
    artifacts.links.update({u: r for u, r in checks.items() if r is not None})
    artifacts.unchecked = [u for u in to_check if u not in artifacts.links][:500]
    over = max(0, len(to_check) - limits.max_links)
    late = sum(1 for r in checks.values() if r is None)
    artifacts.unchecked_reasons = {k: v for k, v in
                                   (("max-links", over), ("time-budget", late)) if v}
    if over:
        over_links = i18n.counted("link", over)
        artifacts.notes.append(f"Not checked, over the limit of {limits.max_links} links "
                               f"(--max-links): {over_links}")
    if late:
        late_links = i18n.counted("link", late)
        artifacts.notes.append(f"Not checked, the link check's time budget of "
                               f"{limits.links_budget_s:.0f} s (site_links_budget_s) ran out: "
                               f"{late_links}")
