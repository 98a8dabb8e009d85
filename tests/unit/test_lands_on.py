"""switch-to-kazakh: where a language switch landed, by alternates and by page structure."""

from __future__ import annotations

from tester.goals.language import lands_on, same_structure

ABOUT = {"headings": ["h1", "h2", "h2"], "landmarks": ["header", "nav", "main", "footer"],
         "paragraphs": 3, "items": 0, "lists": 0, "tables": 0, "images": 0, "forms": 0,
         "links": 2}
NEWS = {**ABOUT, "headings": ["h1", "h2", "h2", "h2", "h2"], "paragraphs": 9, "images": 4,
        "links": 12}


def test_alternates_decide_first() -> None:
    hreflang = {"ru": "https://a.kz/ru/o-nas/", "kk-KZ": "https://a.kz/kk/biz-turaly/"}
    assert lands_on("https://a.kz/ru/o-nas/", "https://a.kz/kk/biz-turaly/", hreflang) == \
        ("same-page", "hreflang")
    assert lands_on("https://a.kz/ru/x", "https://a.kz/kk/x") == ("same-page", "url")
    assert lands_on("https://a.kz/x?lang=ru", "https://a.kz/x?lang=kk") == ("same-page", "url")
    assert lands_on("https://ru.a.kz/x", "https://kk.a.kz/x") == ("same-page", "url")


def test_a_home_page_is_home_from_a_deep_page_and_the_same_page_from_home() -> None:
    assert lands_on("https://a.kz/ru/node/3", "https://a.kz/kk") == ("home", "home")
    assert lands_on("https://a.kz/ru/", "https://a.kz/kk/") == ("same-page", "home")


def test_structure_decides_between_translated_slugs() -> None:
    assert lands_on("https://a.kz/about/uslugi.html", "https://a.kz/kz/about/kyzmetter.html",
                    {}, ABOUT, dict(ABOUT, paragraphs=4)) == ("same-page", "structure")
    assert lands_on("https://a.kz/ru/contacts.html", "https://a.kz/kk/news.html",
                    {}, ABOUT, NEWS) == ("elsewhere", "structure")
    # hreflang naming another page, nothing measured: elsewhere; nothing at all: assumed.
    assert lands_on("https://a.kz/ru/a", "https://a.kz/kk/b", {"kk": "https://a.kz/kk/c"}) == \
        ("elsewhere", "hreflang")
    assert lands_on("https://a.kz/ru/a", "https://a.kz/kk/b") == ("same-page", "assumed")


def test_same_structure_compares_no_text_and_needs_both_pages() -> None:
    assert same_structure(ABOUT, ABOUT) is True
    assert same_structure(ABOUT, NEWS) is False
    assert same_structure(ABOUT, dict(ABOUT, landmarks=["main"])) is False
    assert same_structure(None, ABOUT) is None
