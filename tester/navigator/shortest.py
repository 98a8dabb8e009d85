"""The shortest click path to a target: a bounded breadth-first crawl of the site's links.

Fetches pages over HTTP (no rendering) through the task's browser context and tester.fetch
(redirects followed only within scope and the network policy), follows in-scope
`<a>`/`<area>` links and `<option value>` URLs of language selects (menus hidden by CSS are
in the HTML, so their links count as one click). Menus rendered only by script are invisible
to it; then the answer is None rather than a wrong number.
"""

from __future__ import annotations

import time
from collections import deque
from contextlib import suppress
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from playwright.async_api import APIRequestContext

from tester.browser import Scope
from tester.config import Settings
from tester.fetch import Fetcher
from tester.navigator.explorer import is_download
from tester.urlnorm import normalise_url

MAX_PAGES = 80
MAX_DEPTH = 4
BUDGET_S = 12.0
INDEX_NAMES = ("index.html", "index.htm", "index.php", "default.aspx")


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


def page_key(url: str) -> str:
    """Same page: no fragment (unless a #/ route), no trailing index file or slash, ASCII host."""
    parts = urlsplit(normalise_url(url, keep_fragment=True) or url)
    path = parts.path or "/"
    for name in INDEX_NAMES:
        if path.endswith("/" + name):
            path = path[: -len(name)]
    fragment = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return urlunsplit(("", parts.netloc.lower(), path.rstrip("/") or "/", parts.query, fragment))


def links_of(html: str, base: str) -> list[str]:
    parser = _Links()
    with suppress(Exception):  # broken markup still yields the links seen so far
        parser.feed(html)
    return [urljoin(base, h.strip()) for h in parser.hrefs]


async def shortest_clicks(request: APIRequestContext, start_url: str, target_url: str,
                          scope: Scope, *, timeout_ms: int = 8_000, budget_s: float = BUDGET_S,
                          settings: Settings | None = None) -> int | None:
    """Fewest link activations from start to target, or None if not reached within bounds.

    `settings` brings the user's `resolve` mappings and network policy (defaults otherwise).
    """
    fetcher = Fetcher.for_context(request, scope, settings or Settings())
    target = page_key(target_url)
    if page_key(start_url) == target:
        return 0
    deadline = time.monotonic() + budget_s
    seen = {page_key(start_url)}
    queue: deque[tuple[str, int]] = deque([(start_url, 0)])
    fetched = 0
    while queue and fetched < MAX_PAGES and time.monotonic() < deadline:
        url, depth = queue.popleft()
        if depth >= MAX_DEPTH:
            continue
        answer = await fetcher.fetch(url, timeout_ms=timeout_ms, keep_body=True, max_body=2_000_000)
        if answer.status is None or answer.refused or "html" not in (answer.content_type or "html"):
            continue
        html = answer.text[:500_000]
        base = answer.final_url
        fetched += 1
        if page_key(base) == target:  # the link (or the start URL) redirects to the target
            return depth
        for link in links_of(html, base):
            if not link.startswith(("http:", "https:")) or not scope.contains(link):
                continue
            if is_download(link):
                continue
            key = page_key(link)
            if key == target:
                return depth + 1
            if key not in seen:
                seen.add(key)
                queue.append((link, depth + 1))
    return None
