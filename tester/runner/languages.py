"""The site's language versions, found early so the page budget is shared between them.

From the home page: its language switch (ҚАЗ / РУС links), its hreflang alternates. A version
whose home the URL names (/kk/, ?lang=kz) is queued as it is; any other switch target
(/qazaqsha/, /lang/kk/, ?set_lang=kk) is opened once in a fresh context to see where it lands
and in which language. When it lands on a URL the run already knows in another language (the
same `/` now in Kazakh), the language is chosen by a cookie: that language's pages are audited
in contexts holding the cookies the switch set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tester.browser import BrowserSession, Scope, load
from tester.config import Settings
from tester.gather.snapshot import PageSnapshot, take_snapshot
from tester.politeness import browser_work
from tester.runner.crawl import CrawlQueue, Pick
from tester.site.language import canonical_lang, claimed_language, switch_links
from tester.site.urls import LANGS
from tester.urlnorm import normalise_url

Cookies = list[dict[str, Any]]


@dataclass
class Languages:
    """What the run learned about the site's language versions."""

    home: str = ""  # the language of the home page as served to a fresh browser
    homes: dict[str, str] = field(default_factory=dict)  # {lang: its home page URL}
    cookies: dict[str, Cookies] = field(default_factory=dict)  # cookie languages: their cookies
    endpoints: set[str] = field(default_factory=set)  # switch URLs that only set a cookie


def page_language(snap: PageSnapshot | None) -> str:
    """What the page says it is in (URL marker, lang attribute), else what its text is in."""
    lang = claimed_language(snap) if snap is not None else None
    return lang if lang in LANGS else ""


def switch_targets(snap: PageSnapshot) -> dict[str, str]:
    """{lang: URL} of the page's language switch and hreflang alternates (switch first)."""
    out = {lang: url for lang, url in switch_links(snap).items() if lang in LANGS}
    for code, url in snap.hreflang.items():
        lang = canonical_lang(code)
        if lang in LANGS and lang not in out and normalise_url(url):
            out[lang] = normalise_url(url)
    return out


def links_of(snap: PageSnapshot, pick: str, languages: Languages) -> list[Pick]:
    """The page's links as picks: in the page's language (a cookie page's links stay in its
    cookie language), the switch links in theirs; cookie switch endpoints left out."""
    cookie = getattr(pick, "cookie", "")
    own = cookie or getattr(pick, "language", "") or page_language(snap)
    switches = {url: lang for lang, url in switch_targets(snap).items()}
    out: list[Pick] = []
    for link in snap.links:
        url = normalise_url(link.href)
        if not url or url in languages.endpoints:
            continue
        lang = switches.get(url)
        if lang is not None and (cookie or lang in languages.cookies):
            continue  # a switch on a cookie site changes the cookie, not the page
        out.append(Pick(url, lang or own, "" if lang else cookie))
    return out


@dataclass
class Probe:
    final_url: str
    language: str
    cookies: Cookies
    snapshot: PageSnapshot | None


async def probe(session: BrowserSession, url: str, scope: Scope, settings: Settings) -> Probe:
    """Open a language switch target in a fresh context: where it lands, in which language,
    with which cookies."""
    async with browser_work(url), session.context(scope) as (context, _log):
        page = await context.new_page()
        loaded = await load(page, url, settings)
        if not loaded.ok:
            return Probe(normalise_url(loaded.final_url or url), "", [], None)
        snap = await take_snapshot(page, loaded.http_status)
        cookies: Cookies = [dict(c) for c in await context.cookies()]
        return Probe(normalise_url(page.url) or url, page_language(snap), cookies, snap)


async def seed_languages(
    session: BrowserSession,
    queue: CrawlQueue,
    home_url: str,
    home_snap: PageSnapshot,
    scope: Scope,
    settings: Settings,
) -> Languages:
    """Queue the home page of every other language version first, and say how each is chosen."""
    found = Languages(home=page_language(home_snap))
    home = normalise_url(home_url)
    for lang, url in switch_targets(home_snap).items():
        if lang == found.home or lang in found.homes or not queue.scope.contains(url):
            continue
        if queue.language_of(url) == lang:  # the URL names it: /kk/, ?lang=kz
            found.homes[lang] = url
            queue.push(url, home=True, language=lang)
            continue
        try:
            seen = await probe(session, url, scope, settings)
        except Exception:  # noqa: BLE001 - a switch that cannot be opened is only not seeded
            continue
        if seen.language != lang:
            continue  # the switch does not lead to that language: leave it to the crawl
        if seen.final_url == home and seen.cookies:
            found.cookies[lang] = seen.cookies
            found.endpoints.add(url)
            queue.mark_seen(url)
            queue.push(home, home=True, cookie=lang)
        else:
            queue.learn(seen.final_url, lang)
            queue.push(seen.final_url, home=True, language=lang)
        found.homes[lang] = seen.final_url
        if seen.snapshot is not None:  # its links now, not after its audit: a fair share
            for link in links_of(seen.snapshot, Pick(seen.final_url, lang,
                                                     lang if lang in found.cookies else ""), found):
                queue.push(link)
    return found
