"""Which pages to audit next: breadth-first, new content first, rotating between languages.

A page budget of 20 spent breadth-first on the Russian tree would never reach the Kazakh pages;
spent on kk/ru/en copies of the same few pages it would never reach the documents or statistics
pages. So the home page of each language version comes first (tester.runner.languages finds
them), then pages whose language-neutral path is new, taking one language after another;
other-language counterparts of pages already queued come after (the site checks compare
language versions over HTTP anyway).

A page's language comes from its URL (/kk/, /kk-kz/, /index.php/kk/, ?lang=kz, or a prefix this
site was seen to use, like /qazaqsha/), else from the page that linked to it. A language chosen
by a cookie (/lang/kk sets it; the same URLs then answer in Kazakh) is a lane of its own: its
pages are the same URLs, audited in a context holding that cookie.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tester.browser import Scope
from tester.deadline import cancel_all

# One page for the typed `акимат.қаз` home and the punycode links Chromium reports.
from tester.urlnorm import normalise_url

NOT_PAGES = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z",
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".mp3", ".mp4", ".avi", ".xml", ".txt",
)  # fmt: skip
LANGUAGE_KEYS = {
    "kk": "kk", "kz": "kk", "kaz": "kk", "qaz": "kk", "ru": "ru", "rus": "ru",
    "en": "en", "eng": "en",
}  # fmt: skip
# A leading language segment: /kk/, /kz/, /kk-kz/, /ru_RU/; Joomla puts it after /index.php/.
_SEGMENT = re.compile(r"^/(?:index\.php/)?([a-z]{2,3})(?:[-_][a-z]{2})?(?:/|$)", re.IGNORECASE)
_FIRST = re.compile(r"^/([^/?#]+)(?:/|$)")


class Pick(str):
    """A page to audit: its URL, with the language it is expected in and, for a language chosen
    by a cookie, that language (`cookie`). A str, so a plain URL and a pick compare alike."""

    language: str
    cookie: str

    def __new__(cls, url: str, language: str = "", cookie: str = "") -> Pick:
        pick = super().__new__(cls, url)
        pick.language, pick.cookie = language or cookie, cookie
        return pick


def crawlable(url: str, scope: Scope) -> bool:
    parts = urlsplit(url)
    return (
        scope.contains(url)
        and parts.scheme in ("http", "https")
        and not parts.path.lower().endswith(NOT_PAGES)
    )


def language_key(url: str, prefixes: dict[str, str] | None = None) -> str:
    """'kk', 'ru', 'en' from a /kk/ path prefix, a ?lang= parameter or one of the site's own
    `prefixes` ({"qazaqsha": "kk"}); '' when unknown."""
    parts = urlsplit(url)
    match = _SEGMENT.match(parts.path)
    if match and match.group(1).lower() in LANGUAGE_KEYS:
        return LANGUAGE_KEYS[match.group(1).lower()]
    for key in ("lang", "language", "lng", "hl"):
        values = parse_qs(parts.query).get(key)
        if values and values[0].lower() in LANGUAGE_KEYS:
            return LANGUAGE_KEYS[values[0].lower()]
        if values and values[0].lower()[:2] in ("kk", "ru", "en") and len(values[0]) == 5:
            return values[0].lower()[:2]  # ?lang=kk-KZ, ?lang=ru_RU
    first = _FIRST.match(parts.path)
    if prefixes and first and first.group(1).lower() in prefixes:
        return prefixes[first.group(1).lower()]
    return ""


def root_prefix(url: str) -> str:
    """The one path segment of a language version's home (/qazaqsha/ -> 'qazaqsha'), else ''."""
    path = urlsplit(url).path
    segments = [s for s in path.split("/") if s]
    if segments and segments[-1].lower() in ("index.html", "index.php", "index.htm"):
        segments = segments[:-1]
    return segments[0].lower() if len(segments) == 1 and "." not in segments[0] else ""


def content_key(url: str) -> str:
    """The page's identity across languages: /kk/about and /ru/about -> 'host/about'."""
    parts = urlsplit(url)
    path = parts.path
    match = _SEGMENT.match(path)
    if match and match.group(1).lower() in LANGUAGE_KEYS:
        path = "/" + path[match.end() :]
    query = [
        (k, v)
        for k, values in sorted(parse_qs(parts.query).items())
        for v in values
        if k not in ("lang", "language", "lng", "hl")
    ]
    path = path.rstrip("/") or "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")].rstrip("/") or "/"
    return f"{parts.netloc}{path}?{urlencode(query)}"


class CrawlQueue:
    """Language homes, then new content one language after another; counterparts afterwards."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.seen: set[str] = set()  # URLs, and "lang|URL" for pages of a cookie language
        self.prefixes: dict[str, str] = {}  # this site's own language prefixes: qazaqsha -> kk
        self._contents: set[str] = set()
        self._lanes: OrderedDict[str, deque[Pick]] = OrderedDict()
        self._counterparts: deque[Pick] = deque()
        self._planned: deque[Pick] = deque()
        self._homes: deque[Pick] = deque()

    def mark_seen(self, url: str, cookie: str = "") -> None:
        url = normalise_url(url)
        self.seen.add(f"{cookie}|{url}" if cookie else url)
        self._contents.add(content_key(url) + cookie)

    def learn(self, home_url: str, lang: str) -> None:
        """A language version's home at /<prefix>/: every page under it is in `lang`."""
        prefix = root_prefix(home_url)
        if prefix and not language_key(home_url) and lang:
            self.prefixes.setdefault(prefix, lang)

    def language_of(self, url: str) -> str:
        return language_key(url, self.prefixes)

    def push(self, url: str, *, planned: bool = False, home: bool = False,
             language: str = "", cookie: str = "") -> bool:
        """Queue a page; `planned` ones (where citizens' tasks landed) come before all others,
        then the `home` pages of language versions. `language` is a guess (the language of
        the page that links here) that the URL overrides; `cookie` names a cookie language."""
        language = getattr(url, "language", "") or language
        cookie = getattr(url, "cookie", "") or cookie
        url = normalise_url(url)
        seen = f"{cookie}|{url}" if cookie else url
        if seen in self.seen or not crawlable(url, self.scope):
            return False
        self.seen.add(seen)
        key = content_key(url) + cookie  # a cookie language's page is content of its own
        lang = cookie or self.language_of(url) or language
        pick = Pick(url, lang, cookie)
        if planned:
            self._contents.add(key)
            self._planned.append(pick)
        elif home:
            self._contents.add(key)
            self._homes.append(pick)
        elif key in self._contents:
            self._counterparts.append(pick)
        else:
            self._contents.add(key)
            self._lanes.setdefault(lang, deque()).append(pick)
        return True

    def pop_homes(self, limit: int) -> list[Pick]:
        """Up to `limit` queued language homes, to audit before the crawl."""
        out: list[Pick] = []
        while self._homes and len(out) < limit:
            out.append(self._homes.popleft())
        return out

    def pop(self) -> Pick | None:
        if self._planned:
            return self._planned.popleft()
        if self._homes:
            return self._homes.popleft()
        for key in list(self._lanes):
            lane = self._lanes[key]
            self._lanes.move_to_end(key)  # the next pop starts with another language
            if lane:
                return lane.popleft()
        return self._counterparts.popleft() if self._counterparts else None

    def __len__(self) -> int:
        lanes = sum(len(lane) for lane in self._lanes.values())
        return lanes + len(self._counterparts) + len(self._planned) + len(self._homes)


# How many picks back the crawl's choice of page looks: page k is chosen once the links of pages
# up to k - CRAWL_WINDOW are queued. A constant, not the run's concurrency, so `--jobs 1` and
# `--jobs 4` audit the same pages in the same order; it also caps one site's pages in flight.
CRAWL_WINDOW = 4

Audited = tuple[Any, Any]  # (PageResult, PageSnapshot | None): what `audit` gives back
AuditOne = Callable[[str, int], Awaitable[Audited]]
LinksOf = Callable[[Any], Iterable[str]]  # plain URLs, or Picks that carry a language


async def crawl(
    queue: CrawlQueue,
    budget: int,
    audit: AuditOne,
    links_of: LinksOf,
    *,
    window: int = CRAWL_WINDOW,
) -> None:
    """Audit up to `budget` pages from `queue`, up to `window` at once, in an order that does
    not depend on which page finishes first: the links of a finished page are queued only in
    page order, at fixed points. `audit(url, k)` is called with the page's 0-based pick number
    and must keep its own result; `links_of(snapshot)` names the links to queue.

    Cancelled (Ctrl-C, a site's wall budget), it cancels the audits in flight before returning.
    """
    started: list[asyncio.Task[Audited]] = []
    queued_upto = 0  # pages whose links are queued: started[:queued_upto]

    async def queue_next() -> None:
        nonlocal queued_upto
        _page, snapshot = await started[queued_upto]
        queued_upto += 1
        if snapshot is not None:
            for href in links_of(snapshot):
                queue.push(href)

    try:
        while len(started) < budget:
            while queued_upto <= len(started) - window:
                await queue_next()
            url = queue.pop()
            while url is None and queued_upto < len(started):
                await queue_next()
                url = queue.pop()
            if url is None:
                break
            started.append(asyncio.ensure_future(audit(url, len(started))))
        if started:
            await asyncio.gather(*started)
    finally:
        await cancel_all(started)  # no-op for audits that ended
