"""News items by structure and publication dates by where sites publish them (goals/news.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tester.goals.appeal import recognise_appeal
from tester.goals.news import date_line, news_signals, publication_dates
from tester.snapshot import DateMark, PageSnapshot

SITE = "https://akimat.test"
LAWS = ("Порядок рассмотрения обращений\n"
        "Закон Республики Казахстан от 12 января 2007 года № 221-III «О порядке рассмотрения "
        "обращений физических и юридических лиц»; Административный процедурно-процессуальный "
        "кодекс от 29 июня 2020 года № 350-VI.\n"
        "Подать обращение можно через канцелярию или портал электронного правительства. "
        "Обращения принимаются с 9:00 до 18:30, срок рассмотрения пятнадцать рабочих дней. "
        "График приема граждан акимом: первый вторник месяца.")
NEWS = ("Изменён порядок рассмотрения обращений\n20.11.2026\n"
        "С 1 января 2027 года обращения принимаются в новом порядке. Подать обращение можно "
        "через портал, прием граждан ведется по графику.")


def snap(path: str, text: str, heading: str, marks: tuple[DateMark, ...] = (),
         breadcrumb: str = "") -> PageSnapshot:
    return PageSnapshot(url=SITE + path, lang="ru", title=heading, text=text, main_text=text,
                        headings=[heading], dates=list(marks), breadcrumb=breadcrumb)


@pytest.mark.parametrize("line,expected", [
    ("20.11.2026", date(2026, 11, 20)),
    ("18 ноября 2026 г., 15:40 | Просмотров: 212", date(2026, 11, 18)),
    ("2026 жылғы 20 қарашада, 11:40", date(2026, 11, 20)),
    ("Жұма, 20.11.2026 - 10:15", date(2026, 11, 20)),
    ("Опубликовано: 20.11.2026", date(2026, 11, 20)),
    ("Posted on November 20, 2026", date(2026, 11, 20)),
    ("2026-11-20", date(2026, 11, 20)),
])
def test_date_lines(line: str, expected: date) -> None:
    assert date_line(line) == expected


@pytest.mark.parametrize("line", [
    "Правила вступают в силу 1 января 2027 года",
    "Закон РК от 12 января 2007 года № 221-III",
    "Последнее изменение: 14.03.2025",
    "Данные на 01.01.2023",
    "Жаңартылған күні: 20.11.2026",
    "© 2007–2026",
])
def test_sentences_and_update_lines_are_not_date_lines(line: str) -> None:
    assert date_line(line) is None


def test_procedure_citing_dated_laws_is_not_news_and_passes() -> None:
    page = snap("/citizens/obrashcheniya/", LAWS, "Порядок рассмотрения обращений",
                marks=(DateMark("text", "Последнее изменение: 14.03.2025", hint="last-modified"),),
                breadcrumb="Главная › Гражданам › Порядок рассмотрения обращений")
    assert news_signals(page) == []
    assert publication_dates(page) == []
    assert recognise_appeal(page).met


def test_news_story_is_news_by_its_dated_headline_not_its_url() -> None:
    marked = snap("/aktualno/4620/", NEWS, "Изменён порядок рассмотрения обращений",
                  marks=(DateMark("text", "20.11.2026", "headline", hint="news-date-time"),))
    assert news_signals(marked) == ["dated-headline"]
    # A snapshot without date marks (stored before they existed): the date line under the h1.
    plain = snap("/aktualno/4620/", NEWS, "Изменён порядок рассмотрения обращений")
    assert news_signals(plain) == ["dated-headline"]
    for page in (marked, plain):
        result = recognise_appeal(page)
        assert not result.met and result.evidence["news_signals"] == ["dated-headline"]


def test_breadcrumb_and_article_metadata_make_news() -> None:
    crumbs = snap("/node/318", NEWS.replace("20.11.2026\n", ""), "Изменён порядок",
                  breadcrumb="Басты бет › Жаңалықтар")
    article = snap("/p/318", "Текст", "Итоги", marks=(
        DateMark("jsonld", "2026-11-20T09:30:00+05:00", hint="NewsArticle"),))
    webpage = snap("/p/319", "Текст", "О районе", marks=(
        DateMark("jsonld", "2021-02-10", hint="WebPage"),))
    assert news_signals(crumbs) == ["breadcrumb"]
    assert news_signals(article) == ["article-metadata"]
    assert news_signals(webpage) == []  # Yoast puts WebPage dates on every page


def test_update_dates_and_stray_dates_are_not_publication_dates() -> None:
    page = snap("/news/1", "Текст", "Итоги", marks=(
        DateMark("time", "2026-11-22T18:00:00+05:00", "headline", hint="updated"),
        DateMark("meta", "2026-11-21", hint="article:modified_time"),
        DateMark("text", "21.11.2026", ""),  # a date somewhere, not beside a title
        DateMark("time", "2026-11-20T10:15:00+05:00", "headline", hint="entry-date published"),
        DateMark("text", "19.11.2026", "", hint="news-date-time"),
    ))
    assert [(d.value.day, d.source) for d in publication_dates(page)] == [(20, "headline"),
                                                                         (19, "class")]


def test_home_page_news_teaser_title_is_not_the_appeals_heading() -> None:
    text = ("Аким района\nСоңғы жаңалықтар\nӨтініштерді қарау тәртібі өзгерді\n14.02.2024\n"
            "Өтініш беру тәртібі өзгерді: өтініштер портал арқылы қабылданады, қабылдау кестесі.")
    page = PageSnapshot(url=SITE + "/kz/", lang="kk", title="Аким района", text=text,
                        main_text=text, headings=["Аким района", "Соңғы жаңалықтар",
                                                  "Өтініштерді қарау тәртібі өзгерді"],
                        dates=[DateMark("text", "14.02.2024", "listing",
                                        "Өтініштерді қарау тәртібі өзгерді", SITE + "/kz/n/1",
                                        group=2)])
    assert not recognise_appeal(page).met


def test_stored_snapshots_without_date_marks_still_load() -> None:
    old = {"url": SITE + "/news/1", "title": "Итоги", "text": NEWS, "main_text": NEWS,
           "headings": ["Изменён порядок рассмотрения обращений"], "links": [], "images": []}
    loaded = PageSnapshot.from_dict(old)
    assert loaded.dates == [] and loaded.breadcrumb == ""
    assert [d.source for d in publication_dates(loaded)] == ["headline"]
    marked = snap("/p/1", "Текст", "Итоги",
                  marks=(DateMark("jsonld", "2026-11-20", hint="Article"),))
    assert PageSnapshot.from_dict(marked.to_dict()) == marked
