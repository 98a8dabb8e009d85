"""The one message catalog (tester/i18n/<lang>.json), walked key by key in every language.

No key is missing in ru or kk, placeholders and plural forms agree, translations are real, no
English sentence hides in a kk or ru entry (and the check catches one planted there), every key
the code names exists and every key is used.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from support.language_scan import english_sentences

from tester import i18n
from tester.i18n import (
    CATALOG_DIR,
    KAZAKH_LETTERS,
    LANGUAGES,
    PLURAL_FORMS,
    catalog,
    placeholders,
)

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = catalog("en")
KEYS = sorted(ENGLISH)
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]{3,}", re.IGNORECASE)
# Entries that read the same in every language: names, symbols, or placeholders only.
SAME_IN_ALL = {"source.axe", "source.ashyq", "page.axe", "finding.wcag", "finding.snippet",
               "value.none"}
# Keys built at run time from data; each family is checked against the product in
# tests/unit/test_report_i18n.py (report families) or below (producer families).
REPORT_FAMILIES = ("status.", "source.", "impact.", "axe.", "summary.tasks_", "summary.findings_",
                   "task.title.", "action.", "language.", "junit.task_", "check.title.",
                   "check.about.", "score.", "evidence.", "site_error.", "notice.", "noun.")
KEY_LIKE = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_-]*[a-z0-9])+$")


def _texts(entry: str | dict[str, str]) -> list[str]:
    return [entry] if isinstance(entry, str) else list(entry.values())


def _words_only(template: str) -> str:
    return re.sub(r"\{[^{}]*\}", " ", template)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_key_in_the_same_shape(language: str) -> None:
    entries = catalog(language)
    assert set(entries) == set(ENGLISH), set(entries) ^ set(ENGLISH)
    for key, entry in entries.items():
        reference = ENGLISH[key]
        assert isinstance(entry, str) == isinstance(reference, str), (language, key)
        assert all(text.strip() for text in _texts(entry)), (language, key)
        assert placeholders(entry) == placeholders(reference), (language, key)
        if isinstance(entry, dict):  # a counted noun: the forms the language needs, by `count`
            assert set(entry) == set(PLURAL_FORMS[language]), (language, key)
            assert "count" in placeholders(entry), key


NOUN_SPEC = re.compile(r"\{([a-z_]+):(noun\.[a-z-]+)\}")


def test_every_counted_value_names_a_plural_noun() -> None:
    counted = [(language, key, noun) for language in LANGUAGES
               for key, entry in catalog(language).items() for text in _texts(entry)
               for _, noun in NOUN_SPEC.findall(text)]
    assert len(counted) >= 30
    for language, key, noun in counted:
        assert isinstance(catalog(language).get(noun), dict), (language, key, noun)
    # Every noun is a plural entry and is used: by a message, or by the code (terminal lines).
    nouns = {key for key in ENGLISH if key.startswith("noun.")}
    assert all(isinstance(ENGLISH[key], dict) for key in nouns)
    in_code = {f"noun.{name}" for path in (ROOT / "tester").rglob("*.py")
               for name in COUNTED_IN_CODE.findall(path.read_text(encoding="utf-8"))}
    assert len(in_code) >= 15
    assert {noun for _, _, noun in counted} | in_code == nouns


COUNTED_IN_CODE = re.compile(r"""counted\(["']([a-z-]+)["']""")


def test_the_plural_check_catches_a_missing_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(i18n._load("ru"), "noun.page", {"one": "{count} страница",
                                                         "other": "{count} страницы"})
    with pytest.raises(AssertionError):
        test_every_language_has_every_key_in_the_same_shape("ru")


def test_catalog_files_are_sorted_readable_json() -> None:
    for language in LANGUAGES:
        path = CATALOG_DIR / f"{language}.json"
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert list(data) == sorted(data), f"{path.name}: keys out of order"
        assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n", path.name


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_translations_are_real(language: str) -> None:
    entries = catalog(language)
    copies = [key for key in KEYS if entries[key] == ENGLISH[key] and key not in SAME_IN_ALL
              and any(_words_only(text).strip(" .,;:()") for text in _texts(ENGLISH[key]))]
    assert copies == []
    cyrillic = [key for key in KEYS if CYRILLIC.search(" ".join(_texts(entries[key])))]
    assert len(cyrillic) > 0.85 * len(KEYS)
    if language == "kk":
        kazakh = [key for key in KEYS if KAZAKH_LETTERS & set(" ".join(_texts(entries[key])))]
        assert len(kazakh) > 0.5 * len(KEYS)
    else:
        # A sentence (not a loanword such as "Браузер") copied from Kazakh is no translation.
        ru_copies_of_kk = [key for key in KEYS if entries[key] == catalog("kk")[key]
                           and len(CYRILLIC_WORD.findall(" ".join(_texts(entries[key])))) > 2]
        assert ru_copies_of_kk == []


def _english_in(language: str, entries: dict[str, str | dict[str, str]]) -> dict[str, list[str]]:
    found = {}
    for key, entry in entries.items():
        hits = [hit for text in _texts(entry) for hit in english_sentences(_words_only(text))]
        if hits:
            found[key] = hits
    return found


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_no_english_sentence_in_a_kazakh_or_russian_entry(language: str) -> None:
    assert _english_in(language, catalog(language)) == {}


def test_the_english_check_catches_a_sentence_planted_in_kazakh() -> None:
    planted = dict(catalog("kk"))
    planted["check.broken-links.none"] = "No in-scope links on the audited pages."
    planted["lowvision.note.no-visible-text"] = "Бетте мәтін жоқ: the page has no visible text"
    assert set(_english_in("kk", planted)) == {"check.broken-links.none",
                                               "lowvision.note.no-visible-text"}
    # What may stay Latin does not count: terms, code, CSS, URLs and quoted page text.
    assert english_sentences("Түзету: overflow-x: auto контейнеріне салыңыз (WCAG 1.4.10), "
                             "«Contact the office» https://gov.test/en/contact-us e-mail") == []


def _source_strings() -> tuple[set[str], set[str]]:
    """(every string literal in tester/**/*.py and the report templates, the dotted keys among
    the arguments of say/t/text/optional/not_found calls)."""
    literals: set[str] = set()
    called: set[str] = set()
    for path in sorted((ROOT / "tester").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(
                    node.func, "attr", None)) in {"say", "t", "text", "optional", "not_found"}:
                for arg in node.args:
                    options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
                    called |= {o.value for o in options if isinstance(o, ast.Constant)
                               and isinstance(o.value, str) and KEY_LIKE.match(o.value)}
    for path in (ROOT / "tester").rglob("*.jinja"):  # the report's and the dashboard's
        text = path.read_text(encoding="utf-8")
        literals |= set(re.findall(r"""["']([a-z0-9_]+(?:\.[a-z0-9_-]+)+)["']""", text))
        called |= {key for key in re.findall(
            r"""\bt(?:\.optional)?\(\s*["']([a-z0-9_.-]+)["']""", text)
            if KEY_LIKE.match(key)}  # not a family's prefix: t("status." ~ task.status)
    return literals, called


def test_every_key_the_code_names_exists() -> None:
    _, called = _source_strings()
    assert {"task.not-found", "goal.contacts.found", "check.broken-links.broken",
            "lowvision.fragment.ocr-found", "summary.heading"} <= called
    assert called - set(ENGLISH) == set()


def test_every_key_is_used() -> None:
    literals, _ = _source_strings()

    def used(key: str) -> bool:
        if key in literals or key.startswith(REPORT_FAMILIES):
            return True
        # lowvision.<kind>, lowvision.state.<state>, lowvision.note.<name> and the language
        # forms check.language-parity.{name,in,of}.<code> are named by their last part.
        family = key.startswith(("lowvision.", "check.language-parity.name.",
                                 "check.language-parity.in.", "check.language-parity.of."))
        return family and key.rsplit(".", 1)[-1] in literals

    assert [key for key in KEYS if not used(key)] == []
