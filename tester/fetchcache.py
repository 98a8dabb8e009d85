"""What one run has already asked over HTTP (tester.fetch), so it is not asked again.

One cache per audited site: it lives as long as the site's `Scope` (the object every task, page
check and site check of that site shares), so two sites of one run, or two runs in one
process, never share answers. sitemap.xml and robots.txt are then fetched once per site, and a
page the shortest-path measurement or an OCR check fetched is not fetched again by the link
check.

Only answers are kept: HTTP answers and the network policy's refusals. Transport errors and
timeouts are not, because another caller may allow more time. An answer is kept together with
the scope it was given under: a redirect refused as out of scope is asked again once the scope
has grown. Bounded in entries and in body bytes (least recently used first out).
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tester.fetch import FetchAnswer

MAX_ENTRIES = 4096
MAX_BODY_BYTES = 64_000_000
DNS_TTL_S = 60.0
MAX_HOSTS = 1024

# (method, normalised URL, extra request headers) -> the answer
CacheKey = tuple[str, str, tuple[tuple[str, str], ...]]


@dataclass
class _Entry:
    answer: FetchAnswer
    scope_hosts: frozenset[str]
    complete: bool  # holds every byte a request keeping the body would get (up to max_body)
    max_body: int


class RunCache:
    """Answers and host lookups of one audited site, bounded, least recently used out."""

    def __init__(self, max_entries: int = MAX_ENTRIES,
                 max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.max_entries = max_entries
        self.max_body_bytes = max_body_bytes
        self._entries: OrderedDict[CacheKey, _Entry] = OrderedDict()
        self._body_bytes = 0
        self._hosts: dict[str, tuple[float, list[str]]] = {}
        self.hits = 0
        self.misses = 0
        # Requests on the wire now: work running side by side (tasks, site checks) waits for
        # the one answer instead of asking the server again.
        self.in_flight: dict[CacheKey, asyncio.Event] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: CacheKey, scope_hosts: frozenset[str], *, keep_body: bool,
            max_body: int) -> FetchAnswer | None:
        """A copy of the kept answer if it serves this request, else None."""
        entry = self._entries.get(key)
        usable = entry is not None and entry.scope_hosts == scope_hosts and (
            not keep_body or (entry.complete and (
                not entry.answer.truncated or entry.max_body >= max_body)))
        if entry is None or not usable:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        body = entry.answer.body[:max_body] if keep_body else b""
        truncated = keep_body and (entry.answer.truncated or len(entry.answer.body) > max_body)
        return replace(entry.answer, body=body, truncated=truncated, cached=True,
                       visited=list(entry.answer.visited))

    def peek(self, key: CacheKey, scope_hosts: frozenset[str]) -> FetchAnswer | None:
        """The kept answer (without its body) whatever body the request kept; None if none."""
        entry = self._entries.get(key)
        if entry is None or entry.scope_hosts != scope_hosts:
            return None
        self.hits += 1
        return replace(entry.answer, body=b"", cached=True, visited=list(entry.answer.visited))

    def put(self, key: CacheKey, answer: FetchAnswer, scope_hosts: frozenset[str], *,
            keep_body: bool, max_body: int) -> None:
        if answer.error is not None:
            return  # timeouts and broken connections may go better with more time
        # No body is read for refusals, redirects and error statuses: then nothing is missing.
        complete = keep_body or answer.status is None or answer.status >= 300
        old = self._entries.get(key)
        if old is not None and old.scope_hosts == scope_hosts and old.complete and (
                not complete or old.max_body >= max_body):
            return  # what is kept already serves at least as much
        self._drop(key)
        self._entries[key] = _Entry(replace(answer, visited=list(answer.visited)),
                                    scope_hosts, complete, max_body)
        self._body_bytes += len(answer.body)
        while self._entries and (len(self._entries) > self.max_entries
                                 or self._body_bytes > self.max_body_bytes):
            self._drop(next(iter(self._entries)))

    def _drop(self, key: CacheKey) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._body_bytes -= len(entry.answer.body)

    def addresses(self, host: str) -> list[str] | None:
        """The addresses found for `host` within the last DNS_TTL_S seconds, else None."""
        found = self._hosts.get(host)
        if found is None or time.monotonic() - found[0] > DNS_TTL_S:
            return None
        return found[1]

    def remember_addresses(self, host: str, addresses: list[str]) -> None:
        if len(self._hosts) >= MAX_HOSTS:
            self._hosts.clear()
        self._hosts[host] = (time.monotonic(), addresses)


_by_scope: dict[int, RunCache] = {}


def run_cache(scope: object) -> RunCache:
    """The cache of the site audited under `scope`; dropped when the scope object is."""
    key = id(scope)
    cache = _by_scope.get(key)
    if cache is None:
        cache = _by_scope[key] = RunCache()
        # The finaliser runs before the id can be reused by another object.
        weakref.finalize(scope, _by_scope.pop, key, None)
    return cache
