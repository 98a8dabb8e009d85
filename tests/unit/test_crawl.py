"""The crawl order: in scope, no documents, one language version after another."""

from __future__ import annotations

from tester.browser import Scope
from tester.runner.crawl import CrawlQueue, Pick, content_key, language_key


def test_language_key_from_path_or_query() -> None:
    assert language_key("http://x.kz/kk/about") == "kk"
    assert language_key("http://x.kz/kz/") == "kk"
    assert language_key("http://x.kz/rus/news") == "ru"
    assert language_key("http://x.kz/page?lang=en") == "en"
    assert language_key("http://x.kz/keys/kk") == ""  # only a leading segment counts
    assert language_key("http://x.kz/about") == ""


def test_queue_rotates_languages_and_skips_out_of_scope_and_documents() -> None:
    queue = CrawlQueue(Scope.for_url("http://x.kz/"))
    for path in ("/ru/a", "/ru/b", "/ru/c", "/kk/d", "/kk/e", "/en/f"):
        assert queue.push("http://x.kz" + path)
    assert not queue.push("http://x.kz/ru/a#top")  # same page
    assert not queue.push("http://other.kz/ru/a")
    assert not queue.push("http://x.kz/docs/order.pdf")
    assert not queue.push("mailto:a@x.kz")
    order = [queue.pop() for _ in range(6)]
    assert order == [
        "http://x.kz/ru/a", "http://x.kz/kk/d", "http://x.kz/en/f",
        "http://x.kz/ru/b", "http://x.kz/kk/e", "http://x.kz/ru/c",
    ]  # fmt: skip
    assert queue.pop() is None and len(queue) == 0


def test_new_content_before_language_counterparts_and_planned_first() -> None:
    queue = CrawlQueue(Scope.for_url("http://x.kz/"))
    queue.mark_seen("http://x.kz/")
    for path in ("/ru/index.html", "/ru/about", "/kk/about", "/kk/docs", "/en/about", "/ru/stats"):
        queue.push("http://x.kz" + path)
    queue.push("http://x.kz/kk/contacts", planned=True)
    order = [queue.pop() for _ in range(len(queue))]
    assert order == [
        "http://x.kz/kk/contacts",  # where a task landed
        "http://x.kz/ru/about", "http://x.kz/kk/docs", "http://x.kz/ru/stats",  # new content
        "http://x.kz/ru/index.html", "http://x.kz/kk/about", "http://x.kz/en/about",  # copies
    ]  # fmt: skip


def test_content_key_ignores_language_markers() -> None:
    assert content_key("http://x.kz/kk/about/") == content_key("http://x.kz/ru/about")
    assert content_key("http://x.kz/page?lang=kk&id=3") == content_key(
        "http://x.kz/page?id=3&lang=ru"
    )
    assert content_key("http://x.kz/ru/index.html") == content_key("http://x.kz/")
    assert content_key("http://x.kz/page?id=3") != content_key("http://x.kz/page?id=4")


def test_site_name_from_home_title() -> None:
    from tester.gather.snapshot import PageSnapshot
    from tester.runner.site import site_name

    def name(title: str) -> str:
        return site_name(PageSnapshot(url="http://x.kz/", title=title), "http://x.kz/")

    assert name("Акимат Жасыл района – Официальный интернет-ресурс") == "Акимат Жасыл района"
    assert name("Главная — Отдел ЖКХ района Ақсу") == "Отдел ЖКХ района Ақсу"
    assert name("Басты бет | Бастау ауылдық округі әкімінің аппараты") == (
        "Бастау ауылдық округі әкімінің аппараты"
    )
    assert name("Министерство цифрового развития") == "Министерство цифрового развития"
    assert name("Главная") == "Главная"
    assert site_name(None, "http://x.kz/") == "x.kz"


def test_language_key_knows_locale_forms_joomla_and_the_sites_own_prefixes() -> None:
    assert language_key("http://x.kz/kk-kz/about") == "kk"
    assert language_key("http://x.kz/ru_RU/") == "ru"
    assert language_key("http://x.kz/index.php/kk/zhanalyqtar") == "kk"
    assert language_key("http://x.kz/page?lang=kk-KZ") == "kk"
    assert language_key("http://x.kz/en-route/") == ""  # a word, not a locale
    assert language_key("http://x.kz/qazaqsha/derekter") == ""
    assert language_key("http://x.kz/qazaqsha/derekter", {"qazaqsha": "kk"}) == "kk"


def test_a_language_home_teaches_its_prefix_and_links_inherit_their_pages_language() -> None:
    queue = CrawlQueue(Scope.for_url("http://x.kz/"))
    queue.mark_seen("http://x.kz/")
    queue.learn("http://x.kz/qazaqsha/", "kk")
    queue.learn("http://x.kz/lang/kk", "kk")  # not a one-segment home: nothing learnt
    assert queue.prefixes == {"qazaqsha": "kk"}
    for path in ("/about", "/news", "/structure"):
        queue.push("http://x.kz" + path, language="ru")
    queue.push(Pick("http://x.kz/qazaqsha/derekter", "ru"))  # the prefix wins over the guess
    queue.push(Pick("http://x.kz/memtil/qujattar", "kk"))  # only the guess tells
    order = [queue.pop() for _ in range(len(queue))]
    assert order == ["http://x.kz/about", "http://x.kz/qazaqsha/derekter", "http://x.kz/news",
                     "http://x.kz/memtil/qujattar", "http://x.kz/structure"]
    assert [getattr(p, "language", "") for p in order] == ["ru", "kk", "ru", "kk", "ru"]


def test_a_cookie_language_is_a_lane_of_its_own_on_the_same_urls() -> None:
    queue = CrawlQueue(Scope.for_url("http://x.kz/"))
    queue.mark_seen("http://x.kz/")
    assert queue.push("http://x.kz/", home=True, cookie="kk")  # the same home, in Kazakh
    assert not queue.push("http://x.kz/", home=True, cookie="kk")
    for path in ("/about/", "/news/"):
        assert queue.push("http://x.kz" + path)
        assert queue.push("http://x.kz" + path, cookie="kk")  # new content, not a counterpart
    homes = queue.pop_homes(5)
    assert homes == ["http://x.kz/"] and homes[0].cookie == "kk" and homes[0].language == "kk"
    order = [queue.pop() for _ in range(len(queue))]
    assert [(p, p.cookie) for p in order] == [
        ("http://x.kz/about/", ""), ("http://x.kz/about/", "kk"),
        ("http://x.kz/news/", ""), ("http://x.kz/news/", "kk")]
