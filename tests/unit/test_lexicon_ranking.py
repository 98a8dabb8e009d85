"""Link ranking: how the navigator orders the controls of a page for a goal (no browser)."""

from __future__ import annotations

import pytest

from tester.lexicon import load_lexicon
from tester.navigator.actions import Control
from tester.navigator.scoring import goal_scorer, language_scorer

PAGE = "https://akimat.test/ru/"


def link(text: str = "", href: str = "/x", **kw) -> Control:
    return Control(id=text or href, kind="link", href=href, abs="https://akimat.test" + href,
                   text=text, **kw)


def rank(scorer, controls):
    scored = [(scorer(c, PAGE)[0][0] if scorer(c, PAGE) else 0.0, c.label) for c in controls]
    return [label for score, label in sorted(scored, key=lambda t: -t[0]) if score > 0.3]


@pytest.fixture(scope="module")
def lex():
    return load_lexicon([])


def test_contacts_link_then_hub_then_news_sentence(lex):
    # A person looks under "About" before opening a news story that mentions contacts.
    controls = [
        link("Новости", "/news"), link("Об акимате", "/about"),
        link("Аким обсудил контакты с инвесторами из соседних стран на форуме", "/news/1"),
        link("Байланыс", "/kk/baylanys"),
    ]
    order = rank(goal_scorer(lex.goal("contacts")), controls)
    assert order[0] == "Байланыс"
    assert order[1:] == ["Об акимате",
                         "Аким обсудил контакты с инвесторами из соседних стран на форуме"]
    assert "Новости" not in order


def test_icon_link_found_by_aria_label_title_alt_or_url(lex):
    scorer = goal_scorer(lex.goal("contacts"))
    assert scorer(link("", "/x", aria="Контакты"), PAGE)[0][0] >= 0.9
    assert scorer(link("", "/x", title="Contact us"), PAGE)[0][0] >= 0.9
    assert scorer(link("", "/x", alt="Байланыс"), PAGE)[0][0] >= 0.9
    assert scorer(link("", "/ru/kontakty/"), PAGE)[0][0] >= 0.5


def test_label_and_url_together_beat_label_alone(lex):
    scorer = goal_scorer(lex.goal("appeals"))
    both = scorer(link("Обращения граждан", "/ru/obrashcheniya"), PAGE)[0][0]
    alone = scorer(link("Обращения граждан", "/page/17"), PAGE)[0][0]
    assert both > alone


def test_language_switch_ranking(lex):
    scorer = language_scorer(lex)
    controls = [link("РУС", "/ru/"), link("ENG", "/en/"), link("ҚАЗ", "/kk/"),
                link("Казахстан в цифрах", "/ru/stat")]
    assert rank(scorer, controls) == ["ҚАЗ"]


def test_language_switch_by_flag_alt_hreflang_and_select(lex):
    scorer = language_scorer(lex)
    assert scorer(link("", "/kz/", alt="Қазақша"), PAGE)[0][0] >= 0.9
    assert scorer(link("", "/k", hreflang="kk"), PAGE)[0][0] >= 0.9
    assert scorer(link("", "/?lang=kk"), PAGE)[0][0] >= 0.5  # a flag without words
    select = Control(id="s", kind="select", options=[
        {"value": "/ru/about", "text": "Русский"}, {"value": "/kk/about", "text": "Қазақша"},
        {"value": "/en/about", "text": "English"}])
    assert scorer(select, PAGE) == [(1.0, "/kk/about")]


def test_button_with_kz_id_hint(lex):
    scorer = language_scorer(lex)
    assert scorer(Control(id="b", kind="button", hints="lang-btn kz"), PAGE)[0][0] >= 0.6
    assert scorer(Control(id="b", kind="button", text="Подробнее", hints="kz"), PAGE)[0][0] < 0.6
