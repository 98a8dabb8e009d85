"""The site's language versions, found early so the page budget is shared between them.

From the home page: its language switch (ҚАЗ / РУС links), its hreflang alternates. A version
whose home the URL names (/kk/, ?lang=kz) is queued as it is; any other switch target
(/qazaqsha/, /lang/kk/, ?set_lang=kk) is opened once in a fresh context to see where it lands
and in which language. When it lands on a URL the run already knows in another language (the
same `/` now in Kazakh), the language is chosen by a cookie: that language's pages are audited
in contexts holding the cookies the switch set.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Page

from tester.browser import BrowserSession, Scope, load
from tester.config import Settings
from tester.deadline import Deadline
from tester.gather import isolated
from tester.gather.snapshot import PageSnapshot, take_snapshot
from tester.lexicon.normalise import normalise
from tester.politeness import browser_work
from tester.runner.crawl import CrawlQueue, Pick
from tester.site.language import SWITCH_LABELS, canonical_lang, claimed_language, switch_links
from tester.site.urls import LANGS
from tester.urlnorm import is_language_host, normalise_url

# The options of <select> language switchers (onchange="location=this.value"): not links, so
# not in the snapshot; read on the home page when its links name no other language.
_SELECT_JS = """() => Array.from(document.querySelectorAll('select option')).slice(0, 300)
  .map(o => [(o.textContent || '').trim().slice(0, 60), (o.getAttribute('value') || '')
  .trim().slice(0, 2000)])"""

Cookies = list[dict[str, Any]]


@dataclass
class Languages:
    """What the run learned about the site's language versions."""

    home: str = ""  # the language of the home page as served to a fresh browser
    homes: dict[str, str] = field(default_factory=dict)  # {lang: its home page URL}
    cookies: dict[str, Cookies] = field(default_factory=dict)  # cookie languages: their cookies
    # Switch URLs that only set a cookie, with the status the page they led to answered.
    endpoints: dict[str, int | None] = field(default_factory=dict)


def page_language(snap: PageSnapshot | None) -> str:
    """What the page says it is in (URL marker, lang attribute), else what its text is in."""
    lang = claimed_language(snap) if snap is not None else None
    return lang if lang in LANGS else ""


def label_language(label: str) -> str:
    """'kk' for ҚАЗ / Қазақша / KZ (a language switch's label), '' for anything else."""
    if not label or len(label) > 40:
        return ""
    norm = normalise(label)
    return next((lang for lang, labels in SWITCH_LABELS.items() if norm in labels), "")


def switch_targets(snap: PageSnapshot) -> dict[str, str]:
    """{lang: URL} of the page's language switch (text links, then flag images by their alt)
    and hreflang alternates."""
    out = {lang: url for lang, url in switch_links(snap).items() if lang in LANGS}
    for link in snap.links:
        lang = label_language(link.img_alt) if not link.text else ""
        if lang and lang not in out and normalise_url(link.href):
            out[lang] = normalise_url(link.href)
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
        if lang is not None and (cookie or languages.cookies):
            continue  # a switch on a cookie site changes the cookie, not the page
        out.append(Pick(url, lang or own, "" if lang else cookie))
    return out


@dataclass
class Probe:
    final_url: str
    language: str
    cookies: Cookies
    snapshot: PageSnapshot | None
    status: int | None = None


def probe_budget(settings: Settings) -> Deadline:
    """A look, not an audit: the load and a read, then the page is closed (a hung page too)."""
    return Deadline(min(settings.page_budget_s, settings.navigation_timeout_ms / 1000 + 10))


async def _close(page: Page) -> None:
    with suppress(Exception):
        await page.close()


async def probe(session: BrowserSession, url: str, scope: Scope, settings: Settings) -> Probe:
    """Open a language switch target in a fresh context: where it lands, in which language,
    with which cookies."""
    async with browser_work(url), session.context(scope) as (context, _log):
        page = await context.new_page()
        with probe_budget(settings).on_expiry(lambda: _close(page)):
            loaded = await load(page, url, settings)
            if not loaded.ok:
                return Probe(normalise_url(loaded.final_url or url), "", [], None)
            snap = await take_snapshot(page, loaded.http_status)
            cookies: Cookies = [dict(c) for c in await context.cookies()]
            return Probe(normalise_url(page.url) or url, page_language(snap), cookies, snap,
                         loaded.http_status)


def select_targets(options: list[list[str]], base: str) -> dict[str, str]:
    """{lang: URL} from <select> options [label, value] whose label names a language and whose
    value is an address (a path, a query or a URL)."""
    out: dict[str, str] = {}
    for label, value in options:
        lang = label_language(label)
        if lang and lang not in out and value[:1] in ("/", "?", "h", ".") and " " not in value:
            url = normalise_url(urljoin(base, value))
            if url:
                out[lang] = url
    return out


async def read_select_switch(
    session: BrowserSession, url: str, scope: Scope, settings: Settings
) -> dict[str, str]:
    async with browser_work(url), session.context(scope) as (context, _log):
        page: Page = await context.new_page()
        with probe_budget(settings).on_expiry(lambda: _close(page)):
            loaded = await load(page, url, settings)
            if not loaded.ok:
                return {}
            options = await isolated.evaluate(page, _SELECT_JS, plain_json=True)
        if not isinstance(options, list):
            return {}
        pairs = [[str(o[0]), str(o[1])] for o in options if isinstance(o, list) and len(o) == 2]
        return select_targets(pairs, loaded.final_url or url)


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
    homes = {home, normalise_url(home_snap.url)}  # as typed, and where it landed
    targets = switch_targets(home_snap)
    if not set(targets) - {found.home}:
        # A page that cannot be read again has no select to offer: the crawl goes on without.
        with suppress(Exception):
            targets.update(await read_select_switch(session, home_url, scope, settings))
    for lang, url in targets.items():
        if not scope.contains(url) and is_language_host(url, home_url):
            scope.add(url)  # kk.example.kz: the site's own Kazakh version, not another site
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
        if seen.final_url in homes and seen.cookies:
            found.cookies[lang] = seen.cookies
            found.endpoints[url] = seen.status
            queue.mark_seen(url)
            queue.push(seen.final_url, home=True, cookie=lang)
        else:
            queue.learn(seen.final_url, lang)
            queue.push(seen.final_url, home=True, language=lang)
        found.homes[lang] = seen.final_url
    return found
