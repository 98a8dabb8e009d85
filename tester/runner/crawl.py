"""Which pages to audit next: breadth-first, new content first, rotating between languages.

A page budget of 20 spent breadth-first on the Russian tree would never reach the Kazakh pages;
spent on kk/ru/en copies of the same few pages it would never reach the documents or statistics
pages. So pages whose language-neutral path is new come first, taking one language after
another; other-language counterparts of pages already queued come after (the site checks
compare language versions over HTTP anyway).
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
_SEGMENT = re.compile(r"^/([a-z]{2,3})(?:/|$)", re.IGNORECASE)


def crawlable(url: str, scope: Scope) -> bool:
    parts = urlsplit(url)
    return (
        scope.contains(url)
        and parts.scheme in ("http", "https")
        and not parts.path.lower().endswith(NOT_PAGES)
    )


def language_key(url: str) -> str:
    """'kk', 'ru', 'en' from a /kk/ path prefix or a ?lang= parameter; '' when unknown."""
    parts = urlsplit(url)
    match = _SEGMENT.match(parts.path)
    if match and match.group(1).lower() in LANGUAGE_KEYS:
        return LANGUAGE_KEYS[match.group(1).lower()]
    for key in ("lang", "language", "lng", "hl"):
        values = parse_qs(parts.query).get(key)
        if values and values[0].lower() in LANGUAGE_KEYS:
            return LANGUAGE_KEYS[values[0].lower()]
    return ""


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
    """New content first, one language after another; language counterparts afterwards."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.seen: set[str] = set()
        self._contents: set[str] = set()
        self._lanes: OrderedDict[str, deque[str]] = OrderedDict()
        self._counterparts: deque[str] = deque()
        self._planned: deque[str] = deque()

    def mark_seen(self, url: str) -> None:
        url = normalise_url(url)
        self.seen.add(url)
        self._contents.add(content_key(url))

    def push(self, url: str, *, planned: bool = False) -> bool:
        """Queue a page; `planned` ones (where citizens' tasks landed) come before all others."""
        url = normalise_url(url)
        if url in self.seen or not crawlable(url, self.scope):
            return False
        self.seen.add(url)
        key = content_key(url)
        if planned:
            self._contents.add(key)
            self._planned.append(url)
        elif key in self._contents:
            self._counterparts.append(url)
        else:
            self._contents.add(key)
            self._lanes.setdefault(language_key(url), deque()).append(url)
        return True

    def pop(self) -> str | None:
        if self._planned:
            return self._planned.popleft()
        for key in list(self._lanes):
            lane = self._lanes[key]
            self._lanes.move_to_end(key)  # the next pop starts with another language
            if lane:
                return lane.popleft()
        return self._counterparts.popleft() if self._counterparts else None

    def __len__(self) -> int:
        lanes = sum(len(lane) for lane in self._lanes.values())
        return lanes + len(self._counterparts) + len(self._planned)


# How many picks back the crawl's choice of page looks: page k is chosen once the links of pages
# up to k - CRAWL_WINDOW are queued. A constant, not the run's concurrency, so `--jobs 1` and
# `--jobs 4` audit the same pages in the same order; it also caps one site's pages in flight.
CRAWL_WINDOW = 4

Audited = tuple[Any, Any]  # (PageResult, PageSnapshot | None): what `audit` gives back
AuditOne = Callable[[str, int], Awaitable[Audited]]
LinksOf = Callable[[Any], Iterable[str]]


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
