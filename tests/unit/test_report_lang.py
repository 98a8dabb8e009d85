"""The report in a screen reader: text quoted from a site carries that page's language, ours the
report's, and axe-core's English help says it is English.

The fixture is the demo run (tests/golden/demo): a Russian/Kazakh site with an English version.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement
from support.language_scan import english_sentences

from tester.i18n import scripts
from tester.model import Finding, PageResult, RunResult, SiteResult
from tester.report import load_result, render_html
from tester.report.sitelang import (
    marked_message,
    mixed_text,
    site_text,
    step_caption,
    url_language,
)
from tester.site.sections import audit_required_sections
from tester.snapshot import PageSnapshot

DEMO_DIR = Path(__file__).resolve().parents[1] / "golden" / "demo"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
SPOKEN_ATTRIBUTES = ("alt", "aria-label", "title")


@pytest.fixture(scope="module")
def demo() -> RunResult:
    return load_result(DEMO_DIR / "result.json")


def _language_of(element: HtmlElement) -> str | None:
    node: HtmlElement | None = element
    while node is not None and node.get("lang") is None:
        node = node.getparent()
    return None if node is None else node.get("lang")


def texts_by_language(html: str) -> list[tuple[str | None, str, HtmlElement]]:
    """Every text a reader hears in <body> (text nodes and alt/aria-label/title), with the
    language its closest [lang] ancestor declares."""
    body = lxml.html.fromstring(html).find("body")
    found = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("style", "script"):
            continue
        if element.text and element.text.strip():
            found.append((_language_of(element), element.text, element))
        parent = element.getparent()
        if element.tail and element.tail.strip() and parent is not None:
            found.append((_language_of(parent), element.tail, parent))
        found += [(_language_of(element), element.get(name), element)
                  for name in SPOKEN_ATTRIBUTES if element.get(name)]
    return found


def cyrillic_read_as(html: str, language: str) -> list[str]:
    return [text for lang, text, _ in texts_by_language(html)
            if lang == language and CYRILLIC.search(text)]


def test_no_cyrillic_is_read_with_an_english_voice(demo: RunResult) -> None:
    html = render_html(demo, "en")
    assert cyrillic_read_as(html, "en") == []  # 105 before site text was marked
    marked = {lang for lang, text, _ in texts_by_language(html) if CYRILLIC.search(text)}
    assert marked == {"ru", "kk"}
    root = lxml.html.fromstring(html)
    titles = {h.text_content().strip(): _language_of(h.find("span"))
              for h in root.iter("h4") if h.find("span") is not None}
    assert titles["Жасыл ауданының әкімдігі – Ресми интернет-ресурс"] == "kk"
    assert titles["Контакты – Акимат Жасыл района"] == "ru"
    # The <title> cannot hold markup: the only Cyrillic outside <body> is the site's name there.
    assert CYRILLIC.search(root.find("head/title").text)


def test_the_check_counts_unmarked_site_text(demo: RunResult) -> None:
    # The same report without the marks fails the test above (what it looked like before).
    stripped = re.sub(r'<span lang="(ru|kk)" dir="auto">', "<span>", render_html(demo, "en"))
    assert len(cyrillic_read_as(stripped, "en")) > 50


def test_a_russian_report_marks_english_as_english(demo: RunResult) -> None:
    html = render_html(demo, "ru")
    assert cyrillic_read_as(html, "en") == []
    root = lxml.html.fromstring(html)
    axe_messages = [p for p in root.iter("p") if "message" in (p.get("class") or "")
                    and p.getparent().getparent().find(".//code") is not None
                    and "Dependency" not in p.text_content()]
    axe = [p for p in axe_messages if "(на английском)" in p.text_content()]
    assert axe and all(_language_of(p.find("span")) == "en" for p in axe)
    # No English sentence of ours or axe's is left to be read with a Russian voice.
    russian = [text for lang, text, element in texts_by_language(html)
               if lang == "ru" and element.tag not in ("code", "pre")]
    assert [s for text in russian for s in english_sentences(text)] == []
    # Kazakh quoted in a Russian report is Kazakh.
    assert "kk" in {lang for lang, text, _ in texts_by_language(html) if CYRILLIC.search(text)}


def test_the_language_of_a_text_from_a_page() -> None:
    assert scripts.text_language("Байланыс", "kk") == "kk"  # no Kazakh-only letter: the page
    assert scripts.text_language("Басты бет", None) == "ru"  # unknown page: the script says
    assert scripts.text_language("Қазақша", "ru") == "kk"  # Kazakh letters win over the page
    assert scripts.text_language("eOtinish", "ru") == "en"  # Latin is never read as Russian
    assert scripts.text_language("Contacts", "en-GB") == "en"
    assert scripts.text_language("12:30", "ru") is None
    assert scripts.normalise("kz") == "kk" and scripts.normalise("ru_RU") == "ru"
    assert scripts.normalise('"><script>') is None


def test_marks_escape_hostile_text() -> None:
    html = str(site_text('<img src=x onerror=alert(1)>Привет', "ru", "en"))
    assert html == ('<span lang="ru" dir="auto">&lt;img src=x onerror=alert(1)&gt;Привет'
                    '</span>')
    assert str(site_text("Привет", "ru", "ru")) == "Привет"  # the report's own language: bare
    mixed = str(mixed_text("Searching for «Әкімдік» on http://a.kz/x", None, "en"))
    assert mixed == 'Searching for «<span lang="kk" dir="auto">Әкімдік</span>» on http://a.kz/x'
    address = str(mixed_text("found at http://a.kz/search?q=Акимат+района now", "ru", "en"))
    assert address == ('found at <span lang="ru" dir="auto">http://a.kz/search?q=Акимат+района'
                       '</span> now')  # one address, one mark
    # English help in a Kazakh report: marked English as a whole.
    assert str(mixed_text("Images must have alt", None, "kk", "en")) == (
        '<span lang="en">Images must have alt</span>')


def test_a_step_takes_the_language_of_its_page() -> None:
    site = SiteResult(url="http://a.kz/", languages={"kk": "http://a.kz/kk/index.html",
                                                     "ru": "http://a.kz/ru/index.html"},
                      pages=[PageResult(url="http://a.kz/ru/index.html", lang="ru"),
                             PageResult(url="http://a.kz/kk/news.html", language="kk")])
    assert url_language(site, "http://a.kz/kk/news.html") == "kk"
    assert url_language(site, "http://a.kz/kk/contacts.html") == "kk"  # in the kk folder
    assert url_language(site, "http://a.kz/other.html") == "ru"  # the site's home page


def test_axe_help_is_marked_english_only_where_it_is(demo: RunResult) -> None:
    english = Finding(rule="image-alt", source="axe", impact="serious",
                      message="Images must have alternative text")
    translated = english.model_copy(update={"messages": {"kk": "Суреттердің alt мәтіні болсын"}})
    for finding, marked in ((english, True), (translated, False)):
        site = SiteResult(url="http://a.kz/", pages=[PageResult(url="http://a.kz/",
                                                                findings=[finding])])
        html = render_html(RunResult(sites=[site]), "kk")
        assert ('<span lang="en">' in html and "(ағылшын тілінде)" in html) is marked


# What a Kazakh report rightly shares with the English one: names, dates, versions, WCAG, and
# addresses, paths and file names (no language's words, so they are not marked).
SAME_IN_KK_AND_EN = re.compile(
    r"(?:· )?(?:ashyq|axe-core|HTML)(?: [\d.]+| —)?|\d{4}-\d\d-\d\d [\d:]+ UTC"
    r"|Chromium [\d.]+|WCAG [\d.]+(?: AA?A?)?|\S*[/.@:]\S*")
SNAKE_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")


def ours(html: str, language: str) -> set[str]:
    """Texts in the report's own language (site text and English are marked otherwise), with
    letters, outside code."""
    return {" ".join(text.split()) for lang, text, element in texts_by_language(html)
            if lang == language and element.tag not in ("code", "pre")
            and re.search(r"[A-Za-z\u0400-\u04ff]{2}", text)}


def untranslated(run: RunResult, language: str) -> list[str]:
    same = ours(render_html(run, "en"), "en") & ours(render_html(run, language), language)
    return sorted(text for text in same if not SAME_IN_KK_AND_EN.fullmatch(text))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_kazakh_report_shares_no_words_of_ours_with_the_english_one(
        demo: RunResult, language: str) -> None:
    assert untranslated(demo, language) == []
    root = lxml.html.fromstring(render_html(demo, language))
    keys = [dt.text_content().strip() for dt in root.iter("dt")]
    assert keys and not [key for key in keys if SNAKE_KEY.fullmatch(key)]
    alts = [img.get("alt") or "" for img in root.iter("img")]
    assert alts and all(CYRILLIC.search(alt) for alt in alts)  # every screenshot, in kk/ru
    age_days = {"kk": "Жасы, күн", "ru": "Возраст, дней"}[language]
    assert age_days in root.text_content()


@pytest.mark.parametrize(("language", "section"), [
    ("kk", "Мемлекеттік рәміздер"), ("ru", "Государственные символы"), ("en", "State symbols")])
def test_required_sections_are_named_in_the_report_language(
        demo: RunResult, language: str, section: str) -> None:
    # A fresh result (the golden one predates titles per language): a home page with no sections.
    home = PageSnapshot(url="http://a.kz/ru/", lang="ru", title="Главная", http_status=200)
    check = audit_required_sections([home])
    site = demo.sites[0].model_copy(update={"checks": [check]})
    text = lxml.html.fromstring(render_html(RunResult(sites=[site]), language)).text_content()
    others = {"kk": "Мемлекеттік рәміздер", "ru": "Государственные символы",
              "en": "State symbols"}
    assert section in text
    assert not [name for lang, name in others.items() if lang != language and name in text]


def test_the_comparison_catches_an_untranslated_key(
        demo: RunResult, monkeypatch: pytest.MonkeyPatch) -> None:
    from tester import i18n
    monkeypatch.setitem(i18n._load("kk"), "evidence.age_days", "Age in days")
    assert untranslated(demo, "kk") == ["Age in days"]
    monkeypatch.delitem(i18n._load("kk"), "evidence.age_days")  # falls back to English
    assert untranslated(demo, "kk") == ["Age in days"]
    monkeypatch.delitem(i18n._load("en"), "evidence.age_days")  # a key nobody wrote: humanised
    assert untranslated(demo, "kk") == ["Age days"]


def test_axe_help_in_russian_from_an_axe_core_locale_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The shape of axe-core's locales/ru.json (npm package axe-core), one rule of it.
    (tmp_path / "ru.json").write_text(
        '{"lang": "ru", "rules": {"image-alt": {"description": "Убедитесь, что у <img> есть '
        'альтернативный текст", "help": "Изображения должны иметь альтернативный текст"}}}',
        encoding="utf-8")
    finding = Finding(rule="image-alt", source="axe", impact="serious",
                      message="Images must have alternative text. Fix any of the following: …")
    run = RunResult(sites=[SiteResult(url="http://a.kz/", pages=[
        PageResult(url="http://a.kz/", findings=[finding])])])
    monkeypatch.setenv("ASHYQ_AXE_LOCALES", str(tmp_path))
    russian = render_html(run, "ru")
    assert "Изображения должны иметь альтернативный текст" in russian
    assert "Изображения должны" not in render_html(run, "kk")  # axe-core has no kk locale
    assert "Изображения должны" not in render_html(run, "en")
    monkeypatch.setenv("ASHYQ_AXE_LOCALES", str(tmp_path / "nowhere"))
    assert "Изображения должны" not in render_html(run, "ru")


def test_a_keyed_message_marks_exactly_the_words_it_quotes() -> None:
    values = {"id": "S06", "names": {"en": "Appeals", "ru": "Обращения", "kk": "Өтініштер"}}
    # Our own localised literal is not the site's: no mark in any language.
    assert str(marked_message("check.required-sections.missing", values, "ru", "kk")) == (
        "Не найдено: Обращения (S06)")
    # A page title quoted by a Russian sentence on a Kazakh page: Kazakh, and escaped.
    steps = {"label": "<b>Басты бет</b>"}
    assert str(marked_message("step.inner-page", steps, "ru", "kk")) == (
        'внутренняя страница: <span lang="kk" dir="auto">&lt;b&gt;Басты бет&lt;/b&gt;</span>')
    # Nested messages quote too, and counts still choose the noun's form.
    nested = {"what": {"message_key": "step.search", "message_values": {"text": "Әкімдік"}},
              "label": "Нашар көретіндерге", "missing": "x"}
    told = str(marked_message("task.find-low-vision-version.incomplete", nested, "en", "kk"))
    assert told.count('<span lang="kk" dir="auto">') == 2 and "search: " in told
    counted = {"images": 1, "review": "", "considered": 2, "pages": 1}
    assert str(marked_message("check.documents-as-images.summary", counted, "ru", None)) == (
        "Документов, опубликованных картинками: 1 (крупных изображений: 2, страниц: 1).")
    assert marked_message(None, {}, "en", None) is None


def test_a_legacy_english_step_label_is_told_in_the_report_language() -> None:
    from tester.model import Step
    from tester.report.summary import step_label
    inner = Step(action="probe", label="inner page: Об акимате")  # saved before label keys
    assert step_label(inner, "kk") == "ішкі бет: Об акимате"
    assert str(step_caption(inner, "ru", "kk")) == (
        'ішкі бет: <span lang="ru" dir="auto">Об акимате</span>')
    site_words = Step(action="click", label="Контакты")  # the site's own link text
    assert step_label(site_words, "kk") == "Контакты"
    assert str(step_caption(site_words, "ru", "en")) == '<span lang="ru" dir="auto">Контакты</span>'
