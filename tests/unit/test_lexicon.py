"""Lexicon normalisation, Kazakh folding, Latin spellings and label matching (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tester.lexicon import find_terms, load_lexicon
from tester.lexicon.letters import kazakh_share_of_letters as kazakh_letter_share
from tester.lexicon.normalise import (
    ascii_fold,
    fold,
    latin_variants,
    normalise,
    url_tokens,
)


@pytest.fixture(scope="module")
def lex():
    return load_lexicon([])


def test_normalise_casefolds_and_strips_punctuation():
    assert normalise("  «Контакты»!  ") == "контакты"
    assert normalise("Интернет-приёмная") == "интернет приемная"
    assert normalise("ＫＡＺ") == "kaz"  # NFKC full-width


def test_fold_maps_kazakh_letters_and_homoglyphs():
    assert fold("Қазақша") == "казакша"
    assert fold("Байланыс") == fold("Баиланыс")
    # Latin a/o/K inside a Cyrillic word are look-alikes, folded to Cyrillic
    assert fold("Kазaкшa") == "казакша"
    # a pure Latin word is left alone
    assert fold("Kazaksha") == "kazaksha"
    assert fold("Өтініш") == "отиниш"


def test_ascii_fold_unifies_2018_2021_and_plain_latin():
    assert ascii_fold("Qazaqşa") == ascii_fold("Qazaqsha") == "qazaqsha"
    assert ascii_fold("Baılanys") == "bailanys"
    assert ascii_fold("Ótinish") == ascii_fold("Ötınış") == "otinish"


def test_latin_variants_of_kazakh_terms():
    variants = latin_variants("Байланыс")
    assert {"bailanys", "baylanys"} <= variants
    assert "qazaqsha" in latin_variants("Қазақша") and "kazaksha" in latin_variants("Қазақша")
    assert "janalyqtar" in latin_variants("Жаңалықтар")
    assert latin_variants("contacts") == set()


def test_url_tokens():
    assert url_tokens("https://x.kz/ru/kontakty/?lang=kk#top") == ["ru", "kontakty", "lang", "kk"]


@pytest.mark.parametrize("label", ["Байланыс", "БАЙЛАНЫС", "Baılanys", "Bailanys", "Контакты",
                                   "Контактная информация", "Contact us", "Kонтакты",
                                   "Справочная информация"])
def test_contacts_labels_match(lex, label):
    assert lex.goal("contacts").label_score(label) >= 0.9


@pytest.mark.parametrize("label", ["Новости", "Главная", "Вакансии", ""])
def test_unrelated_labels_do_not_match_contacts(lex, label):
    assert lex.goal("contacts").label_score(label) == 0.0


def test_phrase_inside_a_sentence_scores_lower_than_a_menu_label(lex):
    goal = lex.goal("contacts")
    sentence = goal.label_score("Аким обсудил контакты с инвесторами из соседних стран")
    assert 0 < sentence < 0.75 < goal.label_score("Контакты")


@pytest.mark.parametrize("label", ["ҚАЗ", "Қаз", "KAZ", "kz", "Қазақша", "Qazaqşa", "Kazaksha",
                                   "Казакша", "Қазақ тілі", "Kazakh"])
def test_kazakh_switch_labels(lex, label):
    assert lex.goal("lang_kk").label_score(label) >= 0.9


@pytest.mark.parametrize("label", ["РУС", "ENG", "Kazakhstan", "Қазақстан Республикасы",
                                   "Казахстанская правда", "Skazka"])
def test_not_kazakh_switch_labels(lex, label):
    assert lex.goal("lang_kk").label_score(label) == 0.0


def test_short_terms_only_match_whole_words_of_short_labels(lex):
    kk = lex.goal("lang_kk")
    assert kk.label_score("ҚАЗ | РУС") >= 0.8
    assert kk.label_score("Новости kz региона и всей страны") == 0.0


def test_appeal_labels_including_stems_and_latin(lex):
    goal = lex.goal("appeals")
    for label in ("Обращения граждан", "Интернет-приёмная", "Өтініштер", "eOtinish", "Блог акима",
                  "График приема граждан", "Әкімнің блогы"):
        assert goal.label_score(label) >= 0.8, label
    assert goal.label_score("Погода") == 0.0


def test_url_scores(lex):
    contacts = lex.goal("contacts")
    assert contacts.url_score("https://x.kz/ru/kontakty.html") == 0.7
    assert contacts.url_score("https://x.kz/about/contacts") == 0.7
    assert contacts.url_score("https://x.kz/news/12") == 0.0
    appeals = lex.goal("appeals")
    assert appeals.url_score("https://www.gov.kz/memleket/entities/x/activities/population") > 0
    assert appeals.host_match("https://eotinish.kz/sendAppeal?orgId=77")
    assert appeals.host_match("https://dialog.egov.kz/blogs/1/welcome")
    assert not appeals.host_match("https://egov.kz/")


def test_find_terms_uses_folding_and_stems():
    assert find_terms("Подача обращений граждан", ["обращени"]) == ["обращени"]
    assert find_terms("ӨТІНІШ беру тәртібі", ["өтініш беру"]) == ["өтініш беру"]
    assert find_terms("коллекция", ["кол"]) == []


def test_users_can_extend_the_lexicon(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("contacts:\n  ru: [наши координаты]\nnew_goal:\n  en: [opening hours]\n",
                     encoding="utf-8")
    lex = load_lexicon([extra])
    assert lex.goal("contacts").label_score("Наши координаты") == 1.0
    assert lex.goal("contacts").label_score("Контакты") == 1.0  # built-ins are kept
    assert lex.goal("new_goal").label_score("Opening hours") == 1.0
    assert load_lexicon([]).goal("contacts").label_score("Наши координаты") == 0.0


def test_kazakh_letter_share():
    kazakh = "Аудан әкімдігінің ресми сайтына қош келдіңіздер. Мұнда жаңалықтар жарияланады."
    russian = "Добро пожаловать на официальный сайт акимата района. Здесь публикуются новости."
    assert kazakh_letter_share(kazakh) > 0.05
    assert kazakh_letter_share(russian) == 0.0
    assert kazakh_letter_share("") == 0.0
    # Latin i typed for Kazakh і inside Cyrillic words still counts
    assert kazakh_letter_share("бiлiм берy") > 0.2
    assert kazakh_letter_share("information") == 0.0
