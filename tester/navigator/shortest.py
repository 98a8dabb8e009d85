"""The shortest click path to a target: a bounded breadth-first crawl of the site's links.

Fetches pages over HTTP (no rendering) through tester.fetch (redirects followed only within
scope and the network policy; pages another task's count already fetched come from the site's
cache), follows in-scope `<a>`/`<area>` links and `<option value>` URLs of language selects
(menus hidden by CSS are in the HTML, so their links count as one click). Pages are the same
when tester.urlnorm.same_page_key says so. Menus rendered only by script are invisible
to it; then the answer is None rather than a wrong number.
"""

from __future__ import annotations

import time
from collections import deque
from contextlib import suppress
from html.parser import HTMLParser
from urllib.parse import urljoin

from tester.config import Settings
from tester.fetch import Fetcher
from tester.navigator.explorer import is_download
from tester.scope import Scope
from tester.urlnorm import same_page_key

MAX_PAGES = 80
MAX_DEPTH = 4
BUDGET_S = 12.0
MAX_PAGE_BYTES = 2_000_000


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("a", "area") and values.get("href"):
            self.hrefs.append(values["href"] or "")
        elif tag == "option" and (values.get("value") or "").startswith(("/", "http", "?")):
            self.hrefs.append(values["value"] or "")


def links_of(html: str, base: str) -> list[str]:
    parser = _Links()
    with suppress(Exception):  # broken markup still yields the links seen so far
        parser.feed(html)
    return [urljoin(base, h.strip()) for h in parser.hrefs]


async def shortest_clicks(start_url: str, target_url: str, scope: Scope, *,
                          timeout_ms: int = 8_000, budget_s: float = BUDGET_S,
                          settings: Settings | None = None) -> int | None:
    """Fewest link activations from start to target, or None if not reached within bounds.

    `settings` brings the user's `resolve` mappings and network policy (defaults otherwise).
    """
    async with Fetcher.for_scope(scope, settings or Settings()) as fetcher:
        return await _breadth_first(fetcher, start_url, target_url, scope, timeout_ms, budget_s)


async def _breadth_first(fetcher: Fetcher, start_url: str, target_url: str, scope: Scope,
                         timeout_ms: int, budget_s: float) -> int | None:
    target = same_page_key(target_url)
    if same_page_key(start_url) == target:
        return 0
    deadline = time.monotonic() + budget_s
    seen = {same_page_key(start_url)}
    queue: deque[tuple[str, int]] = deque([(start_url, 0)])
    fetched = 0
    while queue and fetched < MAX_PAGES and time.monotonic() < deadline:
        url, depth = queue.popleft()
        if depth >= MAX_DEPTH:
            continue
        answer = await fetcher.fetch(url, timeout_ms=timeout_ms, keep_body=True,
                                     max_body=MAX_PAGE_BYTES)
        if answer.status is None or answer.refused or "html" not in (answer.content_type or "html"):
            continue
        html = answer.text[:500_000]
        base = answer.final_url
        fetched += 1
        if same_page_key(base) == target:  # the link (or the start URL) redirects to the target
            return depth
        for link in links_of(html, base):
            if not link.startswith(("http:", "https:")) or not scope.contains(link):
                continue
            if is_download(link):
                continue
            key = same_page_key(link)
            if key == target:
                return depth + 1
            if key not in seen:
                seen.add(key)
                queue.append((link, depth + 1))
    return None
