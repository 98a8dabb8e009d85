"""language-parity and discover_languages on hand-made snapshots."""

from __future__ import annotations

from tester.gather.snapshot import Link, PageSnapshot
from tester.lexicon.letters import letter_stats
from tester.site.data import SiteArtifacts, VersionInfo
from tester.site.language import audit_language_parity, counterpart_map, discover_languages

SITE = "http://gov.test"
KK = ("Аудан әкімдігі азаматтарды жеке қабылдау кестесін бекітті. Өтініштер электрондық түрде "
      "eOtinish порталы арқылы қабылданады. Әкімнің орынбасарлары әр сейсенбі сайын тұрғындармен "
      "кездеседі. Жаңалықтар күн сайын жаңартылып отырады. Байланыс телефондары төменде берілген.")
RU = ("Акимат района утвердил график личного приема граждан. Обращения принимаются в электронном "
      "виде через портал eOtinish. Заместители акима каждый вторник встречаются с жителями района. "
      "Новости обновляются ежедневно. Контактные телефоны приведены ниже на этой странице.")
EN = ("The district akimat approved the schedule of personal reception of citizens. Appeals are "
      "accepted electronically through the eOtinish portal. Deputies meet residents every Tuesday.")
LABELS = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}


def switch(path: str) -> tuple[Link, ...]:
    """A language switch leading to the same page in each language (/xx/rest)."""
    rest = path.split("/", 2)[2]
    return tuple(Link(f"{SITE}/{lang}/{rest}", label) for lang, label in LABELS.items())


def page(path: str, lang: str, main: str, links: tuple[Link, ...] | None = None,
         hreflang: dict[str, str] | None = None, status: int = 200) -> PageSnapshot:
    links = switch(path) if links is None else links
    return PageSnapshot(url=SITE + path, lang=lang, text=main, main_text=main, links=list(links),
                        hreflang=hreflang or {}, http_status=status)


def arts(versions: dict[str, VersionInfo] | None = None) -> SiteArtifacts:
    return SiteArtifacts(home_url=SITE + "/", scope_hosts=["gov.test"], versions=versions or {})


def version(path: str, status: int = 200, lang: str = "", text: str = "") -> VersionInfo:
    stats = letter_stats(text)
    return VersionInfo(url=SITE + path, status=status, lang=lang, letters=stats.letters,
                       cyrillic=stats.cyrillic, latin=stats.latin, kazakh=stats.kazakh)


GOOD = [
    page("/kk/index.html", "kk", KK), page("/ru/index.html", "ru", RU),
    page("/en/index.html", "en", EN), page("/kk/news.html", "kk", KK),
    page("/ru/news.html", "ru", RU), page("/en/news.html", "en", EN),
]


def test_complete_kazakh_version_passes() -> None:
    result = audit_language_parity(arts(), GOOD)
    assert result.status == "passed", [f.message for f in result.findings]
    assert result.data["pages_by_language"] == {"kk": 2, "ru": 2, "en": 2, "unknown": 0}
    assert result.data["parity_gap"] == 0.0


def test_russian_left_on_a_kazakh_page_fails() -> None:
    pages = [*GOOD[:3], page("/kk/news.html", "kk", RU), GOOD[4]]
    result = audit_language_parity(arts(), pages)
    assert result.status == "failed"
    [finding] = [f for f in result.findings if f.rule == "wrong-language-content"]
    assert finding.impact == "serious" and finding.data["page"] == SITE + "/kk/news.html"
    assert "Russian left on a Kazakh page" in finding.message
    assert result.data["parity_gap"] == 0.667  # 1 page really in Kazakh for 3 in Russian


def test_kazakh_menus_around_russian_content_are_russian_content() -> None:
    menus = "Басты бет\nЖаңалықтар\nБайланыс\nӨтініштер\nСарыарқа ауданының әкімдігі\n"
    snap = PageSnapshot(url=SITE + "/kk/news.html", lang="kk", http_status=200,
                        main_text="Жаңалықтар\n01.10.2026\n" + RU,
                        text=menus + "Жаңалықтар\n01.10.2026\n" + RU)
    result = audit_language_parity(arts(), [GOOD[0], snap])
    assert [f.rule for f in result.findings] == ["wrong-language-content"]


def test_kazakh_page_quoting_russian_stays_kazakh() -> None:
    quoted = KK + " Әкім айтқандай: «Мы открыты к диалогу с жителями района»."
    result = audit_language_parity(arts(), [page("/kk/news.html", "kk", quoted), GOOD[4]])
    assert [f.rule for f in result.findings] == []


def test_invalid_missing_and_mismatched_lang_attributes() -> None:
    pages = [page("/kk/a.html", "kz", KK), page("/kk/b.html", "", KK),
             page("/kk/c.html", "ru", KK), page("/kk/d.html", "kk-KZ", KK)]
    result = audit_language_parity(arts(), pages)
    rules = {f.data["page"].rsplit("/", 1)[1]: f.rule for f in result.findings}
    assert rules == {"a.html": "html-lang-invalid", "b.html": "html-lang-missing",
                     "c.html": "html-lang-mismatch"}
    assert result.status == "failed"


def test_missing_kazakh_counterpart_fails() -> None:
    pages = [page("/ru/index.html", "ru", RU), page("/kk/index.html", "kk", KK),
             page("/ru/stats.html", "ru", RU)]
    versions = {SITE + "/kk/stats.html": version("/kk/stats.html", status=404)}
    result = audit_language_parity(arts(versions), pages)
    missing = [f for f in result.findings if f.rule == "missing-language-version"]
    assert [(f.data["version"], f.impact) for f in missing] == [
        (SITE + "/kk/stats.html", "serious")]
    assert result.data["missing_versions"][0]["answer"] == "HTTP 404"
    assert result.status == "failed"


def test_fetched_kazakh_counterpart_in_russian_fails() -> None:
    pages = [page("/ru/index.html", "ru", RU), page("/kk/index.html", "kk", KK),
             page("/ru/stats.html", "ru", RU)]
    versions = {SITE + "/kk/stats.html": version("/kk/stats.html", lang="kk", text=RU)}
    result = audit_language_parity(arts(versions), pages)
    [finding] = [f for f in result.findings if f.rule == "wrong-language-content"]
    assert finding.data["page"] == SITE + "/kk/stats.html"
    assert result.data["pages_by_language"]["ru"] == 3


def test_fetched_kazakh_counterpart_in_kazakh_passes() -> None:
    pages = [page("/ru/index.html", "ru", RU), page("/kk/index.html", "kk", KK),
             page("/ru/stats.html", "ru", RU)]
    versions = {SITE + "/kk/stats.html": version("/kk/stats.html", lang="kk", text=KK)}
    result = audit_language_parity(arts(versions), pages)
    assert result.status == "passed" and result.data["parity_gap"] == 0.0


def test_site_without_kazakh_fails() -> None:
    only_ru = (Link(SITE + "/ru/index.html", "РУС"), Link(SITE + "/en/index.html", "ENG"))
    pages = [page("/ru/index.html", "ru", RU, only_ru), page("/en/index.html", "en", EN, only_ru)]
    result = audit_language_parity(arts(), pages)
    rules = {f.rule for f in result.findings}
    assert {"no-kazakh-pages", "no-kazakh-version-link"} <= rules
    assert result.status == "failed" and result.data["parity_gap"] == 1.0


def test_root_kazakh_site_gets_no_invented_kk_prefix() -> None:
    # "/" is Kazakh and "/ru/" Russian: /kk/... must not be guessed.
    homes = (Link(SITE + "/", "ҚАЗ"), Link(SITE + "/ru/", "РУС"))
    pages = [page("/", "kk", KK, homes), page("/about.html", "kk", KK, homes),
             page("/ru/about.html", "ru", RU, homes)]
    options = counterpart_map(pages)
    assert options[SITE + "/ru/about.html"]["kk"] == (SITE + "/", "switch-home")
    assert all("/kk/" not in url for o in options.values() for url, _ in o.values())
    result = audit_language_parity(arts(), pages)
    assert not [f for f in result.findings if f.rule == "missing-language-version"]
    drops = {f.data["lang"]: f for f in result.findings if f.rule == "language-link-to-home"}
    assert drops["kk"].data["pages"] == [SITE + "/ru/about.html"]
    assert drops["kk"].impact == "moderate" and drops["ru"].impact == "minor"
    assert result.data["links_to_home"] == {"kk": 1, "ru": 1}


def test_switch_to_home_falls_back_to_url_pattern() -> None:
    # hreflang en points to the English home from a deep page; /en/vacancies.html is tried.
    snap = page("/ru/vacancies.html", "ru", RU, links=(),
                hreflang={"en": SITE + "/en/index.html", "kk": SITE + "/kk/vacancies.html"})
    options = counterpart_map([snap, *GOOD[:3]])[SITE + "/ru/vacancies.html"]
    assert options["en"] == (SITE + "/en/vacancies.html", "url-pattern")
    versions = {SITE + "/en/vacancies.html": version("/en/vacancies.html", status=404),
                SITE + "/kk/vacancies.html": version("/kk/vacancies.html", lang="kk", text=KK)}
    result = audit_language_parity(arts(versions), [snap, *GOOD[:3]])
    rules = sorted((f.rule, f.impact) for f in result.findings)
    assert rules == [("language-link-to-home", "minor"), ("missing-language-version", "minor")]
    assert result.status == "passed"  # English gaps are minor


def test_hreflang_wins_over_url_pattern() -> None:
    snap = page("/ru/a.html", "ru", RU, hreflang={"kk-KZ": SITE + "/kk/a-kaz.html",
                                                  "x-default": SITE + "/"})
    options = counterpart_map([snap, GOOD[0]])[SITE + "/ru/a.html"]
    assert options["kk"] == (SITE + "/kk/a-kaz.html", "hreflang")
    assert options["en"] == (SITE + "/en/a.html", "url-pattern")


def test_discover_languages_path_markers() -> None:
    assert discover_languages(list(reversed(GOOD))) == {
        "kk": SITE + "/kk/index.html", "ru": SITE + "/ru/index.html", "en": SITE + "/en/index.html"}


def test_discover_languages_query_parameter_site() -> None:
    links = (Link(SITE + "/?lang=kk", "Қазақша"), Link(SITE + "/?lang=ru", "Русский"))
    home = page("/?lang=ru", "ru", RU, links)
    assert discover_languages([home]) == {"kk": SITE + "/?lang=kk", "ru": SITE + "/?lang=ru",
                                          "en": None}


def test_discover_languages_from_switch_only() -> None:
    links = (Link(SITE + "/kaz/", "KAZ"),)
    home = page("/", "ru", RU, links)
    assert discover_languages([home]) == {"kk": SITE + "/kaz/", "ru": SITE + "/", "en": None}
    assert discover_languages([]) == {"kk": None, "ru": None, "en": None}


def test_no_pages_is_skipped() -> None:
    assert audit_language_parity(arts(), []).status == "skipped"


def test_search_results_pages_are_not_judged_for_language() -> None:
    from tester.gather.snapshot import PageSnapshot
    from tester.site.language import _content_findings, page_language

    russian = "Результаты поиска по запросу Акимат района: ничего не найдено. " * 5
    results = PageSnapshot(url="http://x.kz/search?q=Акимат&lang=en", lang="en", main_text=russian)
    page = PageSnapshot(url="http://x.kz/en/about", lang="en", main_text=russian)
    assert _content_findings(page_language(results)) == []
    assert [f.rule for f in _content_findings(page_language(page))] == ["wrong-language-content"]
