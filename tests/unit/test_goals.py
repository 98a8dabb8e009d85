"""Goal recognisers on hand-made snapshots: contacts, appeals, Kazakh (no browser)."""

from __future__ import annotations

import pytest

from tester.gather.snapshot import Link, PageSnapshot
from tester.goals.appeal import recognise_appeal
from tester.goals.contacts import (
    find_address,
    parse_emails,
    parse_phones,
    phone_digits,
    recognise_contacts,
)
from tester.goals.language import (
    keeps_page,
    lang_attribute_problem,
    recognise_kazakh,
    strip_language,
)

KAZAKH = ("Аудан әкімдігінің ресми сайтына қош келдіңіздер. Мұнда ауданның жаңалықтары, құжаттары "
          "және әкімдіктің қызметі туралы мәліметтер жарияланады.")
RUSSIAN = ("Добро пожаловать на официальный сайт акимата района. Здесь публикуются новости, "
           "документы и сведения о деятельности акимата.")


def snap(text: str = "", *, url: str = "https://akimat.test/page", headings=(), title: str = "",
         links=(), lang: str = "ru", status: int | None = 200) -> PageSnapshot:
    return PageSnapshot(url=url, title=title, lang=lang, text=text, main_text=text,
                        headings=list(headings), links=list(links), http_status=status)


@pytest.mark.parametrize("text,expected", [
    ("Приемная: +7 (7172) 55-01-01", "+7 (7172) 55-01-01"),
    ("тел. 8 727 123 45 67, факс", "8 727 123 45 67"),
    ("моб.: +7 701 123 4567", "+7 701 123 4567"),
    ("8(7172)550101", "8(7172)550101"),
    ("+7-7172-55-01-01", "+7-7172-55-01-01"),
    ("Телефон: 55-01-01", "55-01-01"),
    ("Call-центр: 8 800 080 7777", "8 800 080 7777"),
])
def test_parse_kz_phones(text, expected):
    assert parse_phones(text) == [expected]


@pytest.mark.parametrize("text", [
    "Телефон доверия 1414", "Год основания 2023, приказ № 87271234", "ИИН 870101300123",
    "Население 55-01 человек", "Количество: 123 45 67",
])
def test_non_phones_are_ignored(text):
    assert parse_phones(text) == []


def test_phone_digits_normalises_8_to_7():
    assert phone_digits("8 (7172) 55-01-01") == phone_digits("+7 7172 550101") == "77172550101"


def test_parse_emails():
    text = "Пишите: info@akimat.kz, press[at]gov.kz; логотип logo@2x.png"
    assert parse_emails(text) == ["info@akimat.kz", "press@gov.kz"]
    assert parse_emails("без почты") == []


@pytest.mark.parametrize("text", [
    "Адрес: 010000, г. Астана, ул. Бейбітшілік, 11",
    "Мекенжай: Абай даңғылы, 12-үй",
    "Astana, Mangilik El avenue 8",
    "г. Шалкар, ул. Айтеке би, 50",
    "050000, Алматы қаласы, Желтоқсан көшесі 115",
])
def test_find_address(text):
    assert find_address(text) == text


def test_find_address_ignores_plain_prose():
    assert find_address("Аким провел встречу с жителями района в 10 часов.") is None


def test_contacts_page_passes_with_phone_and_email():
    result = recognise_contacts(snap("Контакты\nПриемная: +7 (7172) 55-01-01\ninfo@akimat.kz"))
    assert result.met
    assert result.evidence["phones"] == ["+7 (7172) 55-01-01"]
    assert result.evidence["emails"] == ["info@akimat.kz"]


def test_contacts_page_passes_with_phone_and_address():
    result = recognise_contacts(snap("Канцелярия 8 727 123 45 67\nг. Алматы, пр. Абая, 10"))
    assert result.met and result.evidence["address"]


def test_feedback_form_decoy_is_not_contacts():
    result = recognise_contacts(snap("Контакты\nНапишите нам\nВаше имя\nВаш e-mail\nОтправить",
                                     headings=["Контакты"], title="Контакты"))
    assert not result.met


def test_word_contacts_in_an_article_is_not_contacts():
    text = "18.03.2026. Школы наладили контакты с колледжами. Адрес для писем будет позднее."
    assert not recognise_contacts(snap(text)).met


def test_phone_alone_is_not_enough():
    result = recognise_contacts(snap("Телефон доверия: 8 800 080 7777"))
    assert not result.met and "no e-mail" in str(result.reason)


# ----- appeals --------------------------------------------------------------------------

def test_eappeal_link_is_credited_with_the_link_as_target():
    link = Link(href="https://eotinish.kz/sendAppeal?orgId=77", text="Подать обращение")
    result = recognise_appeal(snap("Обращения", links=[link]))
    assert result.met and result.target_url == link.href
    assert result.evidence["channel"] == "e-appeal link"


def test_hidden_eappeal_link_is_not_credited_on_sight():
    link = Link(href="https://eotinish.kz/", text="eOtinish", visible=False)
    assert not recognise_appeal(snap("Главная", links=[link])).met


def test_procedure_page_passes():
    text = ("Обращения граждан\nПодать обращение в акимат можно лично в канцелярии или через "
            "портал электронного правительства. График приема граждан: понедельник 10:00–12:00.")
    result = recognise_appeal(snap(text, headings=["Обращения граждан"],
                                   url="https://a.test/appeals"))
    assert result.met and result.evidence["channel"] == "procedure"


def test_kazakh_reception_schedule_passes():
    text = ("Азаматтарды қабылдау кестесі\nАудан әкімі азаматтарды дүйсенбі күні сағат 10:00-де "
            "қабылдайды. Қабылдауға жазылу кеңседе жүргізіледі. Өтініш беру тәртібі.")
    assert recognise_appeal(snap(text, headings=["Азаматтарды қабылдау кестесі"], lang="kk")).met


def test_news_about_a_new_appeals_order_is_not_the_procedure():
    text = ("15.04.2026. Утвержден новый порядок рассмотрения обращений. Подать обращение теперь "
            "можно через портал, график приема будет опубликован позже.")
    heading = "Утвержден новый порядок рассмотрения обращений"
    result = recognise_appeal(snap(text, headings=[heading], url="https://a.test/news/125"))
    assert not result.met and "news" in str(result.reason)


def test_appeals_heading_without_procedure_fails():
    assert not recognise_appeal(snap("Обращения\nРаздел в разработке.", headings=["Обращения"])).met


def test_page_without_appeal_heading_fails_even_with_words():
    text = ("Контакты\nПриемная: подать документы можно в канцелярии. "
            "Обращения принимаются ежедневно.")
    assert not recognise_appeal(snap(text, headings=["Контакты"])).met


# ----- Kazakh ---------------------------------------------------------------------------

def test_kazakh_page_passes_with_evidence():
    page = snap(KAZAKH, lang="kk", url="https://a.test/kk/")
    result = recognise_kazakh(page, "https://a.test/ru/")
    assert result.met
    ev = result.evidence
    assert ev["lang_attribute"] == "kk" and ev["lang_attribute_ok"]
    assert ev["kazakh_letter_share"] > 0.02 and ev["keeps_page"] is True
    assert ev["from_url"] == "https://a.test/ru/"


def test_russian_text_marked_kazakh_fails():
    result = recognise_kazakh(snap(RUSSIAN, lang="kk"), "https://a.test/")
    assert not result.met and "still Russian" in str(result.reason)


def test_kazakh_text_with_invalid_lang_passes_but_reports_it():
    result = recognise_kazakh(snap(KAZAKH, lang="kz"))
    assert result.met and not result.evidence["lang_attribute_ok"]
    assert "not a valid code" in result.evidence["lang_problem"]


def test_kazakh_404_fails():
    assert not recognise_kazakh(snap(KAZAKH, lang="kk", status=404)).met


@pytest.mark.parametrize("lang,problem", [("kk", False), ("kk-KZ", False), ("kz", True),
                                          ("ru", True), ("", True)])
def test_lang_attribute_problem(lang, problem):
    assert (lang_attribute_problem(lang) is not None) == problem


@pytest.mark.parametrize("url,expected", [
    ("https://a.kz/ru/about/", "/about"), ("https://a.kz/kk/index.html", "/"),
    ("https://a.kz/about?lang=kk", "/about"), ("https://a.kz/about-kk.html", "/about.html"),
    ("https://a.kz/", "/"),
])
def test_strip_language(url, expected):
    assert strip_language(url) == expected


def test_keeps_page():
    assert keeps_page("https://a.kz/ru/about.html", "https://a.kz/kk/about.html")
    assert keeps_page("https://a.kz/about?lang=ru", "https://a.kz/about?lang=kk")
    assert keeps_page("https://a.kz/ru/kontakty", "https://a.kz/kk/baylanys")
    assert not keeps_page("https://a.kz/ru/about.html", "https://a.kz/kk/")
