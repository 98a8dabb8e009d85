"""news-freshness and stale-sections on hand-made snapshots."""

from __future__ import annotations

from datetime import date

from tester.gather.snapshot import DateMark, Link, PageSnapshot
from tester.site.freshness import audit_news_freshness, audit_stale_sections, update_dates

SITE = "http://gov.test"
MONDAY = date(2026, 11, 23)


def page(path: str, main: str, title: str = "", headings: tuple[str, ...] = (),
         links: tuple[Link, ...] = (), status: int = 200) -> PageSnapshot:
    return PageSnapshot(url=SITE + path, lang="ru", title=title, text=main, main_text=main,
                        headings=list(headings), links=list(links), http_status=status)


NEWS_FRESH = page("/ru/news.html", title="Новости", main=(
    "Новости\n20.11.2026 Аким провёл приём граждан\n"
    "18 ноября 2026 Завершён ремонт школы. В 2019 году, 15.03.2019, школа была закрыта.\n"
    "12.11.2026 Итоги недели"))
NEWS_STALE = page("/ru/news.html", title="Новости", main=(
    "Новости\n01.10.2026 Аким провёл приём граждан\n"
    "25.09.2026 Завершён ремонт школы\n"
    "Анонс: 15.12.2026 состоится отчётная встреча акима"))


def test_fresh_news_passes_despite_old_dates_in_article_bodies() -> None:
    result = audit_news_freshness([NEWS_FRESH], MONDAY)
    assert result.status == "passed"
    assert result.data["newest_date"] == "2026-11-20"
    assert result.data["age_working_days"] == 1  # Friday -> Monday
    assert result.findings == []


def test_stale_news_fails_even_with_a_future_event_announced() -> None:
    result = audit_news_freshness([NEWS_STALE], MONDAY)
    assert result.status == "failed"
    assert result.data["newest_date"] == "2026-10-01"  # the 15.12.2026 announcement is ignored
    assert result.data["age_working_days"] == 36  # Monday 26.10 is Republic Day (observed)
    assert result.data["holidays_skipped"] == [{"date": "2026-10-26",
                                                "name": "Republic Day (observed)"}]
    [finding] = result.findings
    assert finding.rule == "news-stale" and "01.10.2026" in finding.message


def test_limit_is_in_working_days() -> None:
    news = page("/kk/news.html", "Жаңалықтар\n2026 жылғы 18 қараша әкім тұрғындармен кездесті",
                title="Жаңалықтар")
    assert audit_news_freshness([news], MONDAY, max_working_days=3).status == "passed"
    assert audit_news_freshness([news], MONDAY, max_working_days=2).status == "failed"


def test_news_teasers_on_the_home_page_count() -> None:
    home = page("/ru/index.html", "Главная. Добро пожаловать.", links=(
        Link(SITE + "/ru/news/15.html", "21 ноября 2026 Аким встретился с ветеранами"),
        Link(SITE + "/ru/about.html", "О районе 01.01.2026"),
    ))
    result = audit_news_freshness([home], MONDAY)
    assert result.status == "passed" and result.data["newest_via"] == "link"


def test_news_block_after_a_news_heading_counts() -> None:
    home = page("/", "Добро пожаловать\nНовости района\n02.11.2026 Открыт новый парк",
                headings=("Добро пожаловать", "Новости района"))
    result = audit_news_freshness([home], MONDAY)
    assert result.data["newest_via"] == "news-block"
    assert result.status == "failed"  # 15 working days old


def test_dates_outside_news_do_not_count() -> None:
    about = page("/ru/about.html", "О районе. Данные на 20.11.2026.", title="О районе")
    assert audit_news_freshness([about], MONDAY).status == "skipped"


def test_undated_news_is_skipped_with_a_finding_to_review() -> None:
    news = page("/ru/news.html", "Новости\nАким провёл приём граждан", title="Новости")
    result = audit_news_freshness([news], MONDAY)
    assert result.status == "skipped"
    assert result.findings[0].rule == "news-undated" and result.findings[0].needs_review


def test_news_pages_answering_404_are_ignored() -> None:
    broken = page("/ru/news.html", "Новости 20.11.2026", title="Новости", status=404)
    assert audit_news_freshness([broken], MONDAY).status == "skipped"


STATS_OLD = page("/ru/statistics.html", title="Статистика",
                 main="Статистика района\nДанные на 01.01.2023\nНаселение: 45 000")
STATS_NEW = page("/ru/statistics.html", title="Статистика",
                 main="Статистика района\nОбновлено: 02.11.2026\nНаселение: 45 000")


def test_stale_statistics_fail() -> None:
    result = audit_stale_sections([STATS_OLD], MONDAY)
    assert result.status == "failed"
    [finding] = result.findings
    assert finding.rule == "stale-section" and finding.data["date"] == "2023-01-01"
    assert finding.data["age_days"] > 365


def test_recently_updated_statistics_pass() -> None:
    result = audit_stale_sections([STATS_NEW], MONDAY)
    assert result.status == "passed" and result.data["sections"][0]["age_days"] == 21


def test_kazakh_and_english_update_markers() -> None:
    kk = page("/kk/stat.html", "Халық саны 2023 жылғы 1 қаңтардағы жағдай бойынша: 45 000")
    en = page("/en/stat.html", "Population. Last updated: 5 March 2022")
    result = audit_stale_sections([kk, en], MONDAY)
    assert result.status == "failed"
    assert sorted(f.data["date"] for f in result.findings) == ["2022-03-05", "2023-01-01"]


def test_newest_update_on_a_page_wins() -> None:
    both = page("/ru/stat.html", "Данные на 01.01.2023 (архив). Обновлено 10.11.2026.")
    assert audit_stale_sections([both], MONDAY).status == "passed"


def test_history_dates_and_old_news_items_are_not_stale_sections() -> None:
    history = page("/ru/history.html", "История. 15.03.2019 открыт музей. В 2019 году ...")
    old_news = page("/ru/news/12.html", "Обновлено: 12.03.2020. Аким открыл школу.")
    assert audit_stale_sections([history, old_news], MONDAY).status == "skipped"


def test_update_dates_marker_must_be_close() -> None:
    far = "Данные на сайте публикуются регулярно, последний отчёт за 2020 год был 01.01.2021"
    assert update_dates(far) == []
    assert [m for _, m in update_dates("Данные на 01.01.2023")] == ["данные на"]


def listing(path: str, title: str, *items: tuple[str, str, str]) -> PageSnapshot:
    """A listing page whose date marks are (date text, item title, item path)."""
    news = page(path, title, title=title, headings=(title,))
    news.dates = [DateMark("text", d, "listing", t, SITE + p, hint="news-date-time",
                           group=len(items)) for d, t, p in items]
    return news


def test_a_date_after_the_audit_date_is_suspicious_never_the_newest() -> None:
    news = listing("/ru/press.html", "Пресс-центр", ("05.12.2026", "Открыт центр", "/ru/p/88"),
                   ("20.11.2026", "Проведён приём", "/ru/p/87"))
    result = audit_news_freshness([news], MONDAY)
    assert result.status == "passed" and result.data["newest_date"] == "2026-11-20"
    assert [s["date"] for s in result.data["suspicious"]] == ["2026-12-05"]
    [future] = result.findings
    assert future.rule == "news-date-future" and future.needs_review
    assert "05.12.2026" in future.message


def test_running_text_dates_are_neither_newest_nor_suspicious() -> None:
    item = page("/ru/page/novosti-pravila.html", title="Новые правила",
                main="Новые правила\nПравила вступают в силу 1 января 2027 года. Прежние "
                     "правила от 20.11.2026 утратили силу.", headings=("Новые правила",))
    item.dates = [DateMark("text", "18 ноября 2026 г., 15:40 | Просмотров: 212", "headline"),
                  DateMark("text", "Правила вступают в силу 1 января 2027 года.", "headline")]
    result = audit_news_freshness([item], MONDAY)
    assert result.data["newest_date"] == "2026-11-18" and result.data["suspicious"] == []
    assert result.status == "passed" and result.data["newest_via"] == "headline"


def test_stale_listing_fails_though_previews_name_newer_dates() -> None:
    news = listing("/ru/press-center/news/", "Новости",
                   ("02.10.2026", "Приём заявок продлён", "/ru/press-center/news/4512/"))
    news.main_text = news.text = "Новости\n02.10.2026 Приём заявок продлён\n" \
                                 "Заявки принимаются до 20 ноября 2026 года."
    result = audit_news_freshness([news], MONDAY)
    assert result.status == "failed" and result.data["newest_date"] == "2026-10-02"


def test_items_listed_by_a_news_page_are_news_items() -> None:
    news = listing("/ru/press-center/", "Пресс-центр",
                   ("10.11.2026", "Изменён порядок", "/ru/aktualno/4620/"))
    item = page("/ru/aktualno/4620/", "Изменён порядок\nТекст", title="Изменён порядок")
    item.dates = [DateMark("text", "20.11.2026", "", hint="news-date-time")]
    other = page("/ru/o-rajone/", "О районе", title="О районе")
    other.dates = [DateMark("text", "21.11.2026", "", hint="news-date-time")]  # not listed
    result = audit_news_freshness([news, item, other], MONDAY)
    assert result.data["newest_date"] == "2026-11-20" and result.data["newest_via"] == "class"
    assert SITE + "/ru/o-rajone/" not in result.data["news_pages"]


# Nauryz 2026: 21-23 March, and 24-25 March off for the two that fell on the weekend.
BEFORE_NAURYZ, DURING_NAURYZ = date(2026, 3, 18), date(2026, 3, 24)
ORDINARY_WEDNESDAY, ORDINARY_TUESDAY = date(2026, 4, 15), date(2026, 4, 21)


def news_of(day: date) -> PageSnapshot:
    return page("/ru/news.html", title="Новости", main=f"Новости\n{day:%d.%m.%Y} Аким провёл приём")


def test_kazakhstan_holidays_are_not_working_days() -> None:
    result = audit_news_freshness([news_of(BEFORE_NAURYZ)], DURING_NAURYZ, max_working_days=3)
    assert result.status == "passed"
    assert result.data["age_working_days"] == 2  # Thursday, Friday; Monday, Tuesday are Nauryz
    assert [h["date"] for h in result.data["holidays_skipped"]] == ["2026-03-23", "2026-03-24"]
    assert "Nowruz" in result.data["holidays_skipped"][0]["name"]


def test_the_same_gap_in_ordinary_weeks_is_stale() -> None:
    result = audit_news_freshness([news_of(ORDINARY_WEDNESDAY)], ORDINARY_TUESDAY,
                                  max_working_days=3)
    assert result.status == "failed"
    assert result.data["age_working_days"] == 4 and result.data["holidays_skipped"] == []


def test_no_calendar_counts_only_weekends() -> None:
    result = audit_news_freshness([news_of(BEFORE_NAURYZ)], DURING_NAURYZ, max_working_days=3,
                                  calendar="none")
    assert result.status == "failed" and result.data["age_working_days"] == 4


def test_holidays_option_adds_days_to_the_calendar() -> None:
    result = audit_news_freshness([news_of(ORDINARY_WEDNESDAY)], ORDINARY_TUESDAY,
                                  max_working_days=3, holidays=[date(2026, 4, 20)])
    assert result.status == "passed"
    assert result.data["holidays_skipped"] == [{"date": "2026-04-20",
                                                "name": "set in the holidays option"}]
