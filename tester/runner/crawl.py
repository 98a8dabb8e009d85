"""Which pages to audit next: breadth-first, rotating between the site's language versions.

A page budget of 20 spent breadth-first on the Russian tree would never reach the Kazakh pages,
where the language-parity flaws live; rotating keeps every language version sampled.
"""

from __future__ import annotations

import re
from collections import OrderedDict, deque
from urllib.parse import parse_qs, urldefrag, urlsplit

from tester.browser import Scope

NOT_PAGES = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z",
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".mp3", ".mp4", ".avi", ".xml", ".txt",
)  # fmt: skip
LANGUAGE_KEYS = {
    "kk": "kk", "kz": "kk", "kaz": "kk", "qaz": "kk", "ru": "ru", "rus": "ru",
    "en": "en", "eng": "en",
}  # fmt: skip
_SEGMENT = re.compile(r"^/([a-z]{2,3})(?:/|$)", re.IGNORECASE)


def normalise_url(url: str) -> str:
    return urldefrag(url)[0]


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


class CrawlQueue:
    """First-in first-out per language, taking one language after another."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.seen: set[str] = set()
        self._lanes: OrderedDict[str, deque[str]] = OrderedDict()

    def push(self, url: str) -> bool:
        url = normalise_url(url)
        if url in self.seen or not crawlable(url, self.scope):
            return False
        self.seen.add(url)
        self._lanes.setdefault(language_key(url), deque()).append(url)
        return True

    def pop(self) -> str | None:
        for key in list(self._lanes):
            lane = self._lanes[key]
            self._lanes.move_to_end(key)  # the next pop starts with another language
            if lane:
                return lane.popleft()
        return None

    def __len__(self) -> int:
        return sum(len(lane) for lane in self._lanes.values())
