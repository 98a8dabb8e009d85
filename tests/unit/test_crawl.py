"""The crawl order: in scope, no documents, one language version after another."""

from __future__ import annotations

from tester.browser import Scope
from tester.runner.crawl import CrawlQueue, language_key


def test_language_key_from_path_or_query() -> None:
    assert language_key("http://x.kz/kk/about") == "kk"
    assert language_key("http://x.kz/kz/") == "kk"
    assert language_key("http://x.kz/rus/news") == "ru"
    assert language_key("http://x.kz/page?lang=en") == "en"
    assert language_key("http://x.kz/keys/kk") == ""  # only a leading segment counts
    assert language_key("http://x.kz/about") == ""


def test_queue_rotates_languages_and_skips_out_of_scope_and_documents() -> None:
    queue = CrawlQueue(Scope.for_url("http://x.kz/"))
    for path in ("/ru/a", "/ru/b", "/ru/c", "/kk/a", "/kk/b", "/en/a"):
        assert queue.push("http://x.kz" + path)
    assert not queue.push("http://x.kz/ru/a#top")  # same page
    assert not queue.push("http://other.kz/ru/a")
    assert not queue.push("http://x.kz/docs/order.pdf")
    assert not queue.push("mailto:a@x.kz")
    order = [queue.pop() for _ in range(6)]
    assert order == [
        "http://x.kz/ru/a", "http://x.kz/kk/a", "http://x.kz/en/a",
        "http://x.kz/ru/b", "http://x.kz/kk/b", "http://x.kz/ru/c",
    ]  # fmt: skip
    assert queue.pop() is None and len(queue) == 0
