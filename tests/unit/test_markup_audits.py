"""The markup checks' audits, pure: gathered facts in, findings out (no browser)."""

from __future__ import annotations

from typing import Any

import pytest

from tester.checks.markup import alt_text, deprecated, form_labels, link_text, table_headers
from tester.checks.markup.alt_text import is_file_name
from tester.checks.markup.words import fold_link_text, non_specific_language


def _link(name: str, **extra: Any) -> dict[str, Any]:
    return {"selector": f"a.{len(name)}", "snippet": f"<a>{name}</a>", "name": name,
            "how": "content", "title": "", "described": "", "around": "", "container": "",
            "pager": False, **extra}


@pytest.mark.parametrize(("text", "language"), [
    ("Подробнее", "ru"), ("  Подробнее »", "ru"), ("ЧИТАТЬ ДАЛЕЕ...", "ru"), ("Читать ещё", "ru"),
    ("[Толығырақ]", "kk"), ("Әрі қарай →", "kk"), ("Click here", "en"), ("Read more…", "en"),
])
def test_non_specific_texts_are_recognised_however_decorated(text: str, language: str) -> None:
    assert non_specific_language(text) == language


@pytest.mark.parametrize("text", [
    "Подробнее о конкурсе на замещение вакантной должности", "Толығырақ: қызметтер тізімі",
    "Оқу", "Новости", "Больше новостей района", "",
])
def test_specific_or_other_texts_are_not(text: str) -> None:
    assert non_specific_language(text) is None


def test_fold_keeps_inner_words() -> None:
    assert fold_link_text(" «Читать  далее» → ") == "читать далее"


def test_bare_links_group_into_one_failure_with_a_count() -> None:
    links = [_link("Подробнее") for _ in range(3)] + [_link("Подробнее »")]
    result = link_text.audit({"links": links})
    assert result.status == "failed"
    [finding] = result.findings
    assert finding.data["kind"] == link_text.NO_CONTEXT and finding.data["count"] == 4
    assert finding.wcag == ["2.4.4"] and not finding.needs_review
    assert "«Подробнее»" in finding.messages["ru"] and finding.messages["kk"]


def test_context_turns_a_failure_into_a_2_4_9_advisory_kind() -> None:
    links = [
        _link("здесь", around="Для записи на приём заполните заявку", container="p"),
        _link("Толығырақ", title="Конкурс туралы хабарландыру"),
        _link("Read more", described="Legal aid for citizens"),
        _link("Подробнее", title="Подробнее"),  # a title that repeats the text is no context
    ]
    result = link_text.audit({"links": links})
    kinds = {(f.data["text"], f.data["kind"]): f for f in result.findings}
    assert kinds[("подробнее", link_text.NO_CONTEXT)].wcag == ["2.4.4"]
    for text in ("здесь", "толығырақ", "read more"):
        assert kinds[(text, link_text.IN_CONTEXT)].wcag == ["2.4.9"]
    assert result.findings[0].data["kind"] == link_text.NO_CONTEXT  # failures first


def test_named_pager_and_short_context_links_pass_or_stay_bare() -> None:
    links = [_link("Подробнее о конкурсе", how="aria-label"), _link("Далее", pager=True)]
    assert link_text.audit({"links": links}).findings == []
    lone = link_text.audit({"links": [_link("Подробнее", around="» 12.03", container="li")]})
    assert lone.findings[0].data["kind"] == link_text.NO_CONTEXT


def test_a_page_that_could_not_be_read_is_an_error() -> None:
    assert link_text.audit({"error": "Target closed"}).status == "error"


@pytest.mark.parametrize(("alt", "src"), [
    ("IMG_2034.jpg", ""), ("banner-1.png", ""), ("photo_2023-05-12 10.23.11.jpeg", ""),
    ("DSC0001", ""), ("slide_03", "/upload/iblock/slide_03.gif"), ("Схема проезда.JPG", ""),
    ("3f2a9c0b7d1e4a6b8c9d", ""), ("WhatsApp Image 2023-05-12 at 10.23.11", ""),
    ("IMG_20230512_102311", ""),
])
def test_file_name_alts(alt: str, src: str) -> None:
    assert is_file_name(alt, src)


@pytest.mark.parametrize(("alt", "src"), [
    ("Т.Қ. Жүргенов атындағы театр.", "teatr.jpg"), ("Ақорда резиденциясы, akorda.kz", ""),
    ("gerb", "/img/gerb.png"), ("Версия 2.0 портала", ""), ("Приём граждан 12 марта 2024", ""),
    ("", "x.png"), ("Фото 2023 года", ""),
])
def test_word_alts(alt: str, src: str) -> None:
    assert not is_file_name(alt, src)


def _image(**extra: Any) -> dict[str, Any]:
    return {"selector": "img.x", "snippet": "<img>", "alt": "", "alt_raw_empty": True,
            "title": "", "src": "a.png", "role": "", "aria_label": "", "in_control": "",
            "control_name": "", "control_selector": "", **extra}


def test_empty_alt_with_title() -> None:
    result = alt_text.audit({"images": [
        _image(title="Схема проезда"),
        _image(title="Мы в Facebook", in_control="a", control_selector="a.fb"),
        _image(title="Іздеу", in_control="button", control_selector="button.go"),
        _image(title="Карта", in_control="a", control_name="Как добраться"),
        _image(title=""), _image(alt="Схема", alt_raw_empty=False, title="Схема"),
    ]})
    got = [(f.data["kind"], f.needs_review, f.wcag, f.selector) for f in result.findings]
    assert got == [
        (alt_text.EMPTY_ALT_TITLE_CONTROL, False, ["1.1.1", "2.4.4"], "a.fb"),
        (alt_text.EMPTY_ALT_TITLE_CONTROL, False, ["1.1.1", "4.1.2"], "button.go"),
        (alt_text.EMPTY_ALT_TITLE, True, ["1.1.1"], "img.x"),
    ]


def test_file_name_alt_is_a_failure() -> None:
    result = alt_text.audit({"images": [_image(alt="IMG_2034.jpg", alt_raw_empty=False)]})
    assert result.status == "failed" and result.findings[0].data["kind"] == alt_text.FILE_NAME


def _field(**extra: Any) -> dict[str, Any]:
    return {"selector": "input.q", "snippet": "<input>", "placeholder": "Поиск", "label": "",
            "aria_label": "", "labelledby": "", "title": "", "role": "", **extra}


def test_placeholder_only_fields() -> None:
    fields = [_field(), _field(label="Поиск по сайту"), _field(aria_label="Іздеу"),
              _field(labelledby="Пароль"), _field(title="Поиск"), _field(label="  ")]
    result = form_labels.audit({"fields": fields})
    assert [f.data["kind"] for f in result.findings] == [form_labels.PLACEHOLDER_ONLY] * 2
    assert result.findings[0].wcag == ["1.3.1", "3.3.2"]
    assert not any(f.needs_review for f in result.findings)


def test_a_lone_search_field_beside_a_worded_button_needs_review() -> None:
    [finding] = form_labels.audit({"fields": [_field(button="Іздеу")]}).findings
    assert finding.needs_review and finding.data["button"] == "Іздеу"


def test_fieldsets_of_choices_need_a_legend() -> None:
    base = {"selector": "fieldset", "snippet": "<fieldset>", "choices": 3, "has_legend": False,
            "legend": "", "aria_label": "", "labelledby": ""}
    result = form_labels.audit({"fieldsets": [
        base, {**base, "has_legend": True, "legend": " "}, {**base, "legend": "Ваш ответ"},
        {**base, "labelledby": "Как вы оцениваете"}]})
    assert [f.data["empty_legend"] for f in result.findings] == [False, True]
    assert all(f.wcag == ["1.3.1"] for f in result.findings)


def _table(rows: list[list[list[int]]], **extra: Any) -> dict[str, Any]:
    return {"selector": "table.t", "snippet": "<table>", "role": "", "rows": rows,
            "row_count": len(rows), "nested": False, "controls": 0, "headers": 0,
            "caption": "", **extra}


TEXT = [12, 0, 0, 0, 0, 1]  # [chars, media, blocks, link_only, is_th, colspan]
LINK = [12, 0, 0, 1, 0, 1]
PARAGRAPHS = [900, 0, 4, 0, 0, 1]
IMAGE = [0, 1, 0, 0, 0, 1]


def test_data_table_without_headers_is_flagged() -> None:
    result = table_headers.audit({"tables": [_table([[TEXT] * 3] * 4)]})
    [finding] = result.findings
    assert finding.data == {"kind": "table-no-headers", "rows": 4, "columns": 3, "caption": ""}


@pytest.mark.parametrize("table", [
    _table([[TEXT] * 3] * 4, headers=2),
    _table([[TEXT] * 3] * 4, role="presentation"),
    _table([[TEXT] * 3] * 4, nested=True),
    _table([[TEXT] * 2] * 3, controls=2),
    _table([[IMAGE, TEXT, TEXT], [IMAGE, PARAGRAPHS], [TEXT]]),  # the old gov layout
    _table([[LINK] * 3] * 2),  # a menu grid
    _table([[IMAGE] * 2] * 2),  # a photo grid
    _table([[TEXT] * 5]),  # one row
])
def test_layout_and_headed_tables_are_not(table: dict[str, Any]) -> None:
    assert table_headers.audit({"tables": [table]}).findings == []


def test_deprecated_elements_one_finding_attributes_alone_none() -> None:
    result = deprecated.audit({"deprecated": {
        "counts": {"font": 12, "center": 1}, "attributes": {"align": 4},
        "example": {"selector": "font", "snippet": "<font>"}}})
    [finding] = result.findings
    assert finding.wcag == [] and finding.impact == "minor" and finding.data["counts"] == {
        "font": 12, "center": 1}
    assert "<font> × 12, <center> × 1" in finding.message
    assert deprecated.audit({"deprecated": {"counts": {}, "attributes": {"bgcolor": 3}}}
                            ).findings == []


def test_only_the_bare_kind_counts_under_wcag_2_1_aa() -> None:
    from tester.wcag import apply_to_check

    links = [_link("Подробнее"), _link("здесь", around="Заявку на приём заполните", container="p")]
    both = apply_to_check(link_text.audit({"links": links}), "2.1", "AA")
    assert both.status == "failed"
    assert {f.data["kind"]: f.advisory for f in both.findings} == {
        link_text.NO_CONTEXT: False, link_text.IN_CONTEXT: True}
    in_context = apply_to_check(link_text.audit({"links": links[1:]}), "2.1", "AA")
    assert in_context.status == "passed" and in_context.findings[0].advisory
