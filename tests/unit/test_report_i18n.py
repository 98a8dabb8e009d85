"""The message catalog: same keys and placeholders in en/ru/kk, real translations, no leaks."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from tester.browser import BROWSER_ERRORS, OTHER_ERROR, OWN_ERRORS
from tester.checks.lowvision import LOWVISION_CHECKS
from tester.config import ALL_TASKS
from tester.report import (
    LANGUAGES,
    ReportError,
    load_result,
    messages,
    render_html,
    render_junit,
    render_markdown,
)
from tester.report.i18n import Translator
from tester.report.summary import IMPACTS, SCORE_BANDS, STATUSES
from tester.runner import AUDIT_ERROR
from tester.scenarios.model import STEP_KINDS
from tester.scores import score_site
from tester.site import SITE_CHECK_IDS

REPORT_DIR = Path(__file__).resolve().parents[2] / "tester" / "report"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "result.json"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Keys whose value is a proper name, a standard's name or a symbol in every language.
SAME_IN_ALL = {"source.axe", "source.ashyq", "page.axe", "finding.wcag", "finding.snippet",
               "value.none"}
# Keys built at run time from data: `t("status." ~ status)`, `t(f"task.title.{id}")`, ...
# Each family is checked against what the product really produces in the test below.
DYNAMIC_PREFIXES = ("status.", "source.", "impact.", "axe.", "summary.tasks_", "summary.findings_",
                    "task.title.", "action.", "language.", "junit.task_", "check.title.",
                    "check.about.", "score.", "evidence.", "site_error.", "notice.")
# Catalog keys are dotted ("task.clicks"); a literal key passed to t(...) or t.optional(...).
STATIC_CALL = re.compile(r"""\b(?:t|self)\(\s*["']([a-z0-9_-]+\.[a-z0-9_.-]+)["']\s*[,)]""")
STATIC_METHOD = re.compile(r"""\bt\.optional\(\s*f?["']([a-z0-9_-]+\.[a-z0-9_.-]+)["']""")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _used_keys() -> set[str]:
    sources = [*REPORT_DIR.glob("templates/*.jinja"), *REPORT_DIR.glob("*.py")]
    keys: set[str] = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        keys |= set(STATIC_CALL.findall(text)) | set(STATIC_METHOD.findall(text))
    return keys


def test_all_catalogs_have_the_same_keys_and_placeholders() -> None:
    reference = messages("en")
    for language in LANGUAGES:
        catalog = messages(language)
        assert set(catalog) == set(reference), language
        for key, text in catalog.items():
            assert text.strip(), (language, key)
            assert _placeholders(text) == _placeholders(reference[key]), (language, key)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_translations_are_real(language: str) -> None:
    english, catalog = messages("en"), messages(language)
    untranslated = [k for k in catalog if catalog[k] == english[k] and k not in SAME_IN_ALL]
    assert untranslated == []
    cyrillic = [k for k, v in catalog.items() if re.search(r"[а-яәғқңөұүһі]", v, re.I)]
    assert len(cyrillic) > 0.85 * len(catalog)


def test_kazakh_uses_kazakh_letters() -> None:
    catalog = messages("kk")
    with_letters = [k for k, v in catalog.items() if KAZAKH_LETTERS & set(v)]
    assert len(with_letters) > 0.5 * len(catalog)
    assert "Қазақша" in catalog["task.title.switch-to-kazakh"]
    assert catalog["task.title.find-appeal-procedure"].startswith("Өтініш")


def test_every_key_used_by_code_exists_and_every_key_is_used() -> None:
    catalog = messages("en")
    used = _used_keys()
    assert used - set(catalog) == set()
    unused = [k for k in catalog if k not in used and not k.startswith(DYNAMIC_PREFIXES)]
    assert unused == []


def _family(catalog: dict[str, str], prefix: str) -> set[str]:
    return {key.removeprefix(prefix) for key in catalog
            if key.startswith(prefix) and "." not in key.removeprefix(prefix)}


def test_dynamic_key_families_match_what_ashyq_produces() -> None:
    catalog = messages("en")
    check_ids = set(SITE_CHECK_IDS) | {check.id for check in LOWVISION_CHECKS}
    assert _family(catalog, "check.title.") == check_ids
    assert _family(catalog, "check.about.") == check_ids
    assert _family(catalog, "task.title.") == set(ALL_TASKS)
    assert set(STEP_KINDS) <= _family(catalog, "action.")
    # A site where every score is measurable yields exactly the catalog's score keys.
    site = load_result(GOLDEN).sites[0]
    assert set(score_site(site)) == {"tasks", "accessibility", "low_vision", "kazakh_rules"}
    assert _family(catalog, "score.") - {"heading", "not_measured", "none"} == set(score_site(site))
    assert _family(catalog, "score.about.") == set(score_site(site))
    assert _family(catalog, "score.band.") == {band for _, band in SCORE_BANDS}
    # Every error key the browser layer and the runner give a site or page has its words.
    codes = {key for _, key, _ in BROWSER_ERRORS} | set(OWN_ERRORS.values()) | {
        OTHER_ERROR, AUDIT_ERROR, "http-status", "unresponsive", "never-settled",
        "navigation-loop", "dialog-flood", "popup-flood"}
    assert codes <= _family(catalog, "site_error.") - {"heading", "summary", "detail"}
    assert {"ocr-missing", "stopped"} <= _family(catalog, "notice.")
    assert _family(catalog, "status.") == set(STATUSES) and _family(catalog, "impact.") == {
        *IMPACTS, "needs_review"}


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_check_descriptions_cite_their_rule(language: str) -> None:
    catalog = messages(language)
    about = {key: text for key, text in catalog.items() if key.startswith("check.about.")}
    for check in LOWVISION_CHECKS:
        text = about[f"check.about.{check.id}"]
        # small-text is best practice; every other low-vision check names its WCAG criteria.
        assert "WCAG" in text and all(c in text for c in check.wcag if check.id != "small-text")
    assert "124-НҚ" in about["check.about.news-freshness"]
    assert all(len(text) < 240 for text in about.values())  # one line under the title


@pytest.mark.parametrize("language", LANGUAGES)
def test_rendered_reports_leak_no_key_names(language: str) -> None:
    result = load_result(GOLDEN)
    outputs = [render_html(result, language), render_markdown(result, language),
               render_junit(result)]
    keys = messages("en")
    for output in outputs:
        leaked = [key for key in keys if key in output]
        assert leaked == []
    html = outputs[0]
    assert f'<html lang="{language}">' in html
    assert messages(language)["report.title"] in html


def test_russian_and_kazakh_reports_read_in_their_language() -> None:
    result = load_result(GOLDEN)
    kk = render_html(result, "kk")
    assert "Байланыс деректерін табу" in kk and "Орындалды" in kk and "4,8 с" in kk
    assert "Find the contact details" not in kk and "Passed" not in kk
    ru = render_markdown(result, "ru")
    assert "Найти контактные данные" in ru and "✗ Не выполнено" in ru and "1 мин 38 с" in ru


def test_unknown_language_is_a_report_error() -> None:
    with pytest.raises(ReportError, match="unsupported report language 'de'"):
        messages("de")
    with pytest.raises(ReportError):
        render_html(load_result(GOLDEN), "de")


def test_translator_falls_back_to_english_and_fills_placeholders() -> None:
    t = Translator("kk")
    assert t("site.heading", name="X") == "Сайт: X"
    assert t.optional("task.title.unknown-task", "Some task") == "Some task"
    assert t.duration(98.0) == "1 мин 38 с" and t.milliseconds(41.2) == "41 мс"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_task_evidence_of_a_real_run_has_labels() -> None:
    catalog = messages("kk")
    demo = load_result(GOLDEN.parent / "demo" / "result.json")
    keys = {key for site in demo.sites for task in site.tasks for key in task.evidence}
    assert keys and keys <= _family(catalog, "evidence."), keys - _family(catalog, "evidence.")
