"""The site's cache of the tool's own HTTP answers (tester.fetchcache): what it serves, what
it never keeps, its bounds, and that it lives and dies with one audited site's Scope."""

from __future__ import annotations

import gc

from tester import fetchcache
from tester.fetch import FetchAnswer
from tester.fetchcache import RunCache, run_cache
from tester.scope import Scope

URL = "http://gov.test/a"
HOSTS = frozenset({"gov.test", "www.gov.test"})


def key(url: str = URL, method: str = "GET") -> tuple[str, str, tuple[tuple[str, str], ...]]:
    return (method, url, ())


def page(body: bytes = b"<html>", *, status: int = 200, truncated: bool = False,
         error: str | None = None) -> FetchAnswer:
    return FetchAnswer(url=URL, status=status, body=body, truncated=truncated, error=error)


def test_an_answer_with_its_body_serves_later_requests() -> None:
    cache = RunCache()
    cache.put(key(), page(b"0123456789"), HOSTS, keep_body=True, max_body=100)
    with_body = cache.get(key(), HOSTS, keep_body=True, max_body=4)
    assert with_body is not None and with_body.cached
    assert with_body.body == b"0123" and with_body.truncated  # cut to what was asked for
    without = cache.get(key(), HOSTS, keep_body=False, max_body=100)
    assert without is not None and without.body == b""
    assert cache.get(key(method="HEAD"), HOSTS, keep_body=False, max_body=100) is None


def test_a_request_wanting_more_than_was_kept_asks_again() -> None:
    cache = RunCache()
    cache.put(key(), page(b""), HOSTS, keep_body=False, max_body=100)  # a 200 without its body
    assert cache.get(key(), HOSTS, keep_body=True, max_body=100) is None
    cache.put(key(), page(b"01234", truncated=True), HOSTS, keep_body=True, max_body=5)
    assert cache.get(key(), HOSTS, keep_body=True, max_body=50) is None  # it went on
    assert cache.get(key(), HOSTS, keep_body=True, max_body=5) is not None
    missing = page(b"", status=404)  # no body is read for an error status: nothing missing
    cache.put(key("http://gov.test/gone"), missing, HOSTS, keep_body=False, max_body=100)
    assert cache.get(key("http://gov.test/gone"), HOSTS, keep_body=True, max_body=100)


def test_errors_are_not_kept_and_a_grown_scope_asks_again() -> None:
    cache = RunCache()
    cache.put(key(), page(error="timed out", status=None), HOSTS, keep_body=False, max_body=9)
    assert cache.get(key(), HOSTS, keep_body=False, max_body=9) is None and len(cache) == 0
    refused = FetchAnswer(url=URL, status=302, refused="redirect-outside-scope")
    cache.put(key(), refused, HOSTS, keep_body=False, max_body=9)
    assert cache.get(key(), HOSTS, keep_body=False, max_body=9) is not None
    assert cache.get(key(), HOSTS | {"cdn.test"}, keep_body=False, max_body=9) is None


def test_bounded_in_entries_and_bytes() -> None:
    cache = RunCache(max_entries=2, max_body_bytes=10)
    for name in ("a", "b", "c"):
        cache.put(key(f"http://gov.test/{name}"), page(b"x"), HOSTS, keep_body=True,
                  max_body=9)
    assert len(cache) == 2 and cache.get(key("http://gov.test/a"), HOSTS, keep_body=False,
                                         max_body=9) is None
    cache.put(key("http://gov.test/big"), page(b"y" * 10), HOSTS, keep_body=True, max_body=99)
    assert len(cache) == 1  # the others left to make room for its bytes
    cache.put(key("http://gov.test/huge"), page(b"z" * 11), HOSTS, keep_body=True, max_body=99)
    assert len(cache) == 0  # more than the whole budget: not kept at all


def test_one_cache_per_audited_site_dropped_with_its_scope() -> None:
    first, second = Scope.for_url("http://gov.test/"), Scope.for_url("http://gov.test/")
    assert run_cache(first) is run_cache(first)
    assert run_cache(first) is not run_cache(second)  # two audits never share answers
    run_cache(first).put(key(), page(), HOSTS, keep_body=True, max_body=9)
    kept = run_cache(second)
    first_id = id(first)
    assert first_id in fetchcache._by_scope
    del first
    gc.collect()
    assert first_id not in fetchcache._by_scope  # its answers went with the audit
    assert run_cache(second) is kept
