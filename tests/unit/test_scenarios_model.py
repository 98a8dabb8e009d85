"""Pure pieces of scenarios: text matching, descriptions, language codes, YAML line marks."""

from __future__ import annotations

import re

import pytest

from tester.scenarios.model import (
    Expectation,
    ScenarioStep,
    Target,
    TextMatch,
    parse_text_match,
)
from tester.scenarios.targets import lang_matches
from tester.scenarios.yamlmarks import MarkedDict, MarkedList, YamlSyntaxError, load_marked


def test_substring_match_ignores_case_and_spacing() -> None:
    match = parse_text_match("Обращения  граждан")
    assert match.regex is None
    assert match.matches("Раздел ОБРАЩЕНИЯ\u00a0граждан\n")
    assert not match.matches("Обращения")


def test_regex_match_and_flags() -> None:
    match = parse_text_match("/^Байланыс$/")
    assert match.regex is not None and match.matches("Байланыс")
    assert not match.matches("байланыс")
    assert parse_text_match("/^байланыс$/i").matches("БАЙЛАНЫС")
    assert parse_text_match("/").regex is None  # a lone slash is just text
    with pytest.raises(re.error):
        parse_text_match("/(/")


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [("kk", "kk", True), ("kk", "kk-KZ", True), ("kk", "KK_kz", True), ("kk", "ru", False),
     ("kk", "", False), ("kk", "kz", False), ("kk-KZ", "kk-kz", True), ("kk-KZ", "kk", False)],
)
def test_lang_matches(expected: str, actual: str, ok: bool) -> None:
    assert lang_matches(expected, actual) is ok


def test_step_descriptions_used_in_messages() -> None:
    link = Target("role", "link", TextMatch("Байланыс"))
    assert ScenarioStep("click", 3, target=link).describe() == "click link 'Байланыс'"
    assert ScenarioStep("click", 3, name="Меню", target=link).label == "Меню"
    expect = Expectation(text=TextMatch("Телефон"), lang="kk",
                         visible=Target("css", "#phone"))
    assert ScenarioStep("expect", 4, expect=expect).describe() == (
        "expect text 'Телефон', lang 'kk', visible css '#phone'")
    assert ScenarioStep("press", 5, value="Enter").describe() == "press Enter"
    assert ScenarioStep("select", 6, target=Target("label", "Язык", TextMatch("Язык")),
                        value="Қазақша").describe() == "select 'Қазақша' in label 'Язык'"
    assert ScenarioStep("wait", 7, ms=300).describe() == "wait 300 ms"
    assert Target("role", "navigation").describe() == "navigation"


def test_marked_yaml_keeps_lines_through_anchors_and_merges() -> None:
    doc = load_marked(
        "base: &b\n"
        "  role: link\n"
        "steps:\n"
        "  - click:\n"
        "      <<: *b\n"
        "      name: Байланыс\n"
        "  - goto: /\n"
    )
    assert isinstance(doc, MarkedDict) and doc.line_of("steps") == 3
    steps = doc["steps"]
    assert isinstance(steps, MarkedList) and steps.item_lines == [4, 7]
    click = steps[0]["click"]
    assert click == {"role": "link", "name": "Байланыс"}
    assert click.line_of("name") == 6


def test_marked_yaml_errors_carry_lines() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_marked("a: 1\nb: [1, 2\nc: 3\n")
    assert info.value.line >= 2 and info.value.message.startswith("YAML syntax:")
    with pytest.raises(YamlSyntaxError) as info:
        load_marked("? [a, b]\n: 1\n")
    assert "a key must be a plain value" in info.value.message and info.value.line == 1
    assert load_marked("") is None
