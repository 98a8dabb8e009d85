"""required-sections: the checklist as data, matched both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from tester.gather.snapshot import Link, PageSnapshot
from tester.site.sections import (
    audit_required_sections,
    load_checklist,
    parse_checklist,
)

SITE = "http://gov.test"


def page(path: str, *links: Link, headings: tuple[str, ...] = (), title: str = "",
         text: str = "") -> PageSnapshot:
    return PageSnapshot(url=SITE + path, lang="kk", title=title, text=text, links=list(links),
                        headings=list(headings), http_status=200)


CORE_KK = page("/kk/", Link(SITE + "/kk/contacts.html", "Байланыс"),
               Link(SITE + "/kk/appeals.html", "Өтініштер"),
               Link(SITE + "/kk/news.html", "Жаңалықтар"),
               Link(SITE + "/kk/leadership.html", "Басшылық"))


def items(result_data: dict) -> dict[str, dict]:
    return {item["key"]: item for item in result_data["items"]}


def test_default_checklist_has_s01_to_s21_and_core_items() -> None:
    checklist = load_checklist()
    ids = [item.id for item in checklist]
    assert [f"S{n:02d}" for n in range(1, 22)] == [i for i in ids if i.startswith("S")]
    assert {item.key for item in checklist if item.core} == {
        "contacts", "appeals", "news", "leadership"}


def test_core_sections_in_kazakh_are_found_but_the_legally_required_rest_fails() -> None:
    result = audit_required_sections([CORE_KK])
    found = items(result.data)
    assert found["appeals"]["found"] and found["appeals"]["via"] == "link"
    assert found["appeals"]["href"] == SITE + "/kk/appeals.html"
    assert found["appeals"]["languages"] == ["kk"]  # from the /kk/ URL: too little text
    assert not found["anti-corruption"]["found"]
    missing = {f.data["key"]: f.impact for f in result.findings}
    assert missing["anti-corruption"] == "minor"  # TI-KZ: recommended, not the law
    assert missing["legal-acts"] == "moderate"  # L16: required by law
    # The defect: 4 core sections found and 14 legally required ones missing passed.
    assert result.status == "failed"
    assert result.data["core_missing"] == []
    assert "legal-acts" in result.data["legal_missing"]


def _every_item_linked(*, leave_out: tuple[str, ...] = ()) -> PageSnapshot:
    """A home page linking every checklist item by its first term (Kazakh)."""
    links = [Link(f"{SITE}/kk/{item.key}.html", item.terms[0])
             for item in load_checklist() if item.key not in leave_out]
    return PageSnapshot(url=SITE + "/kk/", lang="kk", links=links, http_status=200)


def test_every_section_found_passes() -> None:
    result = audit_required_sections([_every_item_linked()])
    assert result.status == "passed", [f.data["key"] for f in result.findings]
    assert not result.findings


def test_only_recommended_sections_missing_passes() -> None:
    recommended = ("state-symbols", "head-blog", "head-reports", "anti-corruption", "site-map")
    result = audit_required_sections([_every_item_linked(leave_out=recommended)])
    assert result.status == "passed"
    assert {f.data["key"] for f in result.findings} == set(recommended)
    assert {f.impact for f in result.findings} == {"minor"}
    assert result.data["legal_missing"] == []


def test_eight_of_23_legally_required_missing_fails_and_says_so() -> None:
    """The demo site's case (tests/golden/demo): 11 of 23 missing, 8 of them required by law."""
    gone = ("state-symbols", "head-blog", "head-reports", "events", "legal-acts", "strategy",
            "effectiveness", "budget-procurement", "open-data", "public-council", "feedback-faq")
    result = audit_required_sections([_every_item_linked(leave_out=gone)])
    assert result.status == "failed"
    assert len(result.data["legal_missing"]) == 8 and result.data["total"] == 23
    assert result.message == ("12 of 23 sections found, 11 missing (8 of them required by law).")
    assert "8" in result.messages["ru"] and "8" in result.messages["kk"]


def test_missing_appeals_fails() -> None:
    home = page("/ru/", Link(SITE + "/ru/contacts.html", "Контакты"),
                Link(SITE + "/ru/news.html", "Новости"),
                Link(SITE + "/ru/leadership.html", "Руководство"))
    result = audit_required_sections([home])
    assert result.status == "failed"
    assert result.data["core_missing"] == ["appeals"]
    [core] = [f for f in result.findings if f.data["core"]]
    # Each report language names the section in its own words, not all three at once.
    assert core.impact == "serious" and core.message == "Not found: Citizens' appeals (S06)"
    assert "Өтініштер" in core.messages["kk"] and "Өтініштер" not in core.messages["ru"]
    summary = result.messages["kk"]
    assert "Өтініштер" in summary and "appeals" not in summary  # core names, not keys


def test_heads_blog_is_not_leadership() -> None:
    home = page("/kk/", Link(SITE + "/kk/blog.html", "Басшының блогы"))
    found = items(audit_required_sections([home]).data)
    assert found["head-blog"]["found"] and not found["leadership"]["found"]


def test_url_tokens_hosts_headings_and_buttons_count() -> None:
    home = page("/", Link("https://eotinish.kz/sendAppeal?orgId=7", ""),
                Link(SITE + "/contacts/", "→"),
                headings=("Жаңалықтар",), title="Әкімдік", text="Меню\nІздеу\nБасты бет")
    found = items(audit_required_sections([home]).data)
    assert found["appeals"]["via"] == "link-host"
    assert found["contacts"]["via"] == "link-url"
    assert found["news"]["via"] == "heading"
    assert found["search"]["via"] == "text"


def test_long_text_lines_do_not_count_as_a_search_button() -> None:
    home = page("/", text="Поиск работы для выпускников школ района продолжается")
    assert not items(audit_required_sections([home]).data)["search"]["found"]


def test_found_languages_are_recorded() -> None:
    kk_text = "Аудан әкімдігі азаматтарды жеке қабылдау кестесін бекітті. Өтініштер қабылданады."
    home = PageSnapshot(url=SITE + "/kk/", lang="kk", main_text=kk_text * 4, text=kk_text * 4,
                        links=[Link(SITE + "/kk/news.html", "Жаңалықтар")], http_status=200)
    assert items(audit_required_sections([home]).data)["news"]["languages"] == ["kk"]


def test_custom_checklist_extends_the_list(tmp_path: Path) -> None:
    custom = tmp_path / "mine.yaml"
    custom.write_text(
        "items:\n  - id: X01\n    key: hotline\n    core: true\n"
        "    title: {en: Hotline}\n    terms: {ru: [горячая линия], kk: [сенім телефоны]}\n",
        encoding="utf-8")
    checklist = load_checklist(custom)
    ok = page("/", Link(SITE + "/hot.html", "Сенім телефоны"))
    assert audit_required_sections([ok], checklist).status == "passed"
    assert audit_required_sections([page("/")], checklist).status == "failed"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"items": "x"}, "list under 'items'"),
        ({"items": [{"key": "a"}]}, "needs an id and a key"),
        ({"items": [{"id": "A", "key": "a", "terms": {"ru": "нет"}}]}, "list of strings"),
        ({"items": [{"id": "A", "key": "a"}]}, "nothing to match"),
    ],
)
def test_checklist_errors_are_clear(data: dict, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        parse_checklist(data)


def test_no_pages_is_skipped() -> None:
    broken = PageSnapshot(url=SITE + "/", http_status=500)
    assert audit_required_sections([broken]).status == "skipped"
