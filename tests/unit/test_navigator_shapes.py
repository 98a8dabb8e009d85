"""Real-world navigation shapes, the pure parts: a platform body's section, menu heads, flag files,
other wordings (the browser parts are the nav-unified-portal, nav-wp-hover and nav-bitrix-burger
answer keys in tests/e2e/test_navigator.py)."""

from __future__ import annotations

import pytest

from tester.lexicon import load_lexicon
from tester.navigator.actions import Control
from tester.navigator.scoring import goal_scorer, language_scorer
from tester.navigator.sections import in_section, is_language_host, section_of

PAGE = "https://site.test/"


@pytest.mark.parametrize("url,section", [
    ("https://www.gov.kz/memleket/entities/zher?lang=ru", "/memleket/entities/zher/"),
    ("https://www.gov.kz/memleket/entities/zher/", "/memleket/entities/zher/"),
    ("https://portal.test/kk/portal/agency/index.html", "/portal/agency/"),
    ("https://akimat.test/", None),
    ("https://akimat.test/ru/index.php", None),  # a language folder is no section
    ("https://akimat.test/kz/main/", None),
])
def test_section_of_a_start_page(url, section):
    assert section_of(url) == section


def test_in_section_keeps_the_body_and_its_language_versions():
    section = "/memleket/entities/zher/"
    assert in_section("https://www.gov.kz/memleket/entities/zher/contacts?lang=ru", section)
    assert in_section("https://www.gov.kz/memleket/entities/zher", section)
    assert in_section("https://www.gov.kz/kk/memleket/entities/zher/", section)
    assert not in_section("https://www.gov.kz/memleket/contacts/", section)  # the portal's
    assert not in_section("https://www.gov.kz/memleket/entities/les/contacts/", section)
    assert not in_section("https://www.gov.kz/memleket/entities/zherx/", section)


def test_language_subdomain_of_the_start_site():
    assert is_language_host("https://kk.akimat.kz/", "https://akimat.kz/ru/")
    assert is_language_host("https://kaz.akimat.kz/about", "https://www.akimat.kz/")
    assert not is_language_host("https://kk.other.kz/", "https://akimat.kz/")
    assert not is_language_host("https://news.akimat.kz/", "https://akimat.kz/")
    assert not is_language_host("https://kk.akimat.kz:8443/", "https://akimat.kz/")
    assert not is_language_host("https://akimat.kz/kk/", "https://akimat.kz/")  # same host
    assert is_language_host("https://kk.akimat.kz/", "https://ru.akimat.kz/")  # sibling
    assert not is_language_host("https://kk.kz/", "https://ru.kz/")  # two sites of .kz


@pytest.fixture(scope="module")
def lex():
    return load_lexicon([])


def link(text: str = "", href: str = "/x", **kw) -> Control:
    return Control(id=text or href, kind="link", href=href, abs="https://site.test" + href,
                   text=text, **kw)


def test_other_wordings_for_contacts_and_for_the_way_to_appeals(lex):
    contacts = goal_scorer(lex.goal("contacts"))
    assert contacts(link("Как нас найти", "/kak-nas-nayti/"), PAGE)[0][0] >= 0.9
    assert contacts(link("Бізді қалай табуға болады", "/p/3"), PAGE)[0][0] >= 0.9
    appeals = goal_scorer(lex.goal("appeals"))
    for hub in ("Жителям района", "Для граждан", "Тұрғындарға"):
        assert 0.3 <= appeals(link(hub, "/p/9"), PAGE)[0][0] < 0.6  # a hub, not the goal
    assert appeals(link("Жилищная очередь", "/p/10"), PAGE)[0][0] < 0.3


def test_flag_picture_file_name_is_a_language_hint(lex):
    scorer = language_scorer(lex)
    # dom.js puts an icon's file name (flags/kz.png, flag-kz.svg) among the hints
    assert scorer(link("", "/lang/2/", hints="kz"), PAGE)[0][0] >= 0.6
    assert scorer(link("", "/lang/2/", hints="lang__flag lang__flag_kz"), PAGE)[0][0] >= 0.6
    assert scorer(link("", "/", hints="ru"), PAGE)[0][0] < 0.6
