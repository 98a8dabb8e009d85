"""Pure helpers of the site checks: text, dates, URLs, HTML reading."""

from __future__ import annotations

from datetime import date

import pytest

from tester.lexicon.letters import detect_language, guess_language, letter_stats, line_languages
from tester.lexicon.matching import match_term
from tester.lexicon.normalise import fold as fold_kazakh
from tester.lexicon.normalise import normalise as normalize
from tester.site.dates import find_dates, month_number, working_days_between
from tester.site.htmltext import html_text
from tester.site.urls import (
    in_scope,
    is_language_root,
    language_marker,
    match_url_token,
    strip_language,
    swap_language,
)
from tester.urlnorm import normalise_url

KK = ("Аудан әкімдігі азаматтарды жеке қабылдау кестесін бекітті. Өтініштер электрондық түрде "
      "eOtinish порталы арқылы қабылданады. Әкімнің орынбасарлары әр сейсенбі сайын тұрғындармен "
      "кездеседі. Жаңалықтар күн сайын жаңартылып отырады.")
RU = ("Акимат района утвердил график личного приема граждан. Обращения принимаются в электронном "
      "виде через портал eOtinish. Заместители акима каждый вторник встречаются с жителями района. "
      "Новости обновляются ежедневно.")


def test_normalize_and_fold() -> None:
    assert normalize("  «Интернет-Приёмная»!  ") == "интернет приемная"
    assert fold_kazakh("қабылдау бөлмесі") == "кабылдау болмеси"


def test_letter_stats_counts_kazakh_letters_among_cyrillic() -> None:
    stats = letter_stats("Әкім 123 abc")
    assert (stats.letters, stats.cyrillic, stats.latin, stats.kazakh) == (7, 4, 3, 2)  # ә and і
    assert stats.kazakh_share_of_cyrillic == pytest.approx(0.5)


def test_guess_language_kazakh_russian_english() -> None:
    assert guess_language(KK) == "kk"
    assert guess_language(RU) == "ru"
    assert guess_language("The district akimat approved the schedule of reception.") == "en"
    assert guess_language("Әкім") is None  # too little text to judge


def test_kazakh_text_quoting_russian_stays_kazakh() -> None:
    quoted = KK + " Әкім айтқандай: «Мы работаем для жителей района и открыты к диалогу»."
    assert guess_language(quoted) == "kk"


def test_detect_language_goes_by_the_lines_of_the_content() -> None:
    article = "Жаңалықтар\n01.10.2026\nАким района провёл совещание\n" + RU
    assert guess_language(article) == "mixed"  # the Kazakh heading blurs the whole-text share
    assert detect_language(article) == "ru"  # but every real line is Russian
    quoted = KK + "\n«Мы открыты к диалогу с жителями района»\n" + KK
    assert detect_language(quoted) == "kk"
    assert line_languages("Меню\n" + KK)["kk"] > 100
    assert detect_language("Әкім") is None


def test_russian_text_naming_kazakh_people_stays_russian() -> None:
    text = RU * 3 + " Встречу провёл аким Қасым Тоқаев."
    assert guess_language(text) == "ru"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Опубликовано 20 ноября 2026 г. 11:58", date(2026, 11, 20)),
        ("2026 жылғы 20 қараша", date(2026, 11, 20)),
        ("2026 ж. 3 қазанда өтті", date(2026, 10, 3)),
        ("18 ақпан 2026", date(2026, 2, 18)),
        ("18.02.2026", date(2026, 2, 18)),
        ("5/3/2026", date(2026, 3, 5)),
        ("2026-11-20T10:00:00", date(2026, 11, 20)),
        ("November 5, 2026", date(2026, 11, 5)),
        ("5 Nov. 2026", date(2026, 11, 5)),
        ("1 мая 2026", date(2026, 5, 1)),
        ("3 марта 2025 года", date(2025, 3, 3)),
    ],
)
def test_find_dates_formats(text: str, expected: date) -> None:
    assert [d.value for d in find_dates(text)] == [expected]


@pytest.mark.parametrize(
    "text", ["31.02.2026", "в 2019 году", "май 2026", "01.01.1850", "марафон 5 2026", "12.2026"]
)
def test_find_dates_rejects_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_find_dates_keeps_positions_in_order() -> None:
    found = find_dates("Обновлено 01.01.2023, а затем 2 марта 2024.")
    assert [d.value for d in found] == [date(2023, 1, 1), date(2024, 3, 2)]
    assert found[0].text == "01.01.2023"


def test_month_number() -> None:
    assert month_number("қарашада") == 11
    assert month_number("мая") == 5
    assert month_number("sept.") == 9
    assert month_number("марафон") is None


def test_working_days_skip_weekends_and_holidays() -> None:
    friday, monday = date(2026, 11, 20), date(2026, 11, 23)
    assert working_days_between(friday, monday) == 1
    assert working_days_between(monday, monday) == 0
    assert working_days_between(monday, friday) == 0
    assert working_days_between(date(2026, 11, 16), date(2026, 11, 23)) == 5
    assert working_days_between(friday, monday, holidays=[monday]) == 0


def test_match_term_inflection_folding_and_word_start() -> None:
    assert match_term("Обращения граждан", ["обращени"]) == "обращени"
    assert match_term("Кабылдау кестеси", ["қабылдау кестесі"]) == "қабылдау кестесі"
    assert match_term("Интернет-приёмная", ["интернет приемная"]) == "интернет приемная"
    assert match_term("Гимназия №5", ["гимназ"]) == "гимназ"
    assert match_term("Догимназия", ["гимназ"]) is None  # only at a word start
    assert match_term("", ["x"]) is None


def test_match_url_token_needs_a_boundary() -> None:
    assert match_url_token("/ru/sitemap.html", ["sitemap"]) == "sitemap"
    assert match_url_token("/roadmap", ["map"]) is None
    assert match_url_token("/press/news/1", ["news"]) == "news"


def test_language_marker_and_swap() -> None:
    assert language_marker("http://a.kz/ru/news/1.html") == ("ru", "path", "ru")
    assert language_marker("http://a.kz/x?lang=kz") == ("kk", "query", "kz")
    assert language_marker("http://kk.a.kz/x") == ("kk", "host", "kk")
    assert language_marker("http://a.kz/news") is None
    assert swap_language("http://a.kz/ru/news/1.html", "kk") == "http://a.kz/kk/news/1.html"
    assert swap_language("http://a.kz/x?lang=ru&id=2", "kk", "kz") == "http://a.kz/x?lang=kz&id=2"
    assert swap_language("http://ru.a.kz/x", "en") == "http://en.a.kz/x"
    assert swap_language("http://a.kz/news", "kk") is None
    assert strip_language("http://a.kz/kk/a.html") == strip_language("http://a.kz/ru/a.html")


def test_language_roots_and_urls() -> None:
    assert is_language_root("http://a.kz/kk/index.html")
    assert is_language_root("http://a.kz/?lang=kk")
    assert is_language_root("http://a.kz/")
    assert not is_language_root("http://a.kz/kk/news.html")
    assert normalise_url("HTTP://A.kz/x#top") == "http://a.kz/x"
    assert normalise_url("mailto:a@b.kz") == ""
    assert in_scope("http://a.kz/x", ["a.kz"]) and not in_scope("http://b.kz/", ["a.kz"])
    assert not in_scope("javascript:void(0)", ["a.kz"])


def test_html_text_reads_lang_title_and_main() -> None:
    page = html_text(
        '<!doctype html><html lang="kk"><head><title> Басты  бет </title>'
        "<script>var x = 'Новости';</script></head><body><nav>Меню</nav>"
        "<main><h1>Жаңалықтар</h1><p>Әкім &amp; халық<br>кездесті</p></main>"
        "<footer>Footer</footer></body></html>"
    )
    assert page.lang == "kk"
    assert page.title == "Басты бет"
    assert page.main_text == "Жаңалықтар\nӘкім & халық\nкездесті"  # block elements end lines


def test_html_text_without_main_and_broken_markup() -> None:
    page = html_text("<html><body><div><p>Привет <b>мир</div><style>p{}</style>")
    assert page.lang == "" and page.main_text == "Привет мир"  # inline tags do not split
    assert html_text("").main_text == ""
    assert html_text("<<<>>>&#xffffff;").main_text is not None
