"""Pure URL helpers of the site checks: scope over stored entries, and language markers in URLs
(/kk/, ?lang=kk). URLs and hosts are normalised by tester.urlnorm, the one normaliser."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tester.scope import Scope
from tester.urlnorm import INDEX_FILES, normalise_url

LANGS = ("kk", "ru", "en")
# URL tokens that name a language; the value is the canonical code.
LANG_MARKERS: dict[str, str] = {
    "kk": "kk", "kz": "kk", "kaz": "kk", "qaz": "kk",
    "ru": "ru", "rus": "ru",
    "en": "en", "eng": "en",
}
LANG_PARAMS = ("lang", "language", "locale", "lng", "hl")


def _scope_entry(entry: str) -> str:
    """A stored scope entry in Scope.key form (ASCII host), whichever form it was saved in."""
    if entry.count(":") > 1:
        return entry  # an IPv6 entry is already canonical
    return Scope.key(f"http://{entry}/") or entry


def in_scope(url: str, hosts: Iterable[str]) -> bool:
    """tester.scope.Scope.contains over stored scope entries, for http(s) URLs only."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    entries = {_scope_entry(h) for h in hosts}
    return parts.scheme in ("http", "https") and Scope(entries).contains(url)


def path_and_query(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return parts.path + ("?" + parts.query if parts.query else "")


def language_marker(url: str) -> tuple[str, str, str] | None:
    """(canonical language, where, token) for a language named in the URL, else None.

    `where` is 'path' (first path segment), 'query' (a lang parameter) or 'host' (kk.example.kz).
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in LANG_PARAMS and value.lower() in LANG_MARKERS:
            return LANG_MARKERS[value.lower()], "query", value
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0].lower() in LANG_MARKERS:
        return LANG_MARKERS[segments[0].lower()], "path", segments[0]
    label = (parts.hostname or "").split(".")[0]
    if label in LANG_MARKERS and (parts.hostname or "").count(".") >= 2:
        return LANG_MARKERS[label], "host", label
    return None


def swap_language(url: str, lang: str, token: str | None = None) -> str | None:
    """The same URL with its language marker replaced by `lang` (spelled `token`), or None."""
    marker = language_marker(url)
    if marker is None:
        return None
    _, where, old = marker
    new = token or lang
    parts = urlsplit(url)
    if where == "query":
        query = [
            (k, new if k.lower() in LANG_PARAMS and v == old else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    if where == "path":
        segments = parts.path.split("/")
        index = next(i for i, s in enumerate(segments) if s)
        segments[index] = new
        return urlunsplit((parts.scheme, parts.netloc, "/".join(segments), parts.query, ""))
    host = parts.netloc.split(".", 1)
    return urlunsplit((parts.scheme, f"{new}.{host[1]}", parts.path, parts.query, ""))


def strip_language(url: str) -> str:
    """The URL with its language marker removed: a key to pair versions of one page."""
    marker = language_marker(url)
    norm = normalise_url(url)
    if marker is None:
        return norm
    swapped = swap_language(norm, "*", "*")
    return swapped or norm


def is_language_root(url: str) -> bool:
    """A home page, possibly of one language: /, /kk/, /ru/index.html, /?lang=kk."""
    key = strip_language(url)
    try:
        parts = urlsplit(key)
    except ValueError:
        return False
    segments = [s for s in parts.path.split("/") if s and s != "*"]
    if segments and segments[-1].lower() in INDEX_FILES:
        segments = segments[:-1]
    query = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() not in LANG_PARAMS]
    return not segments and not query


@lru_cache(maxsize=1024)
def _compiled_tokens(tokens: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (token, re.compile(rf"(?<![a-z]){re.escape(token.lower().strip())}"))
        for token in tokens
        if token.strip()
    )


def match_url_token(url_part: str, tokens: Iterable[str]) -> str | None:
    """A token found in a URL path/query, starting after a non-letter (sitemap ≠ roadmap)."""
    low = (url_part or "").lower()
    for token, pattern in _compiled_tokens(tuple(tokens)):
        if pattern.search(low):
            return token
    return None


SEARCH_PARAMS = frozenset({"q", "query", "search", "s", "text", "searchword", "keyword", "k"})


def is_search_results(url: str) -> bool:
    """A site-search results page: it echoes the query in whatever language it was typed."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return any(key.lower() in SEARCH_PARAMS for key, _ in parse_qsl(parts.query))
