"""Finding the site's language versions from the home page: pure parts."""

from __future__ import annotations

from tester.runner.crawl import Pick
from tester.runner.languages import (
    Languages,
    links_of,
    page_language,
    select_targets,
    switch_targets,
)
from tester.snapshot import Link, PageSnapshot
from tester.urlnorm import is_language_host


def test_switch_targets_from_labels_flag_images_and_hreflang() -> None:
    snap = PageSnapshot(url="http://x.kz/", links=[
        Link(href="http://x.kz/qazaqsha/", img_alt="Қазақша"),  # a flag with no text
        Link(href="http://x.kz/", text="РУС"),
        Link(href="http://x.kz/about", text="О районе"),
    ], hreflang={"en-US": "http://x.kz/eng/", "x-default": "http://x.kz/"})
    assert switch_targets(snap) == {"kk": "http://x.kz/qazaqsha/", "ru": "http://x.kz/",
                                    "en": "http://x.kz/eng/"}


def test_select_options_that_are_addresses() -> None:
    options = [["Русский", "/"], ["Қазақша", "/kz/"], ["English", "javascript:go('en')"],
               ["Выберите", "/news"]]
    assert select_targets(options, "http://x.kz/ru/") == {"ru": "http://x.kz/",
                                                          "kk": "http://x.kz/kz/"}


def test_language_subdomains_of_the_same_site() -> None:
    assert is_language_host("https://kk.akimat.kz/", "https://akimat.kz/")
    assert is_language_host("https://kaz.akimat.kz/", "https://www.akimat.kz/")
    assert is_language_host("https://kk.akimat.kz/", "https://ru.akimat.kz/")
    assert not is_language_host("https://kk.other.kz/", "https://akimat.kz/")
    assert not is_language_host("https://kk.kz/", "https://akimat.kz/")
    assert not is_language_host("https://news.akimat.kz/", "https://akimat.kz/")


def test_links_keep_the_page_language_and_cookie_switches_are_left_out() -> None:
    snap = PageSnapshot(url="http://x.kz/", lang="kk", links=[
        Link(href="http://x.kz/lang/ru/", text="Рус"),
        Link(href="http://x.kz/lang/kk/", text="Қаз"),
        Link(href="http://x.kz/statistics/", text="Статистика"),
    ])
    assert page_language(snap) == "kk"
    cookie_site = Languages(home="ru", cookies={"kk": []},
                            endpoints={"http://x.kz/lang/kk/": 200})
    links = links_of(snap, Pick("http://x.kz/", "kk", "kk"), cookie_site)
    assert [(p, p.language, p.cookie) for p in links] == [
        ("http://x.kz/statistics/", "kk", "kk")]
    url_site = Languages(home="ru")
    links = links_of(snap, "http://x.kz/", url_site)
    assert [(p, p.language, p.cookie) for p in links] == [
        ("http://x.kz/lang/ru/", "ru", ""), ("http://x.kz/lang/kk/", "kk", ""),
        ("http://x.kz/statistics/", "kk", "")]
